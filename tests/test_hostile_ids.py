"""Numbers beyond what the database holds, in paths, query strings and form fields, are
unknown ids: a message or an empty result, never a 500. (SQLite refuses integers beyond
64 bits outright; run this file with DATABASE_URL set to try PostgreSQL too.)"""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from organizations.models import Organization
from projects.models import Project, Report
from tests import factories
from tests.organizations.test_register import valid_data as organization_data
from tests.projects.proposal_data import proposal_data

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # beyond 64 bits
NUMBERS = [HUGE, "9223372036854775808", f"-{HUGE}", "1e400", "1.5", "0"]

# Values for the path parameters that are not ids.
OTHER_PARAMETERS = {
    "action": "approve",
    "name": "submitted-proposals",
    "fmt": "csv",
    "dimension": "form",
    "token": "no-such-token",
}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route != "admin/":
                yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "<int:" in route:
            yield route


def _path(route, number):
    def value(match):
        converter, name = match.group(1), match.group(2)
        return number if converter == "int" else OTHER_PARAMETERS.get(name, "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


ID_ROUTES = sorted(set(_routes(get_resolver().url_patterns)))


def test_the_portal_has_routes_with_ids():
    assert len(ID_ROUTES) > 20


@pytest.mark.parametrize("route", ID_ROUTES)
def test_every_route_answers_an_id_beyond_the_database(client, superuser, route):
    path = _path(route, str(2**70))
    client.force_login(superuser)
    assert client.get(path).status_code < 500, path
    assert client.post(path).status_code < 500, path


def test_routes_answer_a_huge_id_next_to_a_real_one(client, superuser, organization):
    project = factories.make_project(lead_organization=organization)
    report = Report.objects.create(project=project, activities="実施しました", status="accepted")
    client.force_login(superuser)
    for path in (
        f"/projects/{project.pk}/report/photos/{HUGE}/",
        f"/projects/{project.pk}/files/{HUGE}/",
        f"/organizations/{organization.pk}/members/{HUGE}/role/",
        f"/organizations/{organization.pk}/invitations/{HUGE}/revoke/",
    ):
        assert client.get(path).status_code in (404, 405), path
        assert client.post(path).status_code in (403, 404), path
    assert report.pk


PUBLIC_QUERIES = [
    "/projects/?organization={n}",
    "/projects/?field={n}&area={n}&year={n}",
    "/projects/?page={n}",
    "/feeds/projects.atom?organization={n}",
    "/organizations/?field={n}&area={n}&page={n}",
    "/events/?field={n}&area={n}&form={n}&page={n}",
    "/events/?month={n}&when=past",
]
STAFF_QUERIES = [
    "/staff/projects/?department={n}&area={n}&fiscal_year={n}&page={n}",
    "/staff/projects/?department={n}&export=csv",
    "/staff/projects/?fiscal_year={n}&export=xlsx",
    "/staff/organizations/?page={n}",
]


@pytest.mark.parametrize("number", NUMBERS)
def test_filters_and_pages_take_any_number(client, coordinating_staff, number):
    factories.make_project(title="公開の事業")
    for query in PUBLIC_QUERIES:
        assert client.get(query.format(n=number)).status_code == 200, query
    client.force_login(coordinating_staff)
    for query in STAFF_QUERIES:
        assert client.get(query.format(n=number)).status_code == 200, query


@pytest.mark.parametrize("number", [HUGE, f"-{HUGE}", "123456789"])
def test_unknown_organisation_in_the_project_filter_shows_nothing(client, number):
    factories.make_project(title="公開の事業")
    body = client.get(f"/projects/?organization={number}").content.decode()
    assert "公開の事業" not in body
    assert "検索条件に誤りがあります" in body


def _error_page(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("number", [HUGE, f"-{HUGE}"])
def test_proposal_form_refuses_unknown_ids_with_a_message(client, member, organization, number):
    client.force_login(member)
    data = proposal_data(
        "cohosting",
        organization,
        fields=[number],
        department=number,
        **{"partners-0-organization": number},
    )
    body = _error_page(client.post("/projects/new/?form=cohosting", data))
    assert "入力内容に誤りがあります" in body
    assert not Project.objects.exists()


def test_proposal_form_refuses_an_unknown_lead_organisation(client, member, organization):
    client.force_login(member)
    data = proposal_data("cohosting", organization, lead_organization=HUGE)
    body = _error_page(client.post("/projects/new/?form=cohosting", data))
    assert "選んだ団体では提案できません" in body
    assert not Project.objects.exists()


def test_removing_an_unknown_attachment_is_refused(
    client, member, organization, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    project = factories.make_project(lead_organization=organization, status="draft")
    client.force_login(member)
    data = proposal_data("cohosting", **{"files-remove_attachments": [HUGE]})
    response = client.post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 200
    assert "入力内容に誤りがあります" in response.content.decode()


def test_removing_an_unknown_report_photo_changes_nothing(client, member, organization):
    project = factories.make_project(lead_organization=organization)
    client.force_login(member)
    response = client.post(
        f"/projects/{project.pk}/report/",
        {"activities": "毎月2回開催", "save": "1", "remove_photo": [HUGE, "12", "x"]},
    )
    assert response.status_code == 302
    assert Report.objects.get(project=project).activities == "毎月2回開催"


@pytest.mark.parametrize("number", [HUGE, f"-{HUGE}"])
def test_organisation_forms_refuse_unknown_fields_and_areas(client, member, organization, number):
    client.force_login(member)
    for url in ("/organizations/register/", f"/organizations/{organization.pk}/edit/"):
        response = client.post(url, organization_data(fields=[number], area=number))
        assert response.status_code in (200, 400), url
        assert "候補にありません" in response.content.decode(), url
    assert Organization.objects.count() == 1


def _staff_project(organization, **changes):
    data = {
        "title": "市が始める防災協働事業",
        "summary": "自主防災組織と市が訓練を行います。",
        "form": "cooperation",
        "lead_organization": organization.pk,
        "fiscal_year": "2026",
        "starts_on_0": "2026",
        "starts_on_1": "4",
        "starts_on_2": "1",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes",
    [
        {"lead_organization": HUGE},
        {"department": HUGE},
        {"coordinator": HUGE},
        {"area": HUGE},
        {"fields": [HUGE]},
        {"fields": [f"-{HUGE}"]},
        {"fiscal_year": HUGE},
        {"budget": HUGE},
    ],
    ids=lambda changes: next(iter(changes)),
)
def test_staff_project_form_refuses_numbers_beyond_the_database(
    client, coordinating_staff, organization, changes
):
    client.force_login(coordinating_staff)
    response = client.post("/staff/projects/new/", _staff_project(organization, **changes))
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode() or "errorlist" in (
        response.content.decode()
    )
    assert not Project.objects.exists()


@pytest.mark.parametrize("year", ["9" * 30, "99999", "0", "-1"])
def test_staff_date_with_an_overlong_year_is_a_clear_message(
    client, coordinating_staff, organization, year
):
    client.force_login(coordinating_staff)
    response = client.post("/staff/projects/new/", _staff_project(organization, starts_on_0=year))
    assert response.status_code == 200
    body = response.content.decode()
    # The one date input's messages (portal/forms.py): every kind of bad year is named.
    assert any(
        message in body
        for message in ("年は西暦の4桁で入力してください", "年・月・日は数字で入力してください")
    )
    assert not Project.objects.exists()


def test_staff_organisation_form_refuses_unknown_fields(client, coordinating_staff, organization):
    client.force_login(coordinating_staff)
    data = organization_data(fields=[HUGE])
    response = client.post(f"/staff/organizations/{organization.pk}/edit/", data)
    assert response.status_code == 200
    assert "候補にありません" in response.content.decode()


def test_a_valid_date_still_saves(client, coordinating_staff, organization):
    client.force_login(coordinating_staff)
    client.post("/staff/projects/new/", _staff_project(organization))
    assert Project.objects.get().starts_on == datetime.date(2026, 4, 1)
