"""Writes that touch several rows: a project with its form-specific data, partners, events,
files and history. Each is atomic, takes the row lock where a row exists, and records what
changed through the lifecycle. Views validate with forms and call these."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal import once, uploads
from portal.changes import StaleEdit, diff, save_edit, snapshot

from . import lifecycle, permissions
from .models import (
    Attachment,
    Form,
    FormGuide,
    Partner,
    Project,
    ProjectAction,
    Report,
    ReportPhoto,
    SubsidyDetail,
)
from .schedule import patronage_schedule_derive


class NotEditable(Exception):
    """The proposal may no longer be edited (it was submitted meanwhile); nothing was written."""


def proposal_save(*, parts, sections=(), actor, project=None, form_code=None):
    """Create a draft (project None) or save one, with every part of the editor, in one
    transaction under the row lock: the common part, the form's own part, partners, events,
    files and the parts other apps add (`sections`: [(ProposalSection, form)]).

    Raises StaleEdit when someone saved the draft since the page was shown, NotEditable when
    it may no longer be edited (submitted meanwhile). Returns the saved project."""
    with transaction.atomic():
        claimed = None
        if project is None:
            # A second post of the same new proposal page leads to the draft the first made.
            claimed = once.claim(parts["project"].once_key("proposal", actor))
        else:
            locked = Project.objects.select_for_update().get(pk=project.pk)
            if not permissions.can_edit_proposal(actor, locked):
                raise NotEditable
            if parts["project"].is_stale(locked):
                raise StaleEdit
        proposal = parts["project"].save(commit=False)
        if project is None:
            proposal.form = form_code
            proposal.status = Project.Status.DRAFT
            proposal.created_by = actor
            proposal.save()
        else:
            # What the editor may change on the project row (never its state).
            editable = [
                name
                for name in parts["project"]._meta.fields
                if not Project._meta.get_field(name).many_to_many
            ]
            proposal.save(update_fields=[*editable, "updated_at"])
        parts["project"].save_m2m()
        detail = parts["detail"].save(commit=False)
        detail.project = proposal
        detail.save()
        for name in ("partners", "events", "income", "expenses"):
            if name in parts:
                parts[name].instance = proposal
                parts[name].save()
        if proposal.form == Form.PATRONAGE:
            patronage_schedule_derive(project=proposal, detail=detail)
        _partners_to_ask(parts["partners"])
        for section, form in sections:
            section.save(form, proposal)
        obsolete = _files_save(parts["files"], proposal, actor)
        once.remember(claimed, reverse("projects:proposal_edit", args=[proposal.pk]))

        def delete_replaced_files():
            for storage, name in obsolete:
                storage.delete(name)

        transaction.on_commit(delete_replaced_files)
    return proposal


def _partners_to_ask(formset):
    """A partner named by its registered organisation is asked to confirm its role (and asked
    again when the organisation named changes); a plain name needs no confirmation."""
    for form in formset.forms:
        partner = form.instance
        if partner.pk is None or (form.cleaned_data or {}).get("DELETE"):
            continue
        if partner.organization_id is None:
            consent = Partner.Consent.NOT_NEEDED
        elif "organization" in form.changed_data or partner.consent == Partner.Consent.NOT_NEEDED:
            consent = Partner.Consent.REQUESTED
        else:
            continue
        if partner.consent != consent:
            Partner.objects.filter(pk=partner.pk).update(consent=consent, responded_at=None)


def _files_save(form, project, actor):
    """Store the main image and attachments a (valid) FilesForm received and remove what it
    was asked to remove; returns the stored files to delete once the commit is done."""
    obsolete = []
    for attachment in form.cleaned_data.get("remove_attachments") or ():
        obsolete.append((attachment.file.storage, attachment.file.name))
        attachment.delete()
    if form.cleaned_data.get("remove_image") and project.image:
        obsolete.append((project.image.storage, project.image.name))
        project.image = ""
    if "image" in form.checked:
        _upload, image = form.checked["image"]
        if project.image:
            obsolete.append((project.image.storage, project.image.name))
        project.image.save(image.name, image, save=False)
    if "image_alt" in form.cleaned_data:
        project.image_alt = form.cleaned_data["image_alt"]
    project.save(update_fields=["image", "image_alt", "updated_at"])
    for kind in form.kinds:
        name = f"file_{kind.value}"
        if name not in form.checked:
            continue
        upload, checked = form.checked[name]
        attachment_store(
            project=project,
            kind=kind,
            upload=upload,
            content_type=checked.content_type,
            size=checked.size,
            actor=actor,
        )
    for kind, document in form.chosen_documents():
        if f"file_{kind.value}" not in form.checked:  # a file chosen beside it wins
            attachment_from_document(project=project, kind=kind, document=document, actor=actor)
    return obsolete


# Kinds of which a proposal keeps several documents side by side (the others are versioned:
# a new upload replaces the one before).
SEVERAL_KINDS = (Attachment.Kind.OTHER, Attachment.Kind.RECEIPT)


def attachment_store(*, project, kind, upload, content_type, size, actor):
    """Store a checked upload (portal.uploads) as a document of the project; a document of a
    versioned kind replaces the current one of its kind."""
    attachment = Attachment(
        project=project,
        kind=kind,
        original_name=uploads.clean_file_name(upload.name),
        content_type=content_type,
        size=size,
        uploaded_by=actor,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    if kind not in SEVERAL_KINDS:  # a new version of the document
        project.attachments.current().filter(kind=kind).exclude(pk=attachment.pk).update(
            replaced_at=timezone.now(), replaced_by=attachment
        )
    return attachment


def attachment_from_document(*, project, kind, document, actor):
    """Attach one of the organisation's kept documents (organizations.StandingDocument): the
    proposal keeps its own copy, as it was when attached, so that a later renewal of the
    organisation's document never changes what was applied with."""
    with document.file.open("rb") as source:
        attachment = attachment_store(
            project=project,
            kind=kind,
            upload=File(source, name=document.original_name),
            content_type=document.content_type,
            size=document.size,
            actor=actor,
        )
    return attachment


