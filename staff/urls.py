from django.urls import path

from .views import (
    calls,
    desk,
    evaluation_figures,
    evaluations,
    exports,
    messages,
    organizations,
    projects,
)

app_name = "staff"
urlpatterns = [
    path("", desk.desk, name="desk"),
    path("queues/<slug:name>.<str:fmt>", desk.queue_export, name="queue_export"),
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_file, name="project_file"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path(
        "projects/<int:pk>/actions/<slug:action>/", projects.project_action, name="project_action"
    ),
    path("projects/<int:pk>/messages/", messages.project_messages, name="project_messages"),
    path("projects/<int:pk>/evaluation/", evaluations.evaluation_city, name="evaluation"),
    path(
        "projects/<int:pk>/evaluation/decline/",
        evaluations.evaluation_decline,
        name="evaluation_decline",
    ),
    path(
        "projects/<int:pk>/evaluation/remind/",
        evaluations.evaluation_remind,
        name="evaluation_remind",
    ),
    path(
        "projects/<int:pk>/evaluation/extend/",
        evaluations.evaluation_extend,
        name="evaluation_extend",
    ),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/<int:pk>/", organizations.organization_review, name="organization_review"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization_edit"),
    path(
        "organizations/<int:pk>/actions/<slug:action>/",
        organizations.organization_action,
        name="organization_action",
    ),
    path("calls/", calls.call_list, name="call_list"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:pk>/", calls.call_file, name="call_file"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/actions/<slug:action>/", calls.call_action, name="call_action"),
    path("calls/<int:pk>/reviewers/", calls.call_appoint, name="call_appoint"),
    path(
        "calls/<int:pk>/reviewers/<int:reviewer_pk>/dismiss/",
        calls.call_dismiss,
        name="call_dismiss",
    ),
    path(
        "calls/<int:pk>/proposals/<int:project_pk>/decide/",
        calls.call_decide,
        name="call_decide",
    ),
    path("notifications/<int:pk>/resend/", desk.notification_resend, name="notification_resend"),
    path(
        "notifications/<int:pk>/resolve/",
        desk.notification_resolve,
        name="notification_resolve",
    ),
    path("exports/", exports.export_list, name="export_list"),
    path("exports/<int:pk>/download/", exports.export_download, name="export_download"),
    path("figures/", desk.figures, name="figures"),
    path("figures/<slug:dimension>.<str:fmt>", desk.figures_export, name="figures_export"),
    path("evaluations/", evaluation_figures.evaluation_figures, name="evaluation_figures"),
    path(
        "evaluations/<slug:table>.<str:fmt>",
        evaluation_figures.evaluation_figures_export,
        name="evaluation_figures_export",
    ),
]
