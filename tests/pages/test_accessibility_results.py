"""The accessibility results /accessibility/ publishes: the committed file the axe-core tests
write (AXE_RESULTS=1) agrees with the pages those tests cover and the axe-core in use, and
the page shows it in the form of JIS X 8341-3 附属書JB (target level, date, pages tested,
each success criterion with 適合 / 該当なし)."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

from pages import accessibility
from tests.e2e.test_accessibility_public import PUBLIC_PAGES
from tests.e2e.test_staff_accessibility import DEPARTMENT_PAGES, MEMBER_PAGES, STAFF_PAGES

AXE_PACKAGE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "package.json"
COVERED = {**PUBLIC_PAGES, **STAFF_PAGES, **DEPARTMENT_PAGES, **MEMBER_PAGES}


@pytest.fixture(scope="module")
def results():
    return json.loads(accessibility.RESULTS_FILE.read_text(encoding="utf-8"))


def test_the_results_name_every_page_the_axe_tests_check(results):
    assert {page["name"] for page in results["pages"]} == set(COVERED)


def test_every_page_was_checked_at_both_widths_in_both_languages_without_violation(results):
    for page in results["pages"]:
        assert page["widths"] == ["desktop", "phone"], page["name"]
        assert page["languages"] == ["en", "ja"], page["name"]
        assert page["violations"] == 0, page["name"]


def test_the_results_come_from_the_axe_core_in_use(results):
    version = json.loads(AXE_PACKAGE.read_text())["version"]
    assert results["tool"] == f"axe-core {version}"
    assert results["axe_tags"] == list(accessibility.AXE_TAGS)
    assert (results["standard"], results["target_level"]) == ("JIS X 8341-3:2016", "AA")


def test_every_success_criterion_up_to_aa_has_its_result(results):
    assert [c["id"] for c in results["criteria"]] == [c[0] for c in accessibility.CRITERIA]
    assert len(results["criteria"]) == 38  # JIS X 8341-3:2016, levels A and AA
    outcomes = {c["id"]: c["result"] for c in results["criteria"]}
    assert set(outcomes.values()) <= {
        accessibility.PASS,
        accessibility.NOT_APPLICABLE,
        accessibility.NOT_TESTED,
    }
    # What every page has, the automatic rules found applicable and met.
    for number in ("1.1.1", "1.3.1", "1.4.3", "2.4.2", "3.1.1", "4.1.2"):
        assert outcomes[number] == accessibility.PASS, number


def test_summarize_judges_each_criterion_from_the_rules_that_applied():
    def run(name, width, language, passes=(), inapplicable=(), violations=()):
        return {
            "name": name,
            "path": "/",
            "width": width,
            "language": language,
            "violations": [{"id": r, "tags": [t]} for r, t in violations],
            "passes": [{"id": r, "tags": [t]} for r, t in passes],
            "inapplicable": [{"id": r, "tags": [t]} for r, t in inapplicable],
            "incomplete": [],
        }

    summary = accessibility.summarize(
        [
            run("top", "phone", "ja", passes=[("image-alt", "wcag111")]),
            run("top", "desktop", "en", inapplicable=[("video-caption", "wcag122")]),
            run("list", "phone", "ja", violations=[("color-contrast", "wcag143")]),
        ],
        tested_on="2026-12-03",
        tool="axe-core 4.14.1",
        browser="Chromium",
    )
    outcomes = {c["id"]: c["result"] for c in summary["criteria"]}
    assert outcomes["1.1.1"] == "pass"
    assert outcomes["1.2.2"] == "not_applicable"
    assert outcomes["1.4.3"] == "fail"
    assert outcomes["2.1.1"] == "not_tested"
    top = next(page for page in summary["pages"] if page["name"] == "top")
    assert (top["widths"], top["languages"]) == (["desktop", "phone"], ["en", "ja"])


@pytest.mark.django_db
def test_the_policy_page_publishes_the_latest_results(client, results):
    body = client.get("/accessibility/").content.decode()
    year, month, day = (int(part) for part in results["tested_on"].split("-"))
    assert f"{month}月{day}日" in body  # 試験日 (和暦)
    assert "レベルAA" in body
    assert results["tool"] in body
    assert f"試験したページ({len(results['pages'])}件)" in body
    for page in results["pages"]:
        assert f"<code>{escape(page['path'])}</code>" in body
    assert "附属書JB" in body
    for number, _level, title, _title_en in accessibility.CRITERIA:
        assert f"{number} {title}" in body
    assert body.count("<td>適合</td>") == sum(
        1 for c in results["criteria"] if c["result"] == "pass"
    )
    assert body.count("<td>該当なし</td>") == sum(
        1 for c in results["criteria"] if c["result"] == "not_applicable"
    )


@pytest.mark.django_db
def test_the_policy_page_in_english_names_the_criteria_in_english(client):
    client.cookies["django_language"] = "en"
    body = client.get("/accessibility/").content.decode()
    assert "1.4.3 Contrast (Minimum)" in body
    assert "コントラスト" not in body