def _detail_changes(detail_form, project):
    """Save the form-specific row from its (valid) form; return its changed fields."""
    names = list(detail_form._meta.fields)
    stored = None
    if detail_form.instance.pk:
        stored = type(detail_form.instance).objects.filter(pk=detail_form.instance.pk).first()
    before = snapshot(stored, names)
    detail = detail_form.save(commit=False)
    detail.project = project
    detail.save()
    return diff(detail, before, names)


def project_create(*, form, actor, publish=False, at=None):
    """Staff register a project for any organisation (the city starts many itself): saved as a
    draft, or published at once; one transaction, one history.

    `at` enters a project registered in the past (demo data, records from before the portal):
    the portal itself (actor None) records it as of that moment, and nobody is told."""
    names = list(form.Meta.fields)
    with transaction.atomic():
        claimed = once.claim(form.once_key("staff-project", actor))
        project = form.save(commit=False)
        project.created_by = actor
        project.save()
        form.save_m2m()
        lifecycle.apply(
            project, ProjectAction.CREATE, actor=actor, changes=diff(project, {}, names), at=at
        )
        if publish:
            project = lifecycle.apply(project, ProjectAction.PUBLISH, actor=actor, at=at)
        once.remember(claimed, reverse("staff:project_file", args=[project.pk]))
    return project


