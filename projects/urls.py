from django.urls import path

from .views import public

app_name = "projects"
urlpatterns = [
    path("", public.project_list, name="list"),
    path("<int:pk>/", public.project_detail, name="detail"),
]
