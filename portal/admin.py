from django.contrib import admin


class HistoryAdmin(admin.ModelAdmin):
    """A history table in the admin: readable, never written by hand (the lifecycle writes it)."""

    list_display = ["created_at", "actor", "action", "from_status", "to_status", "visibility"]
    list_filter = ["action", "visibility"]
    date_hierarchy = "created_at"
    search_fields = ["comment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
