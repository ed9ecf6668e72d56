from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/calendar.ics", views.event_calendar, name="calendar"),
    path("<int:pk>/signup/", views.signup_edit, name="signup"),
    path("<int:pk>/applications/", views.application_list, name="applications"),
    path("signup/confirm/<str:token>/", views.application_confirm, name="confirm"),
    path("signup/<str:token>/", views.application_page, name="application"),
]
