from django.urls import path

from portal.caching import public_page

from . import figures_views, views

app_name = "principles"
urlpatterns = [
    path("principles/", public_page(views.principle_list), name="list"),
    path("forms/", public_page(views.form_list), name="forms"),
    path("projects/<int:pk>/evaluation/", views.evaluation_entry, name="evaluation"),
    path("projects/<int:pk>/evaluation/notes/", views.joint_notes, name="joint_notes"),
]

urlpatterns += [
    path("evaluations/", public_page(figures_views.evaluation_figures), name="figures"),
]
