from django.urls import path

from portal.caching import public_page

from . import search, views

app_name = "pages"
urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("accessibility/", public_page(views.accessibility), name="accessibility"),
    path("subscribe/", public_page(views.subscribe), name="subscribe"),
    path("terms/", public_page(views.policy), {"kind": "terms"}, name="terms"),
    path(
        "terms/<int:version>/", public_page(views.policy), {"kind": "terms"}, name="terms_version"
    ),
    path("privacy/", public_page(views.policy), {"kind": "privacy"}, name="privacy"),
    path(
        "privacy/<int:version>/",
        public_page(views.policy),
        {"kind": "privacy"},
        name="privacy_version",
    ),
    path("search/", public_page(search.site_search), name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", public_page(views.robots, shared=True), name="robots"),
]
