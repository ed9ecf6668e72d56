import datetime
import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import ActivityField, Area
from portal.filtering import RelatedChoiceFilter, keyword_filter
from projects.models import Event, Form

MONTH = re.compile(r"(\d{4})-(\d{1,2})")
# The years an event may have (the range the database holds, see Event's constraints).
FIRST_YEAR, LAST_YEAR = 2000, 2100


class MonthField(forms.CharField):
    """A month as YYYY-MM (2026-12), cleaned to its first day."""

    default_error_messages = {
        "invalid": _(
            "「%(value)s」は年月として読めません。2026-12 のように、西暦の年と月を"
            "「-」でつないで指定してください(2000年から2100年まで)。"
        ),
    }

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        match = MONTH.fullmatch(value.strip())
        year, month = (int(match[1]), int(match[2])) if match else (0, 0)
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value[:20]}
            )
        return datetime.date(year, month, 1)


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, queryset, value):
        if value is None:
            return queryset
        following = (value + datetime.timedelta(days=32)).replace(day=1)
        last = following - datetime.timedelta(days=1)
        return queryset.filter(starts_on__lte=last, last_day__gte=value)


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("キーワード"),
        method="filter_keyword",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    month = MonthFilter(
        label=_("年月(例: 2026-12)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    form = django_filters.ChoiceFilter(
        label=_("協働の形態"),
        field_name="project__form",
        choices=Form.choices,
        empty_label=_("すべて"),
    )
    field = RelatedChoiceFilter(
        label=_("活動分野"),
        field_name="project__fields",
        to_field_name="code",
        queryset=ActivityField.objects.all(),
        empty_label=_("すべて"),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("地区"),
        field_name="project__area",
        to_field_name="code",
        queryset=Area.objects.all(),
        empty_label=_("すべて"),
    )

    # The tab (upcoming or past) the form was sent from, kept as the filters change.
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("これから")), ("past", _("終わったイベント"))],
        method="filter_when",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Event
        fields = ["q", "month", "area", "field", "form", "when"]

    def filter_when(self, queryset, name, value):
        return queryset  # the view splits upcoming from past

    # The view orders events by date (upcoming or past) whatever the search.
    filter_keyword = staticmethod(keyword_filter())
