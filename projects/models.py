import datetime
import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations.models import ActivityField, Area, Department, Organization
from portal.models import HistoryEntry
from portal.uploads import extension_for
from portal.wareki import fiscal_year_label


class Form(models.TextChoices):
    """The six forms of collaboration (協働の形態) of the guideline."""

    SUBSIDY = "subsidy", _("補助")
    PATRONAGE = "patronage", _("後援")
    COMMISSION = "commission", _("委託")
    COMMITTEE = "committee", _("実行委員会")
    COOPERATION = "cooperation", _("事業協力")
    COHOSTING = "cohosting", _("共催")


class FormGuide(models.Model):
    """The guideline's explanation of one form: its definition, effect and the city's
    examples (data from the city profile, edited in the admin)."""

    form = models.CharField(_("協働の形態"), max_length=20, choices=Form.choices, unique=True)
    definition = models.TextField(_("定義"))
    effect = models.TextField(_("効果"), blank=True)
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
    COMPLETED = "completed", _("完了")
    EVALUATED = "evaluated", _("評価済み")


PUBLIC_STATUSES = (Status.PUBLISHED, Status.COMPLETED, Status.EVALUATED)

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
    SUBMIT_REPORT = "submit_report", _("実績報告の提出")
    RETURN_REPORT = "return_report", _("実績報告の差し戻し")
    COMPLETE = "complete", _("完了(実績報告の受理)")
    EVALUATE = "evaluate", _("評価の公開")
    HIDE = "hide", _("非公開にする")
    SHOW = "show", _("再公開する")


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
            "fields"
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
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True, db_index=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("協働事業")
        verbose_name_plural = _("協働事業")
        indexes = [models.Index(fields=["status", "is_hidden", "published_at"])]
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

    def form_detail(self):
        """The form's own data (one-to-one row), or None if not entered."""
        attribute = FORM_DETAIL_ATTRIBUTES[self.form]
        try:
            return getattr(self, attribute)
        except models.ObjectDoesNotExist:
            return None


class Partner(models.Model):
    """A party to the project besides the lead organisation, with its role (役割分担)."""

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
        """A registered organisation appears only once it is approved."""
        return self.organization_id is None or self.organization.is_public


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

    class Meta:
        ordering = ["starts_on", "start_time", "id"]
        verbose_name = _("イベント")
        verbose_name_plural = _("イベント")
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


class FormDetail(models.Model):
    """Base of the form-specific data: one row beside its project."""

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self._meta.verbose_name}: {self.project}"


class SubsidyDetail(FormDetail):
    """補助: money the city grants to a citizens' own undertaking."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="subsidy")
    requested_amount = models.PositiveBigIntegerField(_("申請額(円)"), null=True, blank=True)
    granted_amount = models.PositiveBigIntegerField(_("交付決定額(円)"), null=True, blank=True)
    budget_plan = models.TextField(_("収支予算"), blank=True)
    advance_payment = models.BooleanField(_("概算払(前金払)を希望する"), default=False)
    settlement = models.TextField(_("収支決算"), blank=True)

    class Meta:
        verbose_name = _("補助の内容")
        verbose_name_plural = _("補助の内容")


class PatronageDetail(FormDetail):
    """後援: the city lends its name to an event, no money or staff."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="patronage")
    event_name = models.CharField(_("行事名"), max_length=200)
    # Empty only while the proposal is a draft; submitting requires it (the 後援 lead time).
    event_date = models.DateField(_("開催日"), null=True, blank=True)
    venue = models.CharField(_("開催場所"), max_length=200)
    audience = models.CharField(_("対象者"), max_length=200, blank=True)
    expected_attendance = models.PositiveIntegerField(_("参加予定人数"), null=True, blank=True)
    fee = models.CharField(
        _("参加費"), max_length=100, blank=True, help_text=_("無料の場合は「無料」と書きます。")
    )
    name_on_poster = models.BooleanField(_("ポスターに市の名義を表示"), default=False)
    name_on_flyer = models.BooleanField(_("チラシに市の名義を表示"), default=False)
    name_on_web = models.BooleanField(_("ウェブに市の名義を表示"), default=False)

    class Meta:
        verbose_name = _("後援の内容")
        verbose_name_plural = _("後援の内容")


