"""Every edit form of the organisation side refuses a save over a newer one and keeps what was
typed: the proposal editor and the results report (the organisation profile and the staff forms
are tested beside them)."""

import pytest
from django.urls import reverse

from projects.models import Project, Report
from tests import factories
from tests.projects.proposal_data import proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member, media):
    client.force_login(member)
    return client


def test_proposal_saved_over_a_newer_save_is_refused_and_keeps_the_input(signed_in, organization):
    signed_in.post(
        reverse("projects:proposal_create") + "?form=cohosting",
        proposal_data("cohosting", organization),
    )
    project = Project.objects.get()
    shown_version = project.updated_at.isoformat()
    Project.objects.filter(pk=project.pk).update(title="別のメンバーの保存")
    project.refresh_from_db()
    project.save()  # a newer save moves updated_at on
    data = proposal_data("cohosting", title="古い画面からの入力", version=shown_version)
    data["partners-TOTAL_FORMS"] = "0"
    response = signed_in.post(reverse("projects:proposal_edit", args=[project.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "ほかの人が内容を更新しました" in body
    assert "古い画面からの入力" in body
    project.refresh_from_db()
    assert project.title == "別のメンバーの保存"


def test_proposal_saved_with_the_current_version_goes_through(signed_in, organization):
    signed_in.post(
        reverse("projects:proposal_create") + "?form=cohosting",
        proposal_data("cohosting", organization),
    )
    project = Project.objects.get()
    data = proposal_data(
        "cohosting", title="最新の画面から", version=project.updated_at.isoformat()
    )
    data["partners-TOTAL_FORMS"] = "0"
    response = signed_in.post(reverse("projects:proposal_edit", args=[project.pk]), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "最新の画面から"


def test_report_saved_over_a_newer_save_is_refused_and_keeps_the_input(signed_in, organization):
    project = factories.make_project(lead_organization=organization)
    report = Report.objects.create(project=project, activities="最初の保存")
    shown_version = report.updated_at.isoformat()
    report.activities = "別のメンバーが書き足した"
    report.save()
    response = signed_in.post(
        reverse("projects:report", args=[project.pk]),
        {"activities": "古い画面からの報告", "version": shown_version, "save": "1"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "ほかの人が内容を更新しました" in body and "古い画面からの報告" in body
    report.refresh_from_db()
    assert report.activities == "別のメンバーが書き足した"


def test_a_submitted_report_is_not_changed_by_a_late_save(signed_in, organization, member):
    from projects import lifecycle

    project = factories.make_project(lead_organization=organization)
    report = Report.objects.create(project=project, activities="提出する内容")
    lifecycle.apply(project, "submit_report", actor=member)
    response = signed_in.post(
        reverse("projects:report", args=[project.pk]),
        {"activities": "提出後の書き換え", "version": report.updated_at.isoformat(), "save": "1"},
    )
    assert response.status_code in (302, 403)
    report.refresh_from_db()
    assert report.activities == "提出する内容"
