"""`python manage.py load_demo`: complete, dated as its data files say, and with its private
cases private. The demo is loaded once for the module (see `loaded_demo`); each test reads it
inside a transaction of its own."""

import datetime
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from city import datafiles as city_datafiles
from demo import datafiles
from organizations.models import Department, Membership, Organization, OrganizationTransition
from principles.models import EvaluationScore, Principle
from projects.models import Event, Form, Partner, Project, Report, Status, Transition

from .loading import (
    DEMO_EMAILS,
    DEMO_PASSWORD,
    data_histories,
    recorded_histories,
    run_load_demo,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)
DEMO_NOTE = datafiles.read("organizations")["note"]
PRIVATE_PHONE = "090-0000-1111"
PRIVATE_ADDRESS_MARKER = "デモ非公開住所"
PRIVATE_TITLE_MARKER = "【非公開"
GUIDELINE_EXAMPLES = {
    "自治組織運営活動への支援": Form.SUBSIDY,
    "市民大学ふじみ野": Form.COMMISSION,
    "スポーツフェスティバル": Form.COMMISSION,
    "上福岡七夕まつり": Form.COMMITTEE,
    "おおい祭り": Form.COMMITTEE,
    "環境フェア": Form.COMMITTEE,
    "大学等との包括連携協定に基づく事業": Form.COOPERATION,
    "民間企業との災害協定": Form.COOPERATION,
    "スポーツカレッジ": Form.COHOSTING,
}


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once inside a transaction that each test's own (rolled back)
    transaction nests in, and rolled back itself when the module ends."""
    folder = tmp_path_factory.mktemp("demo")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = {"MEDIA_ROOT": folder / "media", "PRIVATE_MEDIA_ROOT": folder / "private"}
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast, **media),
        transaction.atomic(),
    ):
        yield run_load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


def private(title_part):
    return Project.objects.get(title__startswith=f"{PRIVATE_TITLE_MARKER}:{title_part}】")


def test_summary_ends_with_the_demo_logins_one_a_line(demo):
    lines = demo.splitlines()
    assert lines[-len(DEMO_EMAILS) :] == [f"{email} / {DEMO_PASSWORD}" for email in DEMO_EMAILS]
    assert "職員(協働推進課)" in demo


def test_only_the_demo_logins_can_sign_in(demo):
    for user in get_user_model().objects.exclude(email__in=DEMO_EMAILS):
        assert not user.has_usable_password(), user.email
    assert get_user_model().objects.exclude(email__in=DEMO_EMAILS).count() >= 10


def test_every_history_entry_is_dated_and_ordered_as_in_the_data_files(demo):
    assert recorded_histories() == data_histories()
    # The portal itself recorded them (an action of the past has no person acting now).
    assert not Transition.objects.filter(actor__isnull=False).exists()
    assert not OrganizationTransition.objects.filter(actor__isnull=False).exists()


def test_only_example_jp_addresses_in_the_data_files():
    addresses = set()
    for path in datafiles.FOLDER.rglob("*.toml"):
        addresses |= set(datafiles.EMAIL.findall(path.read_text(encoding="utf-8")))
    assert addresses
    assert {address.rsplit("@", 1)[1] for address in addresses} == {"example.jp"}


def test_only_example_jp_addresses_in_what_the_demo_wrote(demo):
    profile_departments = {row["code"] for row in city_datafiles.rows("departments")}
    addresses = [
        *get_user_model().objects.values_list("email", flat=True),
        *EmailAddress.objects.values_list("email", flat=True),
        *Organization.objects.values_list("public_email", flat=True),
        *Organization.objects.values_list("private_email", flat=True),
        *Department.objects.exclude(code__in=profile_departments).values_list("email", flat=True),
    ]
    assert len(addresses) > 40
    assert all(address.endswith("@example.jp") for address in addresses), addresses


def test_no_demo_module_writes_a_state():
    """States change only through the services and lifecycles."""
    writes = re.compile(
        r"\.status\s*=(?!=)|[\"']status[\"']\s*:|"
        r"\b(?:create|update|update_or_create|get_or_create)\([^)]*\bstatus\s*="
    )
    root = Path(django_settings.BASE_DIR) / "demo"
    found = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if writes.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


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
    # Recorded as of their date, by the portal itself: a past action names no one acting now.
    for marker, action in (("差し戻し", "return"), ("不採択", "reject"), ("取り下げ", "withdraw")):
        transition = private(marker).transitions.get(action=action)
        assert transition.comment
        assert transition.actor is None
        assert transition.created_at.date() < TODAY


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


def test_suspended_organisations_published_project_stays_private(demo):
    # Approved, its project published, then suspended: each through its lifecycle, in order.
    project = private("停止団体")
    organization = project.lead_organization
    assert project.status == Status.PUBLISHED and not project.is_hidden
    assert organization.status == Organization.Status.SUSPENDED
    assert not Project.objects.public().filter(pk=project.pk).exists()
    published = project.transitions.get(action="publish").created_at
    approved = organization.transitions.get(action="approve").created_at
    suspended = organization.transitions.get(action="suspend").created_at
    assert approved < published < suspended
    assert organization.transitions.get(action="suspend").comment


def test_rejected_organisation_carries_the_reason(demo):
    organization = Organization.objects.get(name="登録不承認の会(デモ)")
    assert organization.transitions.get(action="reject").comment
    assert organization.approved_at is None


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


def test_reports_went_through_their_steps(demo):
    for report in Report.objects.select_related("project"):
        transitions = report.project.transitions
        assert report.submitted_at == transitions.get(action="submit_report").created_at
        if report.status == Report.Status.ACCEPTED:
            assert report.accepted_at == transitions.get(action="complete").created_at
    tanabata = Project.objects.get(title="上福岡七夕まつり", fiscal_year=2026)
    assert tanabata.report.status == Report.Status.SUBMITTED


def test_proposals_were_complete_when_submitted(demo):
    submitted = Project.objects.filter(transitions__action="submit").distinct()
    assert submitted.count() >= 10
    for project in submitted:
        assert project.self_check_answers.exists(), project.title
        assert project.created_by is not None
        assert project.created_by.memberships.filter(organization=project.lead_organization)
    for project in submitted.filter(form=Form.PATRONAGE):
        assert project.attachments.count() == 4


def test_the_city_registered_its_own_projects(demo):
    city = Project.objects.filter(transitions__action="create").distinct()
    assert set(city.values_list("form", flat=True)) >= {Form.COMMISSION, Form.COOPERATION}
    for project in city:
        assert project.transitions.first().action == "create"
        assert not project.transitions.filter(action="submit").exists()
        assert project.created_by is None


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


def test_every_partner_organisation_of_the_demo_confirmed_its_role_through_the_lifecycle(demo):
    from projects.models import Partner

    named = Partner.objects.filter(organization__isnull=False)
    assert named.exists()
    assert set(named.values_list("consent", flat=True)) == {"confirmed"}
    confirmed = Transition.objects.filter(action="partner_confirm")
    assert confirmed.count() == named.count()
    assert not Partner.objects.filter(organization__isnull=True).exclude(consent="not_needed")


def test_submitted_patronages_carry_their_receipt_numbers(demo):
    concert = Project.objects.get(title="ふじみ野市民合唱団 第20回定期演奏会")
    assert re.fullmatch(r"後援-R8-\d{4}", concert.receipt_number)
    lecture = Project.objects.get(title="歴史講演会「川越街道と大井宿」")
    assert re.fullmatch(r"後援-R7-\d{4}", lecture.receipt_number)


def test_a_patronage_shows_its_acknowledged_change(demo):
    lecture = Project.objects.get(title="歴史講演会「川越街道と大井宿」")
    assert lecture.patronage.venue == "生涯学習センター 視聴覚ホール"
    assert lecture.events.get().place == "生涯学習センター 視聴覚ホール"
    assert lecture.proposed_changes.get().status == "acknowledged"
    entry = lecture.transitions.get(action="acknowledge_change")
    assert entry.changes[0]["old"] == "生涯学習センター 講座室"
    assert entry.changes[0]["new"] == "生涯学習センター 視聴覚ホール"


def test_the_demo_subsidies_carry_their_money(demo):
    from projects import money
    from projects.models import Attachment, Form, SubsidyDetail

    subsidies = Project.objects.filter(form=Form.SUBSIDY)
    assert subsidies.exists()
    for project in subsidies:
        assert project.budget_lines.filter(side="expense").exists(), project.title
    completed = subsidies.get(status="evaluated", lead_organization__name__startswith="上福岡第一")
    detail = SubsidyDetail.objects.get(project=completed)
    figures = money.money_of(detail, completed.budget_lines.all())
    assert figures.settlement.expense == 468400
    assert (
        money.confirmed_amount_problems(
            detail.confirmed_amount, detail.granted_amount, figures.settlement
        )
        == []
    )
    assert (detail.confirmed_amount, figures.refund) == (138400, 11600)
    assert Attachment.objects.filter(project=completed, kind="receipt").exists()


def test_an_organisation_keeps_its_bylaws(demo):
    from organizations.models import StandingDocument

    document = StandingDocument.objects.get(kind="bylaws")
    assert document.organization.name.startswith("NPO法人ふじみ野子ども未来ネット")
    assert document.valid_until.isoformat() == "2027-06-30"