class CommissionDetail(FormDetail):
    """委託: the city entrusts the work to a qualified party."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="commission")
    contract_amount = models.PositiveBigIntegerField(_("契約金額(円)"), null=True, blank=True)
    contract_starts_on = models.DateField(_("契約期間(開始)"), null=True, blank=True)
    contract_ends_on = models.DateField(_("契約期間(終了)"), null=True, blank=True)
    deliverables = models.TextField(_("成果物"), blank=True)

    class Meta:
        verbose_name = _("委託の内容")
        verbose_name_plural = _("委託の内容")


class CommitteeDetail(FormDetail):
    """実行委員会: member organisations plan and run the work together."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="committee")
    committee_name = models.CharField(_("実行委員会の名称"), max_length=200)
    chair = models.CharField(_("実行委員長"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("実行委員会の内容")
        verbose_name_plural = _("実行委員会の内容")


class CooperationDetail(FormDetail):
    """事業協力: an agreement sharing roles between the parties."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="cooperation")
    agreement_name = models.CharField(
        _("協定の名称"), max_length=200, help_text=_("例: 包括連携協定、災害時応援協定")
    )
    concluded_on = models.DateField(_("締結日"), null=True, blank=True)
    term = models.CharField(_("協定の期間"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("事業協力の内容")
        verbose_name_plural = _("事業協力の内容")


class CohostingDetail(FormDetail):
    """共催: the city and the organisations host the work as equals."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="cohosting")
    cost_sharing = models.TextField(_("経費の分担の考え方"), blank=True)

    class Meta:
        verbose_name = _("共催の内容")
        verbose_name_plural = _("共催の内容")


FORM_DETAIL_ATTRIBUTES = {
    Form.SUBSIDY: "subsidy",
    Form.PATRONAGE: "patronage",
    Form.COMMISSION: "commission",
    Form.COMMITTEE: "committee",
    Form.COOPERATION: "cooperation",
    Form.COHOSTING: "cohosting",
}


class Report(models.Model):
    """実績報告: what the project did, submitted by the lead organisation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("作成中")
        SUBMITTED = "submitted", _("提出済み")
        RETURNED = "returned", _("差し戻し")
        ACCEPTED = "accepted", _("受理")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="report")
    activities = models.TextField(_("実施した内容"))
    participants = models.PositiveIntegerField(_("参加者数"), null=True, blank=True)
    outcomes = models.TextField(_("成果"), blank=True)
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("実績報告")
        verbose_name_plural = _("実績報告")

    def __str__(self):
        return f"{self.project} の実績報告"


class ReportPhoto(models.Model):
    """A photo of the results report (実績報告), with its description for screen readers."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("写真"), upload_to="projects/reports/")
    alt = models.CharField(
        _("写真の説明"), max_length=200, help_text=_("写っているものを短く書きます。")
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("実績報告の写真")
        verbose_name_plural = _("実績報告の写真")

    def __str__(self):
        return self.alt


class Transition(HistoryEntry):
    """The project's history: every action of its lifecycle (state changes, notices, report
    steps, staff edits with their changed fields). Written only by the lifecycle."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("操作"), max_length=30, choices=ProjectAction.choices)
    from_status = models.CharField(_("変更前"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("変更後"), max_length=20, choices=Status.choices, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("事業の履歴")
        verbose_name_plural = _("事業の履歴")

    def __str__(self):
        return f"{self.project}: {self.from_status} → {self.to_status}"


class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT: no URL of their own, served only by a view that checks
    who asks (settings.PRIVATE_MEDIA_ROOT, read when used so that tests can move it)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; use the view that serves them.")


private_storage = PrivateStorage()


def _private_storage():
    return private_storage


def attachment_path(instance, filename):
    """A random name: the person's file name is kept in the row, never used on disk."""
    return f"proposals/{instance.project_id}/{uuid.uuid4().hex}.{instance.extension}"


class AttachmentKind(models.TextChoices):
    BYLAWS = "bylaws", _("規約・会則")
    OFFICERS = "officers", _("役員名簿")
    OUTLINE = "outline", _("開催要項")
    BUDGET = "budget", _("収支予算書")
    RECEIPT = "receipt", _("領収書")
    OTHER = "other", _("その他の資料")


# The documents each form asks for (besides その他の資料, which every form accepts).
ATTACHMENT_KINDS_BY_FORM = {
    Form.PATRONAGE: (
        AttachmentKind.BYLAWS,
        AttachmentKind.OFFICERS,
        AttachmentKind.OUTLINE,
        AttachmentKind.BUDGET,
    ),
    Form.SUBSIDY: (AttachmentKind.BUDGET, AttachmentKind.RECEIPT),
}
# The documents a proposal cannot be submitted without.
REQUIRED_ATTACHMENT_KINDS = {
    Form.PATRONAGE: ATTACHMENT_KINDS_BY_FORM[Form.PATRONAGE],
}


def attachment_kinds_for(form):
    return (*ATTACHMENT_KINDS_BY_FORM.get(form, ()), AttachmentKind.OTHER)


class Attachment(models.Model):
    """A document of a proposal. Checked by content on upload (portal.uploads)."""

    Kind = AttachmentKind

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("書類の種類"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(
        _("ファイル"), upload_to=attachment_path, storage=_private_storage, max_length=200
    )
    original_name = models.CharField(_("元のファイル名"), max_length=255)
    content_type = models.CharField(_("ファイルの形式"), max_length=100)
    size = models.PositiveBigIntegerField(_("大きさ(バイト)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登録した人"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at", "id"]
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("projects:attachment", args=[self.project_id, self.pk])

    @property
    def extension(self):
        return extension_for(self.content_type)

    @property
    def is_image(self):
        return self.content_type in ("image/png", "image/jpeg")
