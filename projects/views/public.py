from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from organizations.search import search_context
from portal.caching import PublicPaginator
from portal.files import image_response
from portal.filtering import carried_filters, filter_results

from .. import permissions
from ..filters import ProjectFilter, public_years
from ..models import Partner, Project, Report, ReportPhoto
from ..panels import PROJECT_PAGE
from ..search import CARRIED, public_documents, public_results


def project_list(request):
    public = Project.objects.public()
    project_filter = ProjectFilter(
        request.GET or None, queryset=public.with_card_data(), year_choices=public_years()
    )
    keyword, carried = carried_filters(project_filter, CARRIED) or ("", None)
    counted = None
    if keyword:  # a search the documents answer alone
        queryset = public_results(keyword, public.with_card_data(), carried)
    else:
        queryset = filter_results(project_filter)
        if carried is not None:  # filters the documents count alone, under their index
            counted = public_documents(carried)
    paginator = PublicPaginator(queryset, settings.PORTAL_PAGE_SIZE, counted=counted)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "projects/project_list.html",
        {
            "filter": project_filter,
            "page": page,
            "projects": page.object_list,
            **search_context(project_filter, page, [public]),
        },
    )


def project_detail(request, pk):
    project = get_object_or_404(
        Project.objects.select_related(
            "lead_organization",
            "area",
            "department",
            "subsidy",
            "patronage",
            "commission",
            "committee",
            "cooperation",
            "cohosting",
            "report",
        ).prefetch_related(
            "fields",
            "events",
            Prefetch("partners", queryset=Partner.objects.select_related("organization")),
        ),
        pk=pk,
    )
    if not permissions.can_view_project(request.user, project):
        raise Http404
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "detail": project.form_detail(),
            "partners": [p for p in project.partners.all() if p.is_public],
            "panels": PROJECT_PAGE.render(project, request),
        },
    )


def report_photo(request, pk, photo_pk):
    """A photo of the results report: public once the report is accepted and the project is
    public; before that, only for those who see the proposal."""
    photo = get_object_or_404(
        ReportPhoto.objects.select_related("report__project__lead_organization"),
        pk=photo_pk,
        report__project_id=pk,
    )
    report = photo.report
    project = report.project
    if project.is_public and report.status == Report.Status.ACCEPTED:
        return image_response(photo.image, public=True)
    if not permissions.can_view_project_files(request.user, project):
        raise Http404
    return image_response(photo.image, public=False)
