import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.filtering import RelatedChoiceFilter, keyword_filter

from .models import ActivityField, Area, Organization


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("キーワード"),
        method="filter_keyword",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("種別"), choices=Organization.Kind.choices, empty_label=_("すべて")
    )
    field = RelatedChoiceFilter(
        label=_("活動分野"),
        field_name="fields",
        to_field_name="code",
        queryset=ActivityField.objects.all(),
        empty_label=_("すべて"),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("地区"), to_field_name="code", queryset=Area.objects.all(), empty_label=_("すべて")
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "field", "area"]

    filter_keyword = staticmethod(keyword_filter(then=("name_kana", "id")))
