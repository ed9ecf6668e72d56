"""The demo gives the figures of the mutual evaluations (/evaluations/) something to show:
evaluated projects of several past 年度, each with the city and two or more partners, gaps
of 2 to talk about, and partners who rate 対等 or 相互理解 lower than the city."""

import pytest

from principles.figures import evaluation_figures, public_evaluated_projects
from principles.models import Evaluation

from .test_load_demo import PRIVATE_TITLE_MARKER, demo, loaded_demo  # noqa: F401

pytestmark = pytest.mark.django_db


def rows(group):
    return {row.principle.code: row for row in group.rows}


def test_evaluated_projects_of_past_years_with_several_partners(demo):  # noqa: F811
    for year in (2024, 2025):
        projects = public_evaluated_projects().filter(fiscal_year=year)
        with_partners = [
            project
            for project in projects
            if Evaluation.objects.filter(
                project=project, status="submitted", organization__isnull=False
            ).count()
            >= 3
        ]
        assert with_partners, year
        for project in with_partners:
            assert project.evaluations.filter(department__isnull=False, status="submitted")


def test_figures_show_the_partners_rating_equality_and_understanding_lower(demo):  # noqa: F811
    figures = evaluation_figures(public_evaluated_projects())
    assert figures.overall.projects >= 6
    assert len(figures.by_fiscal_year) >= 3 and len(figures.by_form) >= 4
    assert rows(figures.overall)["equality"].partner_lower
    cooperation = next(group for group in figures.by_form if group.code == "form-cooperation")
    assert rows(cooperation)["equality"].partner_lower
    assert rows(cooperation)["mutual-understanding"].partner_lower


def test_private_cases_stay_out_of_the_public_figures(demo, client):  # noqa: F811
    response = client.get("/evaluations/")
    assert response.status_code == 200
    assert PRIVATE_TITLE_MARKER not in response.content.decode()
    figures = response.context["figures"]
    assert figures.overall.projects == public_evaluated_projects().count()
