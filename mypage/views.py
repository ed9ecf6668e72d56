"""/mypage/: a signed-in person's own page: their organisations, what they proposed,
what awaits them, their invitations and account."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import ProfileForm
from accounts.models import Profile
from calls.selectors import reviewer_calls
from matching.selectors import waiting_for
from matching.suggestions import Matcher
from organizations.models import Invitation
from portal.forms import posted_data
from portal.history import PARTIES, latest_items
from principles.selectors import owed_evaluations
from projects.lifecycle import ANSWERABLE, PROJECT_LIFECYCLE
from projects.models import Partner, Project, Transition
from volunteers.selectors import applications_of_user, requests_to_answer

HISTORY_LENGTH = 10
# The proposals table is paged: an organisation's projects grow year after year.
PROJECTS_PER_PAGE = 20
SUGGESTIONS_PER_ORGANIZATION = 3


@login_required
def index(request):
    memberships = list(
        request.user.memberships.select_related("organization__area").order_by(
            "organization__name_kana", "organization__pk"
        )
    )
    organizations = [membership.organization for membership in memberships]
    verified_emails = EmailAddress.objects.filter(user=request.user, verified=True).values("email")
    invitations = (
        Invitation.objects.open()
        .filter(email__in=verified_emails)
        .exclude(organization__in=organizations)
        .select_related("organization")
    )
    projects = (
        Project.objects.filter(lead_organization__in=organizations)
        .select_related("lead_organization")
        .order_by("-updated_at", "-pk")
    )
    page = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    # Returned proposals wait for an answer whichever page they are on.
    returned = projects.filter(status=Project.Status.RETURNED)
    # Partnerships other organisations named this person's organisations in, to confirm.
    partner_requests = (
        Partner.objects.filter(
            organization__in=organizations,
            consent=Partner.Consent.REQUESTED,
            project__status__in=ANSWERABLE,
        )
        .exclude(project__status=Project.Status.DRAFT)
        .select_related("project__lead_organization", "organization")
        .order_by("project__submitted_at", "pk")
    )
    history = latest_items(
        Transition.objects.filter(project__lead_organization__in=organizations),
        lifecycle=PROJECT_LIFECYCLE,
        audience=PARTIES,
        subject_field="project",
        limit=HISTORY_LENGTH,
    )
    return render(
        request,
        "mypage/index.html",
        {
            "memberships": memberships,
            "mypage_organizations": organizations,
            "mypage_projects": page.object_list,
            "mypage_returned": returned,
            "page": page,
            "mypage_history": history,
            "invitations": invitations,
            "partner_requests": partner_requests,
            "owed_evaluations": owed_evaluations(organizations),
            "reviewer_calls": reviewer_calls(request.user),
            "volunteer_applications": applications_of_user(request.user),
            "volunteer_requests": requests_to_answer(request.user),
            "contact_requests": waiting_for(request.user),
            "suggestions": _suggestions(organizations),
        },
    )


def _suggestions(organizations):
    """For each approved organisation of the person, who could help it, their own other
    organisations aside (the public organisations are read once for all of them)."""
    approved = [organization for organization in organizations if organization.is_public]
    if not approved:
        return []
    matcher = Matcher()
    own = [organization.pk for organization in organizations]
    return [
        (
            organization,
            matcher.suggestions_for(organization, limit=SUGGESTIONS_PER_ORGANIZATION, exclude=own),
        )
        for organization in approved
    ]


@login_required
def profile_edit(request):
    profile = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(posted_data(request), instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("表示名を保存しました。"))
        return redirect("mypage:index")
    return render(request, "mypage/profile.html", {"form": form})
