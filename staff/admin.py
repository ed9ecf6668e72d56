from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail is read-only: it records what happened."""

    list_display = ["created_at", "actor", "action", "object_repr", "is_for_organization"]
    list_filter = ["action", "is_for_organization"]
    search_fields = ["object_repr", "comment", "actor__email"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
