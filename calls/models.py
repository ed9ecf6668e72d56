"""Open calls for proposals (協働事業提案制度): the call, its scoring items and questions, the
proposals made to it, its reviewers (審査委員), their reviews and declared conflicts.

A proposal to a call is an ordinary project proposal (projects.Project) linked to the call by
a `CallProposal`; its answers to the call's questions hang on that link. 採択 / 不採択 is the
project's approve / reject (projects/lifecycle.py); the call's own states are in
calls/lifecycle.py.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import display_name_of
from organizations.models import Department
from portal.models import HistoryEntry
from portal.search import Document
from projects.models import Project

# The most points a single scoring item may carry.
MAX_ITEM_POINTS = 100


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("準備中")
    OPEN = "open", _("募集中")
    REVIEWING = "reviewing", _("審査中")
    CLOSED = "closed", _("結果公表")


class CallAction(models.TextChoices):
    CREATE = "create", _("登録")
    EDIT = "edit", _("編集")
    OPEN = "open", _("募集を始める")
    START_REVIEW = "start_review", _("受付を終えて審査に入る")
    CLOSE = "close", _("審査を終えて結果を公表する")
    APPOINT = "appoint", _("審査委員の委嘱")
    DISMISS = "dismiss", _("審査委員の解嘱")


class Call(models.Model):
    """A call (募集): what is asked for, when, by whom, how proposals are scored."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("市民提案型")
        CITY = "city", _("行政提案型")

    Status = CallStatus

    title = models.CharField(_("募集の名称"), max_length=200)
    theme = models.TextField(_("テーマ"), max_length=2000)
    description = models.TextField(
        _("募集の内容"), blank=True, help_text=_("対象となる事業、応募の条件、審査の進め方など。")
    )
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices, default=Kind.CITIZEN)
    department = models.ForeignKey(
        Department,
        verbose_name=_("提案する担当課"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        help_text=_("行政提案型のとき、テーマを示した課を選びます。"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("実施年度"))
    opens_on = models.DateField(_("受付開始日"))
    closes_on = models.DateField(_("受付締切日"))
    budget_ceiling = models.PositiveBigIntegerField(_("事業費の上限(円)"), null=True, blank=True)
    result_summary = models.TextField(
        _("審査の総評"),
        blank=True,
        help_text=_("結果を公表するときに、採択された提案とともに公開されます。"),
    )
    status = models.CharField(
        _("状態"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登録者"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    opened_at = models.DateTimeField(_("募集開始日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("結果公表日時"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("協働事業提案の募集")
        verbose_name_plural = _("協働事業提案の募集")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="call_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.status != CallStatus.DRAFT

    @property
    def results_published(self):
        return self.status == CallStatus.CLOSED

    def is_accepting(self, today):
        """Proposals may be submitted: the call is open and today lies in its period."""
        return self.status == CallStatus.OPEN and self.opens_on <= today <= self.closes_on

    def phase_label(self, today):
        """What the public pages say of the call today."""
        if self.status == CallStatus.OPEN:
            if today < self.opens_on:
                return _("受付前")
            if today > self.closes_on:
                return _("受付終了")
            return _("受付中")
        return self.get_status_display()

    @property
    def max_total(self):
        return sum(item.max_points for item in self.items.all())


class ScoringItem(models.Model):
    """One scoring item (審査項目) with its maximum points, e.g. 公益性 (20点)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("審査項目"), max_length=60)
    description = models.CharField(_("審査の観点"), max_length=300, blank=True)
    max_points = models.PositiveSmallIntegerField(
        _("配点"), validators=[MinValueValidator(1), MaxValueValidator(MAX_ITEM_POINTS)]
    )
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("審査項目")
        verbose_name_plural = _("審査項目")

    def __str__(self):
        return self.name


class Question(models.Model):
    """A question of the call's own (e.g. 提案の背景, 市との役割分担の考え), answered with the
    proposal."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("設問"), max_length=300)
    help_text = models.CharField(_("設問の説明"), max_length=300, blank=True)
    is_required = models.BooleanField(_("回答必須"), default=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("公募の設問")
        verbose_name_plural = _("公募の設問")

    def __str__(self):
        return self.text


class CallProposal(models.Model):
    """A project proposal made to a call."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="proposals")
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="call_link")
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("公募への提案")
        verbose_name_plural = _("公募への提案")

    def __str__(self):
        return str(self.project)


class Answer(models.Model):
    proposal = models.ForeignKey(CallProposal, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("回答"), max_length=4000, blank=True)

    class Meta:
        ordering = ["question__order", "question__pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "question"], name="one_answer_per_question")
        ]
        verbose_name = _("設問への回答")
        verbose_name_plural = _("設問への回答")

    def __str__(self):
        return f"{self.proposal} / {self.question}"


class Reviewer(models.Model):
    """A reviewer (審査委員) of a call: city staff or an outside person with an account."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("審査委員"),
        on_delete=models.CASCADE,
        related_name="call_reviews",
    )
    appointed_at = models.DateTimeField(_("委嘱日時"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="one_reviewer_per_call_and_user")
        ]
        verbose_name = _("審査委員")
        verbose_name_plural = _("審査委員")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return display_name_of(self.user)


class Conflict(models.Model):
    """A conflict of interest a reviewer declared on one proposal: no score from them."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conflicts")
    proposal = models.ForeignKey(CallProposal, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(_("利害関係の内容"), max_length=300)
    declared_at = models.DateTimeField(_("申告日時"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "proposal"], name="one_conflict_per_reviewer_and_proposal"
            )
        ]
        verbose_name = _("利害関係の申告")
        verbose_name_plural = _("利害関係の申告")

    def __str__(self):
        return f"{self.reviewer} / {self.proposal}"


class Review(models.Model):
    """A reviewer's scoring of one proposal: a score per item and a summary comment."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="reviews")
    proposal = models.ForeignKey(CallProposal, on_delete=models.CASCADE, related_name="reviews")
    summary = models.TextField(
        _("総評コメント"),
        max_length=2000,
        blank=True,
        help_text=_("結果の公表のとき、採択された提案には審査委員の名前を伏せて公開されます。"),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "proposal"], name="one_review_per_reviewer_and_proposal"
            )
        ]
        verbose_name = _("審査")
        verbose_name_plural = _("審査")

    def __str__(self):
        return f"{self.reviewer} / {self.proposal}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(ScoringItem, on_delete=models.CASCADE, related_name="scores")
    points = models.PositiveSmallIntegerField(
        _("得点"), validators=[MaxValueValidator(MAX_ITEM_POINTS)]
    )
    comment = models.TextField(_("コメント"), max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="one_score_per_review_and_item")
        ]
        verbose_name = _("審査項目の得点")
        verbose_name_plural = _("審査項目の得点")

    def __str__(self):
        return f"{self.item}: {self.points}"


class CallEntry(HistoryEntry):
    """The call's history: registered, edited, opened, reviewing, closed, reviewers."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("操作"), max_length=30, choices=CallAction.choices)
    from_status = models.CharField(
        _("変更前"), max_length=20, choices=CallStatus.choices, blank=True
    )
    to_status = models.CharField(_("変更後"), max_length=20, choices=CallStatus.choices, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("公募の履歴")
        verbose_name_plural = _("公募の履歴")


class CallDocument(Document):
    """What search reads of a call (calls/search.py writes it)."""

    call = models.OneToOneField(
        Call, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
