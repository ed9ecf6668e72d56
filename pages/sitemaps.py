from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from calls.models import Call, CallStatus
from events.selectors import public_events
from organizations.models import Organization
from portal.site import site_domain, site_scheme
from projects.models import Project


class PortalSitemap(Sitemap):
    """Addresses on SITE_URL, whatever host the request named."""

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_domain()


class StaticPagesSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "pages:home",
            "projects:list",
            "organizations:list",
            "principles:list",
            "principles:forms",
            "principles:figures",
            "calls:list",
            "events:list",
            "opendata:index",
            "pages:subscribe",
            "pages:accessibility",
            "pages:terms",
            "pages:privacy",
        ]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(PortalSitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Project.objects.public().only("id", "updated_at").order_by("id")

    def lastmod(self, project):
        return project.updated_at


class OrganizationSitemap(PortalSitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Organization.objects.public().only("id", "updated_at").order_by("id")

    def lastmod(self, organization):
        return organization.updated_at


class CallSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return Call.objects.exclude(status=CallStatus.DRAFT).only("id", "updated_at").order_by("id")

    def location(self, call):
        return reverse("calls:detail", args=[call.pk])

    def lastmod(self, call):
        return call.updated_at


class EventSitemap(PortalSitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return public_events().only("id", "project_id").order_by("id")

    def location(self, event):
        return reverse("events:detail", args=[event.pk])


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "projects": ProjectSitemap,
    "organizations": OrganizationSitemap,
    "calls": CallSitemap,
    "events": EventSitemap,
}
