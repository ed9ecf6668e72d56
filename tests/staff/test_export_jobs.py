"""Large list exports leave the request: above EXPORT_ROWS_IN_REQUEST rows a job is queued,
and its file holds exactly what the in-request export gives the same user for the same
filters; the requester alone downloads it; jobs are mailed, fail visibly and are purged."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from staff.exports import export_build
from staff.models import ExportJob
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.EXPORT_ROWS_IN_REQUEST = 1000


def _csv(content):
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def _stored(job):
    with job.file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def projects(organization):
    made = [
        factories.make_project(
            lead_organization=organization,
            title=f"防災訓練 {number}",
            form="cooperation",
            starts_on=datetime.date(2025, 6, number),
        )
        for number in range(1, 4)
    ]
    factories.make_project(lead_organization=organization, title="補助の事業", form="subsidy")
    return made


def _queue(client, settings, url, django_capture_on_commit_callbacks, threshold=2):
    settings.EXPORT_ROWS_IN_REQUEST = threshold
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    return response


@pytest.mark.parametrize(("fmt", "parse"), [("csv", _csv), ("xlsx", _xlsx)])
def test_large_project_export_is_queued_and_holds_what_the_request_gives(
    client, settings, coordinating_staff, projects, fmt, parse, django_capture_on_commit_callbacks
):
    client.force_login(coordinating_staff)
    url = f"/staff/projects/?form=cooperation&export={fmt}"
    in_request = parse(client.get(url).content)
    assert len(in_request) == 4
    response = _queue(client, settings, url, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/exports/#export-{job.pk}"
    assert (job.user, job.list_name, job.format, job.query) == (
        coordinating_staff,
        "projects",
        fmt,
        "form=cooperation",
    )
    assert job.status == "done" and job.row_count == 3 and job.finished_at
    assert job.file.name == f"exports/{job.pk}.{fmt}"
    assert parse(_stored(job)) == in_request
    download = client.get(f"/staff/exports/{job.pk}/download/")
    assert download.status_code == 200
    assert parse(b"".join(download.streaming_content)) == in_request
    assert "attachment;" in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"


def test_small_export_stays_in_the_request(client, coordinating_staff, projects):
    client.force_login(coordinating_staff)
    response = client.get("/staff/projects/?export=csv")
    assert response.status_code == 200
    assert not ExportJob.objects.exists()


def test_queued_organisation_export_applies_the_filters(
    client, settings, coordinating_staff, django_capture_on_commit_callbacks
):
    for name in ("あおぞら会", "いずみ会", "うみの会"):
        factories.make_organization(status="pending", name=name)
    factories.make_organization(status="approved", name="承認済みの会")
    client.force_login(coordinating_staff)
    url = "/staff/organizations/?status=pending&export=csv"
    in_request = _csv(client.get(url).content)
    _queue(client, settings, url, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert _csv(_stored(job)) == in_request
    assert sorted(row[1] for row in in_request[1:]) == ["あおぞら会", "いずみ会", "うみの会"]


def test_the_formula_guard_applies_to_a_queued_export(
    client, settings, coordinating_staff, organization, django_capture_on_commit_callbacks
):
    for title in ('=HYPERLINK("http://evil.example")', "+1+2", "@SUM(A1)"):
        factories.make_project(lead_organization=organization, title=title)
    client.force_login(coordinating_staff)
    for fmt, parse in (("csv", _csv), ("xlsx", _xlsx)):
        _queue(
            client, settings, f"/staff/projects/?export={fmt}", django_capture_on_commit_callbacks
        )
        rows = parse(_stored(ExportJob.objects.get(format=fmt)))
        titles = sorted(row[rows[0].index("事業名")] for row in rows[1:])
        assert titles == ["'+1+2", '\'=HYPERLINK("http://evil.example")', "'@SUM(A1)"]


def test_a_department_users_queued_export_holds_only_their_list(
    client, settings, department_staff, organization, django_capture_on_commit_callbacks
):
    own = department_staff.departments.first()
    for number in range(3):
        factories.make_project(
            lead_organization=organization, title=f"自課{number}", department=own
        )
    factories.make_project(lead_organization=organization, title="他課")
    client.force_login(department_staff)
    in_request = _csv(client.get("/staff/projects/?export=csv").content)
    _queue(client, settings, "/staff/projects/?export=csv", django_capture_on_commit_callbacks)
    rows = _csv(_stored(ExportJob.objects.get()))
    assert rows == in_request
    assert sorted(row[2] for row in rows[1:]) == ["自課0", "自課1", "自課2"]


def test_only_the_requester_downloads(
    client, settings, coordinating_staff, projects, django_capture_on_commit_callbacks
):
    client.force_login(coordinating_staff)
    _queue(client, settings, "/staff/projects/?export=csv", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    colleague = factories.make_user("colleague@example.jp")
    factories.coordinating_department().staff.add(colleague)
    client.force_login(colleague)
    assert client.get(f"/staff/exports/{job.pk}/download/").status_code == 404
    assert job.filename not in client.get("/staff/exports/").content.decode()


def test_a_job_not_done_is_not_downloaded(client, coordinating_staff):
    job = ExportJob.objects.create(user=coordinating_staff, list_name="projects", format="csv")
    client.force_login(coordinating_staff)
    assert client.get(f"/staff/exports/{job.pk}/download/").status_code == 404
    page = client.get("/staff/exports/").content.decode()
    assert "待機中" in page and "更新" in page
    assert 'http-equiv="refresh"' not in page


def test_a_job_naming_an_unknown_list_fails_with_its_reason(client, coordinating_staff):
    job = ExportJob.objects.create(user=coordinating_staff, list_name="everything", format="csv")
    export_build(job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.failure == "この一覧は書き出せません。"
    assert not job.file
    client.force_login(coordinating_staff)
    page = client.get("/staff/exports/").content.decode()
    assert "失敗" in page and "この一覧は書き出せません。" in page


def test_an_error_on_the_last_try_is_recorded(coordinating_staff):
    """An unknown format makes the writer raise; run in-process (no broker to retry on), the
    first error is the last try and is recorded."""
    from staff.exports import enqueue_export

    job = ExportJob.objects.create(user=coordinating_staff, list_name="projects", format="pdf")
    enqueue_export(job.pk)  # what runs after the commit: the request never sees the error
    job.refresh_from_db()
    assert job.status == "failed"
    assert "ValueError" in job.failure


def test_a_user_who_lost_the_list_gets_a_failed_job(department_staff):
    job = ExportJob.objects.create(user=department_staff, list_name="organizations", format="csv")
    export_build(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "協働推進課" in job.failure


def test_a_job_done_is_not_built_again(
    client, settings, coordinating_staff, projects, django_capture_on_commit_callbacks
):
    client.force_login(coordinating_staff)
    _queue(client, settings, "/staff/projects/?export=csv", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    finished = job.finished_at
    factories.make_project(lead_organization=projects[0].lead_organization, title="後から")
    export_build(job.pk)
    job.refresh_from_db()
    assert job.finished_at == finished and job.row_count == 4
    assert "後から" not in _stored(job).decode("utf-8-sig")
    assert job.file.storage.listdir("exports")[1] == [f"{job.pk}.csv"]


def test_a_retry_replaces_the_file_a_failed_run_left(coordinating_staff, projects):
    job = ExportJob.objects.create(user=coordinating_staff, list_name="projects", format="csv")
    storage = job.file.storage
    storage.save(f"exports/{job.pk}.csv", io.BytesIO(b"half written"))
    export_build(job.pk)
    job.refresh_from_db()
    assert job.file.name == f"exports/{job.pk}.csv"
    assert storage.listdir("exports")[1] == [f"{job.pk}.csv"]
    assert _csv(_stored(job))[0][0] == "番号"


def test_the_requester_is_mailed_the_link(
    client, settings, coordinating_staff, projects, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kyodo.example.jp"
    client.force_login(coordinating_staff)
    mail.outbox.clear()
    _queue(client, settings, "/staff/projects/?export=xlsx", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["staff@example.jp"]
    assert "「協働事業の一覧」の書き出しができました" in message.subject
    assert f"https://kyodo.example.jp/staff/exports/{job.pk}/download/" in message.body
    assert "4件" in message.body
    assert "7日間" in message.body


def test_the_purge_deletes_old_jobs_and_their_files(
    client, settings, coordinating_staff, projects, django_capture_on_commit_callbacks
):
    client.force_login(coordinating_staff)
    _queue(client, settings, "/staff/projects/?export=csv", django_capture_on_commit_callbacks)
    _queue(client, settings, "/staff/projects/?export=xlsx", django_capture_on_commit_callbacks)
    old, recent = ExportJob.objects.order_by("id")
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    storage = old.file.storage
    assert storage.exists(old.file.name)
    call_command("purge_exports", stdout=io.StringIO())
    assert list(ExportJob.objects.all()) == [recent]
    assert not storage.exists(old.file.name)
    assert storage.exists(recent.file.name)


def test_the_exports_page_lists_own_jobs_newest_first_with_filters_in_words(
    client, coordinating_staff, department_staff
):
    ExportJob.objects.create(
        user=coordinating_staff, list_name="projects", format="csv", query="form=subsidy"
    )
    ExportJob.objects.create(user=coordinating_staff, list_name="organizations", format="xlsx")
    ExportJob.objects.create(
        user=department_staff, list_name="projects", format="csv", query="q=他人"
    )
    client.force_login(coordinating_staff)
    page = client.get("/staff/exports/").content.decode()
    assert page.index("団体の一覧") < page.index("協働事業の一覧")
    assert "補助" in page and "他人" not in page


def test_an_error_before_the_last_try_leaves_the_job_queued_for_the_retry(coordinating_staff):
    job = ExportJob.objects.create(user=coordinating_staff, list_name="projects", format="pdf")
    with pytest.raises(ValueError):
        export_build(job.pk, last_try=False)
    job.refresh_from_db()
    assert job.status == "queued" and job.failure == ""


def test_the_sweep_queues_again_a_job_whose_task_was_lost_and_gives_up_after_a_day(
    coordinating_staff, projects, django_capture_on_commit_callbacks
):
    """The broker was down when the request committed: the job waits in the database, and
    the sweep queues it again (here, without a broker, it is made at once)."""
    from staff.exports import sweep_exports

    now = timezone.now()

    def job(minutes_ago, status="queued"):
        made = ExportJob.objects.create(
            user=coordinating_staff, list_name="projects", format="csv", status=status
        )
        ExportJob.objects.filter(pk=made.pk).update(
            created_at=now - datetime.timedelta(minutes=minutes_ago)
        )
        return made

    lost, retrying, forgotten, stuck = job(40), job(5), job(25 * 60), job(25 * 60, "running")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_exports(now=now) == 1
    for each in (lost, retrying, forgotten, stuck):
        each.refresh_from_db()
    assert lost.status == "done" and lost.row_count == 4
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["staff@example.jp"]
    assert retrying.status == "queued"  # its own retry is still to come
    for given_up in (forgotten, stuck):
        assert given_up.status == "failed"
        assert "もう一度書き出してください" in given_up.failure
    assert sweep_exports(now=now) == 0
