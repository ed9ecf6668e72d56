from django.urls import path

from portal.caching import public_page

from .views import public, review

app_name = "calls"
urlpatterns = [
    path("", public_page(public.call_list), name="list"),
    path("<int:pk>/", public_page(public.call_detail), name="detail"),
    path("<int:pk>/propose/", public.propose, name="propose"),
    path("<int:pk>/proposals/<int:project_pk>/answers/", public.answers, name="answers"),
    path("<int:pk>/review/", review.review_list, name="review_list"),
    path("<int:pk>/review/<int:project_pk>/", review.review_entry, name="review"),
    path(
        "<int:pk>/review/<int:project_pk>/conflict/",
        review.declare_conflict,
        name="declare_conflict",
    ),
]
