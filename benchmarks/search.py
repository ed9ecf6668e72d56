"""Measure the keyword search on 100,000 projects in PostgreSQL: server time of two-character,
four-character and no-hit searches, with and without filters.

Usage: DATABASE_URL=postgres://…/kyodo_bench .venv/bin/python benchmarks/search.py
       [--projects N] [--repeat N] [--keep]

The database named by DATABASE_URL is emptied and filled (it must be one you may throw away);
`--keep` reuses what an earlier run loaded. Each search is timed in-process through Django's
test client (the whole request: SQL, template, response), `--repeat` times, and the median and
95th percentile are printed, with the number of results and SQL queries. Nothing is asserted.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PLACES = ["上福岡", "大井", "福岡", "駒林", "亀久保", "苗間", "市沢", "西鶴ケ岡", "元福岡", "川崎"]
THEMES = [
    "子ども食堂",
    "防災訓練",
    "清掃活動",
    "花いっぱい運動",
    "見守り",
    "子育て支援",
    "高齢者サロン",
    "環境学習",
    "七夕まつり",
    "ボランティア講座",
    "居場所づくり",
    "多文化交流",
    "健康づくり",
    "図書館まつり",
    "川の生き物調査",
    "防犯パトロール",
    "スポーツ教室",
    "読み聞かせ",
    "農業体験",
    "空き家活用",
]
KINDS = ["事業", "プロジェクト", "の会", "推進事業", "講座", "実行委員会"]
SENTENCES = [
    "地域の町会と市が協力して取り組みます。",
    "参加者は毎年増えています。",
    "市民活動団体が企画し、市が会場を提供します。",
    "小学校やPTAとも連携しています。",
    "年に数回、公民館で開催します。",
    "高齢者と子どもが交流できる場をつくります。",
    "市内全域を対象にしています。",
    "安全対策として保険に加入しています。",
    "大学の学生がボランティアとして参加します。",
    "企業の協賛を受けて実施します。",
]
SEARCHES = [
    ("2 characters", "防災"),
    ("2 characters", "清掃"),
    ("2 characters", "子ど"),
    ("4 characters", "子ども食"),
    ("4 characters", "防犯パト"),
    ("4 characters", "多文化交"),
    ("no hit", "宇宙開発"),
    ("no hit, common pieces", "防災清掃"),
]
FILTERS = "&form=committee&area=citywide"


def load(count, seed=1):
    from django.db import connection, transaction

    from organizations.models import ActivityField, Area, Organization
    from portal.search import Index
    from projects.models import PUBLIC_STATUSES, Project

    rng = random.Random(seed)
    areas = list(Area.objects.all())
    fields = list(ActivityField.objects.all())
    forms = list(Project.Form.values)
    private = [s for s in Project.Status.values if s not in PUBLIC_STATUSES]
    with transaction.atomic():
        Project.objects.all().delete()
        Organization.objects.all().delete()
        organizations = Organization.objects.bulk_create(
            Organization(
                name=f"{rng.choice(PLACES)}{rng.choice(THEMES)}の会{number}",
                name_kana=f"ダンタイ{number:05d}",
                kind="civic",
                status="approved" if number % 10 else "pending",
                description=rng.choice(SENTENCES),
            )
            for number in range(max(count // 200, 10))
        )
        approved = [o for o in organizations if o.status == "approved"]
        for start in range(0, count, 5000):
            projects = Project.objects.bulk_create(
                Project(
                    title=f"{rng.choice(PLACES)}{rng.choice(THEMES)}{rng.choice(KINDS)}",
                    summary="".join(rng.sample(SENTENCES, 3)),
                    purpose=rng.choice(SENTENCES),
                    place=f"{rng.choice(PLACES)}公民館",
                    form=rng.choice(forms),
                    area=rng.choice(areas),
                    fiscal_year=rng.randint(2018, 2026),
                    lead_organization=rng.choice(approved),
                    status="published" if rng.random() < 0.85 else rng.choice(private),
                    is_hidden=rng.random() < 0.02,
                )
                for _ in range(start, min(start + 5000, count))
            )
            Through = Project.fields.through
            Through.objects.bulk_create(
                Through(project=project, activityfield=rng.choice(fields)) for project in projects
            )
        for index in Index.registry:
            started = time.perf_counter()
            written = index.rebuild(batch=2000)
            print(
                f"  {index.document_model.__name__}: {written} documents "
                f"in {time.perf_counter() - started:.0f} s"
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would: the visibility map set


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="reuse the loaded data")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database that may be emptied.")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from projects.models import Project
    from projects.search import public_results

    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    setup_test_environment()
    call_command("migrate", verbosity=0)
    if not args.keep or Project.objects.count() != args.projects:
        print(f"Loading {args.projects} projects…")
        started = time.perf_counter()
        load(args.projects)
        print(f"  loaded in {time.perf_counter() - started:.0f} s")

    client = Client()
    public = Project.objects.public()
    print(
        f"{args.projects} projects ({public.count()} public), {args.repeat} runs each, "
        f"PostgreSQL {connection.cursor().connection.server_version}, {os.cpu_count()} CPUs"
    )
    print("search: the SQL of a search as /projects/ runs it (the count and the first page of 20)")
    from organizations.models import Area

    # The filters of FILTERS, as the list's filterset hands them over (projects.search.CARRIED)
    carried = {"form": "committee", "area": Area.objects.get(code="citywide")}
    print(f"{'':28} {'':14} {'results':>8} {'median ms':>10} {'p95 ms':>8}")
    for what, word in SEARCHES:
        for label, answer in (
            # `q` alone: the documents answer (projects.search.public_results)
            ("", lambda word=word: public_results(word, public.with_card_data())),
            # with the list's form and area filters, which the documents carry too
            (
                "with filters",
                lambda word=word: public_results(word, public.with_card_data(), carried),
            ),
        ):
            timings = []
            for _ in range(args.repeat + 1):
                started = time.perf_counter()
                found = answer()
                count = found.count()
                list(found[:20])
                timings.append((time.perf_counter() - started) * 1000)
            timings = timings[1:]  # the first warms the caches
            print(
                f"{what:28} {label:14} {count:8d} {statistics.median(timings):10.1f} "
                f"{percentile(timings, 0.95):8.1f}"
            )
    print("page: the whole request through Django's test client (SQL, templates, response)")
    print(f"{'':28} {'page':34} {'results':>8} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for what, word in SEARCHES:
        for page in (f"/projects/?q={word}", f"/projects/?q={word}{FILTERS}", f"/search/?q={word}"):
            # secure: production settings redirect plain HTTP to HTTPS
            client.get(page, secure=True)  # warm the caches
            timings = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(page, secure=True)
                timings.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page, secure=True)
            context = response.context
            found = context["page"].paginator.count if "page" in context else context["total"]
            print(
                f"{what:28} {page:34} {found:8d} {statistics.median(timings):10.1f} "
                f"{percentile(timings, 0.95):8.1f} {len(queries.captured_queries):8d}"
            )


if __name__ == "__main__":
    main()
