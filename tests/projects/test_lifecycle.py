"""The project lifecycle table, walked: every action from every state, by every role, and
every requirement refused and met. A new action in projects/lifecycle.py is walked too."""

import datetime

import pytest

from organizations.models import Organization
from portal.lifecycle import Comment, LifecycleError
from principles.models import Evaluation
from principles.selectors import expected_parties
from projects import lifecycle
from projects.lifecycle import PROJECT_LIFECYCLE
from projects.models import PatronageDetail, ProposedChange, Report, Status, Transition
from tests import factories

pytestmark = pytest.mark.django_db

ACTIONS = list(PROJECT_LIFECYCLE.actions.values())
STATES = list(Status.values)
ROLES = {
    "lead": "member",
    "coordinator": "coordinating_staff",
    "department": "department_staff",
    "partner": "other_member",  # a member of the partner organisation 大井まちづくりの会
}
OUTSIDERS = ("citizen",)


def _patronage_detail(project):
    PatronageDetail.objects.create(
        project=project,
        event_name="講演会",
        event_date=datetime.date(2099, 12, 1),
        venue="市民会館",
        name_on_web=True,
    )


def _evaluate_all(project):
    for kind, pk in expected_parties(project):
        Evaluation.objects.create(
            project=project,
            status="submitted",
            submitted_at=project.updated_at,
            **{f"{kind}_id": pk},
        )


def project_ready_for(code, status, organization):
    """A project in `status` on which `code`'s conditions and requirements hold."""
    form = "patronage" if code in ("change_notice", "acknowledge_change", "cancel") else "cohosting"
    if form == "patronage":
        project = factories.make_project(lead_organization=organization, form=form)
        _patronage_detail(project)
    else:
        project = factories.make_proposal(lead_organization=organization)
    project.department = factories.make_department()
    project.status = status
    project.is_hidden = code == "show"
    project.save()
    if code == "submit_report":
        Report.objects.create(project=project, activities="講座を開きました")
    if code in ("return_report", "complete"):
        Report.objects.create(project=project, activities="講座を開きました", status="submitted")
    if code == "evaluate":
        _evaluate_all(project)
    if code == "acknowledge_change":
        ProposedChange.objects.create(
            project=project,
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
    if code == "change_notice":
        project.proposed = {"venue": "公民館"}
    if code.startswith("partner_"):
        partner_organization = Organization.objects.get(name="大井まちづくりの会")
        project.partner_request = factories.make_partner(
            project, partner_organization, consent="requested"
        )
    return project


def params_for(project):
    request = getattr(project, "partner_request", None)
    if hasattr(project, "proposed"):
        return {"proposed": project.proposed}
    return {"partner": request.pk} if request else {}


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.code)
def test_every_action_is_taken_from_its_sources_only(
    action, status, organization, other_organization
):
    project = project_ready_for(action.code, status, organization)
    required = action.comment == Comment.REQUIRED or status in action.comment_required_in
    comment = "理由" if required else ""
    params = params_for(project)
    if status in action.sources:
        result = lifecycle.apply(project, action.code, actor=None, comment=comment, **params)
        assert result.status == (action.target or status)
        entry = Transition.objects.get(project=project)
        assert (entry.action, entry.from_status, entry.to_status) == (
            action.code,
            status,
            result.status,
        )
        assert entry.visibility == action.visibility
    else:
        with pytest.raises(LifecycleError, match="現在「"):
            lifecycle.apply(project, action.code, actor=None, comment=comment, **params)
        project.refresh_from_db()
        assert project.status == status
        assert not Transition.objects.filter(project=project).exists()


@pytest.mark.parametrize("role", [*ROLES, *OUTSIDERS])
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.code)
def test_every_action_is_taken_by_its_actors_only(
    action, role, organization, other_organization, request
):
    user = request.getfixturevalue(ROLES.get(role, role))
    project = project_ready_for(action.code, action.sources[0], organization)
    comment = "理由" if action.comment == Comment.REQUIRED else ""
    params = params_for(project)
    if role == "partner" and not action.code.startswith("partner_"):
        factories.make_partner(project, other_organization)  # a partner of the project
    allowed = role in action.actors
    if not params:
        assert lifecycle.can(user, project, action.code) is allowed
    if allowed:
        lifecycle.apply(project, action.code, actor=user, comment=comment, **params)
        assert Transition.objects.get(project=project).actor == user
    else:
        with pytest.raises(LifecycleError, match="権限"):
            lifecycle.apply(project, action.code, actor=user, comment=comment, **params)
        assert not Transition.objects.filter(project=project).exists()


@pytest.mark.parametrize(
    "action", [a for a in ACTIONS if a.comment == Comment.REQUIRED], ids=lambda a: a.code
)
def test_actions_that_require_a_comment_refuse_an_empty_one(
    action, organization, other_organization
):
    project = project_ready_for(action.code, action.sources[0], organization)
    with pytest.raises(LifecycleError) as refused:
        lifecycle.apply(project, action.code, actor=None, comment="  \n ")
    assert refused.value.field == "comment"
    assert str(action.comment_label) in str(refused.value)
    assert not Transition.objects.filter(project=project).exists()


