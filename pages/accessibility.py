"""The latest accessibility test results, as /accessibility/ publishes them.

The project's own axe-core browser tests (tests/e2e/test_accessibility_public.py and
test_staff_accessibility.py) write `accessibility-results.json` beside this module when run
with `AXE_RESULTS=1` (see docs/accessibility.md); the file is committed, so that the page
tells what the release was tested with. `summarize` turns the runs into that file: the pages
tested (each at both widths and in both languages) and, for every success criterion of
JIS X 8341-3:2016 up to level AA, the result in the form of 附属書JB's checklist.
"""

import datetime
import json
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from portal.models import in_english

RESULTS_FILE = Path(__file__).resolve().parent / "accessibility-results.json"
STANDARD = "JIS X 8341-3:2016"
TARGET_LEVEL = "AA"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

# The success criteria of JIS X 8341-3:2016 (= WCAG 2.0) at levels A and AA:
# (number, level, JIS title, WCAG title).
CRITERIA = [
    ("1.1.1", "A", "非テキストコンテンツ", "Non-text Content"),
    ("1.2.1", "A", "音声のみ及び映像のみ(収録済)", "Audio-only and Video-only (Prerecorded)"),
    ("1.2.2", "A", "キャプション(収録済)", "Captions (Prerecorded)"),
    (
        "1.2.3",
        "A",
        "音声解説、又はメディアに対する代替(収録済)",
        "Audio Description or Media Alternative (Prerecorded)",
    ),
    ("1.2.4", "AA", "キャプション(ライブ)", "Captions (Live)"),
    ("1.2.5", "AA", "音声解説(収録済)", "Audio Description (Prerecorded)"),
    ("1.3.1", "A", "情報及び関係性", "Info and Relationships"),
    ("1.3.2", "A", "意味のある順序", "Meaningful Sequence"),
    ("1.3.3", "A", "感覚的な特徴", "Sensory Characteristics"),
    ("1.4.1", "A", "色の使用", "Use of Color"),
    ("1.4.2", "A", "音声の制御", "Audio Control"),
    ("1.4.3", "AA", "コントラスト(最低限レベル)", "Contrast (Minimum)"),
    ("1.4.4", "AA", "テキストのサイズ変更", "Resize text"),
    ("1.4.5", "AA", "文字画像", "Images of Text"),
    ("2.1.1", "A", "キーボード", "Keyboard"),
    ("2.1.2", "A", "キーボードトラップなし", "No Keyboard Trap"),
    ("2.2.1", "A", "タイミング調整可能", "Timing Adjustable"),
    ("2.2.2", "A", "一時停止、停止及び非表示", "Pause, Stop, Hide"),
    ("2.3.1", "A", "3回の閃光、又は閾値以下", "Three Flashes or Below Threshold"),
    ("2.4.1", "A", "ブロックスキップ", "Bypass Blocks"),
    ("2.4.2", "A", "ページタイトル", "Page Titled"),
    ("2.4.3", "A", "フォーカス順序", "Focus Order"),
    ("2.4.4", "A", "リンクの目的(コンテキスト内)", "Link Purpose (In Context)"),
    ("2.4.5", "AA", "複数の手段", "Multiple Ways"),
    ("2.4.6", "AA", "見出し及びラベル", "Headings and Labels"),
    ("2.4.7", "AA", "フォーカスの可視化", "Focus Visible"),
    ("3.1.1", "A", "ページの言語", "Language of Page"),
    ("3.1.2", "AA", "一部分の言語", "Language of Parts"),
    ("3.2.1", "A", "フォーカス時", "On Focus"),
    ("3.2.2", "A", "入力時", "On Input"),
    ("3.2.3", "AA", "一貫したナビゲーション", "Consistent Navigation"),
    ("3.2.4", "AA", "一貫した識別性", "Consistent Identification"),
    ("3.3.1", "A", "エラーの特定", "Error Identification"),
    ("3.3.2", "A", "ラベル又は説明", "Labels or Instructions"),
    ("3.3.3", "AA", "エラー修正の提案", "Error Suggestion"),
    (
        "3.3.4",
        "AA",
        "エラー回避(法的、金融及びデータ)",
        "Error Prevention (Legal, Financial, Data)",
    ),
    ("4.1.1", "A", "構文解析", "Parsing"),
    ("4.1.2", "A", "名前(name)、役割(role)及び値(value)", "Name, Role, Value"),
]

