from django.contrib import admin

from .models import ChecklistItem, Evaluation, EvaluationScore, Principle


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["name", "definition", "order"]
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
    list_display = ["project", "department", "organization", "recommendation", "submitted_at"]
    list_filter = ["recommendation"]
    search_fields = ["project__title", "organization__name"]
    autocomplete_fields = ["project", "organization"]
    inlines = [EvaluationScoreInline]
