from django.contrib import admin

from .models import IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Read only: documents are issued and reissued from the staff desk, never edited."""

    list_display = ["document_number", "kind", "project", "issued_on", "issued_by"]
    list_filter = ["kind", "fiscal_year"]
    search_fields = ["document_number", "project__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
