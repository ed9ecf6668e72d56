"""The figures of the mutual evaluations at the desk: those of the public page, counting the
evaluated projects the user works on, hidden ones included, with CSV and XLSX exports."""

from django.http import Http404
from django.shortcuts import render

from portal.exports import export_response
from portal.filtering import filter_results
from principles import figures as figure_data
from principles.figures_views import figure_context
from principles.filters import EvaluationFigureFilter
from projects.models import Project

from .. import permissions
from .common import desk_required

EXPORTS = ("summary", "projects")


def _evaluated_projects(user):
    return permissions.desk_projects(user, Project.objects.filter(status=Project.Status.EVALUATED))


@desk_required
def evaluation_figures(request):
    projects = _evaluated_projects(request.user)
    context = figure_context(request, projects, public=False)
    context["hidden_count"] = projects.filter(is_hidden=True).count()
    context["query"] = request.GET.urlencode()
    return render(request, "staff/evaluation_figures.html", context)


@desk_required
def evaluation_figures_export(request, table, fmt):
    if table not in EXPORTS or fmt not in ("csv", "xlsx"):
        raise Http404
    projects = _evaluated_projects(request.user)
    figure_filter = EvaluationFigureFilter(
        request.GET or None, queryset=projects, year_choices=figure_data.evaluated_years(projects)
    )
    projects = filter_results(figure_filter)
    if table == "summary":
        figures = figure_data.evaluation_figures(
            projects, public=False, filtered=figure_data.is_filtered(figure_filter)
        )
        data = figure_data.summary_table(figures)
    else:
        data = figure_data.project_table(projects)
    return export_response(data, fmt)
