"""/mypage/ lists the proposals with what can be done with each, and what awaits the
proposer: a returned proposal with the staff's comment."""

import pytest
from django.urls import reverse

from projects import lifecycle
from tests import factories

pytestmark = pytest.mark.django_db


def mypage(client, user):
    client.force_login(user)
    return client.get(reverse("mypage:index")).content.decode()


def test_member_of_an_approved_organisation_is_offered_to_propose(client, member, organization):
    assert reverse("projects:proposal_create") in mypage(client, member)


def test_user_without_an_approved_organisation_is_not_offered_to_propose(client, citizen):
    factories.make_organization(status="pending", members=[citizen])
    assert reverse("projects:proposal_create") not in mypage(client, citizen)


def test_draft_offers_edit_submit_and_withdraw(client, member, organization):
    draft = factories.make_project(lead_organization=organization, status="draft")
    content = mypage(client, member)
    assert reverse("projects:proposal_edit", args=[draft.pk]) in content
    assert reverse("projects:proposal_detail", args=[draft.pk]) in content
    assert reverse("projects:proposal_withdraw", args=[draft.pk]) in content


def test_submitted_proposal_offers_withdraw_but_not_edit(client, member, organization):
    submitted = factories.make_project(lead_organization=organization, status="submitted")
    content = mypage(client, member)
    assert reverse("projects:proposal_edit", args=[submitted.pk]) not in content
    assert reverse("projects:proposal_withdraw", args=[submitted.pk]) in content
    assert "審査中" in content


def test_published_project_links_to_its_public_page(client, member, organization):
    published = factories.make_project(lead_organization=organization, status="published")
    content = mypage(client, member)
    assert f'href="{reverse("projects:detail", args=[published.pk])}"' in content
    assert reverse("projects:proposal_withdraw", args=[published.pk]) not in content


def test_returned_proposal_awaits_an_answer_with_the_staff_comment(
    client, member, organization, coordinating_staff
):
    project = factories.make_project(
        lead_organization=organization, status="submitted", title="防災フェア"
    )
    lifecycle.apply(
        project, "return", actor=coordinating_staff, comment="保険の内容を補ってください"
    )
    content = mypage(client, member)
    assert "対応が必要なこと" in content
    assert "「防災フェア」が差し戻されました。" in content
    assert "保険の内容を補ってください" in content
    assert reverse("projects:proposal_edit", args=[project.pk]) in content


def test_nothing_awaits_when_no_proposal_is_returned(client, member, organization):
    factories.make_project(lead_organization=organization, status="submitted")
    assert "対応が必要なこと" not in mypage(client, member)


def test_the_proposals_are_paged_and_a_returned_one_waits_on_every_page(
    client, member, organization, coordinating_staff
):
    """An organisation's projects grow year after year: /mypage/ shows 20 at a time, newest
    change first, while a returned proposal is asked for whichever page it is on."""
    from mypage.views import PROJECTS_PER_PAGE

    returned = factories.make_project(lead_organization=organization, status="submitted")
    lifecycle.apply(returned, "return", actor=coordinating_staff, comment="予算書を添付して")
    newer = [
        factories.make_project(lead_organization=organization, status="published")
        for _ in range(PROJECTS_PER_PAGE)
    ]

    def row(project):  # the project's row in the table
        return f'data-label="事業名"><a href="{reverse("projects:proposal_detail", args=[project.pk])}"'

    client.force_login(member)
    first = client.get(reverse("mypage:index")).content.decode()
    second = client.get(reverse("mypage:index"), {"page": 2}).content.decode()
    assert row(newer[-1]) in first and row(newer[0]) in first
    assert row(returned) not in first and row(returned) in second
    for content in (first, second):
        assert "予算書を添付して" in content
        assert reverse("projects:proposal_edit", args=[returned.pk]) in content
    assert 'rel="next"' in first
    assert "<title>マイページ(2ページ目)" in second
    # A page beyond the last shows the last, never an error.
    assert client.get(reverse("mypage:index"), {"page": 99}).status_code == 200
