from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from city.profile import current as current_city
from organizations.models import Department, Organization
from portal.models import HistoryEntry, english_field, gloss, localized
from projects.models import Project


class Principle(models.Model):
    """One of 協働の7つの基本原則, with its official definition."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    name_en = english_field(_("名称(英語)"), 100)
    definition = models.CharField(_("定義"), max_length=200)
    definition_en = english_field(
        _("定義の英訳"), 300, help_text=_("英語の画面で、定義(原文のまま)に添える翻訳です。")
    )
    explanation = models.TextField(_("解説"), blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("基本原則")
        verbose_name_plural = _("基本原則")

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        """The name in the reader's language."""
        return localized(self, "name")

    @property
    def definition_gloss(self):
        """The English translation beside the official definition (English interface only)."""
        return gloss(self, "definition")


class ChecklistItem(models.Model):
    """A question of the self-check (事前チェック) under one principle."""

    principle = models.ForeignKey(
        Principle, on_delete=models.CASCADE, related_name="checklist_items"
    )
    text = models.CharField(_("確認項目"), max_length=300)
    text_en = english_field(_("確認項目(英語)"), 400)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    is_active = models.BooleanField(_("使用中"), default=True)

    class Meta:
        ordering = ["principle__order", "order", "id"]
        verbose_name = _("チェック項目")
        verbose_name_plural = _("チェック項目")

    def __str__(self):
        return self.text

    @property
    def label(self):
        """The question in the reader's language."""
        return localized(self, "text")


class Score(models.IntegerChoices):
    FULLY = 4, _("十分できた")
    MOSTLY = 3, _("ある程度できた")
    HARDLY = 2, _("あまりできなかった")
    NOT = 1, _("できなかった")


class Recommendation(models.TextChoices):
    CONTINUE = "continue", _("継続")
    EXPAND = "expand", _("拡充")
    REVIEW = "review", _("見直し")
    END = "end", _("終了")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("提出済み")
    DECLINED = "declined", _("辞退")


class EvaluationAction(models.TextChoices):
    SUBMIT = "submit", _("相互評価の提出")
    DECLINE = "decline", _("相互評価の辞退")
    REMIND = "remind", _("相互評価の催促")
    EXTEND = "extend", _("提出期限の延長")


class Evaluation(models.Model):
    """相互評価 by one party: the city side or one partner organisation."""

    Status = EvaluationStatus

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evaluations")
    department = models.ForeignKey(
        Department,
        verbose_name=_("市(担当課)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("団体"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
    )
    outcomes = models.TextField(_("成果"), blank=True)
    issues = models.TextField(_("課題"), blank=True)
    recommendation = models.CharField(
        _("今後の方向性"), max_length=20, choices=Recommendation.choices, blank=True
    )
    # Written only by the evaluation lifecycle (principles/lifecycle.py).
    status = models.CharField(
        _("状態"), max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    # A party that never answers is marked as declined by 協働推進課, with the reason shown.
    declined_at = models.DateTimeField(_("辞退とした日時"), null=True, blank=True)
    decline_reason = models.TextField(_("辞退の理由"), blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("辞退とした職員"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set when the party is asked (principles.services.evaluations_open); the city side may
    # extend it (the lifecycle's `extend`). Reminders are sent by staff or by the portal.
    deadline = models.DateField(_("提出期限"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("最後に催促した日時"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("相互評価")
        verbose_name_plural = _("相互評価")
        constraints = [
            models.CheckConstraint(
                condition=(Q(department__isnull=False) & Q(organization__isnull=True))
                | (Q(department__isnull=True) & Q(organization__isnull=False)),
                name="evaluation_has_one_party",
            ),
            models.UniqueConstraint(
                fields=["project", "department"],
                condition=Q(department__isnull=False),
                name="one_city_evaluation_per_project",
            ),
            models.UniqueConstraint(
                fields=["project", "organization"],
                condition=Q(organization__isnull=False),
                name="one_evaluation_per_organization",
            ),
        ]

    def __str__(self):
        return f"{self.project}: {self.party_name}"

    @property
    def is_done(self):
        """Submitted, or declined by staff: either way the party counts as answered."""
        return self.status in DONE

    @property
    def is_declined(self):
        return self.status == EvaluationStatus.DECLINED

    @property
    def is_city(self):
        return self.department_id is not None

    def is_overdue(self, today):
        """Still open after its deadline (`today` in the portal's time zone)."""
        return not self.is_done and self.deadline is not None and self.deadline < today

    @property
    def party_name(self):
        if self.is_city:
            return f"{current_city().localized().name}({self.department.label})"
        return self.organization.name


DONE = (EvaluationStatus.SUBMITTED, EvaluationStatus.DECLINED)


class EvaluationEntry(HistoryEntry):
    """The evaluation's history: its submission, or its being marked as declined."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("操作"), max_length=30, choices=EvaluationAction.choices)
    from_status = models.CharField(
        _("変更前"), max_length=20, choices=EvaluationStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("変更後"), max_length=20, choices=EvaluationStatus.choices, blank=True
    )

    class Meta(HistoryEntry.Meta):
        verbose_name = _("相互評価の履歴")
        verbose_name_plural = _("相互評価の履歴")

    def __str__(self):
        return f"{self.evaluation}: {self.from_status} → {self.to_status}"


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("評価"),
        choices=Score.choices,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    comment = models.TextField(_("コメント"), blank=True)

    class Meta:
        ordering = ["principle__order"]
        verbose_name = _("原則ごとの評価")
        verbose_name_plural = _("原則ごとの評価")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "principle"], name="one_score_per_principle"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=4), name="score_between_1_and_4"
            ),
        ]

    def __str__(self):
        return f"{self.principle}: {self.score}"


class JointNote(models.Model):
    """話し合いの結果: what the parties concluded together about a principle their scores
    differed on (a point to discuss), written after the comparison is published."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="joint_notes")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("話し合いの結果"), max_length=2000)
    # Who wrote it last: the party's name as it was then, and the person (never shown publicly).
    written_by_party = models.CharField(_("記入した当事者"), max_length=200)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("記入した人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["principle__order"]
        verbose_name = _("話し合いの結果")
        verbose_name_plural = _("話し合いの結果")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "principle"], name="one_joint_note_per_principle"
            )
        ]

    def __str__(self):
        return f"{self.project}: {self.principle}"


class SelfCheckAnswer(models.Model):
    """The proposer's answer to one checklist item of the self-check (事前チェック)."""

    class Answer(models.TextChoices):
        YES = "yes", _("はい")
        PARTLY = "partly", _("一部")
        NO = "no", _("いいえ")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="self_check_answers"
    )
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("確認項目"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    answer = models.CharField(_("回答"), max_length=10, choices=Answer.choices, blank=True)
    note = models.TextField(_("補足"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["item__principle__order", "item__order", "item_id"]
        verbose_name = _("事前チェックの回答")
        verbose_name_plural = _("事前チェックの回答")
        constraints = [
            models.UniqueConstraint(fields=["project", "item"], name="one_answer_per_item")
        ]

    def __str__(self):
        return f"{self.project}: {self.item} → {self.get_answer_display()}"
