"""What changed in a row, field by field, as people read it: for the history of edits."""


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
