"""Panels: what projects add to other apps' pages, and the registry of what other apps add to
a project's public page (see portal/panels.py)."""

from django.db.models import Exists, OuterRef

from portal.panels import Panels

from .models import Partner, Project

# What other apps add to a project's public page (the published evaluation, …).
PROJECT_PAGE = Panels("project_page")
# What other apps add to a proposal's page for its readers (the issued documents, …).
PROPOSAL_PAGE = Panels("proposal_page")

# An organisation page shows this many projects per section, then links to the full list.
PROJECTS_PER_SECTION = 12


def organization_projects(organization, request):
    """The public projects an organisation leads or takes part in, for its page."""
    public_projects = Project.objects.public().with_card_data()
    led = public_projects.filter(lead_organization=organization)
    partnered = public_projects.filter(
        Exists(
            Partner.objects.filter(
                project=OuterRef("pk"),
                organization=organization,
                consent=Partner.Consent.CONFIRMED,
            )
        )
    )
    led_page = list(led[: PROJECTS_PER_SECTION + 1])
    partner_page = list(partnered[: PROJECTS_PER_SECTION + 1])
    return {
        "organization": organization,
        "led_projects": led_page[:PROJECTS_PER_SECTION],
        "partner_projects": partner_page[:PROJECTS_PER_SECTION],
        "more_projects": len(led_page) > PROJECTS_PER_SECTION
        or len(partner_page) > PROJECTS_PER_SECTION,
    }
