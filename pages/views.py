import datetime
import logging

from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from accounts.models import Policy
from city.profile import current as current_city
from events.selectors import accepting_signups, this_week_and_month
from portal.sharing import canonical_query, subscription_url
from portal.site import absolute_url
from principles.models import Principle
from projects.filters import ProjectFilter, public_years
from projects.guide import forms_with_guide
from projects.models import Project
from volunteers.selectors import TOP_PAGE_REQUESTS, open_requests

from . import accessibility as accessibility_results
from . import health

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
        {"adopted_on": POLICY_ADOPTED_ON, "results": accessibility_results.latest()},
    )


def subscribe(request):
    """How to follow the portal: the projects' feed (with the filters a list passed on), the
    events' calendar (Google Calendar, iPhone) and the open data."""
    project_filter = ProjectFilter(
        request.GET or None, queryset=Project.objects.public(), year_choices=public_years()
    )
    # A filter that is not valid is dropped (the page says so): its feed would be empty.
    valid = not project_filter.is_bound or project_filter.is_valid()
    names = list(project_filter.filters)
    feed_params = canonical_query(request.GET, names) if valid else ""
    feed_params = f"?{feed_params}" if feed_params else ""
    calendar_path = reverse("calendar")
    return render(
        request,
        "pages/subscribe.html",
        {
            "filter": project_filter,
            "feed_params": feed_params,
            "feed_url": absolute_url(reverse("feed_projects") + feed_params),
            "calendar_url": absolute_url(calendar_path),
            "webcal_url": subscription_url(calendar_path),
        },
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
    """200 when the database, the cache and (when set) the task broker answer; 503 with the
    part that did not otherwise. Never cached; names no host, error or setting."""
    states = health.report()
    healthy = all(states.values())
    body = {"status": "ok" if healthy else "error"}
    body.update({name: "ok" if up else "unavailable" for name, up in states.items()})
    return JsonResponse(body, status=200 if healthy else 503)


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


def policy(request, kind, version=None):
    """利用規約 / 個人情報の取扱い: the version in force (or an earlier one), with every version
    listed by its effective date."""
    versions = list(Policy.objects.filter(kind=kind).in_force(timezone.localdate()))
    if version is None:
        shown = versions[0] if versions else None
    else:
        shown = next((p for p in versions if p.version == version), None)
    if shown is None:
        raise Http404
    return render(
        request,
        "pages/policy.html",
        {"policy": shown, "versions": versions, "is_current": shown == versions[0]},
    )
