from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .lifecycle import Visibility


def in_english():
    """Whether the page is read in English (the content language is Japanese)."""
    return not (get_language() or "ja").startswith("ja")


def localized(instance, name):
    """A text of master data in the reader's language: its `<name>_en` version in the English
    interface where there is one, the Japanese text otherwise."""
    if in_english():
        english = getattr(instance, f"{name}_en", "")
        if english:
            return english
    return getattr(instance, name)


def gloss(instance, name):
    """The English translation shown beside an official Japanese text (the guideline's), in
    the English interface only; "" where there is none."""
    return getattr(instance, f"{name}_en", "") if in_english() else ""


def english_field(verbose_name, max_length=None, **kwargs):
    """The English version of a text of master data, edited beside it in the admin."""
    if max_length is None:
        return models.TextField(verbose_name, blank=True, **kwargs)
    return models.CharField(verbose_name, max_length=max_length, blank=True, **kwargs)


class WebsiteField(models.URLField):
    """A URL field whose forms take an address typed without a scheme as https."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs


class HistoryEntry(models.Model):
    """One entry of an entity's history: an action of its lifecycle (a transition, a notice,
    an edit with each field's old and new value). Written only by `Lifecycle.apply`; never
    edited or deleted. Each entity has its own table with a foreign key to it."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("実施者"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("変更前"), max_length=20, blank=True)
    to_status = models.CharField(_("変更後"), max_length=20, blank=True)
    comment = models.TextField(_("コメント"), blank=True)
    changes = models.JSONField(
        _("変更内容"),
        default=list,
        blank=True,
        help_text=_("項目ごとの変更前と変更後: [{field, label, old, new}]"),
    )
    visibility = models.CharField(
        _("表示する相手"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PARTIES,
    )
    created_at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    @property
    def changed_state(self):
        return self.from_status != self.to_status


class FormSubmission(models.Model):
    """A form that was carried out, by the key its page carried: posting the same page again
    (a double click, a reload, a second tab) repeats nothing (portal/once.py)."""

    key = models.CharField(_("キー"), max_length=120, unique=True)
    path = models.CharField(_("結果のページ"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("送信済みのフォーム")
        verbose_name_plural = _("送信済みのフォーム")

    def __str__(self):
        return self.key
