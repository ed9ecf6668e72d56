"""The public volunteer pages (the list, one request with its application form), the
organisation's pages (post or change a request, the applications and their answers) and the
applicant's list on /mypage/ (see mypage)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from organizations.models import Organization
from organizations.search import search_context
from portal.caching import PublicPaginator
from portal.filtering import filter_results
from portal.forms import posted_data

from . import selectors, services
from .filters import VolunteerRequestFilter
from .forms import AnswerForm, VolunteerApplicationForm, VolunteerRequestForm
from .models import VolunteerApplication, VolunteerRequest
from .permissions import can_manage_request, can_post_for


def request_list(request):
    request_filter = VolunteerRequestFilter(
        request.GET or None, queryset=selectors.public_requests()
    )
    requests = filter_results(request_filter)
    if not request.GET.get("closed"):
        requests = requests.filter(is_open=True)
    page = PublicPaginator(requests, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/request_list.html",
        {
            "filter": request_filter,
            "page": page,
            "requests": page.object_list,
            **search_context(request_filter, page, [selectors.public_requests()]),
        },
    )


def request_detail(request, pk):
    """One request; where it is open, the form to apply (posted here, signed in only)."""
    volunteer_request = get_object_or_404(selectors.public_requests(), pk=pk)
    user = request.user
    own = None
    if user.is_authenticated:
        own = volunteer_request.applications.filter(user=user).first()
    form = None
    if volunteer_request.is_open and own is None:
        if request.method == "POST":
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            form = VolunteerApplicationForm(request.POST)
            if form.is_valid():
                try:
                    services.application_create(
                        volunteer_request=volunteer_request,
                        user=user,
                        message=form.cleaned_data["message"],
                    )
                except services.VolunteerError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(
                        request,
                        _("応募しました。団体からの回答はメールとマイページでお知らせします。"),
                    )
                    return redirect("volunteers:detail", pk=volunteer_request.pk)
        elif user.is_authenticated:
            form = VolunteerApplicationForm()
    elif request.method == "POST":
        messages.error(request, _("この募集には応募できません。"))
        return redirect("volunteers:detail", pk=volunteer_request.pk)
    return render(
        request,
        "volunteers/request_detail.html",
        {
            "volunteer_request": volunteer_request,
            "organization": volunteer_request.organization,
            "form": form,
            "own": own,
            "can_manage": can_manage_request(user, volunteer_request),
        },
    )


def _posting_organization(request, organization_pk):
    organization = get_object_or_404(Organization.objects.public(), pk=organization_pk)
    if not can_post_for(request.user, organization):
        raise PermissionDenied
    return organization


@login_required
def request_create(request, organization_pk):
    organization = _posting_organization(request, organization_pk)
    form = VolunteerRequestForm(posted_data(request), organization=organization)
    if request.method == "POST" and form.is_valid():
        volunteer_request = services.request_save(volunteer_request=form.instance)
        messages.success(request, _("募集を掲載しました。"))
        return redirect("volunteers:detail", pk=volunteer_request.pk)
    return render(
        request, "volunteers/request_form.html", {"form": form, "organization": organization}
    )


def _managed_request(request, pk):
    volunteer_request = get_object_or_404(
        VolunteerRequest.objects.select_related("organization"), pk=pk
    )
    if not can_manage_request(request.user, volunteer_request):
        raise PermissionDenied
    return volunteer_request


@login_required
def request_edit(request, pk):
    volunteer_request = _managed_request(request, pk)
    organization = volunteer_request.organization
    if not can_post_for(request.user, organization):
        raise PermissionDenied
    form = VolunteerRequestForm(
        posted_data(request), instance=volunteer_request, organization=organization
    )
    if request.method == "POST" and form.is_valid():
        services.request_save(volunteer_request=form.instance)
        messages.success(request, _("募集を更新しました。"))
        return redirect("volunteers:applications", pk=volunteer_request.pk)
    return render(
        request,
        "volunteers/request_form.html",
        {"form": form, "organization": organization, "volunteer_request": volunteer_request},
    )


@login_required
def application_list(request, pk):
    """The applications of one request, each with the form to answer it."""
    volunteer_request = _managed_request(request, pk)
    applications = list(selectors.applications_of(volunteer_request))
    return render(
        request,
        "volunteers/application_list.html",
        {
            "volunteer_request": volunteer_request,
            "applications": applications,
            "answer_form": AnswerForm(),
        },
    )


@login_required
def application_answer(request, pk):
    application = get_object_or_404(
        VolunteerApplication.objects.select_related("request__organization"), pk=pk
    )
    if not can_manage_request(request.user, application.request):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("volunteers:applications", pk=application.request_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.application_answer(
                application=application,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
            )
        except services.VolunteerError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("回答しました。応募者にメールでお知らせしました。"))
    else:
        messages.error(request, _("受入かお断りかを選んでください。"))
    return redirect("volunteers:applications", pk=application.request_id)
