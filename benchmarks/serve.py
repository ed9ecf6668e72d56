"""Serve the portal as in production and measure its pages with wrk, at 10,000 and 100,000
projects, with and without the public page cache; print one table.

Usage: .venv/bin/python benchmarks/serve.py [--sizes 10000 100000] [--duration 10]
       [--connections 8] [--database kyodo_serve_bench] [--keep]

Needs PostgreSQL at 127.0.0.1:5432 (user postgres; the database named by --database is
dropped and created unless --keep reuses what an earlier run loaded), Redis at 127.0.0.1:6379
(database 12 by default, --redis-url: the cache and the sessions, as in production), wrk
(Debian/Ubuntu: `apt-get install -y wrk`) and gunicorn (requirements.txt).

What it does, for each size: loads 2,000 organisations and the projects (their activity
fields, a partner, events; 85 % public) with bulk_create and rebuilds the search index; runs
gunicorn with 2 workers on production settings (DEBUG off, SECRET_KEY, SITE_URL,
ALLOWED_HOSTS; SECURE_SSL_REDIRECT off for plain http on this machine) serving
benchmarks/floor.py (the portal plus one empty view, the floor); and for each page runs wrk
(2 threads, --connections clients, --duration seconds) and reports requests a second,
p50 / p95 latency, the ratio to the floor, the bytes of the page with its assets, and the
SQL queries the page runs when drawn (the Django test client in this process, cache off).
/mypage/ is read signed in (a session cookie given to wrk). The load average of the machine
is printed at the start and the end: it is shared, and the figures move with it.
"""

import argparse
import datetime
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.search import KINDS, PLACES, SENTENCES, THEMES  # noqa: E402

