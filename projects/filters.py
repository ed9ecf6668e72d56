import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from organizations.models import ActivityField, Area, Organization
from portal.caching import remember
from portal.filtering import RelatedChoiceFilter, keyword_filter
from portal.wareki import fiscal_year_label

from . import search
from .models import PUBLIC_STATUSES, Form, Partner, Project, Status


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("キーワード"),
        method="filter_keyword",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    form = django_filters.ChoiceFilter(
        label=_("協働の形態"), choices=Form.choices, empty_label=_("すべて")
    )
    field = RelatedChoiceFilter(
        label=_("活動分野"),
        field_name="fields",
        to_field_name="code",
        queryset=ActivityField.objects.all(),
        empty_label=_("すべて"),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("地区"),
        to_field_name="code",
        queryset=Area.objects.all(),
        empty_label=_("すべて"),
    )
    year = django_filters.ChoiceFilter(
        label=_("年度"), field_name="fiscal_year", choices=[], empty_label=_("すべて")
    )
    status = django_filters.ChoiceFilter(
        label=_("状態"),
        choices=[(s.value, s.label) for s in PUBLIC_STATUSES],
        empty_label=_("すべて"),
    )

    # Only public organisations: a pending or suspended one answers like an unknown id, so
    # that its partnerships stay as hidden as its own page.
    organization = django_filters.ModelChoiceFilter(
        label=_("団体"),
        queryset=Organization.objects.public(),
        method="filter_organization",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Project
        fields = ["q", "form", "field", "area", "year", "status", "organization"]

    def filter_organization(self, queryset, name, value):
        """Projects an organisation leads or takes part in."""
        # A partnership shows only once the partner confirmed its role.
        partnered = Partner.objects.filter(
            project=OuterRef("pk"), organization=value, consent=Partner.Consent.CONFIRMED
        )
        return queryset.filter(Q(lead_organization=value) | Q(Exists(partnered)))

    def __init__(self, *args, year_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [
            (str(year), fiscal_year_label(year)) for year in year_choices
        ]

    filter_keyword = staticmethod(keyword_filter(then=("-published_at", "-id")))


def public_years():
    """The 年度 public projects have, newest first: the choices of the `year` filter."""
    return remember("years", search.public_years)


assert all(s in Status.values for s in PUBLIC_STATUSES)
