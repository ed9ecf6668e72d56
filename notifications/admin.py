from django.contrib import admin

from .models import NotificationFailure


@admin.register(NotificationFailure)
class NotificationFailureAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "error", "resolved_at"]
    list_filter = ["kind", ("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "recipients", "error"]
    readonly_fields = [field.name for field in NotificationFailure._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
