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
