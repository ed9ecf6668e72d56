"""Every public page answers in at most 10 SQL queries, whatever the number of projects."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organizations.models import ActivityField, Organization
from principles.models import Evaluation, EvaluationScore, Principle
from projects.models import Event, Partner, Project
from tests import factories

MAX_QUERIES = 10


def populate(count, *, documents=False):
    """`count` public projects with fields, partners and events, plus private ones (and
    their search documents if asked: bulk_create writes none)."""
    lead = factories.make_organization(name="主催団体")
    partner = factories.make_organization(name="協力団体")
    department = factories.make_department()
    now = timezone.now()
    forms = list(Project.Form.values)
    projects = Project.objects.bulk_create(
        Project(
            title=f"協働事業{number}",
            summary="概要",
            form=forms[number % len(forms)],
            fiscal_year=2020 + number % 7,
            lead_organization=lead,
            department=department,
            status=Project.Status.PUBLISHED if number % 3 else Project.Status.EVALUATED,
            published_at=now - datetime.timedelta(minutes=number),
        )
        for number in range(count)
    )
    fields = list(ActivityField.objects.all()[:3])
    Through = Project.fields.through
    Through.objects.bulk_create(
        Through(project=project, activityfield=field) for project in projects for field in fields
    )
    Partner.objects.bulk_create(
        Partner(project=project, organization=partner, role="運営") for project in projects
    )
    Partner.objects.bulk_create(Partner(project=project, name="PTA") for project in projects)
    Event.objects.bulk_create(
        Event(
            project=project,
            title="説明会",
            starts_on=timezone.localdate() + datetime.timedelta(days=number % 60),
        )
        for number, project in enumerate(projects)
    )
    Organization.objects.bulk_create(
        Organization(
            name=f"団体{number}", name_kana=f"ダンタイ{number:05d}", kind="npo", status="approved"
        )
        for number in range(count)
    )
    factories.make_project(title="下書き", status="draft", lead_organization=lead)
    evaluated = projects[0]
    principles = list(Principle.objects.all())
    for party in ({"department": department}, {"organization": partner}):
        evaluation = Evaluation.objects.create(
            project=evaluated, status="submitted", submitted_at=now, **party
        )
        EvaluationScore.objects.bulk_create(
            EvaluationScore(evaluation=evaluation, principle=p, score=3) for p in principles
        )
    if documents:
        call_command("rebuild_search", stdout=io.StringIO())
    return lead, evaluated


PAGES = [
    "/",
    "/projects/",
    "/projects/?form=committee&year=2024&field=health-welfare&area=citywide&q=協働",
    "/projects/?q=見つからない言葉",
    "/projects/?page=2",
    "/projects/{evaluated}/",
    "/organizations/",
    "/organizations/?kind=npo&q=団体",
    "/search/?q=協働",
    "/search/?q=見つからない 言葉",
    "/organizations/{lead}/",
    "/principles/",
    "/forms/",
    "/evaluations/",
    "/evaluations/?form=committee&year=2023",
    "/accessibility/",
    "/opendata/",
    "/feeds/projects.atom",
    "/robots.txt",
    "/healthz",
]

# Feeds and open data grow with the data by nature, but not in queries.
EXPORTS = [
    "/calendar.ics",
    "/sitemap.xml",
    "/opendata/projects.csv",
    "/opendata/projects.json",
    "/opendata/organizations.csv",
    "/opendata/organizations.json",
    "/opendata/events.csv",
]


def count_queries(client, url):
    # Warm the per-process caches (the current Site) so that both runs count the same work.
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES + EXPORTS)
def test_public_page_queries_do_not_grow_with_the_data(client, page):
    documents = "q=" in page
    lead, evaluated = populate(10, documents=documents)
    url = page.format(lead=lead.pk, evaluated=evaluated.pk)
    small = count_queries(client, url)
    lead_big, evaluated_big = populate(1000, documents=documents)
    url_big = page.format(lead=lead_big.pk, evaluated=evaluated_big.pk)
    big = count_queries(client, url_big)
    print(f"{url}: {small} queries")
    assert small <= MAX_QUERIES, f"{url}: {small} queries"
    assert big == small, f"{url}: {small} queries with 10 projects, {big} with 1,000"


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_public_page_stays_under_100_kb_with_1000_projects(client, page):
    lead, evaluated = populate(1000, documents="q=" in page)
    response = client.get(page.format(lead=lead.pk, evaluated=evaluated.pk))
    assert len(response.content) < 100 * 1024, f"{page}: {len(response.content)} bytes"


# The lists filtered through a many-valued relation (activity fields, partners): each filter is
# an EXISTS subquery, so no list selects DISTINCT over whole rows (nor counts them so).
FILTERED_LISTS = [
    "/projects/?field=health-welfare",
    "/projects/?organization={partner}",
    "/projects/?field=health-welfare&form=committee&q=協働",
    "/organizations/?field=health-welfare",
    "/organizations/{partner}/",
    "/events/?field=health-welfare",
    "/volunteers/?field=health-welfare",
    "/feeds/projects.atom?field=health-welfare",
]


def distinct_rows(queries):
    """The queries that select DISTINCT over more than one column."""
    found = []
    for query in queries:
        sql = query["sql"]
        start = sql.find("SELECT DISTINCT ")
        if start >= 0 and "," in sql[start : sql.find(" FROM ", start)]:
            found.append(sql)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("page", FILTERED_LISTS)
def test_filtered_public_lists_select_no_distinct_rows(client, page):
    populate(30, documents="q=" in page)
    partner = Organization.objects.get(name="協力団体")
    ActivityField.objects.get(code="health-welfare").organizations.add(partner)
    with CaptureQueriesContext(connection) as context:
        response = client.get(page.format(partner=partner.pk))
    assert response.status_code == 200
    assert distinct_rows(context.captured_queries) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "expected"),
    [("/projects/?field=health-welfare", 30), ("/projects/?organization={partner}", 30)],
)
def test_filtered_project_list_counts_each_project_once(client, page, expected):
    populate(30)
    partner = Organization.objects.get(name="協力団体")
    # A second confirmed role of the same partner in every project: a join would count twice.
    confirmed = Partner.Consent.CONFIRMED
    Partner.objects.filter(organization=partner).update(consent=confirmed)
    Partner.objects.bulk_create(
        Partner(project=project, organization=partner, role="広報", consent=confirmed)
        for project in Project.objects.public()
    )
    response = client.get(page.format(partner=partner.pk))
    assert response.context["page"].paginator.count == expected
    ids = [project.pk for project in response.context["projects"]]
    assert len(ids) == len(set(ids))
