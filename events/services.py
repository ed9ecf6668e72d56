"""The writes of sign-ups, each atomic. Places are counted under a lock on the event's row
(`select_for_update`), so that concurrent sign-ups accept exactly the capacity.

Mails leave after the commit: the services name a kind of mail and the application, and the
listeners registered with `subscribe` (notifications, which sits above this app) send it."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import once
from portal.lifecycle import is_silenced
from projects.models import Event

from .models import Application, ApplicationStatus, Signup, new_token
from .selectors import places_taken

_LISTENERS = []


class SignupError(Exception):
    """A sign-up that cannot be made; the message says why, for the person."""


class Mail:
    """The kinds of mail an application gets (templates email/signup_<kind>.txt)."""

    CONFIRM = "confirm"  # follow the link to confirm (signed up without an account)
    ACCEPTED = "accepted"  # a place, with the details and the cancellation link
    WAITING = "waiting"  # on the waiting list
    FULL = "full"  # confirmed too late: full, no waiting list
    PROMOTED = "promoted"  # from the waiting list to a place
    CANCELLED = "cancelled"
    REMINDER = "reminder"  # the day before
    AGAIN = "again"  # signed up again with an address already signed up: their own link


def subscribe(listener):
    """`listener(kind, application_id)` is called after the commit of each mail's write."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _tell(kind, application):
    if is_silenced():  # demo data and past records tell nobody
        return
    pk = application.pk

    def deliver():
        for listener in _LISTENERS:
            listener(kind, pk)

    transaction.on_commit(deliver)


def signup_save(*, event, data):
    """Turn sign-up on or change it (the organiser's or the staff's form)."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        signup, _created = Signup.objects.update_or_create(event=locked, defaults=data)
        promoted = _fill_places(locked, signup)
    for application in promoted:
        _tell(Mail.PROMOTED, application)
    return signup


def _allocate(event, signup, party_size):
    """The status a confirmed application gets: accepted while places last, else waiting
    (where a list is kept) or refused. The event's row is locked by the caller."""
    if places_taken(event) + party_size <= signup.capacity:
        return ApplicationStatus.ACCEPTED
    if signup.keeps_waiting_list:
        return ApplicationStatus.WAITING
    return ApplicationStatus.REFUSED


def _mail_for(status):
    return {
        ApplicationStatus.ACCEPTED: Mail.ACCEPTED,
        ApplicationStatus.WAITING: Mail.WAITING,
        ApplicationStatus.REFUSED: Mail.FULL,
    }[status]


def application_create(*, event, form, user=None):
    """A sign-up from the event page. Signed in: confirmed at once with the account's address.
    Without an account: pending until the link mailed to the address is followed."""
    data = form.cleaned_data
    today = timezone.localdate()
    with transaction.atomic():
        claimed = once.claim(form.once_key(f"event-{event.pk}", user))
        locked = Event.objects.select_for_update().get(pk=event.pk)
        signup = Signup.objects.filter(event=locked).first()
        if signup is None or not signup.is_accepting(today):
            raise SignupError(_("このイベントは現在、参加申込を受け付けていません。"))
        party_size = (data.get("party_size") or 1) if signup.asks_party_size else 1
        email = user.email if user else data["email"]
        earlier = _live_application(locked, email)
        if earlier is not None:
            if user is not None:
                raise SignupError(_("このイベントにはすでに申し込んでいます。"))
            # The page says what it says to anyone (whether an address signed up is nobody
            # else's business); the address's owner gets their own link again.
            once.remember(claimed, f"/events/{event.pk}/")
            _tell(Mail.AGAIN, earlier)
            return Application(event=locked, email=email, status=ApplicationStatus.PENDING)
        application = Application(
            event=locked,
            name=data["name"],
            email=email,
            phone=data.get("phone", "") if signup.asks_phone else "",
            party_size=party_size,
            accessibility_needs=(
                data.get("accessibility_needs", "") if signup.asks_accessibility else ""
            ),
            cancel_token=new_token(),
        )
        if user is not None:
            application.user = user
            application.status = _allocate(locked, signup, party_size)
            application.confirmed_at = timezone.now()
            if application.status == ApplicationStatus.REFUSED:
                raise SignupError(_("定員に達したため、申込を受け付けられませんでした。"))
        else:
            if _allocate(locked, signup, party_size) == ApplicationStatus.REFUSED:
                raise SignupError(_("定員に達したため、申込を受け付けられませんでした。"))
            application.status = ApplicationStatus.PENDING
            application.confirm_token = new_token()
        application.save()
        once.remember(claimed, f"/events/{event.pk}/")
    kind = Mail.CONFIRM if user is None else _mail_for(application.status)
    _tell(kind, application)
    return application


