"""Mutual evaluation (相互評価): each party enters its own, nobody sees the others' until all
have submitted, the last submission makes the project `evaluated` by itself."""

import pytest

from principles import services
from principles.models import Evaluation, EvaluationScore, Principle
from projects.lifecycle import PROJECT_LIFECYCLE
from projects.models import Project, ProjectAction, Report
from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "会場の確保で市と意見が分かれた"


@pytest.fixture
def project(organization, other_organization, department_staff):
    project = factories.make_project(
        lead_organization=organization,
        status=Project.Status.COMPLETED,
        department=factories.make_department(),
    )
    factories.make_partner(project, other_organization)
    return project


def entry_data(client, url, *, score=3, comment=SECRET, submit=True):
    version = client.get(url).context["form"]["version"].value()
    data = {"version": version, "outcomes": "成果", "issues": "課題", "recommendation": "continue"}
    for principle in Principle.objects.all():
        data[f"score_{principle.pk}"] = str(score)
        data[f"comment_{principle.pk}"] = comment
    data["submit" if submit else "save"] = "1"
    return data


def submit_as(client, user, url, **kwargs):
    client.force_login(user)
    response = client.post(url, entry_data(client, url, **kwargs))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def member_url(project):
    return f"/projects/{project.pk}/evaluation/"


def staff_url(project):
    return f"/staff/projects/{project.pk}/evaluation/"


