from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from organizations.models import Organization
from projects.models import Project


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "pages:home",
            "projects:list",
            "organizations:list",
            "principles:list",
            "principles:forms",
            "opendata:index",
            "pages:accessibility",
        ]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Project.objects.public().only("id", "updated_at").order_by("id")

    def lastmod(self, project):
        return project.updated_at


class OrganizationSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Organization.objects.public().only("id", "updated_at").order_by("id")

    def lastmod(self, organization):
        return organization.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "projects": ProjectSitemap,
    "organizations": OrganizationSitemap,
}
