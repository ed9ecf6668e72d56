"""Sign-ups (参加申込) for events: the organiser's settings and the applications.

An application holds a place only once it is accepted; an unconfirmed one (signed up without
an account, the link not yet followed) holds none. Links in mails carry random tokens stored
here, each cleared when used, so that every link works once and no id can be guessed."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Event
from projects.models import Status as ProjectStatus

# The most people one application may bring (the number asked when the organiser wants it).
PARTY_SIZE_MAX = 20
CAPACITY_MAX = 100_000


def new_token():
    return secrets.token_urlsafe(32)


class Signup(models.Model):
    """Sign-up for one event, as its organiser or the project's staff set it."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="signup")
    is_open = models.BooleanField(_("申込を受け付ける"), default=True)
    capacity = models.PositiveIntegerField(_("定員(人)"))
    deadline = models.DateField(_("申込締切日"), null=True, blank=True)
    asks_phone = models.BooleanField(_("電話番号を尋ねる"), default=False)
    asks_party_size = models.BooleanField(_("参加人数を尋ねる"), default=False)
    asks_accessibility = models.BooleanField(_("配慮が必要なことを尋ねる"), default=False)
    keeps_waiting_list = models.BooleanField(_("キャンセル待ちを受け付ける"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("参加申込の設定")
        verbose_name_plural = _("参加申込の設定")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=CAPACITY_MAX),
                name="signup_capacity_in_range",
            ),
        ]

    def __str__(self):
        return str(self.event)

    def is_accepting(self, today):
        """Open, and the deadline (its whole day) not passed, nor the event's first day; never
        for an event whose project was cancelled (中止)."""
        if self.event.project.status == ProjectStatus.CANCELLED:
            return False
        if not self.is_open or self.event.starts_on < today:
            return False
        return self.deadline is None or today <= self.deadline


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("確認待ち")
    ACCEPTED = "accepted", _("受付済み")
    WAITING = "waiting", _("キャンセル待ち")
    REFUSED = "refused", _("満員のため受付できず")
    CANCELLED = "cancelled", _("取り消し")


class Application(models.Model):
    """One person's application to an event: personal data, shown only to the applicant
    (through their own link) and to the organiser and the project's staff."""

    Status = ApplicationStatus

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_applications",
    )
    name = models.CharField(_("お名前"), max_length=100)
    email = models.EmailField(_("メールアドレス"), max_length=254)
    phone = models.CharField(_("電話番号"), max_length=30, blank=True)
    party_size = models.PositiveSmallIntegerField(_("参加人数"), default=1)
    accessibility_needs = models.TextField(_("配慮が必要なこと"), blank=True, max_length=1000)
    status = models.CharField(
        _("状態"), max_length=20, choices=ApplicationStatus.choices, default="pending"
    )
    # Single-use links: each is cleared once used (null when there is nothing left to do).
    confirm_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    cancel_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("参加申込")
        verbose_name_plural = _("参加申込")
        constraints = [
            models.CheckConstraint(
                condition=Q(party_size__gte=1) & Q(party_size__lte=PARTY_SIZE_MAX),
                name="application_party_size_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="pending") | Q(confirm_token__isnull=False),
                name="application_pending_has_confirm_token",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.event} ({self.get_status_display()})"

    @property
    def holds_place(self):
        return self.status == ApplicationStatus.ACCEPTED
