"""config/scaling.py: what each variable turns on, and Redis as cache and session store for
real (REDIS_URL when set, else the local Redis's database 7)."""

import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils.module_loading import import_string

from config import scaling
from config.celery import app

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/7"


def _cache(env):
    config = scaling.caches(env)["default"]
    return import_string(config["BACKEND"])(config["LOCATION"], config)


def test_without_redis_the_cache_is_local_memory_and_sessions_in_the_database():
    assert scaling.caches({})["default"]["BACKEND"].endswith("LocMemCache")
    assert scaling.session_engine({}) == "django.contrib.sessions.backends.db"


def test_public_pages_are_cached_by_default_only_in_a_cache_every_process_shares():
    assert scaling.public_cache_seconds({}) == 0
    assert scaling.public_cache_seconds({"REDIS_URL": REDIS_URL}) == 300


def test_with_redis_sessions_live_in_the_cache():
    assert scaling.session_engine({"REDIS_URL": REDIS_URL}).endswith("backends.cache")


def test_redis_keeps_the_values_of_the_cache():
    cache = _cache({"REDIS_URL": REDIS_URL})
    cache.set("scaling-test", {"年度": 2026}, 30)
    assert _cache({"REDIS_URL": REDIS_URL}).get("scaling-test") == {"年度": 2026}
    cache.delete("scaling-test")


def test_parallel_test_processes_do_not_empty_each_others_cache():
    gw0 = _cache({"REDIS_URL": REDIS_URL, "PYTEST_XDIST_WORKER": "gw0-scaling"})
    gw1 = _cache({"REDIS_URL": REDIS_URL, "PYTEST_XDIST_WORKER": "gw1-scaling"})
    gw0.set("counter", 1, 30)
    gw1.set("counter", 2, 30)
    gw1.delete_pattern("*")  # what tests.caching.clear_cache does
    assert gw0.get("counter") == 1
    assert gw1.get("counter") is None
    gw0.delete_pattern("*")


def test_a_session_survives_in_redis_across_requests(client, citizen, settings):
    settings.CACHES = scaling.caches({"REDIS_URL": REDIS_URL})
    settings.SESSION_ENGINE = scaling.session_engine({"REDIS_URL": REDIS_URL})
    client.force_login(citizen)
    assert client.get("/mypage/").status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    from django.contrib.sessions.backends.cache import SessionStore

    assert SessionStore(session_key=key).get("_auth_user_id") == str(citizen.pk)


def test_without_a_broker_tasks_run_in_the_process():
    celery = scaling.celery({}, time_zone="Asia/Tokyo")
    assert celery["CELERY_TASK_ALWAYS_EAGER"] is True


def test_with_a_broker_tasks_go_to_workers_and_survive_a_lost_one():
    celery = scaling.celery({"CELERY_BROKER_URL": "redis://q:6379/0"}, time_zone="Asia/Tokyo")
    assert celery["CELERY_BROKER_URL"] == "redis://q:6379/0"
    assert celery["CELERY_TASK_ALWAYS_EAGER"] is False
    assert celery["CELERY_TASK_ACKS_LATE"] is True
    assert celery["CELERY_TASK_REJECT_ON_WORKER_LOST"] is True
    assert celery["CELERY_TIMEZONE"] == "Asia/Tokyo"


def test_every_scheduled_job_is_a_task_that_runs_its_daily_command(monkeypatch):
    app.loader.import_default_modules()
    ran = []
    for module in ("events.tasks", "principles.tasks", "volunteers.tasks", "staff.tasks"):
        monkeypatch.setattr(f"{module}.call_command", lambda name: ran.append(name))
    for entry in scaling.BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
    for name in (
        "events.tasks.send_event_reminders",
        "events.tasks.purge_event_applications",
        "principles.tasks.remind_evaluations",
        "volunteers.tasks.purge_volunteer_applications",
        "staff.tasks.purge_exports",
    ):
        app.tasks[name].apply().get()
    assert ran == [
        "send_event_reminders",
        "purge_event_applications",
        "remind_evaluations",
        "purge_volunteer_applications",
        "purge_exports",
    ]


@pytest.mark.django_db
def test_the_sweeps_are_scheduled_tasks_every_ten_minutes():
    """The sweeps of mails and exports whose task was lost (tests/notifications, tests/staff)."""
    app.loader.import_default_modules()
    sweeps = {
        entry["task"]: entry["schedule"]
        for entry in scaling.BEAT_SCHEDULE.values()
        if ".sweep_" in entry["task"]
    }
    assert set(sweeps) == {"notifications.tasks.sweep_outgoing_mail", "staff.tasks.sweep_exports"}
    for schedule in sweeps.values():
        assert len(schedule.minute) == 6 and schedule.hour == set(range(24))
    assert app.tasks["staff.tasks.sweep_exports"].apply().get() == 0


def test_the_replica_is_the_primary_unless_a_replica_is_named():
    primary = {"ENGINE": "django.db.backends.postgresql", "NAME": "kyodo", "HOST": "db1"}
    assert scaling.replica_database({}, primary) == {**primary, "TEST": {"MIRROR": "default"}}
    assert not scaling.reads_from_replica({})
    env = {"DATABASE_REPLICA_URL": "postgres://reader@db2:5432/kyodo"}
    replica = scaling.replica_database(env, primary)
    assert (replica["HOST"], replica["USER"], replica["TEST"]) == (
        "db2",
        "reader",
        {"MIRROR": "default"},
    )
    assert scaling.reads_from_replica(env)


def test_without_a_bucket_files_stay_on_the_disk():
    assert scaling.media_storages({}, {"default": "disk"}) == {"default": "disk"}


def test_with_a_bucket_media_and_attachments_go_to_s3_privately():
    env = {
        "AWS_STORAGE_BUCKET_NAME": "kyodo-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.jp",
    }
    configured = scaling.media_storages(env, {"staticfiles": "whitenoise"})
    assert configured["staticfiles"] == "whitenoise"
    for alias, location in (("default", "media"), ("private", "private")):
        storage = configured[alias]
        assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
        assert storage["OPTIONS"]["location"] == location
        assert storage["OPTIONS"]["default_acl"] == "private"
        backend = import_string(storage["BACKEND"])(**storage["OPTIONS"])
        assert backend.bucket_name == "kyodo-media"
        assert backend.endpoint_url == "https://s3.example.jp"


@pytest.mark.django_db
def test_private_attachments_use_the_private_storage_when_there_is_one(settings, tmp_path):
    from projects.models import files

    assert files._private_storage() is files.private_storage
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    storage = files._private_storage()
    assert storage is storages["private"]
    storage.save("a.txt", ContentFile(b"x"))
    assert (tmp_path / "a.txt").exists()
