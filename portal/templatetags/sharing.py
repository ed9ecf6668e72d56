"""Template tags for the canonical link, the Open Graph / Twitter-card tags and the share
block (portal/sharing.py holds the rules)."""

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from portal import sharing

register = template.Library()


def _filterset(context):
    candidate = context.get("filter")
    return candidate if hasattr(candidate, "filters") and hasattr(candidate, "form") else None


@register.simple_tag(takes_context=True)
def canonical_url(context, *extra):
    """This page's address on SITE_URL with only the parameters that define it: a list's
    filters and page (from the `filter` in the context) and the names given."""
    names = sharing.page_parameters(_filterset(context), extra)
    return sharing.canonical_url(context["request"], names)


@register.simple_tag(takes_context=True)
def feed_query(context):
    """The current list's filters as a query string for its feed: `?form=subsidy`, or ''."""
    filterset = _filterset(context)
    if filterset is None:
        return ""
    names = [name for name in filterset.filters if name != sharing.PAGE_PARAMETER]
    query = sharing.canonical_query(context["request"].GET, names)
    return f"?{query}" if query else ""


@register.simple_tag(takes_context=True)
def calendar_subscription_url(context, *names):
    """webcal:// address of the calendar: of all events, or, with the names of filters, of
    the events the current list's values of those filters choose."""
    query = sharing.canonical_query(context["request"].GET, names) if names else ""
    return sharing.subscription_url(reverse("calendar") + (f"?{query}" if query else ""))


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, title, description="", image=None, image_alt="", kind="article"):
    """Open Graph and Twitter-card tags; `image` is the page's own image (a path), if any."""
    city = context.get("city")
    image_url, own_image, size = sharing.share_image(image)
    locale, alternates = sharing.og_locales(get_language())
    site_name = getattr(city, "portal_name", "")
    return {
        "kind": kind,
        "title": title,
        "description": sharing.share_description(
            description or getattr(city, "site_description", "")
        ),
        "url": sharing.canonical_url(context["request"]),
        "image": image_url,
        "image_size": size,
        "image_alt": (image_alt or title) if own_image else site_name,
        "card": "summary_large_image" if own_image else "summary",
        "site_name": site_name,
        "locale": locale,
        "alternates": alternates,
    }


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_block(context, title):
    """The share links and the copy-link link for this page's canonical address."""
    url = sharing.canonical_url(context["request"])
    return {"url": url, "links": sharing.share_links(url, title)}
