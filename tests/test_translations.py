"""The English catalogue is complete: every interface string of the code has a reviewed
translation that keeps the placeholders of the Japanese.

The catalogue is extracted again from a copy of the source tree, as `make messages` does, and
compared with the committed one: a string added to the code without a translation, an empty
msgstr or a `#, fuzzy` guess (gettext leaves those out of the compiled catalogue, so the page
would show Japanese) all fail here.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUE = Path("locale") / "en" / "LC_MESSAGES" / "django.po"

# What makemessages reads for the "django" domain (py, html and txt files), and the rest of
# the tree needed to start Django; never the virtualenv, packages, collected or uploaded files.
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "media",
    "private_media",
    "test-results",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
}

NAMED = re.compile(r"%\((\w+)\)[sd]")


def _copy_sources(target):
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = sorted(name for name in subdirectories if name not in SKIPPED_DIRS)
        relative = Path(directory).relative_to(ROOT)
        for name in files:
            path = relative / name
            if path.suffix in SOURCE_SUFFIXES or path == CATALOGUE:
                (target / relative).mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / path, target / path)


def _makemessages(tree):
    """Run `makemessages` in the copy, on SQLite in DEBUG, and read the catalogue it writes."""
    env = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG", "LC_ALL") if name in os.environ
    }
    env["DEBUG"] = "true"
    command = [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"]
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return polib.pofile(str(tree / CATALOGUE))


def _where(entry):
    return ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:3])


def _listing(entries):
    shown = entries[:5]
    more = f"\n  … and {len(entries) - len(shown)} more" if len(entries) > len(shown) else ""
    return "".join(f"\n  {entry.msgid!r} ({_where(entry)})" for entry in shown) + more


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    tree = tmp_path_factory.mktemp("messages") / "tree"
    _copy_sources(tree)
    return _makemessages(tree)


@pytest.fixture(scope="module")
def committed():
    return polib.pofile(str(ROOT / CATALOGUE))


def _missing(extracted, committed):
    known = {(entry.msgctxt, entry.msgid) for entry in committed if not entry.obsolete}
    return [entry for entry in extracted if (entry.msgctxt, entry.msgid) not in known]


def test_every_string_of_the_code_is_in_the_committed_catalogue(extracted, committed):
    missing = _missing(extracted, committed)
    assert not missing, (
        "Strings of the code missing from locale/en/LC_MESSAGES/django.po (run `make messages` "
        "and translate them):" + _listing(missing)
    )


def test_the_committed_catalogue_holds_no_string_the_code_no_longer_has(extracted, committed):
    used = {(entry.msgctxt, entry.msgid) for entry in extracted}
    stale = [entry for entry in committed if (entry.msgctxt, entry.msgid) not in used]
    assert not stale, "Strings no longer in the code (run `make messages`):" + _listing(stale)


def test_every_string_is_translated(extracted):
    untranslated = [entry for entry in extracted if not entry.translated() and not entry.fuzzy]
    assert not untranslated, "Strings without an English translation:" + _listing(untranslated)


def test_no_translation_is_a_fuzzy_guess(extracted):
    fuzzy = [entry for entry in extracted if entry.fuzzy]
    assert not fuzzy, (
        "Fuzzy translations (gettext's guesses, left out of django.mo): check each, then "
        "remove `#, fuzzy` and the `#|` lines:" + _listing(fuzzy)
    )


def _translations(entry):
    """Each msgstr with the msgid whose placeholders it must keep."""
    if entry.msgid_plural:
        for index, text in sorted(entry.msgstr_plural.items()):
            yield (entry.msgid if index == 0 else entry.msgid_plural), text
    else:
        yield entry.msgid, entry.msgstr


def test_every_translation_keeps_the_placeholders_of_its_msgid(committed):
    broken = []
    for entry in committed:
        if entry.obsolete:
            continue
        for source, text in _translations(entry):
            expected, found = set(NAMED.findall(source)), set(NAMED.findall(text))
            if expected and "python-format" not in entry.flags:
                broken.append(f"{entry.msgid!r}: the msgid has placeholders but no python-format")
            elif text and expected != found:
                broken.append(f"{entry.msgid!r}: {sorted(expected)} in Japanese, {sorted(found)}")
    assert not broken, "\n".join(broken[:10])


def test_a_string_added_without_translation_is_named_with_its_place(tmp_path, committed):
    _copy_sources(tmp_path / "tree")
    module = tmp_path / "tree" / "portal" / "untranslated_probe.py"
    module.write_text(
        'from django.utils.translation import gettext as _\n\nPROBE = _("未翻訳の確認用の文言")\n',
        encoding="utf-8",
    )
    catalogue = _makemessages(tmp_path / "tree")
    missing = _missing(catalogue, committed)
    assert [entry.msgid for entry in missing] == ["未翻訳の確認用の文言"]
    assert "'未翻訳の確認用の文言' (portal/untranslated_probe.py:3)" in _listing(missing)
    assert not missing[0].translated()
