"""The dialogue on a proposal (問い合わせ・協議): a thread between the organisation and the city.

The thread is not a lifecycle state: each message is an action of the project lifecycle
without a target (projects/lifecycle.py), so that it is locked, recorded in the project's
history and mailed after the commit like every other action. The thread shows, besides the
messages, what the lifecycle already says to the other side: a return's questions and a
resubmission's note of what was changed (with its field-by-field differences, for staff).

Who reads what:
- the organisation (the lead organisation's members): its own messages, the city's messages,
  the returns and resubmissions; never a 庁内メモ, nor any file of one;
- the city staff concerned (協働推進課 and the project's 担当課): everything, the notes marked;
- anyone else: nothing (the pages answer 404).
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from organizations.models import Department
from organizations.permissions import is_coordinating_staff
from portal import uploads
from portal.forms import PortalFormMixin
from portal.history import PARTIES, STAFF, visible_entries

from . import lifecycle
from .models import MessageFile, ProjectAction, Status, Transition
from .permissions import can_view_proposal, is_department_staff, is_lead_member

A = ProjectAction
MESSAGES = (A.ORGANIZATION_MESSAGE, A.CITY_MESSAGE, A.INTERNAL_NOTE)
MESSAGE_MAX_LENGTH = 4000

# Who writes: the organisation's side or the city's.
ORGANIZATION_SIDE, CITY_SIDE = "organization", "city"
# What the city writes: a message to the organisation, or a note for the city staff only.
TO_ORGANIZATION, INTERNAL = "organization", "internal"


def can_read_internal(user, project):
    """The city staff concerned read the notes (庁内メモ) of a project."""
    return is_coordinating_staff(user) or is_department_staff(user, project)


def can_write_as_organization(user, project):
    return is_lead_member(user, project)


def can_write_as_city(user, project):
    return can_read_internal(user, project)


def can_read_thread(user, project):
    return can_view_proposal(user, project)


def audience_of(user, project):
    return STAFF if can_read_internal(user, project) else PARTIES


# --- Reading ---------------------------------------------------------------------------------


@dataclass
class ThreadItem:
    entry: Transition
    side: str
    label: str
    author: str  # the side's name (the organisation, the city's department)
    is_internal: bool
    files: list = field(default_factory=list)
    changes: list = field(default_factory=list)

    @property
    def at(self):
        return self.entry.created_at

    @property
    def comment(self):
        return self.entry.comment

    @property
    def actor(self):
        return self.entry.actor


def _thread_filter():
    return (
        Q(action__in=MESSAGES)
        | Q(action=A.RETURN)
        | Q(action=A.SUBMIT, from_status=Status.RETURNED)
    )


def _city_name(department_ids, departments):
    """The department a city message comes from: the writer's own, the coordinating one
    first; the city's name when the writer belongs to none."""
    mine = sorted(
        (d for d in departments if d.pk in department_ids),
        key=lambda d: (not d.is_coordinating, d.name),
    )
    return mine[0].name if mine else str(_("市"))


def author_name(entry):
    """The side's name of one entry (for a mail): the organisation, or the writer's department."""
    if entry.action in (A.ORGANIZATION_MESSAGE, A.SUBMIT):
        return entry.project.lead_organization.name
    departments = list(entry.actor.departments.all()) if entry.actor else []
    return _city_name({d.pk for d in departments}, departments)


