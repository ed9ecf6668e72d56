"""The project, its partners and events; the forms, states and actions they use."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations.models import ActivityField, Area, Department, Organization
from portal.models import english_field
from portal.wareki import fiscal_year_label


class Form(models.TextChoices):
    """The six forms of collaboration (協働の形態) of the guideline."""

    SUBSIDY = "subsidy", _("補助")
    PATRONAGE = "patronage", _("後援")
    COMMISSION = "commission", _("委託")
    COMMITTEE = "committee", _("実行委員会")
    COOPERATION = "cooperation", _("事業協力")
    COHOSTING = "cohosting", _("共催")


# The one-to-one row of each form's own data (projects/models/details.py), by its related name.
FORM_DETAIL_ATTRIBUTES = {
    Form.SUBSIDY: "subsidy",
    Form.PATRONAGE: "patronage",
    Form.COMMISSION: "commission",
    Form.COMMITTEE: "committee",
    Form.COOPERATION: "cooperation",
    Form.COHOSTING: "cohosting",
}


class FormGuide(models.Model):
    """The guideline's explanation of one form: its definition, effect and the city's
    examples (data from the city profile, edited in the admin)."""

    form = models.CharField(_("協働の形態"), max_length=20, choices=Form.choices, unique=True)
    definition = models.TextField(_("定義"))
    definition_en = english_field(
        _("定義の英訳"), help_text=_("英語の画面で、定義(原文のまま)に添える翻訳です。")
    )
    effect = models.TextField(_("効果"), blank=True)
    effect_en = english_field(_("効果の英訳"))
    examples = models.TextField(_("事例"), blank=True, help_text=_("1行に1つずつ書きます。"))
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("協働の形態の説明")
        verbose_name_plural = _("協働の形態の説明")

    def __str__(self):
        return str(self.get_form_display())

    @property
    def example_list(self):
        return [line.strip() for line in self.examples.splitlines() if line.strip()]


class Status(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("審査中")
    RETURNED = "returned", _("差し戻し")
    REJECTED = "rejected", _("不採択")
    WITHDRAWN = "withdrawn", _("取り下げ")
    PUBLISHED = "published", _("実施中")
    # A 後援 whose organiser filed a 中止届 after approval: still shown publicly, as 中止.
    CANCELLED = "cancelled", _("中止")
    COMPLETED = "completed", _("完了")
    EVALUATED = "evaluated", _("評価済み")


# A cancelled project stays on the public pages, marked 中止, so that whoever planned to
# come learns that the event will not take place (rather than finding it gone).
PUBLIC_STATUSES = (Status.PUBLISHED, Status.CANCELLED, Status.COMPLETED, Status.EVALUATED)


class Progress(models.TextChoices):
    """Where a project stands by its dates, as public pages say it (not a lifecycle state)."""

    UPCOMING = "upcoming", _("実施予定")
    ONGOING = "ongoing", _("実施中")
    DONE = "done", _("実施済み")


# Dates and 年度 of projects and events lie within these bounds (the forms say so first).
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 2000, 2100


def date_in_range(name, *, nullable=True):
    """The condition of a CheckConstraint: the date field lies between FIRST_DAY and LAST_DAY."""
    within = Q(**{f"{name}__gte": FIRST_DAY, f"{name}__lte": LAST_DAY})
    return (Q(**{f"{name}__isnull": True}) | within) if nullable else within


class ProjectAction(models.TextChoices):
    """The actions of the project lifecycle (projects/lifecycle.py): codes and labels."""

    CREATE = "create", _("登録")
    EDIT = "edit", _("編集")
    SUBMIT = "submit", _("提出")
    APPROVE = "approve", _("承認して公開")
    PUBLISH = "publish", _("市の事業として公開")
    RETURN = "return", _("差し戻し")
    REJECT = "reject", _("不採択")
    WITHDRAW = "withdraw", _("取り下げ")
    CHANGE_NOTICE = "change_notice", _("変更届")
    CANCEL = "cancel", _("中止届")
    ACKNOWLEDGE_CHANGE = "acknowledge_change", _("変更届の確認")
    SUBMIT_REPORT = "submit_report", _("実績報告の提出")
    RETURN_REPORT = "return_report", _("実績報告の差し戻し")
    COMPLETE = "complete", _("完了(実績報告の受理)")
    EVALUATE = "evaluate", _("評価の公開")
    HIDE = "hide", _("非公開にする")
    SHOW = "show", _("再公開する")
    PARTNER_CONFIRM = "partner_confirm", _("協働の相手としての確認")
    PARTNER_DECLINE = "partner_decline", _("協働の相手の辞退")
    # The dialogue on a proposal (問い合わせ・協議): messages between the organisation and the
    # city, and the staff's own notes (projects/dialogue.py).
    ORGANIZATION_MESSAGE = "organization_message", _("団体からのメッセージ")
    CITY_MESSAGE = "city_message", _("市からのメッセージ")
    INTERNAL_NOTE = "internal_note", _("庁内メモ")


class ProjectQuerySet(models.QuerySet):
    def public(self):
        """Projects anyone may see. Every public view, feed and export starts here."""
        return self.filter(
            status__in=PUBLIC_STATUSES,
            is_hidden=False,
            lead_organization__status=Organization.Status.APPROVED,
        )

    def with_card_data(self):
        """What a project card shows, in a fixed number of queries."""
        return self.select_related("lead_organization", "area", "department").prefetch_related(
            "fields", "events"
        )


class Project(models.Model):
    Form = Form
    Status = Status

    title = models.CharField(_("事業名"), max_length=200)
    summary = models.TextField(_("概要"), max_length=2000)
    purpose = models.TextField(_("目的"), blank=True)
    expected_effect = models.TextField(_("期待される効果"), blank=True)
    form = models.CharField(_("協働の形態"), max_length=20, choices=Form.choices, db_index=True)
    fields = models.ManyToManyField(
        ActivityField, verbose_name=_("活動分野"), related_name="projects", blank=True
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("地区"),
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("年度"), db_index=True, help_text=_("西暦で、年度の始まる年を入力します(例: 2025)。")
    )
    starts_on = models.DateField(_("開始日"), null=True, blank=True)
    ends_on = models.DateField(_("終了日"), null=True, blank=True)
    place = models.CharField(_("実施場所"), max_length=200, blank=True)
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("主たる団体"),
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("担当課"),
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("担当職員"),
        on_delete=models.SET_NULL,
        related_name="coordinated_projects",
        null=True,
        blank=True,
    )
    safety_insurance = models.TextField(
        _("安全対策(保険)"), blank=True, help_text=_("加入する保険の種類と範囲を書きます。")
    )
    safety_plan = models.TextField(
        _("安全対策(危機管理)"),
        blank=True,
        help_text=_("事故や災害に備えた体制と連絡方法を書きます。"),
    )
    budget = models.PositiveBigIntegerField(_("事業費(円)"), null=True, blank=True)
    image = models.ImageField(_("メイン画像"), upload_to="projects/images/", blank=True)
    image_alt = models.CharField(_("画像の説明(代替テキスト)"), max_length=200, blank=True)

    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    is_hidden = models.BooleanField(_("非公開にする"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作成者"),
        on_delete=models.SET_NULL,
        related_name="created_projects",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    # Given on the first submission (projects/receipts.py), e.g. 後援-R8-0012; kept for good.
    receipt_number = models.CharField(
        _("受付番号"), max_length=30, unique=True, null=True, blank=True, editable=False
    )
    # What the proposal said when it was last submitted (projects/submissions.py): a
    # resubmission after a return is compared with it, field by field.
    submitted_values = models.JSONField(_("提出時の内容"), default=dict, blank=True, editable=False)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("協働事業")
        verbose_name_plural = _("協働事業")
        indexes = [
            models.Index(fields=["status", "is_hidden", "published_at"]),
            # The public list and the feed, newest first: read in index order, stopping at
            # the page's last row (the public filter's own columns are the condition).
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status__in=PUBLIC_STATUSES, is_hidden=False),
                name="project_public_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR),
                name="project_fiscal_year_in_range",
                violation_error_message=_(
                    "年度は2000年度から2100年度までの範囲で入力してください。"
                ),
            ),
            models.CheckConstraint(
                condition=date_in_range("starts_on") & date_in_range("ends_on"),
                name="project_dates_in_range",
                violation_error_message=_(
                    "開始日と終了日は2000年1月1日から2100年12月31日までの範囲で入力してください。"
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    @property
    def fiscal_year_label(self):
        return fiscal_year_label(self.fiscal_year)

    @property
    def is_public(self):
        return (
            self.status in PUBLIC_STATUSES
            and not self.is_hidden
            and self.lead_organization.status == Organization.Status.APPROVED
        )

    def date_range(self):
        """(first day, last day) of the project: its period and its events together; either
        is None when nothing gives it. Reads `events.all()`, so a prefetch serves it."""
        events = list(self.events.all())
        firsts = [d for d in (self.starts_on, *(e.starts_on for e in events)) if d]
        lasts = [d for d in (self.ends_on, *((e.ends_on or e.starts_on) for e in events)) if d]
        return (min(firsts, default=None), max(lasts, default=None))

    def has_started(self, today):
        """False only when the project has a first day and it is after `today`."""
        first, _last = self.date_range()
        return first is None or first <= today

    def progress(self, today):
        """実施予定 / 実施中 / 実施済み by the dates; a completed project (its results report
        accepted) is 実施済み whatever its dates say. None when it has no dates at all, or
        when it was cancelled."""
        if self.status in (Status.COMPLETED, Status.EVALUATED):
            return Progress.DONE
        if self.status == Status.CANCELLED:
            return None  # not held: the state itself (中止) says it
        first, last = self.date_range()
        if first is None and last is None:
            return None
        if first is not None and today < first:
            return Progress.UPCOMING
        if last is not None and last < today:
            return Progress.DONE
        return Progress.ONGOING

    def form_detail(self):
        """The form's own data (one-to-one row), or None if not entered."""
        attribute = FORM_DETAIL_ATTRIBUTES[self.form]
        try:
            return getattr(self, attribute)
        except models.ObjectDoesNotExist:
            return None


