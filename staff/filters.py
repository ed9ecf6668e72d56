import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import Area, Department, Organization
from portal.filtering import FiscalYearFilter, keyword_filter
from projects.models import Form, Project, Status


class StaffProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("キーワード"),
        method="filter_keyword",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("状態"), choices=Status.choices, empty_label=_("すべて")
    )
    form = django_filters.ChoiceFilter(
        label=_("協働の形態"), choices=Form.choices, empty_label=_("すべて")
    )
    fiscal_year = FiscalYearFilter(label=_("年度"))
    department = django_filters.ModelChoiceFilter(
        label=_("担当課"), queryset=Department.objects.all(), empty_label=_("すべて")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("地区"), queryset=Area.objects.all(), empty_label=_("すべて")
    )
    is_hidden = django_filters.BooleanFilter(
        label=_("非公開"),
        widget=forms.Select(
            choices=[("", _("すべて")), ("true", _("非公開のみ")), ("false", _("公開のみ"))]
        ),
    )

    class Meta:
        model = Project
        fields = ["q", "status", "form", "fiscal_year", "department", "area", "is_hidden"]

    filter_keyword = staticmethod(keyword_filter(then=("-id",)))


class StaffOrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("キーワード"),
        method="filter_keyword",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("状態"), choices=Organization.Status.choices, empty_label=_("すべて")
    )
    kind = django_filters.ChoiceFilter(
        label=_("種別"), choices=Organization.Kind.choices, empty_label=_("すべて")
    )

    class Meta:
        model = Organization
        fields = ["q", "status", "kind"]

    # The representative's name is not public, so not in the document: staff find it too.
    filter_keyword = staticmethod(
        keyword_filter(then=("name_kana", "id"), also=("representative_name",))
    )


class FigureFilter(django_filters.FilterSet):
    """What the desk's figures count: every project, or those of a 年度 and a state."""

    fiscal_year = FiscalYearFilter(label=_("年度"))
    status = django_filters.ChoiceFilter(
        label=_("状態"), choices=Status.choices, empty_label=_("すべて")
    )

    class Meta:
        model = Project
        fields = ["fiscal_year", "status"]
