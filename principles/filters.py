import django_filters
from django.utils.translation import gettext_lazy as _

from portal.wareki import fiscal_year_label
from projects.models import Form, Project


class EvaluationFigureFilter(django_filters.FilterSet):
    """The evaluated projects whose evaluations the figures count: by form and by 年度."""

    form = django_filters.ChoiceFilter(
        label=_("協働の形態"), choices=Form.choices, empty_label=_("すべて")
    )
    year = django_filters.ChoiceFilter(
        label=_("年度"), field_name="fiscal_year", choices=[], empty_label=_("すべて")
    )

    class Meta:
        model = Project
        fields = ["form", "year"]

    def __init__(self, *args, year_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [
            (str(year), fiscal_year_label(year)) for year in year_choices
        ]
