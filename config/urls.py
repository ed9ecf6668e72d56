from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.views import consent
from city.profile import admin_title
from opendata.feeds import NewProjectsFeed, calendar
from pages.sitemaps import SITEMAPS
from portal.caching import public_page

# The admin has no login form of its own: it sends people to allauth's, whose rate limits
# (and e-mail confirmation) then guard the superusers' accounts too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("pages.urls")),
    path("", include("principles.urls")),
    path("projects/", include("projects.urls")),
    path("organizations/", include("organizations.urls")),
    path("calls/", include("calls.urls")),
    path("events/", include("events.urls")),
    path("volunteers/", include("volunteers.urls")),
    path("opendata/", include("opendata.urls")),
    path("feeds/projects.atom", public_page(NewProjectsFeed(), shared=True), name="feed_projects"),
    path("calendar.ics", public_page(calendar, shared=True), name="calendar"),
    path("sitemap.xml", public_page(sitemap, shared=True), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("accounts/consent/", consent, name="policy_consent"),
    path("accounts/", include("allauth.urls")),
    path("mypage/contacts/", include("matching.urls")),
    path("mypage/", include("mypage.urls")),
    path("staff/", include("staff.urls")),
    path("notices/", include("notices.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Uploaded files are never served from MEDIA_URL: views check who may see each one
# (portal/files.py), in development as in production.

admin.site.site_header = admin_title()
admin.site.site_title = admin_title()

# Drawn without the database when the database is what failed (pages/views.py).
handler500 = "pages.views.server_error"
