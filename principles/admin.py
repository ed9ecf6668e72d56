from django.contrib import admin

from .models import ChecklistItem, Evaluation, EvaluationScore, Principle


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "definition", "order"]
    search_fields = ["name", "definition"]
    inlines = [ChecklistItemInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["text", "principle", "order", "is_active"]
    list_filter = ["principle", "is_active"]
    search_fields = ["text"]


class EvaluationScoreInline(admin.TabularInline):
    model = EvaluationScore
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["project", "department", "organization", "status", "submitted_at"]
    list_filter = ["status", "recommendation"]
    # The state and its stamps are written by the evaluation lifecycle only.
    readonly_fields = ["status", "submitted_at", "declined_at", "decline_reason", "declined_by"]
    search_fields = ["project__title", "organization__name"]
    autocomplete_fields = ["project", "organization"]
    inlines = [EvaluationScoreInline]
