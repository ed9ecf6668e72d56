"""Every page of the portal (each GET row of the permission matrix, as a role that may see
it), in Japanese and in English, read for what automatic checks miss:

- the language of parts: in English, every run of Japanese text sits in an element marked
  `lang="ja"`; in Japanese, the 「English」 choice is marked `lang="en"` (WCAG 3.1.2);
- the required state: a field marked 「※必須」 carries `required` or `aria-required`, a
  group of checkboxes says 「1つ以上」 in its legend (3.3.2, 4.1.2);
- link names: links of the same name on a page lead to the same place (2.4.4);
- tables: every table is named, by a caption or a label (1.3.1).
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
