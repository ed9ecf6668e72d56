"""A search of the public project list (`q` alone on /projects/, or with the filters the
documents carry: form, area, 年度, state) is answered from the search documents: their
`public` flag, publication time and those fields stand in for the join to the projects, and the page's projects are then fetched through the public queryset. The answers
must be the search's own (CI runs this file on SQLite and PostgreSQL)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.models import ActivityField, Area, Organization
from portal.search import search
from projects.models import Project, ProjectDocument
from projects.search import public_results
from tests.factories import make_organization, make_project

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2025, 5, 1, 9, tzinfo=datetime.UTC)
PROJECT_TABLE = re.compile(r'"projects_project"(?!document)')


def listed(client, query, **params):
    response = client.get("/projects/", {"q": query, **params})
    assert response.status_code == 200
    page = response.context["page"]
    return page.paginator.count, [p.pk for p in page.object_list]


def searched(queries):
    """The queries of a list page that read the documents for its results (the 年度 choices
    aside: they come from the documents too, projects.search.public_years)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if "projects_projectdocument" in q["sql"] and "WITH RECURSIVE" not in q["sql"]
    ]


def document(project):
    return ProjectDocument.objects.get(pk=project.pk)


@pytest.fixture
def projects():
    lead = make_organization(name="上福岡の会")
    areas = list(Area.objects.all())
    made = []
    for number, (title, summary) in enumerate(
        [
            ("駅前清掃", "毎月"),
            ("花壇の手入れ", "清掃もします"),
            ("まちの美化", "清掃と植栽"),
            ("防災訓練", "避難所の清掃"),
            ("清掃ボランティア講座", "初めての方へ"),
            ("子ども食堂", "調理と片付け"),
        ]
    ):
        made.append(
            make_project(
                title=title,
                summary=summary,
                lead_organization=lead,
                published_at=DAY + datetime.timedelta(days=number % 3),
                form=("subsidy", "patronage")[number % 2],
                fiscal_year=2025 + number % 2,
                status=("published", "completed", "published")[number % 3],
                area=areas[number % len(areas)],
            )
        )
    return made


FILTERS = [
    ({}, {}),
    ({"form": "subsidy"}, {"form": "subsidy"}),
    ({"year": "2025"}, {"fiscal_year": 2025}),
    ({"status": "completed"}, {"status": "completed"}),
    ({"area": "citywide", "form": "patronage"}, {"area__code": "citywide", "form": "patronage"}),
]


