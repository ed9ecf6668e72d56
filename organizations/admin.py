from django.contrib import admin

from portal.admin import HistoryAdmin

from .models import (
    ActivityField,
    Area,
    Department,
    Invitation,
    Membership,
    Organization,
    OrganizationTransition,
)


@admin.register(ActivityField)
class ActivityFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "short_name_en", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "is_coordinating", "phone", "order"]
    list_filter = ["is_coordinating"]
    search_fields = ["name", "code"]
    filter_horizontal = ["staff"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_kana", "kind", "area", "status", "created_at"]
    list_filter = ["status", "kind", "area", "fields"]
    search_fields = ["name", "name_kana", "description", "representative_name"]
    filter_horizontal = ["fields"]
    inlines = [MembershipInline]
    # Decisions go through the lifecycle (the staff desk) so that they are recorded.
    readonly_fields = ["status", "approved_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "name_kana", "kind", "fields", "area", "founded_year"]}),
        ("紹介", {"fields": ["description", "offers", "needs", "logo"]}),
        ("公開する連絡先", {"fields": ["public_email", "public_phone", "public_url"]}),
        (
            "非公開の連絡先",
            {
                "fields": [
                    "representative_name",
                    "representative_phone",
                    "representative_address",
                    "private_email",
                ]
            },
        ),
        ("状態", {"fields": ["status", "created_at", "updated_at", "approved_at"]}),
    ]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "organization",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "organization__name"]
    raw_id_fields = ["organization", "invited_by", "accepted_by"]
    exclude = ["token_hash"]
    readonly_fields = ["created_at", "accepted_at", "accepted_by", "revoked_at"]

    def has_add_permission(self, request):
        # Invitations carry a secret link that only the owner's e-mail delivers.
        return False


@admin.register(OrganizationTransition)
class OrganizationTransitionAdmin(HistoryAdmin):
    list_display = ["organization", *HistoryAdmin.list_display]
    search_fields = ["organization__name", "comment"]