ORGANIZATIONS = 2000
PORT = 8765
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.status, summary.bytes))
end
"""
GOALS = {"/projects/": 0.20, "/projects/<id>/": 0.25}


def environment(args, *, cache):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-not-a-secret-" + "x" * 40,
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "REDIS_URL": args.redis_url,
        "PUBLIC_CACHE_SECONDS": "300" if cache else "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("CELERY_BROKER_URL", None)
    return env


def create_database(name):
    import psycopg2

    db = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    db.autocommit = True
    with db.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    db.close()


# -- the data ------------------------------------------------------------------------------


def load(count, seed=1):
    """Organisations (once) and projects up to `count`, with fields, a partner and events."""
    from django.db import connection, transaction
    from django.utils import timezone

    from organizations.models import ActivityField, Area, Organization
    from portal.search import Index
    from projects.models import PUBLIC_STATUSES, Event, Partner, Project

    rng = random.Random(seed + count)
    areas = list(Area.objects.all())
    fields = list(ActivityField.objects.all())
    forms = list(Project.Form.values)
    private = [s for s in Project.Status.values if s not in PUBLIC_STATUSES]
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        if not Organization.objects.exists():
            Organization.objects.bulk_create(
                Organization(
                    name=f"{rng.choice(PLACES)}{rng.choice(THEMES)}の会{number}",
                    name_kana=f"ダンタイ{number:05d}",
                    kind=rng.choice(list(Organization.Kind.values)),
                    area=rng.choice(areas),
                    status="approved" if number % 20 else "pending",
                    description=rng.choice(SENTENCES),
                )
                for number in range(ORGANIZATIONS)
            )
        organizations = list(Organization.objects.all())
        approved = [o for o in organizations if o.status == "approved"]
        start = Project.objects.count()
        for first in range(start, count, 5000):
            batch = []
            for number in range(first, min(first + 5000, count)):
                public = rng.random() < 0.85
                batch.append(
                    Project(
                        title=f"{rng.choice(PLACES)}{rng.choice(THEMES)}{rng.choice(KINDS)}",
                        summary="".join(rng.sample(SENTENCES, 3)),
                        purpose=rng.choice(SENTENCES),
                        place=f"{rng.choice(PLACES)}公民館",
                        form=rng.choice(forms),
                        area=rng.choice(areas),
                        fiscal_year=rng.randint(2018, 2026),
                        lead_organization=rng.choice(approved),
                        status="published" if public else rng.choice(private),
                        is_hidden=rng.random() < 0.02,
                        published_at=now - datetime.timedelta(minutes=count - number)
                        if public
                        else None,
                    )
                )
            projects = Project.objects.bulk_create(batch)
            Through = Project.fields.through
            Through.objects.bulk_create(
                Through(project=p, activityfield=field)
                for p in projects
                for field in rng.sample(fields, 2)
            )
            Partner.objects.bulk_create(
                Partner(
                    project=p,
                    organization=rng.choice(approved),
                    role="会場の提供",
                    consent=Partner.Consent.CONFIRMED,
                )
                for p in projects
            )
            Event.objects.bulk_create(
                Event(
                    project=p,
                    title=f"{p.title}の説明会",
                    starts_on=today + datetime.timedelta(days=rng.randint(-365, 365)),
                    place=p.place,
                )
                for p in projects
                if rng.random() < 0.5
            )
        for index in Index.registry:
            index.rebuild(batch=2000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would: the visibility map set


def signed_in_cookie():
    """A member of an organisation, signed in: the session cookie for /mypage/."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.test import Client

    from accounts import policies
    from organizations.models import Membership, Organization

    email = "bench-member@example.jp"
    user = get_user_model().objects.filter(username=email).first()
    if user is None:
        user = get_user_model().objects.create_user(username=email, email=email)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        policies.consent_record(user=user, policies=policies.policies_in_force())
        organization = Organization.objects.filter(status="approved").first()
        Membership.objects.create(organization=organization, user=user, role="owner")
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def pages():
    """(label, path) of every page measured, on the data loaded."""
    from projects.models import Project

    project = (
        Project.objects.public().filter(events__isnull=False).order_by("-published_at").first()
    )
    return [
        ("floor", "/benchmark/floor"),
        ("/", "/"),
        ("/projects/", "/projects/"),
        ("/projects/ filtered", "/projects/?form=committee&field=environment&year=2024"),
        ("/projects/?q=防災", "/projects/?q=%E9%98%B2%E7%81%BD"),
        ("/projects/<id>/", f"/projects/{project.pk}/"),
        ("/organizations/", "/organizations/"),
        ("/events/", "/events/"),
        ("/feeds/projects.atom", "/feeds/projects.atom"),
        ("/mypage/ signed in", "/mypage/"),
    ]


