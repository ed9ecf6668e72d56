"""What the hostile-form test needs to read pages as a browser does: the forms a page offers
(`page_forms`), and where a page shows its errors (`error_layout`). Built on the standard
library's HTML parser, so that the test reads exactly the markup a browser gets."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

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
}


@dataclass
class Field:
    name: str
    kind: str  # text, hidden, password, checkbox, radio, select, multiple, textarea, file, submit
    default: object = None  # what a browser sends untouched: a string, a list, or None
    choices: list = field(default_factory=list)


@dataclass
class PageForm:
    action: str
    fields: dict

    @property
    def key(self):
        return (self.action, tuple(sorted(self.fields)))


@dataclass
class Element:
    tag: str
    attrs: dict
    parent: int | None
    text: list = field(default_factory=list)

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())


class _Tree(HTMLParser):
    """Every element with its attributes and parent, and the text directly inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        parent = self.stack[-1] if self.stack else None
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}, parent))
        if tag not in VOID:
            self.stack.append(len(self.elements) - 1)

    def handle_startendtag(self, tag, attrs):
        parent = self.stack[-1] if self.stack else None
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}, parent))

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, -1, -1):
            if self.elements[self.stack[position]].tag == tag:
                del self.stack[position:]
                return

    def handle_data(self, data):
        for index in self.stack:
            self.elements[index].text.append(data)


def tree(html):
    parser = _Tree()
    parser.feed(html)
    parser.close()
    return parser.elements


def _ancestors(elements, index):
    while index is not None:
        yield index
        index = elements[index].parent


def page_forms(html, page_url, skip_actions=()):
    """The POST forms of a page: their action (absolute path) and fields, each field with
    the value a browser would send if nobody touched it."""
    elements = tree(html)
    forms = {}
    for index, element in enumerate(elements):
        if element.tag == "form" and element.attrs.get("method", "").lower() == "post":
            action = urljoin(page_url, element.attrs.get("action") or page_url)
            if not any(action.startswith(skipped) for skipped in skip_actions):
                forms[index] = PageForm(action=action, fields={})
    options_of = {}
    for element in elements:
        if element.tag == "option":
            select = next(
                (i for i in _ancestors(elements, element.parent) if elements[i].tag == "select"),
                None,
            )
            options_of.setdefault(select, []).append(element)
    for index, element in enumerate(elements):
        owner = next((i for i in _ancestors(elements, element.parent) if i in forms), None)
        if owner is None or element.tag not in {"input", "select", "textarea", "button"}:
            continue
        name = element.attrs.get("name")
        if not name:
            continue
        fields = forms[owner].fields
        if element.tag == "textarea":
            fields[name] = Field(name, "textarea", "".join(element.text).lstrip("\n"))
        elif element.tag == "select":
            options = [
                (
                    option.attrs.get("value", "".join(option.text).strip()),
                    "selected" in option.attrs,
                )
                for option in options_of.get(index, ())
            ]
            values = [value for value, _selected in options]
            chosen = [value for value, selected in options if selected]
            if "multiple" in element.attrs:
                fields[name] = Field(name, "multiple", chosen, values)
            else:
                fields[name] = Field(name, "select", (chosen or values or [""])[0], values)
        else:
            kind = element.attrs.get("type", "submit" if element.tag == "button" else "text")
            value = element.attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")
            if kind in {"checkbox", "radio"}:
                known = fields.setdefault(
                    name, Field(name, kind, [] if kind == "checkbox" else None)
                )
                known.choices.append(value)
                if "checked" in element.attrs:
                    if kind == "checkbox":
                        known.default.append(value)
                    else:
                        known.default = value
            elif kind in {"submit", "image"}:
                known = fields.setdefault(name, Field(name, "submit", value))
                known.choices.append(value)
            elif kind == "file":
                fields[name] = Field(name, "file", None)
            elif kind not in {"reset", "button"}:
                fields[name] = Field(name, "hidden" if kind == "hidden" else kind, value)
    return list(forms.values())


@dataclass
class ErrorLayout:
    """Where a page shows its errors: the problems found, the messages, the summary."""

    problems: list
    field_errors: int
    summary: bool
    messages: int = 0  # messages at the top of the page (errors, warnings, notes)


def error_layout(html):
    """Every error beside a field must sit in that field's block, named by the input's
    aria-describedby; every link of the error summary must lead to an element of the page."""
    elements = tree(html)
    ids = {element.attrs["id"] for element in elements if element.attrs.get("id")}
    describing = {}
    for position, other in enumerate(elements):
        if other.tag in {"input", "select", "textarea", "fieldset"}:
            for named in other.attrs.get("aria-describedby", "").split():
                describing.setdefault(named, []).append(position)
    problems = []
    field_errors = 0
    summary = False
    messages = sum(
        1
        for element in elements
        if element.classes & {"message-error", "message-warning", "message-info"}
    )
    for index, element in enumerate(elements):
        if "error-summary" in element.classes:
            summary = True
            for position in range(index + 1, len(elements)):
                link = elements[position]
                if index not in _ancestors(elements, link.parent):
                    break  # the elements after the summary's last descendant
                href = link.attrs.get("href", "")
                if link.tag == "a" and href.startswith("#") and href[1:] not in ids:
                    problems.append(f"the error summary links to {href}, which is not on the page")
        if "field-error" not in element.classes:
            continue
        field_errors += 1
        error_id = element.attrs.get("id", "")
        message = "".join(element.text).strip()
        if not error_id or not message:
            problems.append(f"an error beside a field has no id or no text: {element.attrs}")
            continue
        block = next(
            (i for i in _ancestors(elements, index) if "form-field" in elements[i].classes),
            None,
        )
        if block is None:
            problems.append(f"{error_id} ({message}) is not inside a field's block")
            continue
        described = [
            position
            for position in describing.get(error_id, ())
            if block in _ancestors(elements, position)
        ]
        if not described:
            problems.append(f"no input of its block names {error_id} ({message})")
    return ErrorLayout(
        problems=problems, field_errors=field_errors, summary=summary, messages=messages
    )
