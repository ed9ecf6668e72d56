"""Mail subjects and plain-text bodies carry names as they were typed: no HTML escaping
(`&amp;`, `&#x27;`) anywhere, in the portal's notifications, invitations or allauth's mails."""

import pytest
from django.core import mail

from organizations import lifecycle as organization_lifecycle
from organizations.models import Organization
from portal.mail import render_subject, render_text
from projects import lifecycle
from tests import factories
from tests.mails import CommittingClient

pytestmark = pytest.mark.django_db

NAME = "子ども & \"親\" <会> 'ふじみ野'"
ESCAPES = ("&amp;", "&#x27;", "&#39;", "&quot;", "&lt;", "&gt;")


def _assert_unescaped(text):
    for escape in ESCAPES:
        assert escape not in text, text


def test_render_subject_keeps_the_text_and_puts_it_on_one_line(tmp_path, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "subject.txt").write_text("{{ name }}\n\r\nの件", encoding="utf-8")
    assert render_subject("subject.txt", {"name": NAME}) == f"{NAME} の件"
    assert render_text("subject.txt", {"name": NAME}).startswith(NAME)


def test_project_notifications_carry_the_title_as_typed(
    organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_proposal(lead_organization=organization, title=NAME)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "submit", actor=member)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "return", actor=coordinating_staff, comment=f"{NAME}を直して")
    # The city's filing mail and the applicant's 受付完了メール, then the return.
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert NAME in message.subject and NAME in message.body
        _assert_unescaped(message.subject)
        _assert_unescaped(message.body)
    assert f"{NAME}を直して" in mail.outbox[2].body


def test_organisation_mails_carry_the_name_as_typed(
    member, coordinating_staff, django_capture_on_commit_callbacks
):
    organization = factories.make_organization(
        name=NAME, status=Organization.Status.PENDING, members=[member]
    )
    with django_capture_on_commit_callbacks(execute=True):
        organization_lifecycle.apply(organization, "register", actor=member)
        organization_lifecycle.apply(
            organization, "approve", actor=coordinating_staff, comment=f"{NAME}で承認"
        )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert NAME in message.subject and NAME in message.body, message.subject
        _assert_unescaped(message.subject)
        _assert_unescaped(message.body)


def test_invitation_body_names_the_organisation_as_typed(
    client, member, django_capture_on_commit_callbacks
):
    organization = factories.make_organization(name=NAME, members=[member])
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/organizations/{organization.pk}/members/invite/",
            {"email": "friend@example.jp", "role": "editor"},
        )
    (message,) = mail.outbox
    assert NAME in message.body
    _assert_unescaped(message.subject)
    _assert_unescaped(message.body)


def test_account_mails_carry_the_address_as_typed():
    client = CommittingClient()  # account mails leave once the request commits
    address = "o'brien&co@example.jp"
    client.post("/accounts/password/reset/", {"email": address})
    (message,) = mail.outbox
    assert address in message.body
    _assert_unescaped(message.subject)
    _assert_unescaped(message.body)
