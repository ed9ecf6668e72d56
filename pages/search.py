"""/search/: the site-wide keyword search, its results grouped by kind (協働事業, 団体,
イベント, 提案の募集, ボランティア募集), each group's count and a link to its list with the
query kept; suggestions when nothing is found. Every group starts from the kind's public
queryset, so the page shows nothing a list would not."""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Case, Count, Sum, When, Window
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from calls.selectors import public_calls
from events.selectors import public_events, with_labels
from organizations.models import Organization
from organizations.search import suggestions
from portal.forms import PortalFormMixin
from portal.search import search
from projects.models import Project
from projects.search import public_results
from volunteers.selectors import public_requests

GROUP_SIZE = 5


class SearchForm(PortalFormMixin, forms.Form):
    q = forms.CharField(
        label=_("キーワード"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("協働事業、団体、イベント、提案の募集、ボランティア募集をまとめて探します。"),
    )


@dataclass
class Group:
    code: str
    label: str
    template: str
    results: list = field(default_factory=list)
    count: int = 0
    list_url: str = ""  # the kind's list with the query, where it takes one


def _kinds():
    """(code, label, public queryset, order after relevance, result template, list URL name)"""
    return [
        (
            "projects",
            _("協働事業"),
            Project.objects.public().with_card_data(),
            (),
            "projects:list",
        ),
        (
            "organizations",
            _("団体"),
            Organization.objects.public().select_related("area"),
            (),
            "organizations:list",
        ),
        ("events", _("イベント"), public_events(), ("-starts_on", "-id"), "events:list"),
        ("calls", _("提案の募集"), public_calls(), (), None),  # its list takes no query
        ("volunteers", _("ボランティア募集"), public_requests(), (), "volunteers:list"),
    ]


def _groups(query):
    today = timezone.localdate()
    groups = []
    for code, label, queryset, then, list_name in _kinds():
        group = Group(code=code, label=label, template=f"pages/includes/search_{code}.html")
        if code == "projects":  # the whole public list: its documents answer alone
            found = public_results(query, queryset)
            group.results = found[:GROUP_SIZE]
            group.count = found.count() if group.results else 0
        else:
            # One query a group: the first results, each carrying the count of all of them.
            found = search(queryset, query, then=then).annotate(search_total=Window(Count("pk")))
            if code == "events":
                upcoming = Sum(Case(When(last_day__gte=today, then=1), default=0))
                found = found.annotate(search_upcoming=Window(upcoming))
            group.results = list(found[:GROUP_SIZE])
            group.count = group.results[0].search_total if group.results else 0
        if list_name:
            params = {"q": query}
            if code == "events" and group.results and not group.results[0].search_upcoming:
                params["when"] = "past"  # the list shows the upcoming ones unless asked
            group.list_url = f"{reverse(list_name)}?{urlencode(params)}"
        groups.append(group)
    for group in groups:
        if group.code == "events":
            group.results = with_labels(group.results, today)
        elif group.code == "calls":
            for call in group.results:
                call.phase = call.phase_label(today)
    return groups


def site_search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    groups = _groups(query) if query else []
    total = sum(group.count for group in groups)
    nothing = bool(query) and not total
    return render(
        request,
        "pages/search.html",
        {
            "form": form,
            "query": query,
            "groups": groups,
            "total": total,
            # the words one by one, counted in the three main kinds (a query each)
            "suggestions": suggestions(query, [k[2] for k in _kinds()[:3]]) if nothing else None,
        },
    )
