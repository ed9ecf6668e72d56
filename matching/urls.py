from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("", views.contact_list, name="list"),
    path("new/<int:organization_pk>/", views.contact_new, name="new"),
    path("<int:pk>/", views.contact_detail, name="detail"),
    path("<int:pk>/actions/<str:action>/", views.contact_action, name="action"),
]
