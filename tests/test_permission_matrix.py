"""Every URL of the portal × every role, with the answer each role must get.

A leak (a 200 where a 404 or 403 is expected) or a lock-out (the reverse) fails the test.
Adding a URL is one line in MATRIX. The number of pairs checked is printed at the end of
the run (see `pytest_terminal_summary` in tests/conftest.py).

Answers: a status code, or LOGIN for a redirect to the login page. Each pair runs against
fresh data, so that a POST one role makes cannot change what the next role gets.
"""

import datetime

import pytest
from django.db import transaction
from django.test import override_settings

from tests.summary import PERMISSION_MATRIX_PAIRS
from tests.world import ROLES, build_world, make_role_users

LOGIN = "login"
# A deadline an extension may set: later than any the world's evaluations have.
LATER = datetime.date.today() + datetime.timedelta(days=200)
#                 anon    citizen member other  dept  coord admin
EVERYONE = (200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
GUESTS_ONLY = (200, 302, 302, 302, 302, 302, 302)  # allauth sends the signed-in on
LEAD_AND_STAFF = (404, 404, 200, 404, 200, 200, 200)  # a project of the department
LEAD_AND_COORDINATING = (404, 404, 200, 404, 404, 200, 200)
LEAD_ONLY = (404, 404, 200, 404, 404, 404, 404)
DESK = (LOGIN, 403, 403, 403, 200, 200, 200)
COORDINATING = (LOGIN, 403, 403, 403, 403, 200, 200)
COORDINATING_POST = (LOGIN, 403, 403, 403, 403, 302, 302)
NOBODY = (404, 404, 404, 404, 404, 404, 404)
ADMIN_SITE = (302, 302, 302, 302, 302, 302, 200)
ORGANISER_AND_STAFF = (LOGIN, 403, 200, 403, 200, 200, 200)  # the event's organiser, its staff
ORGANISER_AND_STAFF_POST = (LOGIN, 403, 302, 403, 302, 302, 302)
SIGNED_IN_404 = (LOGIN, 404, 404, 404, 404, 404, 404)
MEMBERS_ONLY = (LOGIN, 403, 200, 403, 403, 403, 403)  # the organisation's members
MEMBERS_AND_COORDINATING = (LOGIN, 403, 200, 403, 403, 200, 200)
MEMBERS_AND_COORDINATING_POST = (LOGIN, 403, 302, 403, 403, 302, 302)

# (method, path, answers by role in ROLES order, POST data)
MATRIX = [
    # Public pages, feeds and open data
    ("GET", "/", EVERYONE),
    ("GET", "/accessibility/", EVERYONE),
    ("GET", "/subscribe/", EVERYONE),
    ("GET", "/subscribe/?form=subsidy&year=2025&q=防災", EVERYONE),
    ("GET", "/subscribe/?year=1900", EVERYONE),
    ("GET", "/terms/", EVERYONE),
    ("GET", "/terms/1/", EVERYONE),
    ("GET", "/terms/99/", NOBODY),
    ("GET", "/privacy/", EVERYONE),
    ("GET", "/privacy/1/", EVERYONE),
    # Consent to the policies in force: everyone of the world agreed, and is sent on.
    ("GET", "/accounts/consent/", (LOGIN, 302, 302, 302, 302, 302, 302)),
    ("GET", "/search/", EVERYONE),
    ("GET", "/search/?q=協働", EVERYONE),
    ("GET", "/healthz", EVERYONE),
    ("GET", "/robots.txt", EVERYONE),
    ("GET", "/sitemap.xml", EVERYONE),
    ("GET", "/principles/", EVERYONE),
    ("GET", "/forms/", EVERYONE),
    ("GET", "/evaluations/", EVERYONE),
    ("GET", "/evaluations/?form=committee&year=2024", EVERYONE),
    ("GET", "/projects/", EVERYONE),
    ("GET", "/projects/?form=subsidy&q=防災", EVERYONE),
    ("GET", "/projects/{public}/", EVERYONE),
    ("GET", "/projects/{draft}/", LEAD_AND_STAFF),
    ("GET", "/projects/{submitted}/", LEAD_AND_COORDINATING),
    ("GET", "/projects/{hidden}/", LEAD_AND_COORDINATING),
    ("GET", "/projects/999999/", NOBODY),
    ("GET", "/events/", EVERYONE),
    ("GET", "/events/?when=past", EVERYONE),
    ("GET", "/events/?month=2026-12&form=cohosting&q=説明会", EVERYONE),
    ("GET", "/events/?month=2026-13", EVERYONE),
    ("GET", "/events/{event}/", EVERYONE),
    ("GET", "/events/{event}/calendar.ics", EVERYONE),
    ("GET", "/events/{draft_event}/", NOBODY),
    ("GET", "/events/{draft_event}/calendar.ics", NOBODY),
    ("GET", "/events/{hidden_event}/", NOBODY),
    ("GET", "/events/{hidden_event}/calendar.ics", NOBODY),
    ("GET", "/events/999999/", NOBODY),
    # Sign-ups: anyone applies on the event page; the organiser and the project's staff set
    # it up and read the applicants; an applicant's own pages open by their token only.
    (
        "POST",
        "/events/{event}/",
        (302,) * 7,
        {"name": "申込 花子", "email": "h@example.net", "party_size": "2"},
    ),
    ("GET", "/events/{event}/signup/", ORGANISER_AND_STAFF),
    ("POST", "/events/{event}/signup/", ORGANISER_AND_STAFF_POST, {"capacity": "9"}),
    ("GET", "/events/{draft_event}/signup/", SIGNED_IN_404),
    ("GET", "/events/{event}/applications/", ORGANISER_AND_STAFF),
    ("GET", "/events/{event}/applications/?export=csv", ORGANISER_AND_STAFF),
    ("GET", "/events/{event}/applications/?export=xlsx", ORGANISER_AND_STAFF),
    ("GET", "/events/{draft_event}/applications/", SIGNED_IN_404),
    ("GET", "/events/{hidden_event}/applications/", SIGNED_IN_404),
    ("GET", "/events/signup/{application_token}/", EVERYONE),
    ("POST", "/events/signup/{application_token}/", (302,) * 7),
    ("GET", "/events/signup/confirm/{confirm_token}/", EVERYONE),
    ("POST", "/events/signup/confirm/{confirm_token}/", (302,) * 7),
    ("GET", "/events/signup/not-a-token/", NOBODY),
    ("GET", "/events/signup/confirm/not-a-token/", NOBODY),
    ("GET", "/events/signup/confirm/{application_token}/", NOBODY),
    # Volunteer requests (ボランティア・担い手募集)
    ("GET", "/volunteers/", EVERYONE),
    ("GET", "/volunteers/?area=kamifukuoka&field=welfare&q=受付&closed=on", EVERYONE),
    ("GET", "/volunteers/{volunteer_request}/", EVERYONE),
    ("GET", "/volunteers/{private_volunteer_request}/", NOBODY),
    ("GET", "/volunteers/999999/", NOBODY),
    (
        "POST",
        "/volunteers/{volunteer_request}/",
        (LOGIN, 302, 302, 302, 302, 302, 302),
        {"message": "参加します"},
    ),
    ("GET", "/volunteers/{volunteer_request}/applications/", MEMBERS_AND_COORDINATING),
    ("GET", "/volunteers/{private_volunteer_request}/applications/", MEMBERS_AND_COORDINATING),
    ("GET", "/volunteers/{volunteer_request}/edit/", MEMBERS_ONLY),
    (
        "POST",
        "/volunteers/{volunteer_request}/edit/",
        (LOGIN, 403, 302, 403, 403, 403, 403),
        {"role": "受付係", "description": "内容", "is_open": "on"},
    ),
    ("GET", "/volunteers/{private_volunteer_request}/edit/", (LOGIN, 403, 403, 403, 403, 403, 403)),
    ("GET", "/volunteers/new/{organization}/", MEMBERS_ONLY),
    ("GET", "/volunteers/new/{pending}/", SIGNED_IN_404),
    (
        "POST",
        "/volunteers/applications/{volunteer_application}/answer/",
        MEMBERS_AND_COORDINATING_POST,
        {"decision": "accept"},
    ),
    (
        "GET",
        "/volunteers/applications/{volunteer_application}/answer/",
        MEMBERS_AND_COORDINATING_POST,
    ),
    ("GET", "/organizations/", EVERYONE),
    ("GET", "/organizations/{organization}/", EVERYONE),
    ("GET", "/organizations/{pending}/", LEAD_AND_COORDINATING),
    ("GET", "/organizations/{organization}/logo/", EVERYONE),
    ("GET", "/organizations/{pending}/logo/", LEAD_AND_COORDINATING),
    ("GET", "/organizations/{other_organization}/logo/", NOBODY),  # it has no logo
    ("GET", "/opendata/", EVERYONE),
    ("GET", "/opendata/projects.csv", EVERYONE),
    ("GET", "/opendata/projects.json", EVERYONE),
    ("GET", "/opendata/organizations.csv", EVERYONE),
    ("GET", "/opendata/organizations.json", EVERYONE),
    ("GET", "/opendata/events.csv", EVERYONE),
    ("GET", "/feeds/projects.atom", EVERYONE),
    ("GET", "/calendar.ics", EVERYONE),
    ("POST", "/i18n/setlang/", (302,) * 7, {"language": "ja", "next": "/"}),
    # Accounts (django-allauth)
    ("GET", "/accounts/login/", GUESTS_ONLY),
    ("GET", "/accounts/signup/", GUESTS_ONLY),
    ("GET", "/accounts/logout/", (302, 200, 200, 200, 200, 200, 200)),
    ("GET", "/accounts/inactive/", EVERYONE),
    ("GET", "/accounts/email/", SIGNED_IN),
    ("GET", "/accounts/confirm-email/", EVERYONE),
    ("GET", "/accounts/confirm-email/not-a-key/", EVERYONE),
    ("GET", "/accounts/password/change/", SIGNED_IN),
    ("GET", "/accounts/password/set/", (LOGIN, 302, 302, 302, 302, 302, 302)),
    ("GET", "/accounts/password/reset/", EVERYONE),
    ("GET", "/accounts/password/reset/done/", EVERYONE),
    ("GET", "/accounts/password/reset/key/1-not-a-key/", EVERYONE),
    ("GET", "/accounts/password/reset/key/done/", EVERYONE),
    ("GET", "/accounts/reauthenticate/", SIGNED_IN),
    ("GET", "/accounts/login/code/confirm/", (LOGIN, 302, 302, 302, 302, 302, 302)),
    # My page
    ("GET", "/mypage/", SIGNED_IN),
    ("GET", "/mypage/profile/", SIGNED_IN),
    # Contact requests between organisations (the world's one: other → the approved one)
    ("GET", "/mypage/contacts/", SIGNED_IN),
    ("GET", "/mypage/contacts/{contact_request}/", (LOGIN, 404, 200, 200, 404, 200, 200)),
    ("GET", "/mypage/contacts/999999/", SIGNED_IN_404),
    ("GET", "/mypage/contacts/new/{other_organization}/", MEMBERS_ONLY),
    ("GET", "/mypage/contacts/new/{organization}/", (LOGIN, 403, 403, 200, 403, 403, 403)),
    ("GET", "/mypage/contacts/new/{pending}/", SIGNED_IN_404),
    ("GET", "/mypage/contacts/new/999999/", SIGNED_IN_404),
    (
        "POST",
        "/mypage/contacts/new/{other_organization}/",
        MEMBERS_ONLY,  # refused on the page: the pair has a request awaiting an answer
        {"sender": "{organization}", "message": "ご相談です"},
    ),
    (
        "POST",
        "/mypage/contacts/{contact_request}/actions/accept/",
        (LOGIN, 404, 302, 302, 404, 302, 302),  # taken by the owner, refused to the others
    ),
    (
        "POST",
        "/mypage/contacts/{contact_request}/actions/withdraw/",
        (LOGIN, 404, 302, 302, 404, 302, 302),
    ),
    ("POST", "/mypage/contacts/{contact_request}/actions/nothing/", SIGNED_IN_404),
    ("GET", "/mypage/contacts/{contact_request}/actions/accept/", (405,) * 7),
    # Organisation registration and management
    ("GET", "/organizations/register/", SIGNED_IN),
    ("GET", "/organizations/{organization}/edit/", (LOGIN, 403, 200, 403, 403, 403, 403)),
    ("GET", "/organizations/{pending}/edit/", (LOGIN, 404, 200, 404, 404, 403, 403)),
    ("GET", "/organizations/{organization}/members/", (LOGIN, 403, 200, 403, 403, 403, 403)),
    (
        "POST",
        "/organizations/{organization}/members/invite/",
        (LOGIN, 403, 302, 403, 403, 403, 403),
        {"email": "new@example.jp", "role": "editor"},
    ),
    (
        "POST",
        "/organizations/{organization}/invitations/999999/revoke/",
        (LOGIN, 403, 404, 403, 403, 403, 403),
    ),
    (
        "POST",
        "/organizations/{organization}/members/{membership}/role/",
        (LOGIN, 403, 302, 403, 403, 403, 403),
        {"role": "owner"},
    ),
    (
        "POST",
        "/organizations/{organization}/members/{membership}/remove/",
        (LOGIN, 403, 302, 403, 403, 403, 403),
    ),
    ("GET", "/organizations/{organization}/documents/", MEMBERS_ONLY),
    ("GET", "/organizations/{pending}/documents/", (LOGIN, 404, 200, 404, 404, 403, 403)),
    ("GET", "/organizations/{organization}/documents/{standing_document}/", MEMBERS_ONLY),
    (
        "GET",
        "/organizations/{organization}/documents/{standing_document}/remove/",
        (LOGIN, 405, 405, 405, 405, 405, 405),
    ),
    (
        "POST",
        "/organizations/{organization}/documents/{standing_document}/remove/",
        (LOGIN, 403, 302, 403, 403, 403, 403),
    ),
    ("GET", "/organizations/invitations/not-a-token/", NOBODY),
    # Proposals (the organisation side)
    ("GET", "/projects/new/", SIGNED_IN),
    ("GET", "/projects/{draft}/proposal/", LEAD_AND_STAFF),
    ("GET", "/projects/{submitted}/proposal/", LEAD_AND_COORDINATING),
    ("GET", "/projects/{draft}/edit/", LEAD_ONLY),
    ("POST", "/projects/{draft}/submit/", (404, 404, 302, 404, 404, 404, 404)),
    # The 確認画面: only the lead sees it; a proposal it may not submit sends it back.
    ("GET", "/projects/{draft}/review/", LEAD_ONLY),
    ("POST", "/projects/{draft}/review/", (404, 404, 302, 404, 404, 404, 404)),
    ("GET", "/projects/{submitted}/review/", (404, 404, 302, 404, 404, 404, 404)),
    ("GET", "/projects/{draft}/withdraw/", LEAD_ONLY),
    ("GET", "/projects/{draft}/image/", NOBODY),
    ("GET", "/projects/{draft}/files/{attachment}/", LEAD_AND_STAFF),
    ("GET", "/projects/{public}/files/{attachment}/", (404, 404, 404, 404, 404, 404, 404)),
    # The dialogue on a proposal: the lead writes to the city on its page, the city staff
    # concerned on the file; a message's file is read by the message's readers, a 庁内メモ's
    # by the city staff concerned only.
    ("GET", "/projects/{draft}/messages/", LEAD_ONLY),
    ("POST", "/projects/{draft}/messages/", (404, 404, 302, 404, 404, 404, 404), {"body": "質問"}),
    ("GET", "/projects/{draft}/messages/{message_entry}/files/{message_file}/", LEAD_AND_STAFF),
    (
        "GET",
        "/projects/{draft}/messages/{note_entry}/files/{note_file}/",
        (404, 404, 404, 404, 200, 200, 200),
    ),
    ("GET", "/projects/{public}/messages/{message_entry}/files/{message_file}/", NOBODY),
    ("GET", "/staff/projects/{draft}/messages/", DESK),
    ("GET", "/staff/projects/{submitted}/messages/", COORDINATING),
    (
        "POST",
        "/staff/projects/{draft}/messages/",
        (LOGIN, 403, 403, 403, 302, 302, 302),
        {"recipient": "internal", "body": "庁内で確認します"},
    ),
    # A named partner organisation answers (the other organisation's members only)
    (
        "POST",
        "/projects/{public}/partners/{partner_request}/confirm/",
        (LOGIN, 404, 404, 302, 404, 404, 404),
    ),
    # Results report and 後援 notices
    ("GET", "/projects/{public}/report/", (LOGIN, 403, 200, 403, 200, 200, 200)),
    ("GET", "/projects/{draft}/report/", (LOGIN, 404, 200, 404, 200, 200, 200)),
    ("GET", "/projects/{submitted}/report/", (LOGIN, 404, 200, 404, 404, 200, 200)),
    (
        "POST",
        "/projects/{public}/report/",
        (LOGIN, 403, 302, 403, 403, 403, 403),
        {"activities": "実施しました", "save": "1"},
    ),
    ("GET", "/projects/{public}/report/photos/{draft_photo}/", LEAD_AND_STAFF),
    ("GET", "/projects/{completed}/report/photos/{accepted_photo}/", EVERYONE),
    ("GET", "/projects/{public}/report/photos/{accepted_photo}/", NOBODY),
    ("GET", "/projects/{patronage}/notices/", (LOGIN, 403, 200, 403, 403, 200, 200)),
    (
        "POST",
        "/projects/{patronage}/notices/",
        (LOGIN, 403, 302, 403, 403, 403, 403),
        {"kind": "change_notice", "text": "会場の変更", "venue": "中央公民館"},
    ),
    # Mutual evaluation: a party's own entry page (the completed project's lead here; its
    # city side is 協働推進課, for it has no 担当課)
    ("GET", "/projects/{completed}/evaluation/", (LOGIN, 404, 200, 404, 404, 404, 404)),
    (
        "POST",
        "/projects/{completed}/evaluation/",
        (LOGIN, 404, 302, 404, 404, 404, 404),
        {"outcomes": "成果", "save": "1"},
    ),
    ("GET", "/projects/{public}/evaluation/", (LOGIN, 404, 404, 404, 404, 404, 404)),
    ("GET", "/staff/projects/{completed}/evaluation/", COORDINATING),
    ("GET", "/staff/projects/{public}/evaluation/", (LOGIN, 403, 403, 403, 404, 404, 404)),
    (
        "POST",
        "/staff/projects/{completed}/evaluation/",
        COORDINATING_POST,
        {"outcomes": "市の成果", "save": "1"},
    ),
    (
        "POST",
        "/staff/projects/{completed}/evaluation/decline/",
        COORDINATING_POST,
        {"evaluation": "{lead_evaluation}", "reason": "回答なし"},
    ),
    (
        "POST",
        "/staff/projects/{completed}/evaluation/remind/",
        COORDINATING_POST,
        {"remind-parties": "{lead_evaluation}"},
    ),
    (
        "POST",
        "/staff/projects/{completed}/evaluation/extend/",
        COORDINATING_POST,
        {
            "extend-parties": "{lead_evaluation}",
            "extend-deadline_0": str(LATER.year),
            "extend-deadline_1": str(LATER.month),
            "extend-deadline_2": str(LATER.day),
        },
    ),
    ("GET", "/staff/projects/{completed}/evaluation/remind/", (405,) * 7),
    # The joint notes after publication: any party (the lead, the city side's 協働推進課)
    ("GET", "/projects/{evaluated}/evaluation/notes/", (LOGIN, 404, 200, 404, 404, 200, 200)),
    (
        "POST",
        "/projects/{evaluated}/evaluation/notes/",
        (LOGIN, 404, 302, 404, 404, 302, 302),
        {"version": ""},
    ),
    ("GET", "/projects/{completed}/evaluation/notes/", (LOGIN, 404, 404, 404, 404, 404, 404)),
    # Open calls: public pages, proposing (approved organisations' members), answers (the
    # proposal's readers), the review pages (the call's reviewers: `other_member` here)
    ("GET", "/calls/", EVERYONE),
    ("GET", "/calls/{call_open}/", EVERYONE),
    ("GET", "/calls/{call_review}/", EVERYONE),
    ("GET", "/calls/{call_draft}/", NOBODY),
    ("GET", "/calls/{call_open}/propose/", (LOGIN, 403, 200, 200, 403, 403, 403)),
    (
        "POST",
        "/calls/{call_open}/propose/",
        (LOGIN, 403, 302, 200, 403, 403, 403),
        {"organization": "{organization}", "form": "cohosting", "title": "提案", "summary": "概要"},
    ),
    ("GET", "/calls/{call_draft}/propose/", (LOGIN, 404, 404, 404, 404, 404, 404)),
    (
        "GET",
        "/calls/{call_open}/proposals/{call_draft_project}/answers/",
        (404, 404, 200, 404, 404, 200, 200),
    ),
    (
        "POST",
        "/calls/{call_open}/proposals/{call_draft_project}/answers/",
        (404, 404, 302, 404, 404, 302, 302),
    ),
    ("GET", "/calls/{call_review}/proposals/{call_draft_project}/answers/", NOBODY),
    ("GET", "/calls/{call_review}/review/", (LOGIN, 404, 404, 200, 404, 404, 404)),
    ("GET", "/calls/{call_open}/review/", (LOGIN, 404, 404, 404, 404, 404, 404)),
    ("GET", "/calls/{call_review}/review/{call_project}/", (LOGIN, 404, 404, 200, 404, 404, 404)),
    (
        "POST",
        "/calls/{call_review}/review/{call_project}/",
        (LOGIN, 404, 404, 200, 404, 404, 404),
    ),
    (
        "POST",
        "/calls/{call_review}/review/{call_project}/conflict/",
        (LOGIN, 404, 404, 302, 404, 404, 404),
        {"conflict-reason": "親族が役員です"},
    ),
    ("GET", "/calls/{call_review}/review/{call_project}/conflict/", (405,) * 7),
    # Issued documents (notices/): read by the proposal's readers, issued by 協働推進課
    ("GET", "/notices/{notice}/", LEAD_AND_STAFF),
    ("GET", "/notices/{notice}/pdf/", LEAD_AND_STAFF),
    ("GET", "/notices/999999/", NOBODY),
    ("GET", "/notices/999999/pdf/", NOBODY),
    ("GET", "/notices/projects/{draft}/application/", LEAD_AND_STAFF),
    ("GET", "/notices/projects/{submitted}/application/", LEAD_AND_COORDINATING),
    ("GET", "/notices/projects/999999/application/", NOBODY),
    ("POST", "/notices/projects/{public}/issue/", COORDINATING_POST, {"kind": "application"}),
    ("POST", "/notices/projects/{public}/issue/", COORDINATING_POST, {"kind": "no-such-kind"}),
    ("POST", "/notices/{notice}/reissue/", COORDINATING_POST),
    ("GET", "/notices/{notice}/reissue/", (405,) * 7),
    # Staff desk
    ("GET", "/staff/", DESK),
    ("GET", "/staff/projects/", DESK),
    ("GET", "/staff/projects/?export=csv", DESK),
    ("GET", "/staff/projects/?export=xlsx", DESK),
    ("GET", "/staff/projects/new/", COORDINATING),
    ("GET", "/staff/projects/{public}/", DESK),
    ("GET", "/staff/projects/{submitted}/", COORDINATING),
    ("GET", "/staff/projects/{public}/edit/", COORDINATING),
    ("POST", "/staff/projects/{submitted}/actions/approve/", COORDINATING_POST),
    (
        "POST",
        "/staff/projects/{submitted}/actions/return/",
        COORDINATING_POST,
        {"comment": "再考を"},
    ),
    ("POST", "/staff/projects/{public}/actions/hide/", (LOGIN, 403, 403, 403, 302, 302, 302)),
    ("POST", "/staff/projects/{patronage}/actions/acknowledge_change/", COORDINATING_POST),
    ("GET", "/staff/queues/change-notices.csv", DESK),
    ("GET", "/staff/queues/submitted-proposals.csv", DESK),
    ("GET", "/staff/queues/reports-due.xlsx", DESK),
    ("GET", "/staff/queues/pending-organizations.csv", COORDINATING),
    ("GET", "/staff/queues/notification-failures.xlsx", COORDINATING),
    ("GET", "/staff/organizations/", COORDINATING),
    ("GET", "/staff/organizations/?export=xlsx", COORDINATING),
    ("GET", "/staff/organizations/{pending}/", COORDINATING),
    ("GET", "/staff/organizations/{organization}/edit/", COORDINATING),
    ("POST", "/staff/organizations/{pending}/actions/approve/", COORDINATING_POST),
    (
        "POST",
        "/staff/organizations/{organization}/actions/suspend/",
        COORDINATING_POST,
        {"comment": "確認中", "confirmed": "1"},
    ),
    # An irreversible action asks first: the confirmation page, for those who may take it.
    (
        "POST",
        "/staff/organizations/{organization}/actions/suspend/",
        (LOGIN, 403, 403, 403, 403, 200, 200),
        {"comment": "確認中"},
    ),
    ("POST", "/staff/notifications/{failure}/resend/", COORDINATING_POST),
    ("POST", "/staff/notifications/{failure}/resolve/", COORDINATING_POST),
    ("GET", "/staff/figures/", DESK),
    ("GET", "/staff/figures/form.csv", DESK),
    ("GET", "/staff/figures/area.xlsx", DESK),
    ("GET", "/staff/figures/?fiscal_year=2025&status=published", DESK),
    ("GET", "/staff/figures/amounts.csv?fiscal_year=R7", DESK),
    ("GET", "/staff/evaluations/", DESK),
    ("GET", "/staff/evaluations/?form=subsidy", DESK),
    ("GET", "/staff/evaluations/summary.csv", DESK),
    ("GET", "/staff/evaluations/projects.xlsx?year=2025", DESK),
    ("GET", "/staff/evaluations/nothing.csv", (LOGIN, 403, 403, 403, 404, 404, 404)),
    ("GET", "/staff/exports/", DESK),
    # A made export: its requester (the 協働推進課 staff member) alone; not even a superuser.
    ("GET", "/staff/exports/{export_job}/download/", (LOGIN, 403, 403, 403, 404, 200, 404)),
    ("GET", "/staff/exports/999999/download/", (LOGIN, 403, 403, 403, 404, 404, 404)),
    ("GET", "/staff/calls/", COORDINATING),
    ("GET", "/staff/calls/new/", COORDINATING),
    ("GET", "/staff/calls/{call_review}/", COORDINATING),
    ("GET", "/staff/calls/{call_draft}/edit/", COORDINATING),
    ("GET", "/staff/calls/999999/", (LOGIN, 403, 403, 403, 403, 404, 404)),
    ("POST", "/staff/calls/{call_open}/actions/start_review/", COORDINATING_POST),
    ("GET", "/staff/calls/{call_open}/actions/start_review/", (405,) * 7),
    (
        "POST",
        "/staff/calls/{call_open}/reviewers/",
        COORDINATING_POST,
        {"appoint-email": "citizen@example.jp"},
    ),
    (
        "POST",
        "/staff/calls/{call_review}/reviewers/{call_reviewer}/dismiss/",
        COORDINATING_POST,
    ),
    (
        "POST",
        "/staff/calls/{call_review}/proposals/{call_project}/decide/",
        COORDINATING_POST,
        {"decide-{call_project}-decision": "adopt"},
    ),
    # Django admin (superusers only; the others are sent to its own login)
    ("GET", "/admin/", ADMIN_SITE),
    ("GET", "/admin/projects/project/", ADMIN_SITE),
    # /media/ is served by Django only in development (DEBUG) and holds public uploads only.
]


def _cases(only_method):
    for row in MATRIX:
        method, path, answers = row[:3]
        if method != only_method:
            continue
        assert len(answers) == len(ROLES), path
        for role, expected in zip(ROLES, answers, strict=True):
            yield pytest.param(
                method,
                path,
                role,
                expected,
                row[3] if len(row) > 3 else None,
                id=f"{method} {path} as {role}",
            )


@pytest.fixture(scope="class")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for every GET row: built once, inside a transaction that each test's own
    (rolled back) transaction nests in, and rolled back itself when the module ends."""
    folder = tmp_path_factory.mktemp("matrix")
    media = {"MEDIA_ROOT": folder / "media", "PRIVATE_MEDIA_ROOT": folder / "private"}
    with django_db_blocker.unblock(), override_settings(**media), transaction.atomic():
        users = make_role_users()
        yield build_world(users), users
        transaction.set_rollback(True)


@pytest.fixture
def fresh_world(request, settings, tmp_path):
    """A world of its own for a POST row, so that one role's change cannot reach the next."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    users = {role: request.getfixturevalue(role) for role in ROLES if role != "anonymous"}
    return build_world(users), users


def _check(client, users, world, method, path, role, expected, data):
    if role != "anonymous":
        client.force_login(users[role])
    url = path.format(**world)
    # Values may name rows of the world too, as paths do ({lead_evaluation}).
    data = {key.format(**world): str(value).format(**world) for key, value in (data or {}).items()}
    response = client.post(url, data) if method == "POST" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302, f"{method} {url} as {role}: {response.status_code}"
        assert response["Location"].startswith("/accounts/login/"), response["Location"]
    else:
        assert response.status_code == expected, (
            f"{method} {url} as {role}: expected {expected}, got {response.status_code}"
        )
        if expected == 302 and response.has_header("Location"):
            assert not response["Location"].startswith("/accounts/login/"), (
                f"{method} {url} as {role} was sent to log in"
            )
    PERMISSION_MATRIX_PAIRS.append((method, path, role))


@pytest.mark.django_db
class TestReadRows:
    """The GET rows share one world (the writes a GET may make roll back with each test)."""

    @pytest.mark.parametrize(("method", "path", "role", "expected", "data"), list(_cases("GET")))
    def test_permission_matrix_read(self, client, shared_world, method, path, role, expected, data):
        world, users = shared_world
        _check(client, users, world, method, path, role, expected, data)


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "role", "expected", "data"), list(_cases("POST")))
def test_permission_matrix_write(client, fresh_world, method, path, role, expected, data):
    world, users = fresh_world
    _check(client, users, world, method, path, role, expected, data)


def _routes(patterns, prefix=""):
    from django.urls import URLResolver

    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route == "admin/":
                yield route  # the Django admin as a whole
                continue
            yield from _routes(pattern.url_patterns, route)
        else:
            yield _normal(route)


def _normal(route):
    """Regex routes (allauth's) as ResolverMatch.route shows them: without ^ and $."""
    return route.replace("^", "").replace("$", "")


def test_every_url_of_the_portal_is_in_the_matrix():
    """A new URL fails here until its line is added to MATRIX."""
    from urllib.parse import urlsplit

    from django.urls import get_resolver, resolve

    class AnyId(dict):
        def __missing__(self, key):
            return 1

    covered = set()
    for row in MATRIX:
        route = resolve(urlsplit(row[1].format_map(AnyId())).path).route
        covered.add("admin/" if route.startswith("admin/") else _normal(route))
    missing = sorted(set(_routes(get_resolver().url_patterns)) - covered)
    assert missing == [], f"URLs missing from the permission matrix: {missing}"
