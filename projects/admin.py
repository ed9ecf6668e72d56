from django.contrib import admin

from portal.admin import HistoryAdmin

from .models import (
    CohostingDetail,
    CommissionDetail,
    CommitteeDetail,
    CooperationDetail,
    Event,
    FormGuide,
    Partner,
    PatronageDetail,
    Project,
    Report,
    SubsidyDetail,
    Transition,
)


@admin.register(FormGuide)
class FormGuideAdmin(admin.ModelAdmin):
    """The guideline's explanation of each form, shown on /forms/, the top page and the
    first step of a proposal."""

    list_display = ["form", "definition", "order"]
    list_editable = ["order"]
    fields = ["form", "definition", "effect", "examples", "order"]


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    autocomplete_fields = ["organization"]


class EventInline(admin.StackedInline):
    model = Event
    extra = 0


class TransitionInline(admin.TabularInline):
    """The audit trail is read-only: it records what happened."""

    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = [
        "created_at",
        "actor",
        "action",
        "from_status",
        "to_status",
        "comment",
        "visibility",
    ]

    def has_add_permission(self, request, obj=None):
        return False


def detail_inline(detail_model):
    return type(
        f"{detail_model.__name__}Inline",
        (admin.StackedInline,),
        {"model": detail_model, "extra": 0, "max_num": 1},
    )


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "receipt_number",
        "form",
        "fiscal_year",
        "lead_organization",
        "status",
        "is_hidden",
    ]
    list_filter = ["status", "is_hidden", "form", "fiscal_year", "area", "department", "fields"]
    search_fields = [
        "title",
        "receipt_number",
        "summary",
        "lead_organization__name",
        "partners__name",
    ]
    autocomplete_fields = ["lead_organization", "coordinator", "created_by"]
    filter_horizontal = ["fields"]
    # Status changes go through the lifecycle so that they are recorded.
    readonly_fields = [
        "status",
        "receipt_number",
        "created_at",
        "updated_at",
        "submitted_at",
        "published_at",
    ]
    inlines = [
        PartnerInline,
        EventInline,
        *[
            detail_inline(model)
            for model in (
                SubsidyDetail,
                PatronageDetail,
                CommissionDetail,
                CommitteeDetail,
                CooperationDetail,
                CohostingDetail,
            )
        ],
        TransitionInline,
    ]
    list_select_related = ["lead_organization"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "starts_on", "place"]
    list_filter = ["starts_on"]
    search_fields = ["title", "project__title", "place"]
    autocomplete_fields = ["project"]
    date_hierarchy = "starts_on"


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["project", "status", "submitted_at", "accepted_at"]
    list_filter = ["status"]
    search_fields = ["project__title"]
    autocomplete_fields = ["project"]


@admin.register(Transition)
class TransitionAdmin(HistoryAdmin):
    list_display = ["project", *HistoryAdmin.list_display]
    search_fields = ["project__title", "comment"]