def test_completing_a_project_asks_every_confirmed_party(
    organization, other_organization, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_project(lead_organization=organization)
    factories.make_partner(project, other_organization)
    factories.make_partner(project, factories.make_organization(), consent="requested")
    factories.make_partner(project, name="PTA")  # not registered: not a party
    Report.objects.create(project=project, activities="実施しました", status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        PROJECT_LIFECYCLE.apply(project, ProjectAction.COMPLETE, actor=coordinating_staff)
    parties = {(e.department_id, e.organization_id) for e in Evaluation.objects.all()}
    coordinating = factories.coordinating_department().pk
    assert parties == {
        (coordinating, None),
        (None, organization.pk),
        (None, other_organization.pk),
    }


def test_a_member_saves_a_draft_and_submitting_freezes_it(client, member, project):
    client.force_login(member)
    url = member_url(project)
    response = client.post(url, entry_data(client, url, submit=False))
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(project=project, organization=project.lead_organization)
    assert evaluation.submitted_at is None
    assert evaluation.scores.count() == Principle.objects.count()

    later = entry_data(client, url, score=4)
    submit_as(client, member, url)
    evaluation.refresh_from_db()
    assert evaluation.submitted_at is not None

    response = client.post(url, later | {"version": ""})
    assert response.status_code == 302
    assert set(evaluation.scores.values_list("score", flat=True)) == {3}
    page = client.get(url).content.decode()
    assert "提出後は変更できません" in page
    assert 'name="submit"' not in page


def test_a_comment_is_required_for_scores_1_and_2(client, member, project):
    client.force_login(member)
    url = member_url(project)
    for score in (1, 2):
        response = client.post(url, entry_data(client, url, score=score, comment=""))
        assert response.status_code == 200
        assert "理由をコメントに書いてください" in response.content.decode()
    assert not EvaluationScore.objects.exists()
    assert Evaluation.objects.get(organization=project.lead_organization).submitted_at is None


def test_submitting_needs_every_score(client, member, project):
    client.force_login(member)
    url = member_url(project)
    data = entry_data(client, url)
    del data[f"score_{Principle.objects.first().pk}"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "提出するには、評価を選んでください" in response.content.decode()


def test_a_stale_save_is_refused(client, member, project):
    client.force_login(member)
    url = member_url(project)
    stale = entry_data(client, url, submit=False)
    client.post(url, entry_data(client, url, submit=False, comment="先に保存"))
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "ほかの人が内容を更新しました" in response.content.decode()


def test_others_see_nothing_until_every_party_has_submitted(
    client, member, other_member, department_staff, project
):
    submit_as(client, member, member_url(project))
    # The other party sees only its own, empty evaluation.
    client.force_login(other_member)
    assert SECRET not in client.get(member_url(project)).content.decode()
    # The staff of the city side see who submitted, not what.
    client.force_login(department_staff)
    assert SECRET not in client.get(staff_url(project)).content.decode()
    assert SECRET not in client.get(f"/staff/projects/{project.pk}/").content.decode()
    # The public: the project page, the feed and open data.
    client.logout()
    for path in (
        f"/projects/{project.pk}/",
        "/feeds/projects.atom",
        "/opendata/projects.json",
        "/opendata/projects.csv",
    ):
        response = client.get(path)
        assert response.status_code == 200
        body = b"".join(response) if response.streaming else response.content
        assert SECRET not in body.decode("utf-8-sig"), path
    # No comparison panel (the footer's link to the figures is on every page).
    assert 'id="evaluation-title"' not in client.get(f"/projects/{project.pk}/").content.decode()


def test_the_last_submission_makes_the_project_evaluated_and_public(
    client, member, other_member, department_staff, project
):
    submit_as(client, member, member_url(project))
    submit_as(client, other_member, member_url(project), score=4, comment="")
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED
    submit_as(client, department_staff, staff_url(project), score=2, comment="市の見方")
    project.refresh_from_db()
    assert project.status == Project.Status.EVALUATED
    entry = project.transitions.get(action=ProjectAction.EVALUATE)
    assert entry.actor is None
    client.logout()
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert SECRET in page and "市の見方" in page
    assert "話し合うべき点" in page  # 4 against 2


def test_a_declined_party_counts_as_done_and_is_shown_with_its_reason(
    client, member, coordinating_staff, project, other_organization
):
    submit_as(client, member, member_url(project))
    submit_as(client, coordinating_staff, staff_url(project))
    other = Evaluation.objects.get(project=project, organization=other_organization)
    url = f"/staff/projects/{project.pk}/evaluation/decline/"
    response = client.post(url, {"evaluation": other.pk, "reason": ""})
    assert response.status_code == 200
    assert "このフィールドは必須です" in response.content.decode() or "必須" in (
        response.content.decode()
    )
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED

    response = client.post(url, {"evaluation": other.pk, "reason": "期限までに回答がなかった"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.EVALUATED
    client.logout()
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "辞退" in page and "期限までに回答がなかった" in page


def test_only_coordinating_staff_mark_a_party_declined(
    client, department_staff, project, other_organization
):
    services.evaluations_open(project=project)
    other = Evaluation.objects.get(project=project, organization=other_organization)
    client.force_login(department_staff)
    response = client.post(
        f"/staff/projects/{project.pk}/evaluation/decline/",
        {"evaluation": other.pk, "reason": "回答なし"},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.declined_at is None


@pytest.mark.parametrize(
    "role,answer",
    [
        ("citizen", 404),
        ("other_member", 404),  # a member of an organisation that is no party here
        ("department_staff", 404),
        ("coordinating_staff", 404),
        ("member", 200),
    ],
)
def test_who_may_open_the_members_entry_page(client, request, role, answer, organization):
    project = factories.make_project(lead_organization=organization, status="completed")
    client.force_login(request.getfixturevalue(role))
    assert client.get(member_url(project)).status_code == answer


def test_the_entry_page_of_a_running_project_is_404(client, member, organization):
    project = factories.make_project(lead_organization=organization)
    client.force_login(member)
    assert client.get(member_url(project)).status_code == 404


@pytest.mark.parametrize(
    "role,answer",
    [("member", 403), ("citizen", 403), ("coordinating_staff", 200), ("department_staff", 200)],
)
def test_who_may_open_the_city_entry_page(client, request, role, answer, project):
    client.force_login(request.getfixturevalue(role))
    assert client.get(staff_url(project)).status_code == answer


def test_staff_of_another_department_cannot_enter_for_the_city(client, department_staff):
    project = factories.make_project(status="completed")  # no 担当課: 協働推進課 evaluates
    client.force_login(department_staff)
    assert client.get(staff_url(project)).status_code == 403


def test_mypage_lists_the_evaluations_still_owed_with_a_link(client, member, project):
    client.force_login(member)
    link = f"/projects/{project.pk}/evaluation/?organization={project.lead_organization_id}"
    assert link in client.get("/mypage/").content.decode()
    assert client.get(link).status_code == 200
    submit_as(client, member, member_url(project))
    assert link not in client.get("/mypage/").content.decode()


def test_the_completion_mail_asks_every_party_with_a_link_to_its_entry_page(
    organization,
    other_organization,
    member,
    other_member,
    coordinating_staff,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    project = factories.make_project(lead_organization=organization)
    factories.make_partner(project, other_organization)
    Report.objects.create(project=project, activities="実施しました", status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        PROJECT_LIFECYCLE.apply(project, ProjectAction.COMPLETE, actor=coordinating_staff)
    to_parties = next(m for m in mailoutbox if member.email in m.to)
    assert other_member.email in to_parties.to
    assert f"/projects/{project.pk}/evaluation/" in to_parties.body
    to_city = next(m for m in mailoutbox if coordinating_staff.email in m.to)
    assert f"/staff/projects/{project.pk}/evaluation/" in to_city.body


def test_submitting_and_declining_go_through_the_evaluation_lifecycle(
    client, member, coordinating_staff, project, other_organization
):
    submit_as(client, member, member_url(project))
    submitted = Evaluation.objects.get(project=project, organization=project.lead_organization)
    assert submitted.status == "submitted"
    entry = submitted.history.get()
    assert (entry.action, entry.from_status, entry.to_status, entry.actor) == (
        "submit",
        "draft",
        "submitted",
        member,
    )
    other = Evaluation.objects.get(project=project, organization=other_organization)
    services.evaluation_decline(evaluation=other, actor=coordinating_staff, reason="回答なし")
    other.refresh_from_db()
    assert other.status == "declined" and other.decline_reason == "回答なし"
    assert other.history.get().comment == "回答なし"


def test_the_lifecycle_refuses_an_incomplete_or_foreign_submission(member, other_member, project):
    from portal.lifecycle import LifecycleError
    from principles.lifecycle import EVALUATION_LIFECYCLE

    services.evaluations_open(project=project)
    draft = Evaluation.objects.get(project=project, organization=project.lead_organization)
    with pytest.raises(LifecycleError, match="権限"):
        EVALUATION_LIFECYCLE.apply(draft, "submit", actor=other_member)
    with pytest.raises(LifecycleError) as refused:
        EVALUATION_LIFECYCLE.apply(draft, "submit", actor=member)
    assert len(refused.value.problems) == Principle.objects.count() + 3
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_declining_needs_a_reason(coordinating_staff, project, other_organization):
    from portal.lifecycle import LifecycleError

    services.evaluations_open(project=project)
    other = Evaluation.objects.get(project=project, organization=other_organization)
    with pytest.raises(LifecycleError):
        services.evaluation_decline(evaluation=other, actor=coordinating_staff, reason=" ")
    other.refresh_from_db()
    assert other.status == "draft"


def test_the_staff_file_shows_who_is_still_missing(client, member, department_staff, project):
    submit_as(client, member, member_url(project))
    client.force_login(department_staff)
    page = client.get(f"/staff/projects/{project.pk}/").content.decode()
    rows = page[page.index('id="parties-caption"') :]
    assert rows.count("未提出") == 2  # the city and the partner
    assert rows.count("提出済み") == 1
    assert f'href="/staff/projects/{project.pk}/evaluation/"' in page