# The result of a criterion (codes in the file, labels on the page).
PASS = "pass"  # axe-core's rules of the criterion applied on the pages and found nothing
NOT_APPLICABLE = "not_applicable"  # its rules found nothing on the pages to apply to
NOT_TESTED = "not_tested"  # no automatic rule decides it (checked by people)
RESULT_LABELS = {
    PASS: _("適合"),
    NOT_APPLICABLE: _("該当なし"),
    NOT_TESTED: _("自動試験の対象外"),
}


def criterion_of(tag):
    """ "1.4.3" for axe-core's tag "wcag143" (None for other tags)."""
    digits = tag.removeprefix("wcag")
    if digits == tag or not digits.isdigit() or len(digits) < 3:
        return None
    return f"{digits[0]}.{digits[1]}.{digits[2:]}"


def summarize(runs, *, tested_on, tool, browser):
    """The results file's contents from the axe-core runs of one test session.

    `runs`: one dict per page, width and language checked: {"name", "path", "width",
    "language", "violations", "passes", "inapplicable", "incomplete"}, the last four lists of
    {"id", "tags"} as axe-core reports its rules."""
    pages = {}
    applied, idle, rules_of = {}, {}, {}
    for run in runs:
        page = pages.setdefault(
            run["name"],
            {"name": run["name"], "path": run["path"], "widths": set(), "languages": set(),
             "violations": 0},
        )  # fmt: skip
        page["widths"].add(run["width"])
        page["languages"].add(run["language"])
        page["violations"] += len(run["violations"])
        for kind, rules in (("passes", applied), ("violations", applied), ("inapplicable", idle)):
            for rule in run[kind]:
                for tag in rule["tags"]:
                    number = criterion_of(tag)
                    if number:
                        rules.setdefault(number, set()).add(rule["id"])
                        rules_of.setdefault(number, set()).add(rule["id"])
    violated = {
        criterion_of(tag)
        for run in runs
        for rule in run["violations"]
        for tag in rule["tags"]
        if criterion_of(tag)
    }
    criteria = []
    for number, level, _title, _title_en in CRITERIA:
        if number in violated:
            result = "fail"
        elif number in applied:
            result = PASS
        elif number in idle:
            result = NOT_APPLICABLE
        else:
            result = NOT_TESTED
        criteria.append(
            {"id": number, "level": level, "result": result,
             "rules": sorted(rules_of.get(number, ()))}
        )  # fmt: skip
    return {
        "standard": STANDARD,
        "target_level": TARGET_LEVEL,
        "tested_on": tested_on,
        "tool": tool,
        "browser": browser,
        "axe_tags": list(AXE_TAGS),
        "pages": [
            {**page, "widths": sorted(page["widths"]), "languages": sorted(page["languages"])}
            for page in pages.values()
        ],
        "criteria": criteria,
    }


def write(results, path=RESULTS_FILE):
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@cache
def _read(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def latest(path=RESULTS_FILE):
    """The committed results as the page shows them (None when there are none yet)."""
    results = _read(str(path))
    if results is None:
        return None
    titles = {number: (title, title_en) for number, _level, title, title_en in CRITERIA}
    english = in_english()
    criteria = [
        {
            **criterion,
            "title": titles[criterion["id"]][1 if english else 0],
            "applies": criterion["result"] != NOT_APPLICABLE,
            "result_label": RESULT_LABELS.get(criterion["result"], _("不適合")),
        }
        for criterion in results["criteria"]
    ]
    return {
        **results,
        "tested_on": datetime.date.fromisoformat(results["tested_on"]),
        "criteria": criteria,
        "violations": sum(page["violations"] for page in results["pages"]),
        "passed": sum(1 for c in criteria if c["result"] == PASS),
        "not_applicable": sum(1 for c in criteria if c["result"] == NOT_APPLICABLE),
        "not_tested": sum(1 for c in criteria if c["result"] == NOT_TESTED),
    }
