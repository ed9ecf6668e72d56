"""Running `python manage.py load_demo`: idempotent through the lifecycles, silent, refusing
data that could reach a real mailbox or that the lifecycle forbids. Each test starts from a
fresh database (the migrations' master data and city profile only)."""

import shutil
import sys
import types

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError

from accounts.models import Profile
from calls.models import CallEntry
from demo import datafiles, steps
from notifications.models import NotificationFailure
from organizations.models import Department, Membership, Organization, OrganizationTransition
from principles.models import Evaluation, EvaluationScore, SelfCheckAnswer
from projects.models import (
    Attachment,
    CohostingDetail,
    CommissionDetail,
    CommitteeDetail,
    CooperationDetail,
    Event,
    Partner,
    PatronageDetail,
    Project,
    Report,
    SubsidyDetail,
    Transition,
)

from .loading import data_histories, partner_confirmations, recorded_histories, run_load_demo

pytestmark = pytest.mark.django_db

COUNTED_MODELS = (
    Organization,
    OrganizationTransition,
    Membership,
    Department,
    Project,
    Partner,
    Event,
    Transition,
    Report,
    Evaluation,
    EvaluationScore,
    SubsidyDetail,
    PatronageDetail,
    CommissionDetail,
    CommitteeDetail,
    CooperationDetail,
    CohostingDetail,
    Attachment,
    SelfCheckAnswer,
    EmailAddress,
    Profile,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The demo's documents go to a temporary directory."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of demo/data/ that a test may edit, which load_demo then reads."""
    folder = tmp_path / "data"
    shutil.copytree(datafiles.FOLDER, folder)
    monkeypatch.setattr(datafiles, "FOLDER", folder)
    return folder


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot():
    counts = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    counts["User"] = get_user_model().objects.count()
    states = dict(Project.objects.values_list("pk", "status"))
    hidden = set(Project.objects.filter(is_hidden=True).values_list("pk", flat=True))
    organizations = dict(Organization.objects.values_list("pk", "status"))
    history = [
        list(model.objects.order_by("id").values_list("id", "action", "created_at", "actor"))
        for model in (Transition, OrganizationTransition)
    ]
    return counts, states, hidden, organizations, history


def test_running_twice_gives_the_same_rows():
    run_load_demo()
    first = snapshot()
    password_hashes = dict(get_user_model().objects.values_list("username", "password"))
    output = run_load_demo()
    assert snapshot() == first
    # The password is not re-hashed when it already matches.
    assert dict(get_user_model().objects.values_list("username", "password")) == password_hashes
    assert "今回新しく作成: 0件" in output
    assert "今回記録した操作: 0件" in output


def test_a_second_run_takes_no_action_again():
    run_load_demo()
    entries = (
        Transition.objects.count()
        + OrganizationTransition.objects.count()
        + CallEntry.objects.count()
    )
    named = Partner.objects.filter(organization__isnull=False).count()
    assert partner_confirmations() == named > 0
    assert entries == sum(len(history) for history in data_histories().values()) + named
    run_load_demo()
    assert (
        Transition.objects.count()
        + OrganizationTransition.objects.count()
        + CallEntry.objects.count()
    ) == entries
    assert recorded_histories() == data_histories()


def test_a_history_step_added_to_the_data_is_taken_once_on_the_next_run(db, data_copy):
    run_load_demo()
    project = Project.objects.get(title="民間企業との災害協定")
    assert not project.is_hidden
    edit(
        data_copy / "projects" / "cooperation.toml",
        'action = "publish"\nat = 2026-05-15 15:00:00\n',
        'action = "publish"\nat = 2026-05-15 15:00:00\n\n[[projects.history]]\n'
        'action = "hide"\nat = 2026-11-20 09:00:00\ncomment = "協定の見直し中のため"\n',
    )
    assert "今回記録した操作: 1件" in run_load_demo()
    assert "今回記録した操作: 0件" in run_load_demo()
    project.refresh_from_db()
    assert project.is_hidden
    assert project.transitions.filter(action="hide").count() == 1


def test_loading_sends_no_mail_at_all(db, django_capture_on_commit_callbacks):
    # The coordinating department's address is the city's real one (the profile's).
    coordinating = Department.objects.get(is_coordinating=True)
    assert coordinating.email and not coordinating.email.endswith("@example.jp")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run_load_demo()
    assert mail.outbox == []
    # Nothing waits for the commit but the public pages' cache stamp (portal/caching.py):
    # no mail, no task.
    assert [c for c in callbacks if c.__module__ != "portal.caching"] == []
    assert not NotificationFailure.objects.exists()


def test_a_step_added_to_the_list_is_silenced_too(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    """A feature's step that takes an action without a date tells nobody either."""

    def load(command):
        from projects import lifecycle

        lifecycle.apply(command.projects["tanabata-2026"], "hide", actor=None, comment="確認中")

    monkeypatch.setitem(sys.modules, "tests.demo.noisy_step", types.SimpleNamespace(load=load))
    monkeypatch.setattr(steps, "STEPS", [*steps.STEPS, "tests.demo.noisy_step"])
    with django_capture_on_commit_callbacks(execute=True):
        run_load_demo()
    assert Project.objects.get(title="上福岡七夕まつり", fiscal_year=2026).is_hidden
    assert mail.outbox == []


def test_a_real_address_in_the_data_is_refused_and_nothing_is_written(db, data_copy):
    edit(data_copy / "users.toml", 'email = "staff@example.jp"', 'email = "staff@city.example.org"')
    with pytest.raises(CommandError, match="staff@city.example.org"):
        run_load_demo()
    assert not get_user_model().objects.exists()
    assert not Organization.objects.exists()


def test_the_lead_time_of_a_patronage_is_judged_on_the_day_of_the_record(db, data_copy):
    # Two weeks before the concert is too late for a 後援, whatever day the demo is loaded.
    patronage = data_copy / "projects" / "patronage.toml"
    edit(patronage, "at = 2026-11-02 10:00:00", "at = 2027-02-28 10:00:00")
    edit(patronage, "at = 2026-11-16 15:00:00", "at = 2027-03-01 15:00:00")
    with pytest.raises(CommandError, match="後援の申請は、開催日の30日前"):
        run_load_demo()
    assert not Project.objects.exists()
