"""Helpers shared by the browser tests of the public portal."""

from organizations.models import Organization
from projects.models import Project

from .conftest import DESKTOP, PHONE

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def public_committee_titles():
    return sorted(
        Project.objects.public().filter(form=Project.Form.COMMITTEE).values_list("title", flat=True)
    )


def evaluated_project():
    """A public project whose mutual evaluation (the comparison table) is published."""
    return (
        Project.objects.public()
        .filter(status=Project.Status.EVALUATED, evaluations__isnull=False)
        .distinct()
        .order_by("id")
        .first()
    )


def published_project():
    return Project.objects.public().filter(status=Project.Status.PUBLISHED).order_by("id").first()


def approved_organization():
    return Organization.objects.public().order_by("id").first()


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0 when nothing overflows)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )
