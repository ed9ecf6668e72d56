from django.urls import path

from .views import public

app_name = "organizations"
urlpatterns = [
    path("", public.organization_list, name="list"),
    path("<int:pk>/", public.organization_detail, name="detail"),
]
