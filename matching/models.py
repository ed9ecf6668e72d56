"""Contact requests between organisations (連絡のお願い): a member of an approved organisation
asks another one through the portal; the other side's owners decide whether to exchange
contacts. Until they accept, neither side learns an address of the other."""

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization
from portal.models import HistoryEntry

MESSAGE_MAX = 2000


class ContactRequestStatus(models.TextChoices):
    OPEN = "open", _("回答待ち")
    ACCEPTED = "accepted", _("連絡先を交換済み")
    DECLINED = "declined", _("お断り")
    WITHDRAWN = "withdrawn", _("取り下げ")


class ContactRequest(models.Model):
    Status = ContactRequestStatus

    sender = models.ForeignKey(
        Organization,
        verbose_name=_("お願いした団体"),
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
    )
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("お願いした人"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="contact_requests_sent",
    )
    recipient = models.ForeignKey(
        Organization,
        verbose_name=_("お願いを受けた団体"),
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    message = models.TextField(_("メッセージ"), max_length=MESSAGE_MAX)
    status = models.CharField(
        _("状態"),
        max_length=20,
        choices=ContactRequestStatus.choices,
        default=ContactRequestStatus.OPEN,
        db_index=True,
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回答した人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("お願いした日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    answered_at = models.DateTimeField(_("回答した日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("連絡のお願い")
        verbose_name_plural = _("連絡のお願い")
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="contact_request_not_to_itself"
            ),
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=Q(status="open"),
                name="contact_request_one_open_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ContactRequestStatus.values),
                name="contact_request_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"

    def get_absolute_url(self):
        return reverse("matching:detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status == ContactRequestStatus.OPEN

    @property
    def is_accepted(self):
        return self.status == ContactRequestStatus.ACCEPTED


class ContactRequestAction(models.TextChoices):
    """The actions of the contact request lifecycle (matching/lifecycle.py)."""

    SEND = "send", _("連絡のお願い")
    ACCEPT = "accept", _("連絡先を交換する")
    DECLINE = "decline", _("お断りする")
    WITHDRAW = "withdraw", _("取り下げる")


class ContactRequestTransition(HistoryEntry):
    """A contact request's history: sent, answered or withdrawn, by whom and when."""

    contact_request = models.ForeignKey(
        ContactRequest, on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("操作"), max_length=30, choices=ContactRequestAction.choices)
    from_status = models.CharField(
        _("変更前"), max_length=20, choices=ContactRequestStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("変更後"), max_length=20, choices=ContactRequestStatus.choices, blank=True
    )

    class Meta(HistoryEntry.Meta):
        verbose_name = _("連絡のお願いの履歴")
        verbose_name_plural = _("連絡のお願いの履歴")

    def __str__(self):
        return f"{self.contact_request}: {self.get_action_display()}"


class RelatedWords(models.Model):
    """A group of words that mean nearly the same in offers and needs (会場, 集会所, 公民館…):
    a need and an offer naming words of one group are paired even when their texts share no
    characters. Master data: loaded from the city profile, edited by superusers."""

    # The groups are read on every page with suggestions: kept in the cache, forgotten on every
    # change; the timeout bounds how long another process's local cache may show older ones.
    CACHE_KEY = "matching:related-words"
    CACHE_SECONDS = 300

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    words = models.TextField(
        _("言葉"),
        help_text=_("ほぼ同じ意味で使われる言葉を、1行に1語ずつ書きます。"),
    )
    order = models.PositiveIntegerField(_("並び順"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("関連語")
        verbose_name_plural = _("関連語")

    def __str__(self):
        return "、".join(self.word_list[:4])

    @classmethod
    def forget(cls, **signal):
        """Connected to every save and delete (apps.py), a queryset's delete in the admin
        included."""
        cache.delete(cls.CACHE_KEY)
        # A request between the change and its commit may have cached the old groups again.
        transaction.on_commit(lambda: cache.delete(cls.CACHE_KEY))

    @property
    def word_list(self):
        return [word.strip() for word in self.words.splitlines() if word.strip()]
