from django.urls import path

from portal.caching import public_page

from . import views

app_name = "volunteers"
urlpatterns = [
    path("", public_page(views.request_list), name="list"),
    path("<int:pk>/", public_page(views.request_detail), name="detail"),
    path("<int:pk>/edit/", views.request_edit, name="edit"),
    path("<int:pk>/applications/", views.application_list, name="applications"),
    path("new/<int:organization_pk>/", views.request_create, name="create"),
    path("applications/<int:pk>/answer/", views.application_answer, name="answer"),
]