class PartnerConsent(models.TextChoices):
    """A registered organisation named as a partner confirms its role before it is shown."""

    NOT_NEEDED = "not_needed", _("確認不要(登録されていない相手)")
    REQUESTED = "requested", _("確認待ち")
    CONFIRMED = "confirmed", _("確認済み")
    DECLINED = "declined", _("辞退")


class PartnerQuerySet(models.QuerySet):
    def public(self):
        """The partners anyone may see: plain names, and approved organisations that
        confirmed their role."""
        return self.filter(
            Q(organization__isnull=True)
            | Q(
                organization__status=Organization.Status.APPROVED,
                consent=PartnerConsent.CONFIRMED,
            )
        )


class Partner(models.Model):
    """A party to the project besides the lead organisation, with its role (役割分担)."""

    Consent = PartnerConsent

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("団体"),
        on_delete=models.PROTECT,
        related_name="partnerships",
        null=True,
        blank=True,
        help_text=_("ポータルに登録された団体であれば選びます。"),
    )
    name = models.CharField(
        _("名称"),
        max_length=200,
        blank=True,
        help_text=_("登録されていない相手(学校、PTA など)の名称です。"),
    )
    role = models.TextField(_("役割"), blank=True)
    cost_share = models.CharField(_("経費の分担"), max_length=200, blank=True)
    is_chair = models.BooleanField(_("委員長・代表"), default=False)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    # Written only by the project lifecycle (partner_confirm / partner_decline).
    consent = models.CharField(
        _("相手団体の確認"),
        max_length=20,
        choices=PartnerConsent.choices,
        default=PartnerConsent.REQUESTED,
    )
    responded_at = models.DateTimeField(_("確認日時"), null=True, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("協働の相手")
        verbose_name_plural = _("協働の相手")
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(name=""),
                name="partner_has_organization_or_name",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.organization.name if self.organization_id else self.name

    @property
    def is_public(self):
        """A registered organisation appears once it is approved and confirmed its role."""
        if self.organization_id is None:
            return True
        return self.organization.is_public and self.consent == PartnerConsent.CONFIRMED


class Event(models.Model):
    """A dated happening of a project (for the calendar and the open data)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("名称"), max_length=200)
    description = models.TextField(_("説明"), blank=True)
    starts_on = models.DateField(_("開始日"))
    ends_on = models.DateField(_("終了日"), null=True, blank=True)
    start_time = models.TimeField(_("開始時間"), null=True, blank=True)
    end_time = models.TimeField(_("終了時間"), null=True, blank=True)
    place = models.CharField(_("場所名称"), max_length=200, blank=True)
    address = models.CharField(_("住所"), max_length=300, blank=True)
    latitude = models.DecimalField(_("緯度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("経度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # As the organiser writes it (無料, 500円, 資料代200円); blank means not known.
    fee = models.CharField(_("参加費"), max_length=100, blank=True)

    class Meta:
        ordering = ["starts_on", "start_time", "id"]
        verbose_name = _("イベント")
        verbose_name_plural = _("イベント")
        # The order of the upcoming list (read forwards) and of the past one (backwards); the
        # events of one day, few, are then sorted by time.
        indexes = [models.Index(fields=["starts_on", "start_time", "id"], name="event_by_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=date_in_range("starts_on", nullable=False) & date_in_range("ends_on"),
                name="event_dates_in_range",
                violation_error_message=_(
                    "開始日と終了日は2000年1月1日から2100年12月31日までの範囲で入力してください。"
                ),
            ),
        ]

    def __str__(self):
        return self.title
