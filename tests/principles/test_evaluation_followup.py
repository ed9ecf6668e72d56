"""After the parties are asked: deadlines, reminders (by staff and by the portal), extensions,
the self-check beside each score, the evaluation's history, and the joint notes
(話し合いの結果) after the comparison is published."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from principles import services
from principles.models import Evaluation, JointNote, Principle, SelfCheckAnswer
from projects.lifecycle import PROJECT_LIFECYCLE
from projects.models import Project, ProjectAction, Report
from tests import factories
from tests.principles.test_evaluation import member_url, staff_url, submit_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(organization, other_organization, department_staff):
    project = factories.make_project(
        lead_organization=organization,
        status=Project.Status.COMPLETED,
        department=department_staff.departments.first(),
    )
    factories.make_partner(project, other_organization)
    return project


def evaluation_of(project, organization=None):
    services.evaluations_open(project=project)
    if organization is None:
        return Evaluation.objects.get(project=project, department__isnull=False)
    return Evaluation.objects.get(project=project, organization=organization)


def today():
    return timezone.localdate()


# --- Deadlines -------------------------------------------------------------------------------


def test_completing_a_project_sets_each_partys_deadline_and_the_mail_says_it(
    organization, member, coordinating_staff, mailoutbox, django_capture_on_commit_callbacks
):
    project = factories.make_project(lead_organization=organization)
    Report.objects.create(project=project, activities="実施しました", status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        PROJECT_LIFECYCLE.apply(project, ProjectAction.COMPLETE, actor=coordinating_staff)
    due = today() + datetime.timedelta(days=services.EVALUATION_PERIOD_DAYS)
    assert set(Evaluation.objects.values_list("deadline", flat=True)) == {due}
    to_member = next(m for m in mailoutbox if member.email in m.to)
    assert "提出期限" in to_member.body and f"{due.month}月{due.day}日" in to_member.body
    to_city = next(m for m in mailoutbox if coordinating_staff.email in m.to)
    assert "提出期限" in to_city.body


def test_a_row_without_a_deadline_gets_one_when_its_page_opens(client, member, project):
    services.evaluations_open(project=project)
    Evaluation.objects.update(deadline=None)
    client.force_login(member)
    page = client.get(member_url(project)).content.decode()
    assert Evaluation.objects.filter(deadline__isnull=True).count() == 0
    assert "提出期限" in page


def test_an_overdue_evaluation_says_so_to_the_party_and_to_staff(
    client, member, department_staff, project
):
    lead = evaluation_of(project, project.lead_organization)
    Evaluation.objects.filter(pk=lead.pk).update(deadline=today() - datetime.timedelta(days=1))
    client.force_login(member)
    assert "期限超過" in client.get(member_url(project)).content.decode()
    client.force_login(department_staff)
    page = client.get(staff_url(project)).content.decode()
    table = page[page.index('id="parties-caption"') : page.index("</table>")]
    assert table.count("期限超過") == 1
    queue = client.get("/staff/").content.decode()
    assert "期限超過" in queue


# --- Reminders -------------------------------------------------------------------------------


def test_staff_remind_the_chosen_open_parties_by_mail_with_their_link(
    client,
    member,
    other_member,
    department_staff,
    project,
    other_organization,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    lead = evaluation_of(project, project.lead_organization)
    client.force_login(department_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/projects/{project.pk}/evaluation/remind/",
            {"remind-parties": [lead.pk], "remind-comment": "来週の会議までにお願いします"},
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[member.email]]
    body = mailoutbox[0].body
    assert f"/projects/{project.pk}/evaluation/?organization={lead.organization_id}" in body
    assert "来週の会議までにお願いします" in body and "提出期限" in body
    lead.refresh_from_db()
    assert lead.reminded_at is not None
    entry = lead.history.get()
    assert (entry.action, entry.actor, entry.from_status, entry.to_status) == (
        "remind",
        department_staff,
        "draft",
        "draft",
    )
    page = client.get(staff_url(project)).content.decode()
    assert "相互評価の催促" in page  # the history
    client.force_login(member)
    assert "相互評価の催促" in client.get(member_url(project)).content.decode()


def test_the_city_side_is_reminded_at_its_desk_link(
    coordinating_staff, department_staff, project, mailoutbox, django_capture_on_commit_callbacks
):
    city = evaluation_of(project)
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluation_remind(evaluation=city, actor=coordinating_staff)
    (mail,) = mailoutbox
    assert department_staff.email in mail.to
    assert f"/staff/projects/{project.pk}/evaluation/" in mail.body


def test_a_submitted_party_cannot_be_reminded(client, member, department_staff, project):
    submit_as(client, member, member_url(project))
    lead = evaluation_of(project, project.lead_organization)
    client.force_login(department_staff)
    response = client.post(
        f"/staff/projects/{project.pk}/evaluation/remind/", {"remind-parties": [lead.pk]}
    )
    assert response.status_code == 200
    assert "すでに提出したか辞退として扱われています" in response.content.decode()
    assert not lead.history.filter(action="remind").exists()


def test_staff_of_another_department_cannot_remind(client, project):
    lead = evaluation_of(project, project.lead_organization)
    outsider = factories.make_user(email="other-dept@example.jp")
    factories.make_department(name="税務課", code="tax").staff.add(outsider)
    client.force_login(outsider)
    response = client.post(
        f"/staff/projects/{project.pk}/evaluation/remind/", {"remind-parties": [lead.pk]}
    )
    assert response.status_code == 403
    assert not lead.history.exists()


def test_the_portal_reminds_open_parties_near_their_deadline_once_a_week(
    project, other_organization, mailoutbox, django_capture_on_commit_callbacks
):
    lead = evaluation_of(project, project.lead_organization)
    partner = evaluation_of(project, other_organization)
    city = evaluation_of(project)
    Evaluation.objects.filter(pk=lead.pk).update(deadline=today() + datetime.timedelta(days=3))
    Evaluation.objects.filter(pk=partner.pk).update(deadline=today() + datetime.timedelta(days=20))
    Evaluation.objects.filter(pk=city.pk).update(deadline=today() - datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_evaluations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reminded = set(
        Evaluation.objects.filter(reminded_at__isnull=False).values_list("pk", flat=True)
    )
    assert reminded == {lead.pk, city.pk}
    assert all(e.actor is None for e in lead.history.all())
    sent = len(mailoutbox)
    assert sent == 2
    # Not again within the week.
    assert services.send_due_reminders() == 0
    # A week later, again.
    Evaluation.objects.filter(pk=lead.pk).update(
        reminded_at=timezone.now() - datetime.timedelta(days=services.REMIND_EVERY_DAYS + 1)
    )
    assert [e.pk for e in services.due_reminders()] == [lead.pk]


def test_the_portal_does_not_remind_a_submitted_party(client, member, project):
    submit_as(client, member, member_url(project))
    lead = evaluation_of(project, project.lead_organization)
    Evaluation.objects.update(deadline=today())
    assert lead.pk not in {e.pk for e in services.due_reminders()}


# --- Extending the deadline ------------------------------------------------------------------


def test_staff_extend_a_deadline_and_the_party_is_told(
    client,
    member,
    department_staff,
    project,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    lead = evaluation_of(project, project.lead_organization)
    new = lead.deadline + datetime.timedelta(days=14)
    client.force_login(department_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/projects/{project.pk}/evaluation/extend/",
            {
                "extend-parties": [lead.pk],
                "extend-deadline_0": new.year,
                "extend-deadline_1": new.month,
                "extend-deadline_2": new.day,
                "extend-comment": "団体の総会が続くため",
            },
        )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.deadline == new
    entry = lead.history.get(action="extend")
    assert entry.comment == "団体の総会が続くため"
    assert entry.changes[0]["field"] == "deadline"
    (mail,) = mailoutbox
    assert mail.to == [member.email]
    assert "延長" in mail.subject and f"{new.month}月{new.day}日" in mail.body
    assert "団体の総会が続くため" in mail.body


@pytest.mark.parametrize(
    ("days", "message"),
    [(0, "今の期限"), (-1, "今の期限"), (400, "1年以内")],
)
def test_an_extension_must_move_the_deadline_later_within_a_year(
    client, department_staff, project, days, message
):
    lead = evaluation_of(project, project.lead_organization)
    new = (today() if days == 400 else lead.deadline) + datetime.timedelta(days=days)
    client.force_login(department_staff)
    response = client.post(
        f"/staff/projects/{project.pk}/evaluation/extend/",
        {
            "extend-parties": [lead.pk],
            "extend-deadline_0": new.year,
            "extend-deadline_1": new.month,
            "extend-deadline_2": new.day,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    # The message stands beside the date, in its fieldset.
    fieldset = page[page.index('id="id_extend-deadline_fieldset"') :]
    assert message in fieldset[: fieldset.index("</fieldset>")]
    before = lead.deadline
    lead.refresh_from_db()
    assert lead.deadline == before


def test_a_past_deadline_is_refused(department_staff, project):
    from portal.lifecycle import LifecycleError

    lead = evaluation_of(project, project.lead_organization)
    Evaluation.objects.filter(pk=lead.pk).update(deadline=today() - datetime.timedelta(days=10))
    with pytest.raises(LifecycleError, match="今日以降"):
        services.evaluation_extend(
            evaluation=lead, actor=department_staff, deadline=today() - datetime.timedelta(days=1)
        )


# --- The self-check beside the evaluation ----------------------------------------------------


def test_the_self_check_answers_are_shown_beside_each_score(client, member, project):
    principle = Principle.objects.first()
    item = principle.checklist_items.first()
    SelfCheckAnswer.objects.create(project=project, item=item, answer="partly", note="会場が未定")
    client.force_login(member)
    page = client.get(member_url(project)).content.decode()
    section = page[page.index(f'id="principle-{principle.pk}-heading"') :]
    section = section[: section.index("</section>")]
    assert "提案時の事前チェック" in section
    assert item.text in section and "一部" in section and "会場が未定" in section
    submit_as(client, member, member_url(project))
    frozen = client.get(member_url(project)).content.decode()
    assert "会場が未定" in frozen  # beside the submitted scores too


# --- Joint notes (話し合いの結果) -----------------------------------------------------------


@pytest.fixture
def evaluated(client, member, other_member, department_staff, project):
    submit_as(client, member, member_url(project), score=4, comment="")
    submit_as(client, other_member, member_url(project), score=4, comment="")
    submit_as(client, department_staff, staff_url(project), score=2, comment="市の見方")
    project.refresh_from_db()
    assert project.status == Project.Status.EVALUATED
    client.logout()
    return project


def notes_url(project):
    return f"/projects/{project.pk}/evaluation/notes/"


def notes_data(client, project, text):
    form = client.get(notes_url(project)).context["form"]
    data = {"version": form["version"].value()}
    for principle in Principle.objects.all():
        data[f"note_{principle.pk}"] = text
    return data


def test_notes_are_written_for_the_points_to_discuss_and_shown_publicly(client, member, evaluated):
    client.force_login(member)
    response = client.post(
        notes_url(evaluated), notes_data(client, evaluated, "次は企画から一緒に")
    )
    assert response.status_code == 302
    assert JointNote.objects.filter(project=evaluated).count() == Principle.objects.count()
    note = JointNote.objects.first()
    assert note.written_by == member
    assert note.written_by_party == evaluated.lead_organization.name
    client.logout()
    page = client.get(f"/projects/{evaluated.pk}/").content.decode()
    notes = page[page.index('id="joint-notes-title"') :]
    assert "次は企画から一緒に" in notes and evaluated.lead_organization.name in notes


def test_only_the_marked_principles_take_a_note(
    client, member, other_member, department_staff, project
):
    # Every party 3 except the city's 1 on the first principle: one point to discuss.
    first = Principle.objects.first()
    submit_as(client, member, member_url(project))
    submit_as(client, other_member, member_url(project))
    client.force_login(department_staff)
    from tests.principles.test_evaluation import entry_data

    data = entry_data(client, staff_url(project))
    data[f"score_{first.pk}"] = "1"
    assert client.post(staff_url(project), data).status_code == 302
    client.force_login(member)
    form = client.get(notes_url(project)).context["form"]
    assert [name for name in form.fields if name.startswith("note_")] == [f"note_{first.pk}"]
    data = notes_data(client, project, "話し合った")
    client.post(notes_url(project), data)
    assert list(JointNote.objects.values_list("principle_id", flat=True)) == [first.pk]


def test_a_note_over_a_newer_one_is_refused_and_an_empty_one_removes_it(
    client, member, other_member, evaluated
):
    client.force_login(member)
    stale = notes_data(client, evaluated, "団体Aの記入")
    client.force_login(other_member)
    assert (
        client.post(notes_url(evaluated), notes_data(client, evaluated, "団体Bの記入")).status_code
        == 302
    )
    client.force_login(member)
    response = client.post(notes_url(evaluated), stale)
    assert response.status_code == 200
    assert "ほかの人が内容を更新しました" in response.content.decode()
    assert set(JointNote.objects.values_list("text", flat=True)) == {"団体Bの記入"}
    assert client.post(notes_url(evaluated), notes_data(client, evaluated, "")).status_code == 302
    assert not JointNote.objects.exists()


def test_the_city_side_writes_notes_too(client, department_staff, evaluated):
    client.force_login(department_staff)
    assert (
        client.post(notes_url(evaluated), notes_data(client, evaluated, "市も改善する")).status_code
        == 302
    )
    assert JointNote.objects.first().written_by_party.endswith(f"({evaluated.department.name})")


@pytest.mark.parametrize("role", ["anonymous", "outsider", "other_department"])
def test_the_notes_page_is_only_for_the_parties(client, role, evaluated):
    if role == "outsider":
        client.force_login(factories.make_user(email="outsider@example.jp"))
    elif role == "other_department":
        outsider = factories.make_user(email="other-dept@example.jp")
        factories.make_department(name="税務課", code="tax").staff.add(outsider)
        client.force_login(outsider)
    response = client.get(notes_url(evaluated))
    assert response.status_code == (302 if role == "anonymous" else 404)


def test_no_notes_before_the_comparison_is_published(client, member, project):
    client.force_login(member)
    assert client.get(notes_url(project)).status_code == 404
    with pytest.raises(services.NotesClosed):
        services.joint_notes_save(
            project=project,
            notes={Principle.objects.first(): "早すぎる"},
            party_name="x",
            actor=member,
            version="",
        )
