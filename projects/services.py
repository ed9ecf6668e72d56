"""Writes that touch several rows: a project with its form-specific data, partners, events,
files and history. Each is atomic, takes the row lock where a row exists, and records what
changed through the lifecycle. Views validate with forms and call these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.changes import diff, snapshot

from . import lifecycle
from .models import Form, FormGuide, Project, ProjectAction


class StaleEdit(Exception):
    """Someone saved a newer version while the form was open; nothing was written."""


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
        project = form.save(commit=False)
        project.created_by = actor
        project.save()
        form.save_m2m()
        lifecycle.apply(
            project, ProjectAction.CREATE, actor=actor, changes=diff(project, {}, names), at=at
        )
        if publish:
            project = lifecycle.apply(project, ProjectAction.PUBLISH, actor=actor, at=at)
    return project


def project_update(*, form, detail_form=None, actor):
    """Staff edit a project's data and its form-specific row under the row lock. Refused with
    StaleEdit when someone saved a newer version since the form was shown."""
    names = list(form.Meta.fields)
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=form.instance.pk)
        if form.is_stale(locked):
            raise StaleEdit
        before = snapshot(locked, names)
        saved = form.save()
        changes = diff(saved, before, names)
        # The row belongs to the form shown; a change of form leaves it for the new one.
        if detail_form is not None and detail_form.has_changed() and saved.form == locked.form:
            changes += _detail_changes(detail_form, saved)
        if changes:
            lifecycle.apply(saved, ProjectAction.EDIT, actor=actor, changes=changes)
    return saved


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
                    "effect": row.get("effect", ""),
                    "examples": "\n".join(row.get("examples", [])),
                    "order": order,
                },
            )
