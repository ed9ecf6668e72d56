"""Each form's own data (形態ごとの内容): one row beside its project."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import Project


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
    granted_on = models.DateField(_("交付決定日"), null=True, blank=True)
    # The lines themselves are BudgetLine rows; these notes say what the lines do not.
    budget_plan = models.TextField(_("収支予算の補足"), blank=True)
    # 概算払: the granted amount is paid before the work; otherwise (精算払) the city pays
    # the confirmed amount afterwards, and nothing is ever to be refunded (projects/money.py).
    advance_payment = models.BooleanField(_("概算払(前金払)を希望する"), default=False)
    settlement = models.TextField(_("収支決算の補足"), blank=True)
    confirmed_amount = models.PositiveBigIntegerField(_("確定額(円)"), null=True, blank=True)
    confirmed_on = models.DateField(_("確定日"), null=True, blank=True)

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
