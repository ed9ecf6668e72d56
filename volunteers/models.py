"""Volunteer requests (ボランティア・担い手募集) of approved organisations, and the citizens'
applications to them. An application's name, e-mail and message are personal data: only the
applicant, the organisation's members and 協働推進課 see them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization
from portal.search import Document
from projects.models import Project

PEOPLE_MAX = 1000


class VolunteerRequest(models.Model):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("団体"),
        on_delete=models.CASCADE,
        related_name="volunteer_requests",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("協働事業"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_requests",
    )
    role = models.CharField(_("募集する役割"), max_length=200)
    starts_on = models.DateField(_("活動日(から)"), null=True, blank=True)
    ends_on = models.DateField(_("活動日(まで)"), null=True, blank=True)
    place = models.CharField(_("活動場所"), max_length=200, blank=True)
    people = models.PositiveSmallIntegerField(_("募集人数"), null=True, blank=True)
    skills = models.TextField(_("求めるスキル・経験"), blank=True, max_length=2000)
    description = models.TextField(_("内容"), max_length=5000)
    is_open = models.BooleanField(_("募集中"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ボランティア募集")
        verbose_name_plural = _("ボランティア募集")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=False, ends_on__gte=models.F("starts_on")),
                name="volunteer_request_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(people__isnull=True) | Q(people__gte=1, people__lte=PEOPLE_MAX),
                name="volunteer_request_people_in_range",
            ),
        ]

    def __str__(self):
        return self.role

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("volunteers:detail", args=[self.pk])


class VolunteerApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("回答待ち")
    ACCEPTED = "accepted", _("受入")
    DECLINED = "declined", _("お断り")


class VolunteerApplication(models.Model):
    Status = VolunteerApplicationStatus

    request = models.ForeignKey(
        VolunteerRequest, on_delete=models.CASCADE, related_name="applications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_applications"
    )
    name = models.CharField(_("お名前"), max_length=100)
    email = models.EmailField(_("メールアドレス"), max_length=254)
    message = models.TextField(_("メッセージ"), max_length=2000)
    status = models.CharField(
        _("状態"),
        max_length=20,
        choices=VolunteerApplicationStatus.choices,
        default=VolunteerApplicationStatus.APPLIED,
    )
    answer = models.TextField(_("団体からのメッセージ"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ボランティア応募")
        verbose_name_plural = _("ボランティア応募")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "user"], name="volunteer_application_once_per_person"
            ),
            models.CheckConstraint(
                condition=Q(status__in=VolunteerApplicationStatus.values),
                name="volunteer_application_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.request} ({self.get_status_display()})"


class VolunteerRequestDocument(Document):
    """What search reads of a volunteer request (volunteers/search.py writes it)."""

    request = models.OneToOneField(
        VolunteerRequest,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
