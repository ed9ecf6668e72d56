from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("queues/<slug:name>.<str:fmt>", views.queue_export, name="queue_export"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_file, name="project_file"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/actions/<slug:action>/", views.project_action, name="project_action"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<int:pk>/", views.organization_review, name="organization_review"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path(
        "organizations/<int:pk>/actions/<slug:action>/",
        views.organization_action,
        name="organization_action",
    ),
    path("notifications/<int:pk>/resend/", views.notification_resend, name="notification_resend"),
    path(
        "notifications/<int:pk>/resolve/",
        views.notification_resolve,
        name="notification_resolve",
    ),
    path("figures/", views.figures, name="figures"),
    path("figures/<slug:dimension>.<str:fmt>", views.figures_export, name="figures_export"),
]
