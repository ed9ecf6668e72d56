"""The lifecycle: allowed transitions, who may take them, and what each one records."""

import datetime

import pytest

from projects import lifecycle
from projects.models import PatronageDetail, Report, Transition
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(organization):
    return factories.make_proposal(lead_organization=organization)


def test_member_submits_and_staff_approve_which_publishes(proposal, member, coordinating_staff):
    lifecycle.apply(proposal, "submit", actor=member)
    project = lifecycle.apply(proposal, "approve", actor=coordinating_staff)
    assert project.status == "published"
    assert project.published_at is not None
    assert project.is_public
    assert list(proposal.transitions.values_list("action", "from_status", "to_status")) == [
        ("submit", "draft", "submitted"),
        ("approve", "submitted", "published"),
    ]


def test_return_needs_a_comment_and_keeps_it(proposal, member, coordinating_staff):
    lifecycle.apply(proposal, "submit", actor=member)
    with pytest.raises(lifecycle.LifecycleError, match="を入力してください"):
        lifecycle.apply(proposal, "return", actor=coordinating_staff, comment="  ")
    lifecycle.apply(proposal, "return", actor=coordinating_staff, comment="予算の内訳を")
    transition = proposal.transitions.last()
    assert (transition.action, transition.comment, transition.actor) == (
        "return",
        "予算の内訳を",
        coordinating_staff,
    )


def test_returned_proposal_can_be_resubmitted(proposal, member, coordinating_staff):
    lifecycle.apply(proposal, "submit", actor=member)
    lifecycle.apply(proposal, "return", actor=coordinating_staff, comment="直してください")
    project = lifecycle.apply(proposal, "submit", actor=member, comment="日程を直しました")
    assert project.status == "submitted"


def test_rejection_keeps_the_project_and_its_reason(proposal, member, coordinating_staff):
    lifecycle.apply(proposal, "submit", actor=member)
    lifecycle.apply(proposal, "reject", actor=coordinating_staff, comment="対象外です")
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    assert proposal.transitions.filter(action="reject", comment="対象外です").exists()


@pytest.mark.parametrize("role", ["citizen", "other_member", "department_staff", "member"])
def test_only_coordinating_staff_approve(proposal, member, role, request):
    lifecycle.apply(proposal, "submit", actor=member)
    with pytest.raises(lifecycle.LifecycleError, match="権限"):
        lifecycle.apply(proposal, "approve", actor=request.getfixturevalue(role))
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_other_organisations_member_cannot_submit(proposal, other_member):
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.apply(proposal, "submit", actor=other_member)


def test_a_transition_from_the_wrong_state_is_refused_with_a_clear_message(
    proposal, coordinating_staff
):
    with pytest.raises(lifecycle.LifecycleError, match="現在「下書き」のため"):
        lifecycle.apply(proposal, "approve", actor=coordinating_staff)
    assert not Transition.objects.exists()


def test_hide_and_show_keep_the_state_and_toggle_visibility(organization, coordinating_staff):
    project = factories.make_project(lead_organization=organization)
    project = lifecycle.apply(project, "hide", actor=coordinating_staff, comment="確認中")
    assert (project.status, project.is_hidden, project.is_public) == ("published", True, False)
    with pytest.raises(lifecycle.LifecycleError, match="すでに非公開"):
        lifecycle.apply(project, "hide", actor=coordinating_staff, comment="確認中")
    project = lifecycle.apply(project, "show", actor=coordinating_staff)
    assert project.is_public


def _patronage(organization):
    project = factories.make_project(lead_organization=organization, form="patronage")
    PatronageDetail.objects.create(
        project=project,
        event_name="講演会",
        event_date=datetime.date(2026, 12, 1),
        venue="市民会館",
    )
    return project


def test_organiser_files_a_change_notice_after_approval(organization, member):
    project = _patronage(organization)
    project = lifecycle.apply(
        project,
        "change_notice",
        actor=member,
        comment="会場を変更します",
        proposed={"venue": "公民館"},
    )
    assert project.status == "published"
    notice = project.transitions.get(action="change_notice")
    assert notice.comment == "会場を変更します"
    assert notice.actor == member


