"""The call's lifecycle and the proposals made to it: opening needs scoring items, a
proposal is started and submitted while the call accepts proposals with the call's questions
answered, 採択 / 不採択 only while the call is under review, and the result is published only
once every proposal is decided."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from calls import lifecycle
from calls.models import CallAction, CallProposal, CallStatus, ScoringItem
from calls.services import appoint, decide
from portal.lifecycle import LifecycleError
from projects import lifecycle as project_lifecycle
from projects.models import Project, ProjectAction
from tests import factories
from tests.calls.factories import make_call, make_call_proposal

pytestmark = pytest.mark.django_db


def test_opening_needs_scoring_items_and_a_period_not_over(coordinating_staff):
    call = make_call(status=CallStatus.DRAFT, items=())
    with pytest.raises(LifecycleError, match="審査項目"):
        lifecycle.apply(call, CallAction.OPEN, actor=coordinating_staff)
    ScoringItem.objects.create(call=call, name="公益性", max_points=20)
    call.closes_on = call.opens_on = timezone.localdate() - datetime.timedelta(days=1)
    call.save()
    with pytest.raises(LifecycleError, match="締切日"):
        lifecycle.apply(call, CallAction.OPEN, actor=coordinating_staff)
    call.closes_on = timezone.localdate() + datetime.timedelta(days=5)
    call.save()
    lifecycle.apply(call, CallAction.OPEN, actor=coordinating_staff)
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    assert call.opened_at is not None


def test_a_city_proposed_call_needs_its_department(coordinating_staff):
    call = make_call(status=CallStatus.DRAFT, kind="city")
    with pytest.raises(LifecycleError, match="担当課"):
        lifecycle.apply(call, CallAction.OPEN, actor=coordinating_staff)


def test_nobody_but_the_coordinating_staff_moves_a_call(department_staff, member):
    call = make_call(status=CallStatus.DRAFT)
    for user in (department_staff, member):
        with pytest.raises(LifecycleError):
            lifecycle.apply(call, CallAction.OPEN, actor=user)


def complete_the_rest(project):
    """Everything a submission needs besides the call's questions (as make_proposal does)."""
    from principles.models import ChecklistItem, SelfCheckAnswer
    from projects.models import FORM_DETAIL_ATTRIBUTES
    from tests.projects.factories import COMPLETE_DETAILS

    template = factories.make_project(status=Project.Status.DRAFT)
    for field in ("area", "starts_on", "ends_on"):
        setattr(project, field, getattr(template, field))
    project.purpose = "地域の課題を一緒に解決します。"
    project.expected_effect = "参加した市民のつながりが生まれます。"
    project.safety_insurance = "市民活動保険に加入します。"
    project.safety_plan = "責任者を置き、緊急時は119番と担当課に連絡します。"
    project.save()
    project.fields.set(template.fields.all())
    detail = Project._meta.get_field(FORM_DETAIL_ATTRIBUTES[project.form]).related_model
    detail.objects.create(project=project, **COMPLETE_DETAILS[project.form])
    for item in ChecklistItem.objects.filter(is_active=True):
        SelfCheckAnswer.objects.create(project=project, item=item, answer="yes")


def propose(client, call, organization):
    return client.post(
        reverse("calls:propose", args=[call.pk]),
        {
            "organization": organization.pk,
            "form": "cohosting",
            "title": "みんなの居場所づくり",
            "summary": "空き店舗を使った居場所を開きます。",
        },
    )


def test_an_organisation_proposes_answers_and_submits(client, member, organization):
    call = make_call(questions=("提案の背景", "市との役割分担の考え"))
    client.force_login(member)
    response = propose(client, call, organization)
    link = CallProposal.objects.get(call=call)
    project = link.project
    assert response.url == reverse("projects:proposal_edit", args=[project.pk])
    assert project.status == Project.Status.DRAFT
    assert project.lead_organization == organization
    assert project.fiscal_year == call.fiscal_year
    # The editor names what the call still needs and links to its questions.
    editor = client.get(response.url).content.decode()
    assert "公募の設問「提案の背景」に回答してください。" in editor
    assert reverse("calls:answers", args=[call.pk, project.pk]) in editor
    complete_the_rest(project)
    with pytest.raises(LifecycleError) as refused:
        project_lifecycle.apply(project, ProjectAction.SUBMIT, actor=member)
    assert any("公募の設問" in str(p.message) for p in refused.value.problems)
    questions = list(call.questions.all())
    answers_url = reverse("calls:answers", args=[call.pk, project.pk])
    client.post(answers_url, {f"q{questions[0].pk}": "地区に居場所がありません。"})
    assert link.answers.get(question=questions[0]).text == "地区に居場所がありません。"
    with pytest.raises(LifecycleError):
        project_lifecycle.apply(project, ProjectAction.SUBMIT, actor=member)
    client.post(answers_url, {f"q{q.pk}": "答え" for q in questions})
    project_lifecycle.apply(project, ProjectAction.SUBMIT, actor=member)
    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED
    # Submitted, the answers are frozen.
    client.post(answers_url, {f"q{questions[0].pk}": "あとから書き換え"})
    assert link.answers.get(question=questions[0]).text == "答え"


