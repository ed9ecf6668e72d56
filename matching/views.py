"""The contact request pages under /mypage/contacts/: send one to an organisation, the list
of those sent and received, one request with its answer buttons and history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from organizations.models import Organization
from portal import once
from portal.actions import perform
from portal.forms import posted_data
from portal.history import PARTIES, STAFF, history_items

from . import lifecycle, permissions, services
from .contact import shared_contacts
from .forms import ContactRequestForm
from .models import ContactRequest
from .selectors import requests_of_user


@login_required
def contact_new(request, organization_pk):
    recipient = get_object_or_404(Organization.objects.public(), pk=organization_pk)
    if not permissions.can_send_to(request.user, recipient):
        raise PermissionDenied
    senders = permissions.sender_organizations(request.user, recipient)
    chosen = next((o for o in senders if str(o.pk) == request.GET.get("sender")), senders[0])
    form = ContactRequestForm(
        posted_data(request),
        senders=senders,
        initial={"sender": chosen.pk},
    )
    notice = None
    if request.method != "POST":
        notice = services.refusal(sender=chosen, recipient=recipient, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contact_request = services.contact_request_send(
                sender=form.cleaned_data["sender"],
                recipient=recipient,
                user=request.user,
                message=form.cleaned_data["message"],
                once_key=form.once_key("contact", request.user),
            )
        except once.AlreadyDone as done:
            return redirect(done.path or reverse("matching:list"))
        except services.ContactError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("連絡をお願いしました。相手の団体の回答は、メールとマイページでお知らせします。"),
            )
            return redirect(contact_request)
    return render(
        request,
        "matching/contact_form.html",
        {"form": form, "recipient": recipient, "notice": notice, "sender": chosen},
    )


@login_required
def contact_list(request):
    received, sent = requests_of_user(request.user)
    return render(request, "matching/contact_list.html", {"received": received, "sent": sent})


def _readable(request, pk):
    contact_request = get_object_or_404(
        ContactRequest.objects.select_related("sender", "recipient", "sender_user"), pk=pk
    )
    if not permissions.can_read(request.user, contact_request):
        raise Http404
    return contact_request


@login_required
def contact_detail(request, pk):
    contact_request = _readable(request, pk)
    party = permissions.is_party(request.user, contact_request)
    sender_contact, recipient_contact = shared_contacts(contact_request)
    return render(
        request,
        "matching/contact_detail.html",
        {
            "contact_request": contact_request,
            "offers": lifecycle.offered(request.user, contact_request),
            "history": history_items(
                contact_request.transitions.all(),
                lifecycle=lifecycle.CONTACT_LIFECYCLE,
                audience=PARTIES if party else STAFF,
            ),
            "sender_contact": sender_contact,
            "recipient_contact": recipient_contact,
        },
    )


DONE = {
    "accept": gettext_lazy("連絡先を交換しました。相手の連絡先をメールでお送りしました。"),
    "decline": gettext_lazy("お断りしました。相手にはあなたの団体の連絡先は伝わりません。"),
    "withdraw": gettext_lazy("連絡のお願いを取り下げました。"),
}


@require_POST
@login_required
def contact_action(request, pk, action):
    contact_request = _readable(request, pk)
    if action not in DONE:
        raise Http404
    return perform(
        request,
        lifecycle.CONTACT_LIFECYCLE,
        contact_request,
        action,
        back=contact_request.get_absolute_url(),
        done=lambda obj: str(DONE[action]),
        name=str(contact_request),
    )
