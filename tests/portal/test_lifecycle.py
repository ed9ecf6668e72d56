"""The lifecycle toolkit itself: slots, listeners after the commit, silence, past records."""

import datetime

import pytest
from django.utils import timezone

from portal import lifecycle as toolkit
from projects import lifecycle
from projects.models import Transition
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_unfilled_slot_refuses_with_its_message():
    slot = toolkit.Slot("example", "まだ設定されていません。")
    assert slot(None) == "まだ設定されていません。"
    slot.provide(lambda step: None)
    assert slot(None) is None
    slot.provide(lambda step: ["足りないもの"])
    assert slot(None) == ["足りないもの"]


def test_listeners_hear_of_an_action_only_after_the_commit(
    organization, coordinating_staff, django_capture_on_commit_callbacks
):
    heard = []
    listener = lifecycle.PROJECT_LIFECYCLE.subscribe(lambda table, pk: heard.append(pk))
    try:
        project = factories.make_project(lead_organization=organization)
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.apply(project, "hide", actor=coordinating_staff, comment="確認中")
            assert heard == []
        assert heard == [Transition.objects.get(project=project).pk]
    finally:
        lifecycle.PROJECT_LIFECYCLE._listeners.remove(listener)


def test_a_failing_listener_never_undoes_the_action(
    organization, coordinating_staff, django_capture_on_commit_callbacks
):
    def broken(table, pk):
        raise RuntimeError("mail server exploded")

    lifecycle.PROJECT_LIFECYCLE.subscribe(broken)
    try:
        project = factories.make_project(lead_organization=organization)
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.apply(project, "hide", actor=coordinating_staff, comment="確認中")
        project.refresh_from_db()
        assert project.is_hidden
    finally:
        lifecycle.PROJECT_LIFECYCLE._listeners.remove(broken)


def test_silenced_actions_tell_nobody(
    organization, coordinating_staff, django_capture_on_commit_callbacks
):
    from django.core import mail

    project = factories.make_project(lead_organization=organization)
    with toolkit.silenced(), django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "hide", actor=coordinating_staff, comment="確認中")
    assert mail.outbox == []
    assert project.transitions.filter(action="hide").exists()


def test_a_past_record_carries_its_date_and_only_the_portal_may_write_one(
    organization, coordinating_staff
):
    when = timezone.make_aware(datetime.datetime(2025, 4, 1, 10, 0))
    project = factories.make_project(lead_organization=organization)
    with pytest.raises(ValueError):
        lifecycle.apply(project, "hide", actor=coordinating_staff, at=when, comment="確認中")
    lifecycle.apply(project, "hide", actor=None, at=when, comment="確認中")
    assert project.transitions.get().created_at == when


def test_unknown_action_codes_are_refused_kindly(organization, coordinating_staff):
    project = factories.make_project(lead_organization=organization)
    for code in ("no-such-action", None, 42):
        with pytest.raises(toolkit.LifecycleError, match="この操作はありません"):
            lifecycle.apply(project, code, actor=coordinating_staff)


def test_a_table_with_an_unknown_role_or_code_does_not_load():
    from projects.models import Project, ProjectAction

    with pytest.raises(ValueError, match="unknown roles"):
        toolkit.Lifecycle(
            name="broken",
            model=Project,
            codes=ProjectAction,
            actions=[toolkit.Action("hide", sources=("published",), actors=("nobody",))],
            roles={},
            history=Transition,
            subject_field="project",
        )
    with pytest.raises(ValueError, match="has no code"):
        toolkit.Lifecycle(
            name="broken",
            model=Project,
            codes=ProjectAction,
            actions=[toolkit.Action("fly", sources=("published",))],
            roles={},
            history=Transition,
            subject_field="project",
        )
