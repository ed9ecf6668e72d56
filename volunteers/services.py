"""The writes of volunteer requests and applications, each atomic. Mails leave after the
commit: the services name a kind of mail and the application, and the listeners registered
with `subscribe` (notifications, which sits above this app) send it."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile
from portal.lifecycle import is_silenced

from .models import VolunteerApplication, VolunteerApplicationStatus

_LISTENERS = []


class VolunteerError(Exception):
    """An application that cannot be made or answered; the message says why."""


class Mail:
    APPLIED = "applied"  # to the organisation's members: someone applied
    ANSWERED = "answered"  # to the applicant: accepted or declined


def subscribe(listener):
    """`listener(kind, application_id)` is called after the commit of each mail's write."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _tell(kind, application):
    if is_silenced():
        return
    pk = application.pk

    def deliver():
        for listener in _LISTENERS:
            listener(kind, pk)

    transaction.on_commit(deliver)


def request_save(*, volunteer_request):
    if not volunteer_request.is_open and volunteer_request.closed_at is None:
        volunteer_request.closed_at = timezone.now()
    elif volunteer_request.is_open:
        volunteer_request.closed_at = None
    volunteer_request.save()
    return volunteer_request


def application_create(*, volunteer_request, user, message):
    if not volunteer_request.is_open:
        raise VolunteerError(_("この募集は締め切られました。"))
    if volunteer_request.applications.filter(user=user).exists():
        raise VolunteerError(_("この募集にはすでに応募しています。"))
    # The portal's display name (表示名), else the account's name, else its address.
    name = (
        Profile.objects.filter(user=user).values_list("display_name", flat=True).first()
        or user.get_full_name()
    )
    try:
        with transaction.atomic():
            application = VolunteerApplication.objects.create(
                request=volunteer_request,
                user=user,
                name=(name or user.email)[:100],
                email=user.email,
                message=message,
            )
    except IntegrityError as error:
        raise VolunteerError(_("この募集にはすでに応募しています。")) from error
    _tell(Mail.APPLIED, application)
    return application


def application_answer(*, application, accept, answer=""):
    if application.status != VolunteerApplicationStatus.APPLIED:
        raise VolunteerError(_("この応募にはすでに回答しています。"))
    with transaction.atomic():
        locked = VolunteerApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status != VolunteerApplicationStatus.APPLIED:
            raise VolunteerError(_("この応募にはすでに回答しています。"))
        locked.status = (
            VolunteerApplicationStatus.ACCEPTED if accept else VolunteerApplicationStatus.DECLINED
        )
        locked.answer = answer
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answer", "answered_at"])
        _tell(Mail.ANSWERED, locked)
    return locked


def purge_applications(*, now, retention_days):
    """Delete answered applications of requests closed more than `retention_days` ago."""
    cutoff = now - datetime.timedelta(days=retention_days)
    stale = VolunteerApplication.objects.filter(
        request__is_open=False,
        request__closed_at__lt=cutoff,
    ).exclude(status=VolunteerApplicationStatus.APPLIED)
    count, _detail = stale.delete()
    return count
