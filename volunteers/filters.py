import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import ActivityField, Area
from portal.filtering import RelatedChoiceFilter, keyword_filter

from .models import VolunteerRequest


class VolunteerRequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("キーワード"),
        method="filter_keyword",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("地区"),
        field_name="organization__area",
        to_field_name="code",
        queryset=Area.objects.all(),
        empty_label=_("すべて"),
    )
    field = RelatedChoiceFilter(
        label=_("活動分野"),
        field_name="organization__fields",
        to_field_name="code",
        queryset=ActivityField.objects.all(),
        empty_label=_("すべて"),
    )
    closed = django_filters.BooleanFilter(
        label=_("締め切った募集も表示する"),
        method="filter_closed",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = VolunteerRequest
        fields = ["q", "area", "field", "closed"]

    def filter_closed(self, queryset, name, value):
        return queryset  # the view keeps only open ones unless asked

    filter_keyword = staticmethod(keyword_filter(then=("-created_at", "-id")))
