import datetime
import logging

from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from city.profile import current as current_city
from events.selectors import accepting_signups, this_week_and_month
from portal.site import absolute_url
from principles.models import Principle
from projects.guide import forms_with_guide
from projects.models import Project
from volunteers.selectors import TOP_PAGE_REQUESTS, open_requests

logger = logging.getLogger(__name__)

NEWEST_PROJECTS = 6
# The day the accessibility policy was adopted (shown on /accessibility/).
POLICY_ADOPTED_ON = datetime.date(2026, 11, 24)


def home(request):
    public_projects = Project.objects.public()
    today = timezone.localdate()
    week_events, month_events = this_week_and_month(today)
    context = {
        "principles": Principle.objects.all(),
        "forms": forms_with_guide(),
        "newest_projects": public_projects.with_card_data()[:NEWEST_PROJECTS],
        "week_events": week_events,
        "month_events": month_events,
        "signup_events": accepting_signups(today),
        "volunteer_requests": open_requests()[:TOP_PAGE_REQUESTS],
    }
    return render(request, "pages/home.html", context)


def accessibility(request):
    return render(
        request,
        "pages/accessibility.html",
        {"adopted_on": POLICY_ADOPTED_ON},
    )


def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /mypage/",
        "Disallow: /staff/",
        "Disallow: /admin/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request):
    """200 when the app and its database answer; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@requires_csrf_token
def server_error(request):
    """The 500 page, drawn without the context processors: when the database is what failed,
    it names no city and no contact rather than fail itself."""
    try:
        city = current_city().localized()
    except Exception:  # noqa: BLE001 - the page must render whatever broke
        logger.warning("The 500 page is shown without the city profile", exc_info=True)
        city = None
    return HttpResponseServerError(loader.get_template("500.html").render({"city": city}))