@pytest.mark.parametrize("params, narrowed", FILTERS)
@pytest.mark.parametrize("query", ["清掃", "せいそう", "清掃 毎月", "防災", "食堂", "宇宙"])
def test_the_documents_answer_as_the_search_of_the_list_would(
    client, settings, projects, query, params, narrowed
):
    settings.PORTAL_PAGE_SIZE = 2
    listing = Project.objects.public().filter(**narrowed)
    expected = [p.pk for p in search(listing, query, then=("-published_at", "-id"))]
    count, first = listed(client, query, **params)
    assert count == len(expected)
    pages = [first]
    for number in range(2, (count + 1) // 2 + 1):
        pages.append(listed(client, query, page=number, **params)[1])
    assert [pk for page in pages for pk in page] == expected


def test_title_matches_come_first_then_the_newest(projects):
    found = public_results("清掃", Project.objects.public())
    titles = [p.title for p in found[0:10]]
    assert titles[:2] == ["清掃ボランティア講座", "駅前清掃"]
    assert set(titles[2:]) == {"花壇の手入れ", "まちの美化", "防災訓練"}
    assert [p.search_title for p in found[0:2]] == [True, True]


def test_the_count_and_the_page_read_the_documents_alone(client, projects):
    with CaptureQueriesContext(connection) as queries:
        listed(client, "清掃")
    reads = searched(queries)
    assert len(reads) == 2  # the count and the page's keys
    assert not any(PROJECT_TABLE.search(sql) for sql in reads)
    # The filters the documents carry are answered there too.
    with CaptureQueriesContext(connection) as queries:
        listed(client, "清掃", form=projects[0].form, year=projects[0].fiscal_year)
    reads = searched(queries)
    assert len(reads) == 2 and not any(PROJECT_TABLE.search(sql) for sql in reads)
    # With another filter (an activity field) the list is searched through its queryset, joined.
    field = ActivityField.objects.first()
    projects[0].fields.add(field)
    with CaptureQueriesContext(connection) as queries:
        listed(client, "清掃", field=field.code)
    reads = searched(queries)
    assert reads and all(PROJECT_TABLE.search(sql) for sql in reads)


def test_the_flag_follows_publication_hiding_and_the_lead_organisation(projects):
    project = projects[0]
    assert document(project).public
    assert document(project).published_at == project.published_at
    project.form, project.fiscal_year = "commission", 2030
    project.area = Area.objects.exclude(pk=project.area_id).first()
    project.save()
    carried = document(project)
    assert (carried.form, carried.fiscal_year, carried.area_id, carried.status) == (
        "commission",
        2030,
        project.area_id,
        project.status,
    )
    project.is_hidden = True
    project.save()
    assert not document(project).public
    project.is_hidden = False
    project.status = Project.Status.WITHDRAWN
    project.save()
    assert not document(project).public
    project.status = Project.Status.CANCELLED  # 中止 stays on the public list
    project.save()
    assert document(project).public
    lead = project.lead_organization
    lead.status = Organization.Status.SUSPENDED
    lead.save()
    assert not any(d.public for d in ProjectDocument.objects.filter(project__in=projects))
    lead.status = Organization.Status.APPROVED
    lead.save()
    assert all(d.public for d in ProjectDocument.objects.filter(project__in=projects))


def test_a_document_said_public_by_mistake_shows_nothing(client, projects):
    draft = make_project(title="清掃の下書き", status=Project.Status.DRAFT)
    assert not document(draft).public
    ProjectDocument.objects.filter(pk=draft.pk).update(public=True)  # written around the signals
    _count, shown = listed(client, "清掃の下書き")
    assert shown == []
    assert "清掃の下書き" not in client.get("/projects/", {"q": "清掃"}).content.decode()


def test_the_search_page_counts_projects_from_the_documents(client, projects):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "清掃"})
    group = next(g for g in response.context["groups"] if g.code == "projects")
    expected = search(Project.objects.public(), "清掃", then=("-published_at", "-id"))
    assert group.count == expected.count() == 5
    assert [p.pk for p in group.results] == [p.pk for p in expected[:5]]
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if "projects_projectdocument" in q["sql"] and "projects_eventdocument" not in q["sql"]
    ]
    assert reads and not any(PROJECT_TABLE.search(sql) for sql in reads)


@pytest.mark.parametrize("params, narrowed", FILTERS)
def test_the_list_without_a_keyword_is_counted_from_the_documents(
    client, settings, projects, params, narrowed
):
    """The public list, whole or with the filters the documents carry, is counted from the
    documents (an index-only scan on PostgreSQL); its pages still come from the projects."""
    settings.PORTAL_PAGE_SIZE = 2
    make_project(title="下書き", status=Project.Status.DRAFT, fiscal_year=2025, form="subsidy")
    make_project(title="非公開", is_hidden=True, fiscal_year=2025, form="subsidy")
    listing = Project.objects.public().filter(**narrowed).order_by("-published_at", "-id")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/projects/", params)
    page = response.context["page"]
    assert page.paginator.count == listing.count()
    assert [p.pk for p in page.object_list] == [p.pk for p in listing[:2]]
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("projects_projectdocument" in sql for sql in counts)
    assert not any(PROJECT_TABLE.search(sql) for sql in counts)


def test_another_filter_is_counted_through_the_projects(client, projects):
    field = ActivityField.objects.first()
    projects[0].fields.add(field)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/projects/", {"field": field.code})
    assert response.context["page"].paginator.count == 1
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all(PROJECT_TABLE.search(sql) for sql in counts)


def test_the_years_offered_are_those_of_the_public_projects(client, projects):
    from projects.search import public_years

    make_project(title="下書き", status=Project.Status.DRAFT, fiscal_year=2031)
    make_project(title="非公開", is_hidden=True, fiscal_year=2032)
    make_project(
        title="停止中の団体",
        fiscal_year=2033,
        lead_organization=make_organization(status=Organization.Status.SUSPENDED),
    )
    make_project(title="古い事業", fiscal_year=2019)
    expected = sorted(
        set(Project.objects.public().values_list("fiscal_year", flat=True)), reverse=True
    )
    assert public_years() == expected == [2026, 2025, 2019]
    page = client.get("/projects/").content.decode()
    assert "令和元年度" in page and "令和13年度" not in page
    Project.objects.all().delete()
    assert public_years() == []
