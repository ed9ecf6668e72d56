from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CityProfile


@admin.register(CityProfile)
class CityProfileAdmin(admin.ModelAdmin):
    """The one profile in use: edited, never added twice nor deleted."""

    list_display = ["name", "portal_name", "local_government_code", "updated_at"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (
            _("市区町村"),
            {
                "fields": [
                    ("name", "name_en"),
                    "prefecture",
                    "local_government_code",
                    "slug",
                    ("tagline", "tagline_en"),
                ]
            },
        ),
        (
            _("ポータル"),
            {
                "fields": [
                    ("portal_name", "portal_name_en"),
                    "site_description",
                    "site_description_en",
                ]
            },
        ),
        (
            _("問い合わせ先"),
            {
                "fields": [
                    ("department_name", "department_name_en"),
                    "contact_name",
                    "contact_name_en",
                    "contact_address",
                    ("contact_phone", "contact_fax"),
                    "contact_email",
                    "contact_url",
                ]
            },
        ),
        (
            _("指針"),
            {
                "fields": [
                    "guideline_title",
                    "guideline_title_en",
                    "guideline_date",
                    "source_line",
                    "source_line_en",
                ]
            },
        ),
        (_("通知書"), {"fields": ["notice_issuer", "notice_number_format"]}),
        (_("メール"), {"fields": ["mail_from", "mail_signature", "updated_at"]}),
    ]

    def has_add_permission(self, request):
        return not CityProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
