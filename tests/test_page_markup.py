"""Every page of the portal (each GET row of the permission matrix, as a role that may see
it), in Japanese and in English, read for what automatic checks miss:

- the language of parts: in English, every run of Japanese text sits in an element marked
  `lang="ja"`; in Japanese, the 「English」 choice is marked `lang="en"` (WCAG 3.1.2);
- the required state: a field marked 「※必須」 carries `required` or `aria-required`, a
  group of checkboxes says 「1つ以上」 in its legend (3.3.2, 4.1.2);
- link names: links of the same name on a page lead to the same place (2.4.4);
- tables: every table is named, by a caption or a label (1.3.1);
- master data in English: no area, department, activity field, form, kind, principle or
  score of the evaluation scale is shown by its Japanese name on an English page (each has
  its English name; only the guideline's official text stays Japanese, with its gloss).
"""

import re
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import override_settings

from tests.hostile import tree
from tests.test_permission_matrix import MATRIX
from tests.world import ROLES, build_world, make_role_users

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}  # noqa: E501


def _pages():
    seen = set()
    for row in MATRIX:
        method, path, answers = row[:3]
        if method != "GET" or path in seen or path.startswith("/admin/"):  # Django's own
            continue
        for role, answer in zip(ROLES, answers, strict=True):
            if answer == 200:
                seen.add(path)
                yield pytest.param(path, role, id=f"{path} as {role}")
                break


PAGES = list(_pages())


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("markup")
    media = {"MEDIA_ROOT": folder / "media", "PRIVATE_MEDIA_ROOT": folder / "private"}
    with django_db_blocker.unblock(), override_settings(**media), transaction.atomic():
        users = make_role_users()
        yield build_world(users), users
        transaction.set_rollback(True)


def _get(client, users, world, path, role, language):
    if role != "anonymous":
        client.force_login(users[role])
    client.cookies["django_language"] = language
    response = client.get(path.format(**world))
    assert response.status_code == 200, path
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    return response.content.decode()


def japanese_outside_lang_ja(html):
    """(tag, text) of every text run with Japanese in it outside an element marked ja."""
    from html.parser import HTMLParser

    found = []

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag in VOID:
                return
            lang = dict(attrs).get("lang")
            inherited = self.stack[-1][1] if self.stack else ""
            self.stack.append((tag, lang if lang is not None else inherited))

        def handle_endtag(self, tag):
            for position in range(len(self.stack) - 1, -1, -1):
                if self.stack[position][0] == tag:
                    del self.stack[position:]
                    return

        def handle_data(self, data):
            if not self.stack or self.stack[-1][0] in ("script", "style"):
                return
            if JAPANESE.search(data) and not self.stack[-1][1].startswith("ja"):
                found.append((self.stack[-1][0], data.strip()[:60]))

    Reader().feed(html)
    return found


def japanese_master_names():
    """The Japanese name of the rows of master data that have an English one, and of every
    coded choice people read."""
    from django.utils import translation

    from organizations.models import ActivityField, Area, Department, Organization
    from principles.models import Principle, Recommendation, Score
    from projects.models import Form

    # Rows given an English name (the seeded ones by their migrations); a row added without
    # one is shown by its Japanese name, marked as Japanese.
    names = set()
    for field in ActivityField.objects.exclude(short_name_en="").exclude(name_en=""):
        names.update({field.name, field.short_name})
    for model in (Area, Department, Principle):
        names.update(model.objects.exclude(name_en="").values_list("name", flat=True))
    with translation.override("ja"):
        for choices in (Form, Organization.Kind, Score, Recommendation):
            names.update(str(label) for label in choices.labels)
    return {name for name in names if name and JAPANESE.search(name)}


# Pages that document the open datasets, whose columns and values are Japanese as they are in
# the files (the page quotes them, marked as Japanese), and the city's documents (notices/),
# which are Japanese whatever language the reader uses (marked as Japanese).
QUOTES_JAPANESE_DATA = {
    "/opendata/",
    "/notices/{notice}/",
    "/notices/projects/{draft}/application/",
    "/notices/projects/{submitted}/application/",
}

# What separates the names of a list in one text ("上福岡地区、大井地区", "防災(補助)").
NAME_SEPARATORS = re.compile(r"[、,/|:()()「」\n]")


def master_names_shown(html, names):
    """The names of `names` that stand alone in a text of the page (a list item, a cell, a
    choice, one of a list separated by 、)."""
    from html.parser import HTMLParser

    found = set()

    class Reader(HTMLParser):
        skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style"):
                self.skip += 1

        def handle_endtag(self, tag):
            if tag in ("script", "style"):
                self.skip -= 1

        def handle_data(self, data):
            if self.skip:
                return
            for piece in NAME_SEPARATORS.split(data):
                if piece.strip() in names:
                    found.add(piece.strip())

    Reader(convert_charrefs=True).feed(html)
    return found