def query_counts(paths, cookie):
    """The SQL queries each page runs when it is drawn (the page cache off)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import benchmarks.floor  # noqa: F401  (the floor's URL, in this process too)

    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "SECONDS": 0}
    anonymous, member = Client(), Client()
    member.cookies.load(cookie)
    counts = {}
    for label, path in paths:
        client = member if path == "/mypage/" else anonymous
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[label] = len(queries.captured_queries)
    return counts


# -- serving and measuring -----------------------------------------------------------------


def serve(env):
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "benchmarks.floor:application",
            "--workers=2",
            f"--bind=127.0.0.1:{PORT}",
            "--log-level=warning",
            "--chdir",
            str(ROOT),
        ],
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/benchmark/floor", timeout=2)
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    sys.exit("gunicorn did not start")


def fetch(path, cookie=None):
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}")
    request.add_header("Accept-Encoding", "gzip")
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


ASSET = re.compile(rb'(?:href|src)="(/static/[^"]+)"')


def page_bytes(path, cookie=None):
    """The bytes of the page and of the assets it names (as sent: gzip where offered)."""
    status, body = fetch(path, cookie)
    assert status == 200, (path, status)
    total = len(body)
    for asset in dict.fromkeys(ASSET.findall(body)):
        total += len(fetch(asset.decode())[1])
    return total


def wrk(path, args, cookie=None):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "-s", script.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
    ).stdout
    os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration, p50, p95, errors, _bytes = (int(x) for x in line.split()[1:])
    return {
        "rps": requests / (duration / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": errors,
    }


def measure(size, args, counts, cookie, paths):
    rows = {}
    for cache in (False, True):
        process = serve(environment(args, cache=cache))
        try:
            for label, path in paths:
                page_cookie = cookie if path == "/mypage/" else None
                status, _body = fetch(path, page_cookie)
                assert status == 200, (path, status)
                result = wrk(path, args, page_cookie)
                result["bytes"] = page_bytes(path, page_cookie)
                result["queries"] = counts[label]
                rows[(label, cache)] = result
        finally:
            process.terminate()
            process.wait()
    return rows


def table(results, paths, sizes):
    lines = []
    head = f"{'page':22} {'cache':5} " + " ".join(
        f"{'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'×floor':>6}" for _ in sizes
    )
    lines.append(" " * 29 + " ".join(f"{f'{size:,} projects':^30}" for size in sizes))
    lines.append(head + f" {'slower':>6} {'KB':>5} {'SQL':>4}")
    for cache in (False, True):
        for label, _path in paths:
            cells = []
            for size in sizes:
                row = results[size][(label, cache)]
                floor = results[size][("floor", cache)]["rps"]
                cells.append(
                    f"{row['rps']:7.0f} {row['p50']:7.1f} {row['p95']:7.1f} "
                    f"{row['rps'] / floor:6.2f}"
                )
            first, last = results[sizes[0]][(label, cache)], results[sizes[-1]][(label, cache)]
            slower = first["rps"] / last["rps"]
            errors = sum(results[size][(label, cache)]["errors"] for size in sizes)
            lines.append(
                f"{label:22} {'on' if cache else 'off':5} {' '.join(cells)} {slower:6.2f} "
                f"{last['bytes'] / 1024:5.0f} {last['queries']:4d}"
                + (f"  ({errors} errors)" if errors else "")
            )
    return "\n".join(lines)


def goals(results, sizes):
    lines = []
    small, big = sizes[0], sizes[-1]
    for cache in (False, True):
        state = "cache on" if cache else "cache off"
        for label, goal in GOALS.items():
            ratio = results[small][(label, cache)]["rps"] / results[small][("floor", cache)]["rps"]
            verdict = "met" if ratio >= goal else f"missed by {goal - ratio:.2f}"
            lines.append(f"{state}: {label} {ratio:.2f} of the floor (goal ≥ {goal}): {verdict}")
        worst = max(
            (results[small][key]["rps"] / results[big][key]["rps"], key[0])
            for key in results[small]
            if key[1] == cache
        )
        verdict = "met" if worst[0] <= 1.5 else "missed"
        lines.append(
            f"{state}: slowest growth {worst[1]} {worst[0]:.2f}× from {small:,} to {big:,} "
            f"(goal ≤ 1.5×): {verdict}"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database", default="kyodo_serve_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--keep", action="store_true", help="reuse the data loaded before")
    args = parser.parse_args()
    if subprocess.run(["which", "wrk"], capture_output=True).returncode:
        sys.exit("wrk is missing: apt-get install -y wrk (Debian/Ubuntu) or brew install wrk")

    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{os.cpu_count()} CPUs; {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    if not args.keep:
        create_database(args.database)
    os.environ.update(environment(args, cache=False))
    import django

    django.setup()
    from django.core.management import call_command

    from projects.models import Project

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    results = {}
    for size in sorted(args.sizes):
        if Project.objects.count() < size:
            started = time.perf_counter()
            load(size)
            print(f"loaded {size:,} projects in {time.perf_counter() - started:.0f} s")
        cookie = signed_in_cookie()
        paths = pages()
        counts = query_counts(paths, cookie)
        results[size] = measure(size, args, counts, cookie, paths)
    sizes = sorted(args.sizes)
    print()
    print(
        f"gunicorn 2 workers, wrk 2 threads × {args.connections} connections × "
        f"{args.duration} s a page; KB (page and its assets) and SQL (queries drawing the page) "
        f"at {sizes[-1]:,}; slower: req/s at {sizes[0]:,} over req/s at {sizes[-1]:,}"
    )
    print(table(results, paths, sizes))
    print()
    print(goals(results, sizes))
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
