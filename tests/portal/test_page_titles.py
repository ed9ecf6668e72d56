"""Each page has a title of its own (WCAG 2.4.2): a filtered list says what narrows it and
which page it is, a form sent back with errors starts with 「エラー: 」, an edit page names
what is edited."""

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def title_of(response):
    return re.search(r"<title[^>]*>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_a_filtered_list_says_what_narrows_it(client):
    factories.make_project(title="防災の事業", form="subsidy", fiscal_year=2025)
    assert title_of(client.get("/projects/")).startswith("協働事業 | ")
    title = title_of(client.get("/projects/?form=subsidy&q=防災"))
    assert title.startswith("協働事業(")
    assert "補助" in title and "「防災」" in title
    assert title_of(client.get("/organizations/?page=1")).startswith("団体 | ")


def test_a_later_page_says_its_number(client, settings):
    settings.PORTAL_PAGE_SIZE = 1
    factories.make_project()
    factories.make_project()
    assert "2ページ目" in title_of(client.get("/projects/?page=2"))


def test_a_form_sent_back_with_errors_says_so_first(client, member, organization):
    client.force_login(member)
    page = client.get(f"/organizations/{organization.pk}/edit/")
    assert not title_of(page).startswith("エラー")
    response = client.post(f"/organizations/{organization.pk}/edit/", {"name": ""})
    assert response.status_code == 200
    assert title_of(response).startswith("エラー: ")


def test_a_refused_action_comment_makes_the_title_say_so(client, coordinating_staff, organization):
    project = factories.make_project(lead_organization=organization, status="submitted")
    client.force_login(coordinating_staff)
    response = client.post(
        f"/staff/projects/{project.pk}/actions/return/", {"comment": ""}, follow=True
    )
    assert title_of(response).startswith("エラー: ")


def test_edit_pages_name_what_they_edit(client, coordinating_staff, member, organization):
    draft = factories.make_project(
        lead_organization=organization, status="draft", title="下書きの事業"
    )
    client.force_login(member)
    assert "下書きの事業" in title_of(client.get(f"/projects/{draft.pk}/edit/"))
    client.force_login(coordinating_staff)
    public = factories.make_project(lead_organization=organization, title="公開の事業")
    assert "公開の事業" in title_of(client.get(f"/staff/projects/{public.pk}/edit/"))
    assert organization.name in title_of(
        client.get(f"/staff/organizations/{organization.pk}/edit/")
    )


def test_the_filters_in_a_title_read_in_english_too(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    title = title_of(client.get("/projects/?form=subsidy&q=防災"))
    assert "、" not in title.split("|")[0]
    assert ", " in title.split("|")[0]
