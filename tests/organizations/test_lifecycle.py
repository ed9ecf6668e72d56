"""The organisation lifecycle table, walked: every action from every state, by every role."""

import pytest

from organizations import lifecycle
from organizations.lifecycle import ORGANIZATION_LIFECYCLE
from organizations.models import Organization, OrganizationTransition
from portal.lifecycle import Comment, LifecycleError
from tests import factories

pytestmark = pytest.mark.django_db

ACTIONS = list(ORGANIZATION_LIFECYCLE.actions.values())
STATES = list(Organization.Status.values)
ROLES = {"member": "member", "coordinator": "coordinating_staff"}
OUTSIDERS = ("citizen", "other_member", "department_staff")


def _comment(action):
    return "理由" if action.comment == Comment.REQUIRED else ""


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.code)
def test_every_action_is_taken_from_its_sources_only(action, status, member):
    organization = factories.make_organization(status=status, members=[member])
    if status in action.sources:
        result = lifecycle.apply(organization, action.code, actor=None, comment=_comment(action))
        assert result.status == (action.target or status)
        entry = OrganizationTransition.objects.get(organization=organization)
        assert (entry.action, entry.from_status, entry.to_status) == (
            action.code,
            status,
            result.status,
        )
    else:
        with pytest.raises(LifecycleError, match="現在「"):
            lifecycle.apply(organization, action.code, actor=None, comment=_comment(action))
        assert not OrganizationTransition.objects.exists()


@pytest.mark.parametrize("role", [*ROLES, *OUTSIDERS])
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.code)
def test_every_action_is_taken_by_its_actors_only(action, role, member, request):
    user = request.getfixturevalue(ROLES.get(role, role))
    organization = factories.make_organization(status=action.sources[0], members=[member])
    allowed = role in action.actors
    assert lifecycle.can(user, organization, action.code) is allowed
    if allowed:
        lifecycle.apply(organization, action.code, actor=user, comment=_comment(action))
    else:
        with pytest.raises(LifecycleError, match="権限"):
            lifecycle.apply(organization, action.code, actor=user, comment=_comment(action))
        assert not OrganizationTransition.objects.exists()


@pytest.mark.parametrize(
    "action", [a for a in ACTIONS if a.comment == Comment.REQUIRED], ids=lambda a: a.code
)
def test_decisions_that_need_a_reason_refuse_an_empty_one(action, coordinating_staff):
    organization = factories.make_organization(status=action.sources[0])
    with pytest.raises(LifecycleError) as refused:
        lifecycle.apply(organization, action.code, actor=coordinating_staff, comment=" ")
    assert refused.value.field == "comment"
    organization.refresh_from_db()
    assert organization.status == action.sources[0]


def test_approval_is_stamped_once(coordinating_staff):
    organization = factories.make_organization(status="pending")
    approved = lifecycle.apply(organization, "approve", actor=coordinating_staff)
    first = approved.approved_at
    assert first is not None
    lifecycle.apply(approved, "suspend", actor=coordinating_staff, comment="確認中")
    again = lifecycle.apply(approved, "approve", actor=coordinating_staff)
    assert again.approved_at == first


def test_staff_edits_are_recorded_for_staff_only(coordinating_staff, organization):
    lifecycle.apply(
        organization,
        "edit",
        actor=coordinating_staff,
        changes=[{"field": "name", "label": "団体名", "old": "旧", "new": "新"}],
    )
    entry = OrganizationTransition.objects.get()
    assert (entry.visibility, entry.changes[0]["new"]) == ("staff", "新")


def test_the_table_names_only_known_states_and_labels_every_action():
    for action in ACTIONS:
        assert set(action.sources) <= set(STATES)
        assert action.target is None or action.target in STATES
        assert ORGANIZATION_LIFECYCLE.label(action.code) != action.code