def thread_items(project, *, audience):
    """The thread of a proposal as `audience` may read it, oldest first."""
    entries = list(
        visible_entries(project.transitions.filter(_thread_filter()), audience=audience)
        .select_related("actor")
        .prefetch_related(Prefetch("files", queryset=MessageFile.objects.order_by("id")))
    )
    actor_ids = {entry.actor_id for entry in entries if entry.actor_id}
    memberships = {}
    for row in Department.staff.through.objects.filter(user_id__in=actor_ids):
        memberships.setdefault(row.user_id, set()).add(row.department_id)
    departments = list(Department.objects.filter(staff__in=actor_ids).distinct())
    items = []
    for entry in entries:
        from_organization = entry.action in (A.ORGANIZATION_MESSAGE, A.SUBMIT)
        items.append(
            ThreadItem(
                entry=entry,
                side=ORGANIZATION_SIDE if from_organization else CITY_SIDE,
                label=lifecycle.label(entry.action),
                author=(
                    project.lead_organization.name
                    if from_organization
                    else _city_name(memberships.get(entry.actor_id, set()), departments)
                ),
                is_internal=entry.visibility == STAFF,
                files=list(entry.files.all()),
                # What a resubmission changed, field by field, is for the staff's review.
                changes=(entry.changes or []) if audience == STAFF else [],
            )
        )
    return items


# --- Writing ---------------------------------------------------------------------------------


class MessageForm(PortalFormMixin, forms.Form):
    """A message of the thread, with one file. The city's form also asks whom it is for."""

    recipient = forms.ChoiceField(
        label=_("送り先"),
        choices=(
            (TO_ORGANIZATION, _("団体に送る(団体のメンバーにメールで届きます)")),
            (INTERNAL, _("庁内メモにする(市の職員だけが読めます。団体には届きません)")),
        ),
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("メッセージ"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    file = forms.FileField(
        label=_("添付ファイル"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": uploads.DOCUMENT.accept}),
    )

    def __init__(self, *args, side, max_bytes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.side = side
        self.max_bytes = max_bytes or uploads.DOCUMENT.max_bytes
        if side == ORGANIZATION_SIDE:
            del self.fields["recipient"]
            self.fields["body"].help_text = _(
                "協働推進課と担当課の職員に届きます(%(count)s字まで)。"
            ) % {"count": MESSAGE_MAX_LENGTH}
        else:
            self.fields["body"].help_text = _("送り先を選んでから書きます(%(count)s字まで)。") % {
                "count": MESSAGE_MAX_LENGTH
            }
        self.fields["file"].help_text = _(
            "1つまで、%(size)s以下。PDF、PNG・JPEG画像、Word・Excel・PowerPointのファイルです。"
        ) % {"size": filesizeformat(self.max_bytes)}
        self.checked = None
        self.prepare_fields()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                self.checked = uploads.check_upload(
                    upload, uploads.DOCUMENT, max_bytes=self.max_bytes
                )
            except ValidationError as error:
                raise error from None
        return upload

    @property
    def action(self):
        if self.side == ORGANIZATION_SIDE:
            return A.ORGANIZATION_MESSAGE
        if self.cleaned_data.get("recipient") == INTERNAL:
            return A.INTERNAL_NOTE
        return A.CITY_MESSAGE


def message_post(*, project, actor, action, body, upload=None, checked=None):
    """Post a message (an action of the lifecycle, so recorded and mailed after the commit)
    with its file, in one transaction. Raises LifecycleError when the actor may not."""
    if action not in MESSAGES:
        raise ValueError(f"{action} is not a message")
    with transaction.atomic():
        locked = lifecycle.apply(project, action, actor=actor, comment=body)
        # The row lock is held until the commit: the newest entry of this action by this
        # actor is the one just written.
        entry = (
            Transition.objects.filter(project=locked, action=action, actor=actor)
            .order_by("-id")
            .first()
        )
        if upload is not None:
            message_file = MessageFile(
                transition=entry,
                original_name=uploads.clean_file_name(upload.name),
                content_type=checked.content_type,
                size=checked.size,
            )
            message_file.file.save("upload", upload, save=False)
            message_file.save()
    return entry


def can_read_file(user, message_file):
    """A message's file is read by whoever may read the message."""
    project = message_file.transition.project
    if not can_read_thread(user, project):
        return False
    if message_file.transition.visibility == STAFF:
        return can_read_internal(user, project)
    return True
