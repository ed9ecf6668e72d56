from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from portal.caching import PublicPaginator
from portal.files import image_response
from portal.filtering import filter_results

from .. import permissions
from ..filters import OrganizationFilter
from ..models import Organization
from ..panels import ORGANIZATION_PAGE
from ..search import search_context


def organization_list(request):
    queryset = Organization.objects.public().select_related("area").prefetch_related("fields")
    organization_filter = OrganizationFilter(request.GET or None, queryset=queryset)
    queryset = filter_results(organization_filter)
    # 五十音順 (the model's order); a search puts the matches in the name first.
    page = PublicPaginator(queryset, settings.PORTAL_PAGE_SIZE)
    page = page.get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/organization_list.html",
        {
            "filter": organization_filter,
            "page": page,
            "organizations": page.object_list,
            **search_context(organization_filter, page, [Organization.objects.public()]),
        },
    )


def organization_detail(request, pk):
    organization = get_object_or_404(
        Organization.objects.select_related("area").prefetch_related("fields"), pk=pk
    )
    if not permissions.can_view_organization(request.user, organization):
        raise Http404
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "organization": organization,
            "panels": ORGANIZATION_PAGE.render(organization, request),
            "show_private_contact": permissions.can_see_private_contact(request.user, organization),
        },
    )


def organization_logo(request, pk):
    """The logo, for whoever may see the organisation."""
    organization = get_object_or_404(Organization, pk=pk)
    if not organization.logo or not permissions.can_view_organization(request.user, organization):
        raise Http404
    return image_response(organization.logo, public=organization.is_public)