def _live_application(event, email):
    """The application of this address still pending, accepted or waiting, if any."""
    live = (ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED, ApplicationStatus.WAITING)
    return (
        Application.objects.filter(event=event, email__iexact=email, status__in=live)
        .order_by("id")
        .first()
    )


def application_record(*, event, name, email, party_size=1, phone="", accessibility_needs=""):
    """A confirmed sign-up taken by the organiser (by phone, at the counter; the demo's):
    allocated like any other under the event's lock. Returns the application."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        signup = Signup.objects.get(event=locked)
        application = Application.objects.create(
            event=locked,
            name=name,
            email=email,
            phone=phone,
            party_size=party_size,
            accessibility_needs=accessibility_needs,
            status=_allocate(locked, signup, party_size),
            cancel_token=new_token(),
            confirmed_at=timezone.now(),
        )
    _tell(_mail_for(application.status), application)
    return application


def application_confirm(*, token):
    """Follow the confirmation link (once): the application is allocated now, under the lock.
    Returns the application, or None when the link is not (or no longer) valid."""
    if not token:
        return None
    with transaction.atomic():
        found = Application.objects.filter(confirm_token=token).only("event_id").first()
        if found is None:
            return None
        locked = Event.objects.select_for_update().get(pk=found.event_id)
        application = Application.objects.select_for_update().filter(confirm_token=token).first()
        if application is None or application.status != ApplicationStatus.PENDING:
            return None
        signup = Signup.objects.get(event=locked)
        application.status = _allocate(locked, signup, application.party_size)
        application.confirm_token = None
        application.confirmed_at = timezone.now()
        if application.status == ApplicationStatus.REFUSED:
            application.cancel_token = None
        application.save(update_fields=["status", "confirm_token", "confirmed_at", "cancel_token"])
    _tell(_mail_for(application.status), application)
    return application


def application_cancel(*, token):
    """Follow the cancellation link (once). A freed place goes to the first on the waiting
    list, who is told. Returns the application, or None for a link not (or no longer) valid."""
    if not token:
        return None
    with transaction.atomic():
        found = Application.objects.filter(cancel_token=token).only("event_id").first()
        if found is None:
            return None
        locked = Event.objects.select_for_update().get(pk=found.event_id)
        application = Application.objects.select_for_update().filter(cancel_token=token).first()
        if application is None or application.status == ApplicationStatus.CANCELLED:
            return None
        application.status = ApplicationStatus.CANCELLED
        application.cancel_token = None
        application.confirm_token = None
        application.cancelled_at = timezone.now()
        application.save(update_fields=["status", "cancel_token", "confirm_token", "cancelled_at"])
        signup = Signup.objects.filter(event=locked).first()
        promoted = _fill_places(locked, signup) if signup else []
    _tell(Mail.CANCELLED, application)
    for other in promoted:
        _tell(Mail.PROMOTED, other)
    return application


def _fill_places(event, signup):
    """Accept those waiting, in the order they applied, while places last (after a
    cancellation or a larger capacity). The event's row is locked by the caller."""
    promoted = []
    free = signup.capacity - places_taken(event)
    waiting = event.applications.select_for_update().filter(status=ApplicationStatus.WAITING)
    for application in waiting.order_by("confirmed_at", "id"):
        if application.party_size > free:
            break  # the first in line keeps their turn
        application.status = ApplicationStatus.ACCEPTED
        application.save(update_fields=["status"])
        free -= application.party_size
        promoted.append(application)
    return promoted


def reminders_send(*, today):
    """Remind everyone holding a place for an event tomorrow, once each (`reminded_at`).
    Returns how many were reminded."""
    tomorrow = today + datetime.timedelta(days=1)
    due = Application.objects.filter(
        status=ApplicationStatus.ACCEPTED, reminded_at__isnull=True, event__starts_on=tomorrow
    )
    count = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            application = (
                Application.objects.select_for_update().filter(pk=pk, reminded_at__isnull=True)
            ).first()
            if application is None:
                continue
            application.reminded_at = timezone.now()
            application.save(update_fields=["reminded_at"])
            _tell(Mail.REMINDER, application)
            count += 1
    return count


def applications_purge(*, today, retention_days):
    """Delete the applications of events whose last day is more than `retention_days` ago.
    Returns how many were deleted."""
    cutoff = today - datetime.timedelta(days=retention_days)
    ended = Q(event__ends_on__lt=cutoff) | Q(
        event__ends_on__isnull=True, event__starts_on__lt=cutoff
    )
    with transaction.atomic():
        count, _details = Application.objects.filter(ended).delete()
    return count
