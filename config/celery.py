"""The Celery application: `celery -A config worker` runs the tasks, `celery -A config beat`
the daily jobs (docs/deploy.md). Its settings are the CELERY_ ones of config/settings.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
