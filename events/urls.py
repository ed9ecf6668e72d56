from django.urls import path

from portal.caching import public_page

from . import views

app_name = "events"
urlpatterns = [
    path("", public_page(views.event_list), name="list"),
    path("<int:pk>/", public_page(views.event_detail), name="detail"),
    path("<int:pk>/calendar.ics", public_page(views.event_calendar, shared=True), name="calendar"),
    path("<int:pk>/signup/", views.signup_edit, name="signup"),
    path("<int:pk>/applications/", views.application_list, name="applications"),
    path("signup/confirm/<str:token>/", views.application_confirm, name="confirm"),
    path("signup/<str:token>/", views.application_page, name="application"),
]