def project_update(*, form, detail_form=None, rows=(), files=None, actor):
    """Staff edit a project's data, its form-specific row, its partners and events (`rows`:
    formsets) and its documents (`files`) under the row lock. Refused with StaleEdit when
    someone saved a newer version since the form was shown."""
    obsolete = []

    def detail(saved, locked):
        changes = []
        # The row belongs to the form shown; a change of form leaves it for the new one.
        if detail_form is not None and detail_form.has_changed() and saved.form == locked.form:
            changes += _detail_changes(detail_form, saved)
        for formset in rows:
            if formset.has_changed():
                formset.instance = saved
                formset.save()
                changes.append(
                    {"field": formset.prefix, "label": str(ROW_LABELS[formset.prefix]),
                     "old": "", "new": str(_("変更あり"))}
                )  # fmt: skip
        if any(formset.prefix == "partners" for formset in rows):
            _partners_to_ask(next(f for f in rows if f.prefix == "partners"))
        if files is not None and files.has_changed():
            obsolete.extend(_files_save(files, saved, actor))
            changes.append(
                {"field": "files", "label": str(_("画像と添付ファイル")), "old": "",
                 "new": str(_("変更あり"))}
            )  # fmt: skip
        return changes

    def delete_replaced_files():
        for storage, name in obsolete:
            storage.delete(name)

    saved, _changes = save_edit(
        form=form,
        lifecycle=lifecycle.PROJECT_LIFECYCLE,
        action=ProjectAction.EDIT,
        actor=actor,
        also=detail,
    )
    transaction.on_commit(delete_replaced_files)
    return saved


ROW_LABELS = {"partners": _lazy("協働の相手と役割分担"), "events": _lazy("イベント")}


def form_guide_load(*, forms):
    """Write each form's definition, effect and examples, matched by the form's code."""
    unknown = [row.get("code") for row in forms if row.get("code") not in Form.values]
    if unknown:
        raise ValidationError(
            _("forms.toml: 協働の形態のコード %(codes)s は使えません(使えるのは %(known)s)。")
            % {"codes": ", ".join(map(str, unknown)), "known": ", ".join(Form.values)}
        )
    with transaction.atomic():
        for order, row in enumerate(forms, start=1):
            FormGuide.objects.update_or_create(
                form=row["code"],
                defaults={
                    "definition": row["definition"],
                    "definition_en": row.get("definition_en", ""),
                    "effect": row.get("effect", ""),
                    "effect_en": row.get("effect_en", ""),
                    "examples": "\n".join(row.get("examples", [])),
                    "order": order,
                },
            )


def report_save(*, form, project, actor, remove_photos=(), settlement_lines=(), remove_receipts=()):
    """Save the results report from its (valid) form, with the 補助 settlement (its notes and
    its lines, valid formsets), a new receipt and the receipts to remove, a new photo and
    the photos to remove, under the project's and the report's row locks. Raises NotEditable
    when the report may no longer be changed (submitted or accepted meanwhile), StaleEdit when
    someone saved it since the page was shown."""
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if not permissions.can_write_report(actor, locked):
            raise NotEditable
        current = Report.objects.select_for_update().filter(project=locked).first()
        if current is not None:
            if current.status not in lifecycle.REPORT_EDITABLE:
                raise NotEditable
            if form.is_stale(current):
                raise StaleEdit
        report = form.save(commit=False)
        report.project = locked
        if current is not None:
            report.pk, report.status = current.pk, current.status
        report.save()
        if "settlement" in form.cleaned_data:
            SubsidyDetail.objects.update_or_create(
                project=locked, defaults={"settlement": form.cleaned_data["settlement"]}
            )
        for formset in settlement_lines:
            formset.instance = locked
            formset.save()
        receipt = form.cleaned_data.get("receipt")
        if receipt:
            attachment_store(
                project=locked,
                kind=Attachment.Kind.RECEIPT,
                upload=receipt,
                content_type=form.checked_receipt.content_type,
                size=form.checked_receipt.size,
                actor=actor,
            )
        obsolete = []
        for attachment in locked.attachments.current().filter(
            kind=Attachment.Kind.RECEIPT, pk__in=remove_receipts
        ):
            obsolete.append((attachment.file.storage, attachment.file.name))
            attachment.delete()

        def delete_removed_files():
            for storage, name in obsolete:
                storage.delete(name)

        transaction.on_commit(delete_removed_files)
        photo = form.cleaned_data.get("photo")
        if photo:
            ReportPhoto.objects.create(
                report=report, image=photo, alt=form.cleaned_data["photo_alt"].strip()
            )
        if remove_photos:
            report.photos.filter(pk__in=remove_photos).delete()
    return report
