"""The page links of every paged list: the first, the last and two on each side of the
current page, the numbers left out shown as one hidden 「…」; drawn from those numbers alone,
whatever the number of pages."""

import re

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from portal.templatetags.portal import page_links


def links(number, pages):
    return page_links(Paginator(range(pages * 20), 20).page(number))


@pytest.mark.parametrize(
    ("number", "pages", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 4250, [1, 2, 3, None, 4250]),
        (5, 4250, [1, 2, 3, 4, 5, 6, 7, None, 4250]),
        (2000, 4250, [1, None, 1998, 1999, 2000, 2001, 2002, None, 4250]),
        (4250, 4250, [1, None, 4248, 4249, 4250]),
    ],
)
def test_the_links_are_the_ends_and_the_neighbours(number, pages, expected):
    assert links(number, pages) == expected


def test_the_links_keep_the_filters_and_mark_the_current_page():
    request = RequestFactory().get("/projects/", {"form": "subsidy", "page": "2000"})
    page = Paginator(range(85_000), 20).page(2000)
    html = Template('{% include "includes/pagination.html" %}').render(
        Context({"request": request, "page": page})
    )
    hrefs = re.findall(r'href="\?([^"]+)"', html)
    assert hrefs[0] == "form=subsidy&amp;page=1999"  # 前のページ
    assert "form=subsidy&amp;page=4250" in hrefs
    assert len(hrefs) == 9  # previous, 1, 1998–2002, 4250, next
    assert 'href="?form=subsidy&amp;page=2000" aria-current="page"' in html
    assert html.count('<li aria-hidden="true">…</li>') == 2
