"""The three pages that show suggestions (the organisation page, /mypage/, the staff project
file), what a page of an organisation that is not public shows (nothing), and their queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.models import Membership
from tests import factories
from tests.matching.factories import make_contact_request

pytestmark = pytest.mark.django_db

NEED = "求めていること「練習会場の確保」に できること「練習会場の貸し出し」"


@pytest.fixture
def seeker(member):
    return factories.make_organization(
        name="合唱の会", needs="練習会場の確保", members=[member], area=None
    )


@pytest.fixture
def helper(other_member):
    return factories.make_organization(
        name="町会", offers="練習会場の貸し出し", members=[other_member], area=None
    )


def test_the_organisation_page_shows_suggestions_with_their_reasons(client, seeker, helper):
    page = client.get(f"/organizations/{seeker.pk}/").content.decode()
    assert "団体どうしのつながり" in page
    assert f'href="/organizations/{helper.pk}/"' in page and NEED in page
    # Without a sign-in, no way to ask.
    assert "/mypage/contacts/new/" not in page


def test_a_member_of_another_approved_organisation_may_ask_from_the_page(
    client, other_member, seeker, helper
):
    client.force_login(other_member)
    page = client.get(f"/organizations/{seeker.pk}/").content.decode()
    assert f'href="/mypage/contacts/new/{seeker.pk}/"' in page
    # Not on the page of one's own organisation.
    page = client.get(f"/organizations/{helper.pk}/").content.decode()
    assert f"/mypage/contacts/new/{helper.pk}/" not in page


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_the_page_of_an_organisation_not_public_shows_no_suggestion(client, member, status, helper):
    hidden = factories.make_organization(status=status, needs="練習会場の確保", members=[member])
    client.force_login(member)  # its member may see the page
    page = client.get(f"/organizations/{hidden.pk}/").content.decode()
    assert "団体どうしのつながり" not in page and helper.name not in page


def test_a_suspended_organisation_is_on_no_page(client, member, seeker, helper, coordinating_staff):
    helper.status = "suspended"
    helper.save()
    project = factories.make_project(lead_organization=seeker)
    client.force_login(member)
    for path in (f"/organizations/{seeker.pk}/", "/mypage/"):
        assert "町会" not in client.get(path).content.decode(), path
    client.force_login(coordinating_staff)
    assert "町会" not in client.get(f"/staff/projects/{project.pk}/").content.decode()


def test_mypage_shows_suggestions_for_each_approved_organisation(client, member, seeker, helper):
    pending = factories.make_organization(
        status="pending", name="承認待ちの会", needs="練習会場の確保", members=[member]
    )
    client.force_login(member)
    page = client.get("/mypage/").content.decode()
    assert "合唱の会へのおすすめ" in page and NEED in page
    assert f'href="/mypage/contacts/new/{helper.pk}/?sender={seeker.pk}"' in page
    assert f"{pending.name}へのおすすめ" not in page


def test_mypage_lists_the_requests_waiting_for_an_owner(
    client, member, other_member, seeker, helper
):
    contact_request = make_contact_request(helper, seeker, other_member)
    client.force_login(member)
    page = client.get("/mypage/").content.decode()
    assert "届いている連絡のお願い" in page
    assert f'href="/mypage/contacts/{contact_request.pk}/"' in page
    editor = factories.make_user("editor@example.jp")
    Membership.objects.create(organization=seeker, user=editor, role="editor")
    client.force_login(editor)
    assert "届いている連絡のお願い" not in client.get("/mypage/").content.decode()


def test_the_staff_file_shows_the_lead_suggestions_without_its_partners(
    client, coordinating_staff, seeker, helper
):
    other = factories.make_organization(name="公民館の会", offers="練習会場の貸し出し", area=None)
    project = factories.make_project(lead_organization=seeker)
    factories.make_partner(project, other)
    client.force_login(coordinating_staff)
    page = client.get(f"/staff/projects/{project.pk}/").content.decode()
    assert "主たる団体とつながりそうな団体" in page and NEED in page
    assert "町会" in page and f'href="/organizations/{other.pk}/"' not in page


def _many(count):
    for number in range(count):
        factories.make_organization(
            name=f"団体{number}", offers="練習会場の貸し出し", needs="合唱の練習", area=None
        )


def test_the_pages_queries_do_not_grow_with_the_organisations(
    client, member, other_member, seeker, helper, coordinating_staff, django_assert_max_num_queries
):
    project = factories.make_project(lead_organization=seeker)
    pages = [(None, f"/organizations/{seeker.pk}/"), (other_member, f"/organizations/{seeker.pk}/"),
             (member, "/mypage/"), (coordinating_staff, f"/staff/projects/{project.pk}/")]  # fmt: skip

    def counts():
        found = []
        for user, path in pages:
            if user is None:
                client.logout()
            else:
                client.force_login(user)
            client.get(path)  # warm the per-process caches
            with CaptureQueriesContext(connection) as context:
                assert client.get(path).status_code == 200
            found.append(len(context.captured_queries))
        return found

    _many(3)
    small = counts()
    _many(60)
    assert counts() == small, small
    print(dict(zip([path for _user, path in pages], small, strict=True)))
    client.logout()
    with django_assert_max_num_queries(10):
        client.get(f"/organizations/{seeker.pk}/")


def test_the_pages_read_in_english(client, settings, other_member, member, seeker, helper):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(other_member)
    page = client.get(f"/organizations/{seeker.pk}/").content.decode()
    page = re.sub(r"<span lang=\"ja\">|</span>", "", page)  # the parts in Japanese
    assert "Connections between organisations" in page and "Why we suggest it" in page
    assert "Seeks “練習会場の確保”: can offer “練習会場の貸し出し”" in page
    assert "Ask 合唱の会 for contact" in page
    page = client.get(f"/mypage/contacts/new/{seeker.pk}/").content.decode()
    assert "Ask as" in page and "お願いする団体" not in page
    contact_request = make_contact_request(helper, seeker, other_member)
    page = re.sub(
        r"<[^>]+>", "", client.get(f"/mypage/contacts/{contact_request.pk}/").content.decode()
    )
    assert "Contact request from 町会 to 合唱の会" in page and "Withdraw" in page
    client.force_login(member)
    page = client.get(f"/mypage/contacts/{contact_request.pk}/").content.decode()
    assert "Exchange contacts" in page and "Decline" in page