def _text(elements, index):
    return "".join(elements[index].text)


def _descendants(elements, index):
    for position in range(index + 1, len(elements)):
        parent = elements[position].parent
        while parent is not None and parent != index:
            parent = elements[parent].parent
        if parent == index:
            yield position


def unmarked_required_fields(html):
    elements = tree(html)
    by_id = {e.attrs.get("id"): e for e in elements if e.attrs.get("id")}
    problems = []
    for index, element in enumerate(elements):
        if element.tag not in ("label", "legend"):
            continue
        marks = [
            elements[d]
            for d in _descendants(elements, index)
            if "mark-required" in elements[d].classes
        ]
        if not marks:
            continue
        if "mark-group" in marks[0].classes:  # a group of checkboxes: its legend says 1つ以上
            assert "1つ以上" in "".join(marks[0].text) or "at least one" in "".join(marks[0].text)
            continue
        if element.tag == "label":
            controls = [by_id.get(element.attrs.get("for"))]
        else:
            fieldset = element.parent
            controls = [
                elements[d]
                for d in _descendants(elements, fieldset)
                if elements[d].tag in ("input", "select", "textarea")
                and elements[d].attrs.get("type") != "hidden"
            ]
        if not controls or not any(
            c is not None and ("required" in c.attrs or c.attrs.get("aria-required") == "true")
            for c in controls
        ):
            problems.append(_text(elements, index).strip()[:60])
    return problems


def links_of_one_name_to_several_places(html):
    elements = tree(html)
    places = {}
    for element in elements:
        if element.tag != "a" or "href" not in element.attrs:
            continue
        name = element.attrs.get("aria-label") or " ".join("".join(element.text).split())
        href = urlsplit(element.attrs["href"])
        places.setdefault(name, set()).add((href.path, href.query))
    return {name: where for name, where in places.items() if name and len(where) > 1}


def unnamed_tables(html):
    elements = tree(html)
    unnamed = []
    for index, element in enumerate(elements):
        if element.tag != "table":
            continue
        if element.attrs.get("aria-label") or element.attrs.get("aria-labelledby"):
            continue
        if any(elements[d].tag == "caption" for d in _descendants(elements, index)):
            continue
        unnamed.append(_text(elements, index).strip()[:60])
    return unnamed


@pytest.mark.django_db
class TestEveryPage:
    @pytest.mark.parametrize(("path", "role"), PAGES)
    def test_english_pages_mark_their_japanese_parts(self, client, shared_world, path, role):
        world, users = shared_world
        html = _get(client, users, world, path, role, "en")
        if html is None:
            return
        assert '<html lang="en">' in html
        assert japanese_outside_lang_ja(html) == []

    @pytest.mark.parametrize(("path", "role"), PAGES)
    def test_english_pages_name_master_data_in_english(self, client, shared_world, path, role):
        world, users = shared_world
        html = _get(client, users, world, path, role, "en")
        if html is None or path in QUOTES_JAPANESE_DATA:
            return
        assert master_names_shown(html, japanese_master_names()) == set()

    @pytest.mark.parametrize(("path", "role"), PAGES)
    def test_japanese_pages_mark_the_english_choice(self, client, shared_world, path, role):
        world, users = shared_world
        html = _get(client, users, world, path, role, "ja")
        if html is None or "language-form" not in html:
            return
        assert '<option value="en" lang="en"' in html

    @pytest.mark.parametrize("language", ["ja", "en"])
    @pytest.mark.parametrize(("path", "role"), PAGES)
    def test_fields_links_and_tables(self, client, shared_world, path, role, language):
        world, users = shared_world
        html = _get(client, users, world, path, role, language)
        if html is None:
            return
        assert unmarked_required_fields(html) == []
        assert links_of_one_name_to_several_places(html) == {}
        assert unnamed_tables(html) == []

    @pytest.mark.parametrize(("path", "role"), PAGES)
    def test_every_page_names_its_canonical_address_on_site_url(
        self, client, shared_world, path, role
    ):
        from urllib.parse import parse_qsl

        from tests import pagemeta

        world, users = shared_world
        html = _get(client, users, world, path, role, "ja")
        if html is None:
            return
        asked = urlsplit(path.format(**world))
        canonical = urlsplit(pagemeta.canonical(html))
        assert (canonical.scheme, canonical.netloc) == ("https", "kyodo.example.jp")
        assert canonical.path == asked.path
        # Only parameters the address had: a canonical link never invents a page.
        assert set(parse_qsl(canonical.query)) <= set(parse_qsl(asked.query))
