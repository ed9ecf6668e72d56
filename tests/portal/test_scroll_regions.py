"""A table that scrolls sideways on a phone can be scrolled with the keyboard and is named for
a screen reader (axe-core's scrollable-region-focusable): every scroll box of every template is
a focusable, named region, not only those the browser tests happen to visit."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SCROLL_BOX = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\btable-scroll\b[^\"]*\"[^>]*>")


def scroll_boxes():
    for path in sorted(TEMPLATES.rglob("*.html")):
        for match in SCROLL_BOX.finditer(path.read_text(encoding="utf-8")):
            yield path.relative_to(TEMPLATES), match.group(0)


def test_the_templates_have_scroll_boxes():
    assert len(list(scroll_boxes())) >= 15


def test_every_scroll_box_is_a_named_focusable_region():
    wrong = [
        f"{path}: {tag}"
        for path, tag in scroll_boxes()
        if 'role="region"' not in tag
        or 'tabindex="0"' not in tag
        or not re.search(r"\baria-label(ledby)?=\"[^\"]+\"", tag)
    ]
    assert wrong == []


def test_every_region_is_named_by_an_element_of_its_template():
    for path, tag in scroll_boxes():
        named_by = re.search(r'aria-labelledby="([^"]+)"', tag)
        if named_by:
            text = (TEMPLATES / path).read_text(encoding="utf-8")
            assert f'id="{named_by.group(1)}"' in text, (path, named_by.group(1))