def test_cancellation_notice_ends_the_patronage_project(organization, member):
    project = _patronage(organization)
    project = lifecycle.apply(project, "cancel", actor=member, comment="台風のため中止")
    # Its own state, still public (shown as 中止), so that nobody comes to a cancelled event.
    assert project.status == "cancelled"
    assert project.get_status_display() == "中止"
    assert project.is_public
    assert project.transitions.filter(action="cancel", comment="台風のため中止").exists()


def test_notices_are_only_for_patronage(organization, member):
    project = factories.make_project(lead_organization=organization, form="subsidy")
    with pytest.raises(lifecycle.LifecycleError, match="後援"):
        lifecycle.apply(project, "change_notice", actor=member, comment="変更")


def test_notices_need_their_text(organization, member):
    project = _patronage(organization)
    with pytest.raises(lifecycle.LifecycleError, match="を入力してください"):
        lifecycle.apply(project, "cancel", actor=member, comment="")


def test_other_member_cannot_file_a_notice(organization, other_member):
    project = _patronage(organization)
    with pytest.raises(lifecycle.LifecycleError, match="権限"):
        lifecycle.apply(project, "cancel", actor=other_member, comment="中止")


def test_accepting_the_report_completes_the_project(organization, member, coordinating_staff):
    project = factories.make_project(lead_organization=organization)
    Report.objects.create(project=project, activities="講座を6回開きました")
    lifecycle.apply(project, "submit_report", actor=member)
    project = lifecycle.apply(project, "complete", actor=coordinating_staff)
    assert project.status == "completed"
    report = Report.objects.get(project=project)
    assert report.status == "accepted"
    assert report.accepted_at is not None


def test_project_cannot_complete_without_a_submitted_report(organization, coordinating_staff):
    project = factories.make_project(lead_organization=organization)
    Report.objects.create(project=project, activities="作成中")
    with pytest.raises(lifecycle.LifecycleError, match="実績報告"):
        lifecycle.apply(project, "complete", actor=coordinating_staff)


def test_staff_return_a_report_which_the_organisation_resubmits(
    organization, member, coordinating_staff
):
    project = factories.make_project(lead_organization=organization)
    Report.objects.create(project=project, activities="実施しました")
    lifecycle.apply(project, "submit_report", actor=member)
    lifecycle.apply(project, "return_report", actor=coordinating_staff, comment="写真を追加して")
    report = Report.objects.get(project=project)
    assert report.status == "returned"
    lifecycle.apply(project, "submit_report", actor=member)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert project.transitions.filter(action="return_report", comment="写真を追加して").exists()


def test_department_staff_may_accept_their_departments_report(
    organization, member, department_staff
):
    project = factories.make_project(
        lead_organization=organization, department=factories.make_department()
    )
    Report.objects.create(project=project, activities="実施しました")
    lifecycle.apply(project, "submit_report", actor=member)
    assert lifecycle.apply(project, "complete", actor=department_staff).status == "completed"


def test_department_staff_may_not_approve_even_their_own_department(
    organization, member, department_staff
):
    project = factories.make_project(
        lead_organization=organization, status="submitted", department=factories.make_department()
    )
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.apply(project, "approve", actor=department_staff)


def test_available_actions_follow_state_and_role(organization, member, coordinating_staff):
    project = factories.make_project(lead_organization=organization, status="submitted")
    staff_codes = [a.code for a in lifecycle.offered(coordinating_staff, project)]
    assert staff_codes == ["approve", "return", "reject", "withdraw"]
    member_codes = [a.code for a in lifecycle.offered(member, project)]
    assert member_codes == ["withdraw"]


def test_group_permission_makes_a_user_coordinating_staff(proposal, member, citizen):
    from django.contrib.auth.models import Group

    lifecycle.apply(proposal, "submit", actor=member)
    citizen.groups.add(Group.objects.get(name="協働推進課"))
    assert lifecycle.apply(proposal, "approve", actor=citizen).status == "published"
