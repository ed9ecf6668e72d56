from django.urls import path

from portal.caching import public_page

from . import views

app_name = "opendata"
urlpatterns = [
    path("", public_page(views.index), name="index"),
    path(
        "projects.csv",
        public_page(views.dataset_csv, shared=True),
        {"name": "projects"},
        name="projects_csv",
    ),
    path(
        "projects.json",
        public_page(views.dataset_json, shared=True),
        {"name": "projects"},
        name="projects_json",
    ),
    path(
        "organizations.csv",
        public_page(views.dataset_csv, shared=True),
        {"name": "organizations"},
        name="organizations_csv",
    ),
    path(
        "organizations.json",
        public_page(views.dataset_json, shared=True),
        {"name": "organizations"},
        name="organizations_json",
    ),
    path(
        "events.csv",
        public_page(views.dataset_csv, shared=True),
        {"name": "events"},
        name="events_csv",
    ),
]