@pytest.mark.parametrize("actor", [None, "member", "coordinating_staff"])
def test_submit_is_refused_for_an_incomplete_proposal_whoever_takes_it(
    actor, organization, request
):
    user = request.getfixturevalue(actor) if actor else None
    project = factories.make_proposal(lead_organization=organization, safety_plan="")
    with pytest.raises(LifecycleError) as refused:
        lifecycle.apply(project, "submit", actor=user)
    assert [problem.field for problem in refused.value.problems] == ["safety_plan"]
    project.refresh_from_db()
    assert project.status == "draft"
    assert not project.transitions.exists()


def test_submit_lists_every_missing_item_including_the_self_check(organization, member):
    project = factories.make_proposal(lead_organization=organization, purpose="")
    project.self_check_answers.first().delete()
    with pytest.raises(LifecycleError) as refused:
        lifecycle.apply(project, "submit", actor=member)
    sections = sorted(problem.section for problem in refused.value.problems)
    assert sections == ["project", "selfcheck"]


def test_publishing_the_evaluation_is_refused_until_every_party_has_submitted(
    organization, other_organization, coordinating_staff
):
    project = factories.make_project(lead_organization=organization, status="completed")
    factories.make_partner(project, other_organization)
    city = factories.coordinating_department()
    with pytest.raises(LifecycleError, match="3件"):
        lifecycle.apply(project, "evaluate", actor=coordinating_staff)
    Evaluation.objects.create(
        project=project, department=city, status="submitted", submitted_at=project.updated_at
    )
    Evaluation.objects.create(project=project, organization=organization)  # a draft
    with pytest.raises(LifecycleError, match="2件"):
        lifecycle.apply(project, "evaluate", actor=coordinating_staff)
    Evaluation.objects.filter(project=project).update(
        status="submitted", submitted_at=project.updated_at
    )
    Evaluation.objects.create(
        project=project,
        organization=other_organization,
        status="submitted",
        submitted_at=project.updated_at,
    )
    assert lifecycle.apply(project, "evaluate", actor=coordinating_staff).status == "evaluated"


def test_offered_evaluation_shows_what_still_blocks_it(organization, coordinating_staff):
    project = factories.make_project(lead_organization=organization, status="completed")
    offers = {offer.code: offer for offer in lifecycle.offered(coordinating_staff, project)}
    assert "まだ相互評価を提出していない当事者があります(2件)" in offers["evaluate"].blockers[0]


@pytest.mark.parametrize("code, status", [("approve", "submitted"), ("publish", "draft")])
@pytest.mark.parametrize("lead_status", ["pending", "suspended", "rejected"])
def test_a_project_of_an_organisation_that_is_not_approved_is_not_published(
    code, status, lead_status, coordinating_staff
):
    lead = factories.make_organization(status=lead_status)
    project = factories.make_project(lead_organization=lead, status=status)
    with pytest.raises(LifecycleError, match="承認されていない"):
        lifecycle.apply(project, code, actor=coordinating_staff)
    project.refresh_from_db()
    assert project.status == status


def test_showing_again_is_refused_while_the_lead_is_suspended(coordinating_staff):
    lead = factories.make_organization(status="suspended")
    project = factories.make_project(lead_organization=lead, is_hidden=True)
    with pytest.raises(LifecycleError, match="承認されていない"):
        lifecycle.apply(project, "show", actor=coordinating_staff)


def test_a_report_without_its_activities_is_not_submitted(organization, member):
    project = factories.make_project(lead_organization=organization)
    Report.objects.create(project=project, activities="  ")
    with pytest.raises(LifecycleError, match="実施した内容"):
        lifecycle.apply(project, "submit_report", actor=member)
    assert Report.objects.get(project=project).status == "draft"


@pytest.mark.parametrize("code", ["submit_report", "return_report", "complete"])
def test_report_actions_are_not_offered_without_a_report_in_their_state(
    code, organization, coordinating_staff, member
):
    project = factories.make_project(lead_organization=organization)
    for user in (member, coordinating_staff):
        assert code not in [offer.code for offer in lifecycle.offered(user, project)]
        assert not lifecycle.can(user, project, code)


def test_record_only_actions_are_never_buttons(organization, coordinating_staff):
    project = factories.make_project(lead_organization=organization)
    codes = [offer.code for offer in lifecycle.offered(coordinating_staff, project)]
    assert "create" not in codes and "edit" not in codes


def test_the_table_names_only_known_states_and_labels_every_action():
    for action in ACTIONS:
        assert set(action.sources) <= set(STATES)
        assert action.target is None or action.target in STATES
        assert PROJECT_LIFECYCLE.label(action.code) != action.code
