"""The settings of a portal that grows past one machine, each from the environment:

- `REDIS_URL`: Redis as the cache and the session store (django-redis); local memory and
  database sessions otherwise.
- `CELERY_BROKER_URL`: mails and scheduled work go through Celery workers; without it every
  task runs in the process that asks for it, so `make run` needs nothing more.
- `DATABASE_REPLICA_URL`: the anonymous visitors' reads go to a streaming replica
  (portal.replicas); everything else stays on the primary.
- `AWS_STORAGE_BUCKET_NAME`: uploaded files on S3-compatible storage (django-storages).

config/settings.py calls these functions; each takes the environment as a mapping so that the
tests can try every combination.
"""

from celery.schedules import crontab

# The alias of the read replica. Without DATABASE_REPLICA_URL it names the primary itself and
# nothing reads from it (portal.replicas.ReplicaRouter): code and tests can always name it.
REPLICA = "replica"


def _worker_suffix(env):
    """Parallel test processes (pytest-xdist's gw0, gw1, …) share one Redis: each keeps its
    cache keys and its task queue apart, so that one process clearing its cache or reading
    its queue never touches another's."""
    worker = env.get("PYTEST_XDIST_WORKER", "")
    return f"-{worker}" if worker else ""


def caches(env):
    url = env.get("REDIS_URL", "")
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "kyodo",
            }
        }
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "kyodo" + _worker_suffix(env),
            "TIMEOUT": 300,
            "OPTIONS": {
                # A cache that is down makes pages slower, never broken.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }


def public_cache_seconds(env):
    """How long a public page is kept by default: five minutes when the cache is Redis,
    shared by every web process; not at all in local memory, where another process would
    not hear of a change."""
    return 300 if env.get("REDIS_URL") else 0


def session_engine(env):
    """Sessions in Redis when it is there (every web machine sees every session; signing in
    and out never waits for the database); in the database otherwise."""
    if env.get("REDIS_URL"):
        return "django.contrib.sessions.backends.cache"
    return "django.contrib.sessions.backends.db"


def replica_database(env, primary):
    """The replica alias: DATABASE_REPLICA_URL's server, or the primary. In tests it mirrors
    the primary's test database (no second test database is made)."""
    import dj_database_url

    url = env.get("DATABASE_REPLICA_URL", "")
    if url:
        replica = dj_database_url.parse(url, conn_max_age=primary.get("CONN_MAX_AGE", 0))
        replica["OPTIONS"] = {**primary.get("OPTIONS", {}), **replica.get("OPTIONS", {})}
    else:
        replica = {key: value for key, value in primary.items() if key != "TEST"}
    replica["TEST"] = {"MIRROR": "default"}
    return replica


def reads_from_replica(env):
    return bool(env.get("DATABASE_REPLICA_URL"))


def media_storages(env, storages):
    """Uploaded files on S3-compatible storage when a bucket is named: the public media under
    `media/`, the proposal attachments under `private/` of the same bucket. Neither is served
    by the bucket: every file goes through a view that checks who asks (portal/files.py), so
    the objects stay private and no signed URL is handed out. The keys come from the
    environment as boto3 reads them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or from the
    machine's role."""
    bucket = env.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return storages

    def s3(location):
        options = {
            "bucket_name": bucket,
            "location": location,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        }
        for option, name in (
            ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
            ("region_name", "AWS_S3_REGION_NAME"),
        ):
            if env.get(name):
                options[option] = env[name]
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}

    return {**storages, "default": s3("media"), "private": s3("private")}


def celery(env, *, time_zone):
    """Celery's settings (read by config/celery.py from the CELERY_ names)."""
    broker = env.get("CELERY_BROKER_URL", "")
    return {
        "CELERY_BROKER_URL": broker or "memory://",
        # Without a broker a task runs at once in the process that queues it.
        "CELERY_TASK_ALWAYS_EAGER": not broker,
        "CELERY_TASK_EAGER_PROPAGATES": True,
        "CELERY_TASK_DEFAULT_QUEUE": "kyodo" + _worker_suffix(env),
        "CELERY_TASK_IGNORE_RESULT": True,
        # A task is acknowledged when it is done: one a worker took down with it runs again
        # elsewhere (the mail task's key keeps that from sending twice).
        "CELERY_TASK_ACKS_LATE": True,
        "CELERY_TASK_REJECT_ON_WORKER_LOST": True,
        "CELERY_WORKER_PREFETCH_MULTIPLIER": 1,
        # Longer than the longest retry wait, so that Redis does not hand a waiting retry to
        # a second worker.
        "CELERY_BROKER_TRANSPORT_OPTIONS": {"visibility_timeout": 3 * 3600},
        "CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP": True,
        "CELERY_TIMEZONE": time_zone,
        "CELERY_BEAT_SCHEDULE": BEAT_SCHEDULE,
    }


# The daily jobs (docs/operations.md), at night in the city's time, and the sweeps of mails
# and exports whose task was lost.
BEAT_SCHEDULE = {
    "send-event-reminders": {
        "task": "events.tasks.send_event_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "remind-evaluations": {
        "task": "principles.tasks.remind_evaluations",
        "schedule": crontab(hour=7, minute=30),
    },
    "purge-event-applications": {
        "task": "events.tasks.purge_event_applications",
        "schedule": crontab(hour=3, minute=0),
    },
    "purge-volunteer-applications": {
        "task": "volunteers.tasks.purge_volunteer_applications",
        "schedule": crontab(hour=3, minute=15),
    },
    "purge-exports": {
        "task": "staff.tasks.purge_exports",
        "schedule": crontab(hour=3, minute=30),
    },
    "remind-document-renewals": {
        "task": "notifications.tasks.remind_document_renewals",
        "schedule": crontab(hour=7, minute=45),
    },
    "sweep-exports": {
        "task": "staff.tasks.sweep_exports",
        "schedule": crontab(minute="5-59/10"),
    },
    "sweep-outgoing-mail": {
        "task": "notifications.tasks.sweep_outgoing_mail",
        "schedule": crontab(minute="*/10"),
    },
}
