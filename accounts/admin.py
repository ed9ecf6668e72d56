from django.contrib import admin

from . import policies
from .models import Consent, Policy, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "updated_at"]
    search_fields = ["display_name", "user__email"]
    raw_id_fields = ["user"]


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    """A new text is a new version: versions people agreed to are never edited."""

    list_display = ["kind", "version", "effective_on", "created_at"]
    list_filter = ["kind"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.consents.exists():
            return ["kind", "version", "body", "effective_on"]
        return []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        policies.forget_versions_in_force()

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.consents.exists()


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "policy", "agreed_at"]
    list_filter = ["policy"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
