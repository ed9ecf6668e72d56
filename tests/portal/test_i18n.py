"""The portal is written in Japanese; the English catalogue in locale/en lets a visitor
read it in English after switching the language in the footer."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%%")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def read_catalogue(path=CATALOGUE):
    """Parse a .po file into entries: {"flags", "msgid", "msgid_plural", "msgstr": {index: text}}.

    A small reader of our own, so the tests need nothing beyond the requirements.
    """
    entries = []
    entry = None
    field = None

    def start():
        return {"flags": set(), "msgid": None, "msgid_plural": None, "msgstr": {}}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            field = None
            continue
        if line.startswith("#~"):
            continue  # obsolete entries are not used
        if line.startswith("#,"):
            if entry is None or entry["msgid"] is not None:
                entry = start()
                entries.append(entry)
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            value = ast.literal_eval(rest)
            if keyword == "msgid":
                if entry is None or entry["msgid"] is not None:
                    entry = start()
                    entries.append(entry)
                field = ("msgid",)
            elif keyword == "msgid_plural":
                field = ("msgid_plural",)
            elif keyword == "msgstr":
                field = ("msgstr", 0)
            elif keyword.startswith("msgstr["):
                field = ("msgstr", int(keyword[7:-1]))
            elif keyword == "msgctxt":
                entry = start()
                entries.append(entry)
                field = ("msgctxt",)
                entry["msgctxt"] = ""
            else:
                raise AssertionError(f"unexpected line in the catalogue: {raw!r}")
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] = ""
            else:
                entry[field[0]] = ""
        if field[0] == "msgstr":
            entry["msgstr"][field[1]] += value
        else:
            entry[field[0]] += value
    return entries


def messages():
    """The catalogue's entries without the header."""
    return [entry for entry in read_catalogue() if entry["msgid"]]


def set_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.mark.django_db
def test_top_page_reads_in_english_with_the_language_cookie(client):
    factories.make_project(title="スポーツカレッジ")
    set_english(client)
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "New collaboration projects" in body
    assert "Building Fujimino together" in body
    assert "Skip to main content" in body
    assert "新しい協働事業" not in body
    assert "本文へ移動" not in body


@pytest.mark.django_db
def test_project_list_reads_in_english_with_the_language_cookie(client):
    factories.make_project(title="スポーツカレッジ")
    set_english(client)
    body = client.get("/projects/").content.decode()
    assert '<html lang="en">' in body
    assert "<h1>Collaboration projects</h1>" in body
    assert "1 collaboration project</h2>" in body
    assert "Search collaboration projects" in body
    assert "<h1>協働事業</h1>" not in body


@pytest.mark.django_db
def test_english_count_heading_uses_the_plural_form(client):
    factories.make_project(title="スポーツカレッジ")
    factories.make_project(title="環境フェア")
    set_english(client)
    body = client.get("/projects/").content.decode()
    assert "2 collaboration projects</h2>" in body


@pytest.mark.django_db
def test_pages_are_japanese_by_default(client):
    factories.make_project(title="スポーツカレッジ")
    top = client.get("/").content.decode()
    assert '<html lang="ja">' in top
    assert "新しい協働事業" in top
    assert "New collaboration projects" not in top
    projects = client.get("/projects/").content.decode()
    assert "<h1>協働事業</h1>" in projects
    assert "Collaboration projects" not in projects


@pytest.mark.django_db
def test_posting_to_setlang_switches_the_next_page_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/projects/"})
    assert response.status_code == 302
    assert response["Location"] == "/projects/"
    body = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in body
    assert "<h1>Collaboration projects</h1>" in body


@pytest.mark.django_db
def test_posting_to_setlang_switches_back_to_japanese(client):
    set_english(client)
    client.post("/i18n/setlang/", {"language": "ja", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="ja">' in body
    assert "新しい協働事業" in body


@pytest.mark.django_db
def test_footer_offers_english_in_the_language_form(client):
    body = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in body
    assert '<option value="en" lang="en">English</option>' in body


def test_catalogue_has_no_untranslated_entries():
    entries = messages()
    assert len(entries) > 900
    untranslated = [
        entry["msgid"]
        for entry in entries
        if not entry["msgstr"] or any(not text.strip() for text in entry["msgstr"].values())
    ]
    assert untranslated == []


def test_catalogue_has_no_fuzzy_entries():
    fuzzy = [entry["msgid"] for entry in read_catalogue() if "fuzzy" in entry["flags"]]
    assert fuzzy == []


def test_plural_entries_have_both_english_forms():
    plurals = [entry for entry in messages() if entry["msgid_plural"]]
    assert plurals
    for entry in plurals:
        assert sorted(entry["msgstr"]) == [0, 1], entry["msgid"]


def test_translations_keep_every_placeholder_and_tag():
    for entry in messages():
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for index, text in entry["msgstr"].items():
            source = sources[min(index, 1)]
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(source)), text
            assert sorted(TAG.findall(text)) == sorted(TAG.findall(source)), text
            assert text.count("\n") == source.count("\n"), text


def test_catalogue_contains_no_japanese_left_untranslated():
    # Japanese may remain only in help about typing a reading in kana, as its example.
    kana_or_kanji = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    left = [
        text
        for entry in messages()
        for text in entry["msgstr"].values()
        if kana_or_kanji.search(text) and "katakana" not in text
    ]
    assert left == []


def test_compiled_catalogue_matches_the_po_file():
    with COMPILED.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for entry in messages():
        if entry["msgid_plural"]:
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr"][0]
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr"][1]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0]
