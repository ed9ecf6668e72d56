"""What a page says of itself in its head (Open Graph, Twitter card, canonical link) and its
share links, read with the standard library's HTML parser."""

from html.parser import HTMLParser


class _HeadReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.links = {}
        self.canonicals = []
        self.share = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key and (key.startswith("og:") or key.startswith("twitter:")):
                self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs.get("href"))
        elif tag == "link" and attrs.get("rel") == "alternate":
            self.links[attrs.get("type")] = attrs.get("href")
        elif tag == "a" and "share-link" in (attrs.get("class") or "").split():
            self.share.append({**attrs, "name": ""})
            self._in_share = True

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_share = False

    def handle_data(self, data):
        if getattr(self, "_in_share", False):
            self.share[-1]["name"] += data


def read(html):
    reader = _HeadReader()
    reader.feed(html)
    return reader


def og(html):
    """{property: content} of the og: and twitter: tags (the last of each, alternates apart)."""
    return {key: values[-1] for key, values in read(html).meta.items()}


def canonical(html):
    (url,) = read(html).canonicals
    return url
