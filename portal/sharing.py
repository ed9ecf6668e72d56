"""What a page tells search engines and social networks about itself: its canonical address,
its Open Graph and Twitter-card tags, and the share links (plain links, no third-party script).

Every address is built on SITE_URL (portal/site.py), never on the request's host.
"""

from urllib.parse import urlencode

from django.templatetags.static import static
from django.utils.text import Truncator

from .site import absolute_url

# The query parameters that make a list another page (the rest, e.g. utm_* or fbclid,
# is noise that must not split one page into many addresses).
PAGE_PARAMETER = "page"
DESCRIPTION_LENGTH = 120

DEFAULT_IMAGE = "img/share-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)

OG_LOCALES = {"ja": "ja_JP", "en": "en_US"}

SHARE_SERVICES = (
    # (code, share address template); {url} and {text} are quoted by share_links().
    ("x", "https://x.com/intent/post?{query}", ("text", "url")),
    ("facebook", "https://www.facebook.com/sharer/sharer.php?{query}", ("u",)),
    ("line", "https://social-plugins.line.me/lineit/share?{query}", ("url",)),
)


def canonical_query(query, names):
    """The part of a query string that defines the page: the parameters in `names` that
    have a value, in that order; page 1 is the list itself, so it is left out."""
    pairs = []
    for name in names:
        for value in query.getlist(name):
            value = value.strip()
            if not value:
                continue
            if name == PAGE_PARAMETER and (not value.isdigit() or int(value) <= 1):
                continue
            pairs.append((name, value))
    return urlencode(pairs)


def page_parameters(filterset=None, extra=()):
    """The names of the parameters that define a page: a list's filters and its page number,
    plus whatever else the template names (e.g. the events list's `when`)."""
    names = list(extra)
    if filterset is not None:
        names += [name for name in filterset.filters if name not in names]
        names.append(PAGE_PARAMETER)
    return names


def canonical_url(request, names=()):
    """SITE_URL + the path + only the query parameters in `names`."""
    query = canonical_query(request.GET, names)
    return absolute_url(request.path) + (f"?{query}" if query else "")


def share_description(text, length=DESCRIPTION_LENGTH):
    """A summary for a card: one line, whitespace collapsed, trimmed with an ellipsis."""
    return Truncator(" ".join(str(text or "").split())).chars(length)


def share_image(path=None):
    """(absolute address, is the page's own image, (width, height) or None)."""
    if path:
        return absolute_url(path), True, None
    return absolute_url(static(DEFAULT_IMAGE)), False, DEFAULT_IMAGE_SIZE


def og_locales(language):
    """(this page's og:locale, the alternates)."""
    own = OG_LOCALES.get((language or "ja").split("-")[0], OG_LOCALES["ja"])
    return own, [locale for locale in OG_LOCALES.values() if locale != own]


def subscription_url(path):
    """A calendar's address for subscribing (webcal://): iOS and macOS offer to subscribe
    to it where an https:// link would import the events once."""
    address = absolute_url(path)
    _scheme, separator, rest = address.partition("://")
    # Without a SITE_URL (a misconfigured server: `check` says so) the page keeps its link.
    return f"webcal://{rest}" if separator else address


def share_links(url, text):
    """{code: share address} for each service."""
    values = {"url": url, "u": url, "text": text}
    return {
        code: template.format(query=urlencode([(key, values[key]) for key in keys]))
        for code, template, keys in SHARE_SERVICES
    }
