"""What changed in a row, field by field, as people read it: for the history of edits."""

from django.db import transaction


def display_value(instance, field_name):
    """A field's value as staff read it (choice labels, names, lists)."""
    field = instance._meta.get_field(field_name)
    if field.many_to_many:
        if instance.pk is None:
            return ""
        return "、".join(str(item) for item in getattr(instance, field_name).all())
    if field.choices:
        return str(getattr(instance, f"get_{field_name}_display")())
    value = getattr(instance, field_name)
    if value is None or value == "":
        return ""
    if hasattr(value, "name") and hasattr(value, "url"):  # a file
        return value.name
    return str(value)


def snapshot(instance, field_names):
    """The shown value of each field, to compare with after a change."""
    if instance is None:
        return {}
    return {name: display_value(instance, name) for name in field_names}


def diff(instance, before, field_names):
    """[{field, label, old, new}] for every field whose shown value changed."""
    after = snapshot(instance, field_names)
    return [
        {
            "field": name,
            "label": str(instance._meta.get_field(name).verbose_name),
            "old": before.get(name, ""),
            "new": after[name],
        }
        for name in field_names
        if before.get(name, "") != after[name]
    ]


class StaleEdit(Exception):
    """Someone saved a newer version while the form was open; nothing was written."""


def save_edit(*, form, lifecycle, action, actor, names=None, also=None):
    """Save a (valid) versioned model form under the row lock and record what changed.

    Raises StaleEdit when the row changed since the page was shown. `also(saved, locked)` may
    save related rows and return their changes too; `action` is an action code, or a function
    `(locked, changes) -> code` choosing one. Nothing changed: nothing is recorded. Returns the
    saved row and its changes."""
    names = names or list(form.Meta.fields)
    model = type(form.instance)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=form.instance.pk)
        if form.is_stale(locked):
            raise StaleEdit
        before = snapshot(locked, names)
        saved = form.save()
        changes = diff(saved, before, names)
        if also is not None:
            changes += also(saved, locked)
        if changes:
            code = action(locked, changes) if callable(action) else action
            lifecycle.apply(saved, code, actor=actor, changes=changes)
    return saved, changes
