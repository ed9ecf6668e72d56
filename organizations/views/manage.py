"""Pages where organisations keep themselves: registration, profile, members, invitations.

Anonymous visitors are sent to the login page before anything is looked up; a signed-in
person who may not act gets 403 for an organisation they can see anyway and 404 for one
they cannot (a pending organisation's existence is not revealed)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from portal.forms import STALE_EDIT, posted_data, posted_files
from portal.once import AlreadyDone

from .. import permissions, services
from ..forms import InvitationForm, OrganizationForm, RoleForm
from ..models import Membership, Organization

# Who may use what the 403 page refuses (templates/403.html shows the message).
EDIT_REFUSED = _lazy("団体の情報は、この団体のメンバーだけが編集できます。")
MANAGE_REFUSED = _lazy("メンバーの管理は、この団体の「管理者」のメンバーだけが行えます。")
REMOVE_REFUSED = _lazy(
    "メンバーを外せるのは、この団体の「管理者」のメンバーと、その人自身だけです。"
)
REGISTER_REFUSED = _lazy("団体の登録には、利用が止められていないアカウントでのログインが必要です。")


def _organization_for(request, pk, allowed, refused):
    organization = get_object_or_404(
        Organization.objects.select_related("area").prefetch_related("fields"), pk=pk
    )
    if allowed(request.user, organization):
        return organization
    if permissions.can_view_organization(request.user, organization):
        raise PermissionDenied(refused)
    raise Http404


@login_required
def organization_register(request):
    if not permissions.can_register_organization(request.user):
        raise PermissionDenied(REGISTER_REFUSED)
    form = OrganizationForm(posted_data(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        organization = form.save(commit=False)
        try:
            services.organization_register(
                organization=organization,
                fields=form.cleaned_data["fields"],
                owner=request.user,
                once_key=form.once_key("organization", request.user),
            )
        except AlreadyDone as done:
            messages.info(
                request, _("この登録はすでに受け付けています(同じページから2回送られました)。")
            )
            return redirect(done.path or "mypage:index")
        messages.success(
            request,
            _(
                "「%(name)s」の登録を受け付けました。協働推進課が確認して承認すると、"
                "団体の一覧に公開されます。"
            )
            % {"name": organization.name},
        )
        return redirect("mypage:index")
    return render(request, "organizations/manage/register.html", {"form": form})


@login_required
def organization_edit(request, pk):
    organization = _organization_for(request, pk, permissions.can_edit_organization, EDIT_REFUSED)
    form = OrganizationForm(posted_data(request), posted_files(request), instance=organization)
    if request.method == "POST" and form.is_valid():
        if services.organization_profile_update(form=form, actor=request.user):
            messages.success(request, _("団体の情報を保存しました。"))
            return redirect("organizations:edit", pk=organization.pk)
        form.add_error(None, STALE_EDIT)
    return render(
        request,
        "organizations/manage/edit.html",
        {
            "organization": organization,
            "form": form,
            "can_manage_members": permissions.can_manage_members(request.user, organization),
        },
    )


def _members_page(request, organization, invitation_form=None, status=200):
    memberships = organization.memberships.select_related("user__profile").order_by(
        "-role", "created_at"
    )
    can_manage = permissions.can_manage_members(request.user, organization)
    return render(
        request,
        "organizations/manage/members.html",
        {
            "organization": organization,
            "memberships": memberships,
            "invitations": organization.invitations.open() if can_manage else [],
            "invitation_form": invitation_form or InvitationForm(organization=organization),
            "can_manage_members": can_manage,
            "can_invite": permissions.can_invite(request.user, organization),
            "invitations_per_day": settings.ORGANIZATION_INVITATIONS_PER_DAY,
            "role_choices": Membership.Role.choices,
        },
        status=status,
    )


@login_required
def member_list(request, pk):
    organization = _organization_for(request, pk, permissions.can_edit_organization, EDIT_REFUSED)
    return _members_page(request, organization)


@login_required
@require_POST
def invitation_create(request, pk):
    organization = _organization_for(request, pk, permissions.can_manage_members, MANAGE_REFUSED)
    form = InvitationForm(request.POST, organization=organization)
    if not form.is_valid():
        return _members_page(request, organization, invitation_form=form, status=400)
    try:
        services.invitation_create(
            organization=organization,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
            once_key=form.once_key("invitation", request.user),
        )
    except AlreadyDone:
        messages.info(request, _("この招待はすでに送っています(同じページから2回送られました)。"))
        return redirect("organizations:members", pk=organization.pk)
    except services.MembershipError as error:
        messages.error(request, error.message)
        return redirect("organizations:members", pk=organization.pk)
    messages.success(
        request,
        _("%(email)s に招待のメールを送りました。") % {"email": form.cleaned_data["email"]},
    )
    return redirect("organizations:members", pk=organization.pk)


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    organization = _organization_for(request, pk, permissions.can_manage_members, MANAGE_REFUSED)
    invitation = get_object_or_404(organization.invitations.open(), pk=invitation_pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(
        request, _("%(email)s への招待を取り消しました。") % {"email": invitation.email}
    )
    return redirect("organizations:members", pk=organization.pk)


def _membership_for(request, pk, membership_pk):
    organization = _organization_for(request, pk, permissions.can_edit_organization, EDIT_REFUSED)
    membership = get_object_or_404(
        organization.memberships.select_related("user", "organization"), pk=membership_pk
    )
    return organization, membership


@login_required
@require_POST
def membership_role(request, pk, membership_pk):
    organization, membership = _membership_for(request, pk, membership_pk)
    if not permissions.can_manage_members(request.user, organization):
        raise PermissionDenied(MANAGE_REFUSED)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("役割を選び直してください。"))
        return redirect("organizations:members", pk=organization.pk)
    try:
        services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
    except services.MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("役割を変更しました。"))
    return redirect("organizations:members", pk=organization.pk)


@login_required
@require_POST
def membership_remove(request, pk, membership_pk):
    organization, membership = _membership_for(request, pk, membership_pk)
    if not permissions.can_remove_membership(request.user, membership):
        raise PermissionDenied(REMOVE_REFUSED)
    leaving = membership.user_id == request.user.pk
    try:
        services.membership_remove(membership=membership)
    except services.MembershipError as error:
        messages.error(request, error.message)
        return redirect("organizations:members", pk=organization.pk)
    if leaving:
        messages.success(request, _("「%(name)s」から抜けました。") % {"name": organization.name})
        return redirect("mypage:index")
    messages.success(request, _("メンバーを外しました。"))
    return redirect("organizations:members", pk=organization.pk)


def invitation_accept(request, token):
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404
    usable = not invitation.is_accepted and not invitation.is_expired
    context = {
        "invitation": invitation,
        "organization": invitation.organization,
        "usable": usable,
        "login_url": f"{reverse('account_login')}?{urlencode({'next': request.path})}",
        "signup_url": f"{reverse('account_signup')}?{urlencode({'next': request.path})}",
    }
    if request.user.is_authenticated:
        context["email_matches"] = services.user_has_verified_email(request.user, invitation.email)
        context["already_member"] = permissions.is_member(request.user, invitation.organization)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(context["login_url"])
        try:
            services.invitation_accept(token=token, user=request.user)
        except services.MembershipError as error:
            messages.error(request, error.message)
            return redirect("organizations:invitation_accept", token=token)
        messages.success(
            request,
            _("「%(name)s」のメンバーになりました。") % {"name": invitation.organization.name},
        )
        return redirect("mypage:index")
    return render(
        request,
        "organizations/manage/invitation_accept.html",
        context,
        status=200 if usable else 410,
    )
