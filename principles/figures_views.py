"""The public figures of the mutual evaluations (/evaluations/)."""

from django.shortcuts import render

from portal.filtering import filter_results

from . import figures as figure_data
from .filters import EvaluationFigureFilter


def figure_context(request, projects, *, public):
    """What the figures page shows of `projects`, filtered by the request's form and 年度."""
    figure_filter = EvaluationFigureFilter(
        request.GET or None,
        queryset=projects,
        year_choices=figure_data.evaluated_years(projects),
    )
    filtered = figure_data.is_filtered(figure_filter)
    figures = figure_data.evaluation_figures(
        filter_results(figure_filter), public=public, filtered=filtered
    )
    return {
        "filter": figure_filter,
        "figures": figures,
        "threshold": figure_data.PARTNER_LOWER_BY,
        "equality": figures.principle("equality"),
        "mutual_understanding": figures.principle("mutual-understanding"),
        "filtered": filtered,
    }


def evaluation_figures(request):
    context = figure_context(request, figure_data.public_evaluated_projects(), public=True)
    return render(request, "principles/evaluation_figures.html", context)
