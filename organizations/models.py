import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.files import private_file_storage
from portal.models import HistoryEntry, WebsiteField, english_field, localized
from portal.search import Document
from portal.uploads import extension_for


class ActivityField(models.Model):
    """One of the 20 fields of 特定非営利活動促進法 別表 (master data)."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("名称(法律の文言)"), max_length=100)
    short_name = models.CharField(
        _("短い名称"),
        max_length=40,
        blank=True,
        help_text=_(
            "一覧や選択肢で先に示す、分かりやすい名称です。空欄のときは法律の文言を示します。"
        ),
    )
    name_en = english_field(_("名称(法律の文言の英訳)"), 200)
    short_name_en = english_field(_("短い名称(英語)"), 60)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("活動分野")
        verbose_name_plural = _("活動分野")

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The plain name people read first (the Act's wording where there is none), in the
        reader's language."""
        return localized(self, "short_name") or self.official_name

    @property
    def official_name(self):
        """The Act's wording (its English translation in the English interface)."""
        return localized(self, "name")


class Area(models.Model):
    """A part of the city (master data the city may refine)."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = english_field(_("名称(英語)"), 100)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("地区")
        verbose_name_plural = _("地区")

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        """The name in the reader's language."""
        return localized(self, "name")


class Department(models.Model):
    """A city department (担当課): the city side of a project."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = english_field(_("名称(英語)"), 100)
    is_coordinating = models.BooleanField(
        _("協働推進課"), default=False, help_text=_("協働を総合調整する課であれば選びます。")
    )
    phone = models.CharField(_("電話番号"), max_length=30, blank=True)
    email = models.EmailField(_("電子メール"), blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("職員"),
        related_name="departments",
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("担当課")
        verbose_name_plural = _("担当課")
        # The desk's rights, granted through the groups 協働推進課 and 担当課
        # (organizations/permissions.py decides with them).
        permissions = [
            ("use_desk", _("職員デスクを使える")),
            ("review_all", _("すべての団体と協働事業を審査できる")),
        ]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        """The name in the reader's language."""
        return localized(self, "name")


class OrganizationQuerySet(models.QuerySet):
    def public(self):
        """Organisations anyone may see: approved ones only."""
        return self.filter(status=Organization.Status.APPROVED)


