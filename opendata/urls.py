from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("projects.csv", views.dataset_csv, {"name": "projects"}, name="projects_csv"),
    path("projects.json", views.dataset_json, {"name": "projects"}, name="projects_json"),
    path(
        "organizations.csv", views.dataset_csv, {"name": "organizations"}, name="organizations_csv"
    ),
    path(
        "organizations.json",
        views.dataset_json,
        {"name": "organizations"},
        name="organizations_json",
    ),
    path("events.csv", views.dataset_csv, {"name": "events"}, name="events_csv"),
]
