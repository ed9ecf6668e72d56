from django.urls import path

from . import figures_views, views

app_name = "principles"
urlpatterns = [
    path("principles/", views.principle_list, name="list"),
    path("forms/", views.form_list, name="forms"),
    path("projects/<int:pk>/evaluation/", views.evaluation_entry, name="evaluation"),
    path("projects/<int:pk>/evaluation/notes/", views.joint_notes, name="joint_notes"),
]

urlpatterns += [
    path("evaluations/", figures_views.evaluation_figures, name="figures"),
]