def test_a_draft_cannot_be_submitted_after_the_closing_date(member):
    call = make_call()
    proposal = make_call_proposal(
        call,
        status=Project.Status.DRAFT,
        lead_organization=factories.make_organization(members=[member]),
    )
    call.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    call.opens_on = call.closes_on - datetime.timedelta(days=30)
    call.save()
    with pytest.raises(LifecycleError) as refused:
        project_lifecycle.apply(proposal.project, ProjectAction.SUBMIT, actor=member)
    assert any("受け付けていません" in str(p.message) for p in refused.value.problems)


def test_proposing_is_refused_outside_the_period_and_without_an_organisation(
    client, member, organization, citizen
):
    call = make_call(
        opens_on=timezone.localdate() + datetime.timedelta(days=3),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    client.force_login(member)
    response = propose(client, call, organization)
    assert response.status_code == 302
    assert not CallProposal.objects.exists()
    open_call = make_call()
    client.force_login(citizen)
    assert client.get(reverse("calls:propose", args=[open_call.pk])).status_code == 403


def test_a_draft_call_is_not_public(client):
    call = make_call(status=CallStatus.DRAFT)
    assert client.get(reverse("calls:detail", args=[call.pk])).status_code == 404
    assert call.title not in client.get(reverse("calls:list")).content.decode()


def test_adopting_is_refused_unless_the_call_is_under_review(coordinating_staff):
    call = make_call(status=CallStatus.OPEN)
    proposal = make_call_proposal(call)
    with pytest.raises(LifecycleError, match="審査に入ってから"):
        decide(proposal=proposal, decision="adopt", comment="", actor=coordinating_staff)
    with pytest.raises(LifecycleError, match="審査に入ってから"):
        decide(proposal=proposal, decision="reject", comment="理由", actor=coordinating_staff)
    draft = make_call_proposal(call, status=Project.Status.DRAFT)
    with pytest.raises(LifecycleError, match="審査を経て"):
        project_lifecycle.apply(draft.project, ProjectAction.PUBLISH, actor=coordinating_staff)
    call.status = CallStatus.REVIEWING
    call.save()
    decide(proposal=proposal, decision="adopt", comment="", actor=coordinating_staff)
    proposal.project.refresh_from_db()
    assert proposal.project.status == Project.Status.PUBLISHED


def test_the_result_is_published_only_once_every_proposal_is_decided(coordinating_staff):
    call = make_call(status=CallStatus.REVIEWING)
    adopted, rejected = make_call_proposal(call), make_call_proposal(call)
    make_call_proposal(call, status=Project.Status.DRAFT)  # never submitted: not waiting
    decide(proposal=adopted, decision="adopt", comment="", actor=coordinating_staff)
    with pytest.raises(LifecycleError, match="1件"):
        lifecycle.apply(call, CallAction.CLOSE, actor=coordinating_staff)
    decide(
        proposal=rejected,
        decision="reject",
        comment="予算の上限を超えています",
        actor=coordinating_staff,
    )
    lifecycle.apply(call, CallAction.CLOSE, actor=coordinating_staff)
    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    assert call.closed_at is not None


def test_the_appointed_reviewer_and_then_every_reviewer_are_told_by_mail(
    coordinating_staff, django_capture_on_commit_callbacks
):
    call = make_call()
    first = factories.make_user("first-reviewer@example.jp")
    second = factories.make_user("second-reviewer@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        appoint(call=call, user=first, actor=coordinating_staff)
    assert [m.to for m in mail.outbox] == [["first-reviewer@example.jp"]]
    assert f"/calls/{call.pk}/review/" in mail.outbox[0].body
    assert call.title in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        appoint(call=call, user=second, actor=coordinating_staff)
    assert mail.outbox[1].to == ["second-reviewer@example.jp"]
    with pytest.raises(LifecycleError, match="すでに"):
        appoint(call=call, user=second, actor=coordinating_staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(
            call, CallAction.START_REVIEW, actor=coordinating_staff, comment="今月末までに"
        )
    assert sorted(mail.outbox[0].to) == ["first-reviewer@example.jp", "second-reviewer@example.jp"]
    assert "今月末までに" in mail.outbox[0].body
