"""The language of parts (WCAG 3.1.2) of a page shown in another language than Japanese.

The portal's content is Japanese: titles, summaries, names, 令和 dates, the guideline's text
and the master data stay Japanese when the interface is shown in English. On such a page,
every run of Japanese text that is not already inside an element marked `lang="ja"` is marked:
wrapped in `<span lang="ja">` where a span may stand, or, inside an element that holds text
only (an option, a textarea, the title), by `lang="ja"` on that element. Screen readers then
read each part with the right voice, whatever template wrote it.

The markup passes through unchanged otherwise (the parser keeps the original text of tags,
entities and comments); scripts and styles are left alone.
"""

import re
from html.parser import HTMLParser

from django.utils.translation import get_language

CONTENT_LANGUAGE = "ja"
# Japanese: kana, CJK ideographs and their extensions, the full-width forms and CJK marks.
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Elements that hold text only: marked with an attribute instead of a span inside.
TEXT_ONLY = {"title", "option", "textarea", "optgroup"}
RAW = {"script", "style"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _Marker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.stack = []  # (tag, is Japanese, index in out of its start tag)

    def _japanese_here(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        if tag in VOID:
            self.out.append(raw)
            return
        lang = dict(attrs).get("lang")
        japanese = (
            (lang or "").lower().startswith(CONTENT_LANGUAGE)
            if lang is not None
            else (self._japanese_here())
        )
        self.stack.append((tag, japanese, len(self.out)))
        self.out.append(raw)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, -1, -1):
            if self.stack[position][0] == tag:
                del self.stack[position:]
                break
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.stack or self._japanese_here() or self.stack[-1][0] in RAW:
            self.out.append(data)
            return
        found = [match.start() for match in JAPANESE.finditer(data)]
        if not found:
            self.out.append(data)
            return
        tag, _japanese, index = self.stack[-1]
        if tag in TEXT_ONLY:
            self._mark_start_tag(index)
            self.out.append(data)
            return
        first, last = found[0], found[-1] + 1
        self.out.append(
            f'{data[:first]}<span lang="{CONTENT_LANGUAGE}">{data[first:last]}</span>{data[last:]}'
        )

    def _mark_start_tag(self, index):
        raw = self.out[index]
        end = -2 if raw.endswith("/>") else -1
        self.out[index] = f'{raw[:end]} lang="{CONTENT_LANGUAGE}"{raw[end:]}'
        tag, _japanese, position = self.stack[-1]
        self.stack[-1] = (tag, True, position)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def mark_japanese_parts(html):
    marker = _Marker()
    marker.feed(html)
    marker.close()
    if marker.rawdata:  # an unfinished tag at the very end: kept as it came
        marker.out.append(marker.rawdata)
    return "".join(marker.out)


class LanguageOfPartsMiddleware:
    """Marks the Japanese parts of every HTML page served in another language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, "LANGUAGE_CODE", None) or get_language() or CONTENT_LANGUAGE
        if (
            language.startswith(CONTENT_LANGUAGE)
            or response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or response.status_code in (204, 304)
        ):
            return response
        charset = response.charset or "utf-8"
        response.content = mark_japanese_parts(response.content.decode(charset)).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
