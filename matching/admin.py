from django.contrib import admin

from .models import ContactRequest, ContactRequestTransition, RelatedWords


class TransitionInline(admin.TabularInline):
    model = ContactRequestTransition
    extra = 0
    can_delete = False
    readonly_fields = ("created_at", "actor", "action", "from_status", "to_status", "comment")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    """Read only: a request changes through its lifecycle, never by hand."""

    list_display = ("sender", "recipient", "status", "created_at", "answered_at")
    list_filter = ("status",)
    search_fields = ("sender__name", "recipient__name")
    readonly_fields = (
        "sender",
        "sender_user",
        "recipient",
        "message",
        "status",
        "answered_by",
        "created_at",
        "answered_at",
    )
    inlines = [TransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RelatedWords)
class RelatedWordsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "code", "order")
    list_editable = ("order",)
    search_fields = ("words", "code")