class Organization(models.Model):
    class Kind(models.TextChoices):
        NPO = "npo", _("NPO法人")
        CIVIC = "civic", _("市民活動団体")
        COMMUNITY = "community", _("自治組織(自治会・町内会)")
        BUSINESS = "business", _("企業・事業者")
        ACADEMIC = "academic", _("大学・教育機関")
        OTHER = "other", _("その他")

    class Status(models.TextChoices):
        PENDING = "pending", _("承認待ち")
        APPROVED = "approved", _("承認済み")
        REJECTED = "rejected", _("不承認")
        SUSPENDED = "suspended", _("停止中")

    name = models.CharField(_("団体名"), max_length=200)
    name_kana = models.CharField(
        _("団体名の読み仮名"),
        max_length=200,
        help_text=_("全角カタカナまたはひらがなで入力します。一覧は五十音順に並びます。"),
    )
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    fields = models.ManyToManyField(
        ActivityField, verbose_name=_("活動分野"), related_name="organizations", blank=True
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("活動地区"),
        on_delete=models.PROTECT,
        related_name="organizations",
        null=True,
        blank=True,
    )
    description = models.TextField(_("団体の紹介"), blank=True)
    offers = models.TextField(_("できること"), blank=True)
    needs = models.TextField(_("求めていること"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("設立年(西暦)"), null=True, blank=True)

    # Public contact: only what the organisation chose to publish.
    public_email = models.EmailField(_("公開する電子メール"), blank=True)
    public_phone = models.CharField(_("公開する電話番号"), max_length=30, blank=True)
    public_url = WebsiteField(_("ウェブサイト"), blank=True)
    logo = models.ImageField(_("ロゴ"), upload_to="organizations/logos/", blank=True)

    # Private contact: staff only, never shown publicly.
    representative_name = models.CharField(_("代表者名"), max_length=100, blank=True)
    representative_phone = models.CharField(_("代表者の電話番号"), max_length=30, blank=True)
    representative_address = models.CharField(_("代表者の住所"), max_length=300, blank=True)
    private_email = models.EmailField(_("事務連絡用の電子メール"), blank=True)

    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organizations",
        verbose_name=_("メンバー"),
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    approved_at = models.DateTimeField(_("承認日時"), null=True, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name_kana", "id"]
        verbose_name = _("団体")
        verbose_name_plural = _("団体")
        indexes = [models.Index(fields=["status", "name_kana"])]
        constraints = [
            # From 明治元年; the form also refuses years after this one.
            models.CheckConstraint(
                condition=models.Q(founded_year__isnull=True)
                | models.Q(founded_year__gte=1868, founded_year__lte=2100),
                name="organization_founded_year_in_range",
                violation_error_message=_("設立年は1868年以降の西暦で入力してください。"),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", args=[self.pk])

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED


class OrganizationAction(models.TextChoices):
    """The actions of the organisation lifecycle (organizations/lifecycle.py)."""

    REGISTER = "register", _("登録の申請")
    APPROVE = "approve", _("承認")
    REJECT = "reject", _("不承認")
    SUSPEND = "suspend", _("停止")
    EDIT = "edit", _("編集")
    UPDATE_PROFILE = "update_profile", _("団体の情報の更新")
    CHANGE_IDENTITY = "change_identity", _("団体名などの変更")


class OrganizationTransition(HistoryEntry):
    """The organisation's history: registration, staff decisions and edits."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("操作"), max_length=30, choices=OrganizationAction.choices)
    from_status = models.CharField(
        _("変更前"), max_length=20, choices=Organization.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("変更後"), max_length=20, choices=Organization.Status.choices, blank=True
    )

    class Meta(HistoryEntry.Meta):
        verbose_name = _("団体の履歴")
        verbose_name_plural = _("団体の履歴")

    def __str__(self):
        return f"{self.organization}: {self.get_action_display()}"


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("管理者")
        EDITOR = "editor", _("編集者")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("メンバー")
        verbose_name_plural = _("メンバー")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} / {self.organization} ({self.get_role_display()})"


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations that can still be accepted: not used, not revoked, not expired."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def sent_since(self, moment):
        """Invitations mailed since `moment`, revoked and replaced ones included (they count
        against the daily limit: a mail went out for each)."""
        return self.filter(created_at__gte=moment)


class Invitation(models.Model):
    """An owner's invitation to join an organisation, sent by e-mail. The link carries
    a random token; only its hash is stored, and it works once, until it expires. A revoked
    or replaced invitation is kept (its link no longer works): it still counts as a mail
    sent."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("招待するメールアドレス"))
    role = models.CharField(
        _("役割"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.EDITOR
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("招待した人"),
        on_delete=models.SET_NULL,
        related_name="sent_invitations",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("招待日時"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有効期限"))
    accepted_at = models.DateTimeField(_("受諾日時"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受諾した人"),
        on_delete=models.SET_NULL,
        related_name="accepted_invitations",
        null=True,
        blank=True,
    )
    revoked_at = models.DateTimeField(_("取り消し日時"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("団体への招待")
        verbose_name_plural = _("団体への招待")

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def is_accepted(self):
        return self.accepted_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()


class OrganizationDocument(Document):
    """What search reads of an organisation (organizations/search.py writes it)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )


class StandingDocumentQuerySet(models.QuerySet):
    def valid(self, day=None):
        """Documents still in force on `day` (today)."""
        return self.filter(valid_until__gte=day or timezone.localdate())


def standing_document_path(instance, filename):
    """A random name: the person's file name is kept in the row, never used on disk."""
    return f"organizations/{instance.organization_id}/{uuid.uuid4().hex}.{instance.extension}"


class StandingDocument(models.Model):
    """A document the organisation keeps once (規約・会則, 役員名簿, …) and attaches to its
    proposals from here. Private: its members who manage it, and the staff of a proposal it
    is attached to, see it; never the public. The codes of `Kind` are those of the proposal
    documents of the same name (projects.AttachmentKind)."""

    class Kind(models.TextChoices):
        BYLAWS = "bylaws", _("規約・会則")
        OFFICERS = "officers", _("役員名簿")
        FINANCIAL = "financial", _("決算書")
        OTHER = "other", _("その他の資料")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="standing_documents"
    )
    kind = models.CharField(_("書類の種類"), max_length=20, choices=Kind.choices)
    file = models.FileField(
        _("ファイル"),
        upload_to=standing_document_path,
        storage=private_file_storage,
        max_length=200,
    )
    original_name = models.CharField(_("元のファイル名"), max_length=255)
    content_type = models.CharField(_("ファイルの形式"), max_length=100)
    size = models.PositiveBigIntegerField(_("大きさ(バイト)"))
    valid_until = models.DateField(
        _("有効期限"), help_text=_("この日まで有効な書類として提案に添付できます。")
    )
    # The renewal reminder is sent once for a valid-until date (a new date asks again).
    reminded_for = models.DateField(_("更新のお知らせを送った有効期限"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登録した人"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    objects = StandingDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-valid_until", "id"]
        verbose_name = _("団体の書類")
        verbose_name_plural = _("団体の書類")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_absolute_url(self):
        return reverse("organizations:document", args=[self.organization_id, self.pk])

    @property
    def extension(self):
        return extension_for(self.content_type)

    def is_valid_on(self, day):
        return self.valid_until >= day
