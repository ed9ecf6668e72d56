"""One world for the tests that try every page as every role (the permission matrix, the
hostile forms): the seven roles, and projects in each state with files, members, a partner
request and a notification failure."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from notices.models import Kind
from notices.services import document_issue
from notifications.models import NotificationFailure
from organizations.models import StandingDocument
from principles.models import Evaluation, EvaluationScore, Principle
from principles.services import evaluations_open
from projects.models import (
    Attachment,
    MessageFile,
    PatronageDetail,
    ProposedChange,
    Report,
    ReportPhoto,
    Transition,
)
from staff.models import ExportJob
from tests import factories
from tests.matching.factories import make_contact_request

# The seven roles of tests/conftest.py, in the order the tables list them.
ROLES = (
    "anonymous",
    "citizen",
    "member",
    "other_member",
    "department_staff",
    "coordinating_staff",
    "superuser",
)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
    b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
    b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def make_role_users():
    """The seven roles of tests/conftest.py, for a world built outside a single test."""
    users = {
        "citizen": factories.make_user("citizen@example.jp"),
        "member": factories.make_user("member@example.jp"),
        "other_member": factories.make_user("other@example.jp"),
        "department_staff": factories.make_user("dept@example.jp"),
        "coordinating_staff": factories.make_user("staff@example.jp"),
        "superuser": factories.make_user("admin@example.jp", is_superuser=True, is_staff=True),
    }
    factories.make_department().staff.add(users["department_staff"])
    factories.coordinating_department().staff.add(users["coordinating_staff"])
    return users


def build_world(users):
    """Everything the rows' paths name: projects in each state, files, members, a failure."""
    member = users["member"]
    organization = factories.make_organization(name="ふじみ野子ども食堂ネット", members=[member])
    other_organization = factories.make_organization(
        name="大井まちづくりの会", members=[users["other_member"]]
    )
    department = factories.make_department()
    public = factories.make_project(lead_organization=organization, department=department)
    draft = factories.make_project(
        lead_organization=organization, status="draft", department=department
    )
    submitted = factories.make_project(lead_organization=organization, status="submitted")
    hidden = factories.make_project(lead_organization=organization, is_hidden=True)
    patronage = factories.make_project(lead_organization=organization, form="patronage")
    PatronageDetail.objects.create(
        project=patronage,
        event_name="講演会",
        event_date=datetime.date(2026, 12, 1),
        venue="市民会館",
    )
    # A 変更届 waiting for the city's acknowledgement.
    ProposedChange.objects.create(
        project=patronage,
        changes=[
            {
                "field": "venue",
                "label": "開催場所",
                "old": "市民会館",
                "new": "公民館",
                "value": "公民館",
            }
        ],
    )
    pending = factories.make_organization(status="pending", members=[member])
    second = factories.make_user("editor@example.jp")
    membership = organization.memberships.create(user=second, role="editor")
    attachment = Attachment.objects.create(
        project=draft,
        kind="other",
        file=ContentFile(b"%PDF-1.4 test", name="a.pdf"),
        original_name="資料.pdf",
        content_type="application/pdf",
        size=13,
    )
    standing_document = StandingDocument.objects.create(
        organization=organization,
        kind="bylaws",
        file=ContentFile(b"%PDF-1.4 test", name="k.pdf"),
        original_name="会則.pdf",
        content_type="application/pdf",
        size=13,
        valid_until=datetime.date.today() + datetime.timedelta(days=365),
    )
    # The dialogue on the draft: a message to the city with a file, and a 庁内メモ with one.
    message_files = {}
    for key, action, visibility in (
        ("message_file", "organization_message", "parties"),
        ("note_file", "internal_note", "staff"),
    ):
        entry = Transition.objects.create(
            project=draft,
            action=action,
            from_status="draft",
            to_status="draft",
            comment="会場について",
            visibility=visibility,
        )
        message_file = MessageFile.objects.create(
            transition=entry,
            file=ContentFile(b"%PDF-1.4 test", name="m.pdf"),
            original_name="会場図.pdf",
            content_type="application/pdf",
            size=13,
        )
        message_files[key] = (entry.pk, message_file.pk)
    organization.logo = ContentFile(PNG, name="logo.png")
    organization.save()
    pending.logo = ContentFile(PNG, name="logo.png")
    pending.save()
    draft_report = Report.objects.create(project=public, activities="作成中")
    draft_photo = ReportPhoto.objects.create(
        report=draft_report, image=ContentFile(PNG, name="a.png"), alt="作成中の写真"
    )
    completed = factories.make_project(lead_organization=organization, status="completed")
    accepted_report = Report.objects.create(
        project=completed, activities="実施しました", status="accepted"
    )
    accepted_photo = ReportPhoto.objects.create(
        report=accepted_report, image=ContentFile(PNG, name="b.png"), alt="受理済みの写真"
    )
    # Completing through the lifecycle asks the parties; the factory skips it, so ask here.
    evaluations = {e.organization_id: e for e in evaluations_open(project=completed)}
    evaluated = make_evaluated_project(organization)
    partner_request = factories.make_partner(public, other_organization, consent="requested")
    failure = NotificationFailure.objects.create(
        kind="project_decision",
        subject="件名",
        body="本文",
        recipients="member@example.jp",
        error="SMTPException",
        project=public,
    )
    # Open calls: one in preparation, one open with the lead's draft proposal, one under
    # review with the lead's submitted proposal and `other_member` as its reviewer.
    call_draft = factories.make_call(status="draft")
    call_open = factories.make_call(status="open")
    call_draft_proposal = factories.make_call_proposal(
        call_open, status="draft", lead_organization=organization
    )
    call_review = factories.make_call(status="reviewing")
    call_proposal = factories.make_call_proposal(call_review, lead_organization=organization)
    call_reviewer = factories.appoint(call_review, users["other_member"])
    # Events: one of a public project, and one of a project that is not public.
    event = factories.make_event(public, title="公開事業の説明会")
    draft_event = factories.make_event(draft, title="下書き事業の説明会")
    hidden_event = factories.make_event(hidden, title="非公開事業の説明会")
    # Sign-up on the public event, asking every question, with an accepted application and
    # one not yet confirmed (their tokens are the applicants' own links).
    factories.make_signup(
        event,
        capacity=5,
        asks_phone=True,
        asks_party_size=True,
        asks_accessibility=True,
        keeps_waiting_list=True,
    )
    application = factories.make_application(event, name="申込 一郎", email="ichiro@example.net")
    pending_application = factories.make_application(
        event, status="pending", name="確認 待子", email="machiko@example.net"
    )
    # Volunteer requests: an open one of the approved organisation with an application from
    # the citizen, and one of the organisation awaiting approval.
    volunteer_request = factories.make_volunteer_request(organization, role="受付係")
    volunteer_application = factories.make_volunteer_application(
        volunteer_request, users["citizen"], name="応募 花子", message="土曜日なら参加できます。"
    )
    private_volunteer_request = factories.make_volunteer_request(pending, role="非公開の係")
    # A contact request from the other organisation to the approved one, awaiting its answer.
    contact_request = make_contact_request(
        other_organization, organization, users["other_member"], message="ご相談があります。"
    )
    # An issued notice of the public project (of the lead organisation and the department).
    notice = document_issue(project=public, kind=Kind.APPLICATION)
    notice.pdf.save("notice.pdf", ContentFile(b"%PDF-1.4 notice"))
    # A background export of the 協働推進課 staff member, made: theirs alone to download.
    export_job = ExportJob.objects.create(
        user=users["coordinating_staff"],
        list_name="projects",
        format="csv",
        status=ExportJob.Status.DONE,
        filename="projects.csv",
        row_count=0,
    )
    export_job.file.save("projects.csv", ContentFile("\ufeff番号\r\n".encode()))
    return {
        "export_job": export_job.pk,
        "notice": notice.pk,
        "contact_request": contact_request.pk,
        "volunteer_request": volunteer_request.pk,
        "volunteer_application": volunteer_application.pk,
        "private_volunteer_request": private_volunteer_request.pk,
        "application_token": application.cancel_token,
        "confirm_token": pending_application.confirm_token,
        "event": event.pk,
        "draft_event": draft_event.pk,
        "hidden_event": hidden_event.pk,
        "call_draft": call_draft.pk,
        "call_open": call_open.pk,
        "call_draft_project": call_draft_proposal.project_id,
        "call_review": call_review.pk,
        "call_project": call_proposal.project_id,
        "call_reviewer": call_reviewer.pk,
        "organization": organization.pk,
        "pending": pending.pk,
        "public": public.pk,
        "draft": draft.pk,
        "submitted": submitted.pk,
        "hidden": hidden.pk,
        "patronage": patronage.pk,
        "membership": membership.pk,
        "attachment": attachment.pk,
        "standing_document": standing_document.pk,
        "message_entry": message_files["message_file"][0],
        "message_file": message_files["message_file"][1],
        "note_entry": message_files["note_file"][0],
        "note_file": message_files["note_file"][1],
        "failure": failure.pk,
        "other_organization": other_organization.pk,
        "partner_request": partner_request.pk,
        "completed": completed.pk,
        "lead_evaluation": evaluations[organization.pk].pk,
        "evaluated": evaluated.pk,
        "draft_photo": draft_photo.pk,
        "accepted_photo": accepted_photo.pk,
    }


def make_evaluated_project(organization):
    """A published comparison: the city side (協働推進課, the project has no 担当課) scored
    every principle 1, the lead 4, so every principle is a point to discuss."""
    project = factories.make_project(lead_organization=organization, status="evaluated")
    parties = ({"department": factories.coordinating_department()}, {"organization": organization})
    for party, score in zip(parties, (1, 4), strict=True):
        evaluation = Evaluation.objects.create(
            project=project,
            status="submitted",
            submitted_at=timezone.now(),
            outcomes="成果",
            issues="課題",
            recommendation="continue",
            **party,
        )
        for principle in Principle.objects.all():
            EvaluationScore.objects.create(
                evaluation=evaluation, principle=principle, score=score, comment="理由"
            )
    return project
