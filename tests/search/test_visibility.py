"""Search sees only what is public: projects outside PUBLIC_STATUSES, hidden ones and those of
an organisation not approved, organisations not approved, events of such projects, draft calls
and their volunteer requests appear in no list's search, not on /search/ and not in the
suggestions."""

import pytest

from calls.models import CallStatus
from organizations.models import Organization
from projects.models import PUBLIC_STATUSES, Project
from tests.factories import (
    make_call,
    make_event,
    make_organization,
    make_partner,
    make_project,
    make_volunteer_request,
)

pytestmark = pytest.mark.django_db

SECRET = "秘匿語"  # a word only the private things carry, and the queries
SEEN = "内緒"  # what only a private thing's own name would show on a page


@pytest.fixture
def private_things():
    approved = make_organization(name="公開の会")
    for status in set(Project.Status.values) - set(PUBLIC_STATUSES):
        project = make_project(
            title=f"{SECRET}{SEEN}{status}", status=status, lead_organization=approved
        )
        make_event(project, title=f"{SECRET}{SEEN}の説明会{status}")
    hidden = make_project(title=f"{SECRET}{SEEN}非公開", is_hidden=True, lead_organization=approved)
    make_event(hidden, title=f"{SECRET}{SEEN}の集い")
    for status in set(Organization.Status.values) - {Organization.Status.APPROVED}:
        organization = make_organization(name=f"{SECRET}{SEEN}の会{status}", status=status)
        led = make_project(title=f"{SECRET}{SEEN}の事業{status}", lead_organization=organization)
        make_event(led, title=f"{SECRET}{SEEN}の催し{status}")
        make_volunteer_request(organization, role=f"{SECRET}{SEEN}の係{status}")
        # named as a partner of a public project: the project is public, the name is not
        make_partner(make_project(title="公開の事業", lead_organization=approved), organization)
    make_call(status=CallStatus.DRAFT, title=f"{SECRET}{SEEN}の公募")
    hidden_volunteers = make_volunteer_request(
        approved, role=f"{SECRET}{SEEN}の手伝い", project=hidden
    )
    return hidden_volunteers


LISTS = ["/projects/", "/organizations/", "/events/", "/events/?when=past", "/volunteers/"]


@pytest.mark.parametrize("path", LISTS)
def test_no_list_finds_anything_private(client, private_things, path):
    joiner = "&" if "?" in path else "?"
    for query in (SECRET, f"{SECRET} 説明会", f"{SECRET} 係", f"{SECRET}{SEEN}"):
        response = client.get(f"{path}{joiner}q={query}")
        assert response.status_code == 200
        assert response.context["page"].paginator.count == 0, (path, query)
        assert SEEN not in response.content.decode().replace(query, ""), (path, query)


def test_the_search_page_finds_nothing_private_and_suggests_nothing_private(client, private_things):
    for query in (
        SECRET,
        f"{SECRET} 係",
        f"{SECRET}の会",
        f"{SECRET}{SEEN}の会",
        "説明会 " + SECRET,
    ):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert SEEN not in response.content.decode().replace(query, ""), query
        assert all(group.count == 0 for group in response.context["groups"]), query
        suggestions = response.context["suggestions"]
        assert not any(SECRET in o.name for o in suggestions.organizations), query
        assert not any(SECRET in word for word, _count in suggestions.words), query


def test_the_search_page_finds_the_public_things(client, private_things):
    response = client.get("/search/", {"q": "公開"})
    counts = {group.code: group.count for group in response.context["groups"]}
    # the approved organisation, and the public projects it leads (one per partner above)
    assert counts == {
        "projects": 3,
        "organizations": 1,
        "events": 0,
        "calls": 0,
        "volunteers": 0,
    }
    assert SEEN not in response.content.decode()
