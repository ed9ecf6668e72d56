"""The portal as benchmarks/serve.py serves it: the real application (config.settings, every
middleware) with one more URL, `/benchmark/floor`, a view that does nothing. Its speed is the
framework's floor on this machine: what every page pays before its own work. It lives here
and not in config/urls.py, so that no deployed portal has it.

gunicorn benchmarks.floor:application
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup(set_prefix=False)

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402


def floor(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("benchmark/floor", floor), path("", include("config.urls"))]
handler500 = "pages.views.server_error"

settings.ROOT_URLCONF = __name__
application = WSGIHandler()
