"""Measure the public pages: median time, SQL queries and size, with 1,000 projects.

Usage: .venv/bin/python benchmarks/public_pages.py [--projects N] [--repeat N]

Runs against a throwaway SQLite database unless DATABASE_URL is set (then it must be a
database you may fill). Prints one line per page; nothing is asserted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        database = Path(tempfile.mkdtemp()) / "benchmark.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DEBUG", "false")
    # The test client speaks plain http: production's redirect to https stays out of the way.
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    setup_test_environment()
    call_command("migrate", verbosity=0)

    from tests.test_query_counts import populate

    lead, evaluated = populate(args.projects)
    client = Client()
    pages = [
        "/",
        "/projects/",
        "/projects/?form=committee&q=協働",
        f"/projects/{evaluated.pk}/",
        "/organizations/",
        f"/organizations/{lead.pk}/",
        "/principles/",
        "/forms/",
        "/accessibility/",
        "/healthz",
    ]
    print(f"{args.projects} projects, {args.repeat} requests per page, {connection.vendor}")
    print(f"{'page':48} {'median ms':>10} {'max ms':>8} {'queries':>8} {'KB':>7}")
    for url in pages:
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        print(
            f"{url:48} {statistics.median(timings):10.1f} {max(timings):8.1f} "
            f"{len(queries.captured_queries):8d} {len(response.content) / 1024:7.1f}"
        )


if __name__ == "__main__":
    main()
