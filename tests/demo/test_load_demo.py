"""`python manage.py load_demo`: idempotent, complete, and with its private cases private."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.management.commands.load_demo import (
    DEMO_NOTE,
    DEMO_PASSWORD,
    GUIDELINE_EXAMPLES,
    PRIVATE_ADDRESS_MARKER,
    PRIVATE_PHONE,
    PRIVATE_TITLE_MARKER,
)
from organizations.models import Department, Membership, Organization
from principles.models import Evaluation, EvaluationScore, Principle
from projects.models import (
    CohostingDetail,
    CommissionDetail,
    CommitteeDetail,
    CooperationDetail,
    Event,
    Form,
    Partner,
    PatronageDetail,
    Project,
    Report,
    Status,
    SubsidyDetail,
    Transition,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)
DEMO_EMAILS = ("staff@example.jp", "dept@example.jp", "member@example.jp", "admin@example.jp")
COUNTED_MODELS = (
    Organization,
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
    EmailAddress,
)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return run_load_demo()


def snapshot():
    counts = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    counts["User"] = get_user_model().objects.count()
    states = dict(Project.objects.values_list("pk", "status"))
    hidden = set(Project.objects.filter(is_hidden=True).values_list("pk", flat=True))
    return counts, states, hidden


def private(title_part):
    return Project.objects.get(title__startswith=f"{PRIVATE_TITLE_MARKER}:{title_part}】")


def test_running_twice_gives_the_same_rows():
    run_load_demo()
    first = snapshot()
    password_hashes = dict(get_user_model().objects.values_list("username", "password"))
    output = run_load_demo()
    assert snapshot() == first
    # The password is not re-hashed when it already matches.
    assert dict(get_user_model().objects.values_list("username", "password")) == password_hashes
    assert "今回新しく作成: 0件" in output


def test_summary_lists_the_demo_logins(demo):
    for email in DEMO_EMAILS:
        assert f"{email} / {DEMO_PASSWORD}" in demo
    assert "職員(協働推進課)" in demo


def test_all_six_forms_are_public(demo):
    forms = set(Project.objects.public().values_list("form", flat=True))
    assert forms == set(Form.values)


def test_every_project_has_its_forms_detail(demo):
    for project in Project.objects.all():
        assert project.form_detail() is not None, project.title


def test_the_guidelines_nine_examples_are_public_in_their_forms(demo):
    assert len(GUIDELINE_EXAMPLES) == 9
    for title, form in GUIDELINE_EXAMPLES.items():
        projects = Project.objects.public().filter(title=title)
        assert projects.exists(), title
        assert set(projects.values_list("form", flat=True)) == {form}, title


def test_patronage_projects_have_event_details(demo):
    patronage = Project.objects.public().filter(form=Form.PATRONAGE)
    assert patronage.count() >= 2
    for project in patronage:
        detail = project.patronage
        assert detail.event_name and detail.venue and detail.event_date and detail.fee


def test_history_spans_fiscal_years_and_states(demo):
    public = Project.objects.public()
    assert set(public.values_list("fiscal_year", flat=True)) >= {2023, 2024, 2025, 2026}
    assert set(public.values_list("status", flat=True)) == {
        Status.PUBLISHED,
        Status.COMPLETED,
        Status.EVALUATED,
    }
    published_at = public.values_list("published_at", flat=True)
    assert all(value is not None for value in published_at)
    # Fixed dates, not "now": nothing is published after the demo's today.
    assert max(value.date() for value in published_at) <= TODAY


def test_completed_and_evaluated_projects_have_an_accepted_report(demo):
    for project in Project.objects.filter(status__in=[Status.COMPLETED, Status.EVALUATED]):
        assert project.report.status == Report.Status.ACCEPTED, project.title
        assert project.report.accepted_at is not None


def test_evaluated_projects_have_every_partys_evaluation(demo):
    evaluated = Project.objects.filter(status=Status.EVALUATED)
    assert evaluated.exists()
    principle_count = Principle.objects.count()
    assert principle_count == 7
    largest_gap = 0
    for project in evaluated:
        evaluations = list(project.evaluations.all())
        parties = {
            evaluation.organization_id for evaluation in evaluations if evaluation.organization_id
        }
        expected = {project.lead_organization_id} | {
            partner.organization_id for partner in project.partners.all() if partner.organization_id
        }
        assert parties == expected, project.title
        assert [e.department_id for e in evaluations if e.is_city] == [project.department_id]
        for evaluation in evaluations:
            assert evaluation.submitted_at is not None
            assert evaluation.recommendation
            assert evaluation.outcomes and evaluation.issues
            scores = list(evaluation.scores.all())
            assert len(scores) == principle_count
            assert all(1 <= score.score <= 4 and score.comment for score in scores)
        for principle in Principle.objects.all():
            values = EvaluationScore.objects.filter(
                evaluation__project=project, principle=principle
            ).values_list("score", flat=True)
            largest_gap = max(largest_gap, max(values) - min(values))
    assert largest_gap >= 2


def test_events_are_upcoming_and_past_and_located_in_fujimino(demo):
    public_events = Event.objects.filter(project__in=Project.objects.public())
    assert public_events.filter(starts_on__gt=TODAY).exists()
    assert public_events.filter(starts_on__year=2027).exists()
    assert public_events.filter(starts_on__lt=TODAY).exists()
    for event in Event.objects.all():
        assert 35.8 < float(event.latitude) < 35.95, event.title
        assert 139.45 < float(event.longitude) < 139.6, event.title
        assert event.place and event.address.startswith("埼玉県ふじみ野市")


@pytest.mark.parametrize(
    "marker, status",
    [
        ("下書き", Status.DRAFT),
        ("審査中", Status.SUBMITTED),
        ("差し戻し", Status.RETURNED),
        ("不採択", Status.REJECTED),
        ("取り下げ", Status.WITHDRAWN),
    ],
)
def test_each_unpublished_state_exists_and_is_not_public(demo, marker, status):
    project = private(marker)
    assert project.status == status
    assert not Project.objects.public().filter(pk=project.pk).exists()


def test_returned_and_rejected_projects_carry_the_staff_comment(demo):
    for marker, action in (("差し戻し", "return"), ("不採択", "reject"), ("取り下げ", "withdraw")):
        transition = private(marker).transitions.get(action=action)
        assert transition.comment
        assert transition.actor is not None


def test_hidden_project_is_published_but_not_public(demo):
    project = private("非表示")
    assert project.status == Status.PUBLISHED and project.is_hidden
    assert project.transitions.filter(action="hide").exists()
    assert not Project.objects.public().filter(pk=project.pk).exists()


def test_pending_organisations_proposal_stays_private(demo):
    # A pending organisation cannot submit (nor have a project published): its draft waits.
    project = private("承認待ち団体")
    assert project.status == Status.DRAFT and not project.is_hidden
    assert project.lead_organization.status == Organization.Status.PENDING
    assert not Project.objects.public().filter(pk=project.pk).exists()


def test_pending_organisation_is_partner_of_a_public_project(demo):
    organization = Organization.objects.get(name="審査待ち市民の会(デモ)")
    assert organization.status == Organization.Status.PENDING
    assert not Organization.objects.public().filter(pk=organization.pk).exists()
    assert Project.objects.public().filter(partners__organization=organization).exists()


@pytest.mark.parametrize(
    "name, status",
    [
        ("審査待ち市民の会(デモ)", Organization.Status.PENDING),
        ("審査待ち地域活動クラブ(デモ)", Organization.Status.PENDING),
        ("活動停止中の会(デモ)", Organization.Status.SUSPENDED),
        ("登録不承認の会(デモ)", Organization.Status.REJECTED),
    ],
)
def test_unapproved_organisations_are_not_public(demo, name, status):
    organization = Organization.objects.get(name=name)
    assert organization.status == status
    assert not Organization.objects.public().filter(pk=organization.pk).exists()


def test_no_public_project_or_event_carries_the_private_marker(demo):
    private_projects = Project.objects.filter(title__contains=PRIVATE_TITLE_MARKER)
    assert private_projects.count() == 8
    assert not Project.objects.public().filter(title__contains=PRIVATE_TITLE_MARKER).exists()
    assert not Event.objects.filter(
        project__in=Project.objects.public(), title__contains=PRIVATE_TITLE_MARKER
    ).exists()
    # Every private project has an upcoming event or a form detail to leak, if anything leaks.
    assert Event.objects.filter(project__in=private_projects, starts_on__gt=TODAY).count() >= 5


def test_organisations_are_marked_as_demo_and_have_private_contacts(demo):
    for organization in Organization.objects.all():
        assert organization.description.endswith(DEMO_NOTE)
        assert organization.name_kana
        assert all("ァ" <= char <= "ヶ" or char == "ー" for char in organization.name_kana)
        assert organization.public_email.endswith("@example.jp")
        assert organization.public_phone.startswith("049-000-")
        assert organization.representative_phone == PRIVATE_PHONE
        assert PRIVATE_ADDRESS_MARKER in organization.representative_address
        assert organization.representative_name and organization.private_email
    kinds = set(Organization.objects.public().values_list("kind", flat=True))
    assert kinds == set(Organization.Kind.values) - {Organization.Kind.OTHER}


def test_demo_users_can_log_in_with_verified_addresses(demo, client):
    User = get_user_model()
    for email in DEMO_EMAILS:
        user = User.objects.get(username=email)
        assert user.email == email
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.filter(
            user=user, email=email, verified=True, primary=True
        ).exists()
        assert client.login(username=email, password=DEMO_PASSWORD)
        client.logout()


def test_demo_users_have_their_roles(demo):
    User = get_user_model()
    staff = User.objects.get(username="staff@example.jp")
    assert staff.departments.filter(code="kyodo-suishin", is_coordinating=True).exists()
    dept = User.objects.get(username="dept@example.jp")
    assert list(dept.departments.values_list("code", flat=True)) == ["lifelong-learning"]
    member = User.objects.get(username="member@example.jp")
    assert member.memberships.filter(role=Membership.Role.OWNER).count() == 1
    assert not member.is_staff and not member.departments.exists()
    admin = User.objects.get(username="admin@example.jp")
    assert admin.is_superuser and admin.is_staff
    assert set(Department.objects.values_list("code", flat=True)) >= {
        "kyodo-suishin",
        "lifelong-learning",
        "sports",
        "environment",
        "disaster-prevention",
        "industry",
    }


def test_member_leads_published_and_unpublished_projects(demo):
    member = get_user_model().objects.get(username="member@example.jp")
    led = Project.objects.filter(lead_organization__memberships__user=member)
    statuses = set(led.values_list("status", flat=True))
    assert {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.PUBLISHED} <= statuses


def test_partners_mix_registered_organisations_and_free_names(demo):
    assert Partner.objects.filter(organization__isnull=False).exists()
    assert Partner.objects.filter(organization__isnull=True, name="市内小中学校PTA").exists()
    assert Partner.objects.filter(is_chair=True).exists()


def test_demo_rows_pass_model_validation(demo):
    rows = [
        *Organization.objects.all(),
        *Project.objects.all(),
        *Partner.objects.all(),
        *Event.objects.all(),
        *Report.objects.all(),
        *EvaluationScore.objects.all(),
    ]
    for project in Project.objects.all():
        rows.append(project.form_detail())
    for row in rows:
        row.full_clean()
