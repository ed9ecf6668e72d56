"""What a proposal said when it was submitted, and what a resubmission changed.

Submitting stores the proposal's shown values (`proposal_values`) on the project; a
resubmission after a return compares the proposal with them, field by field, and the history
entry of the resubmission carries the differences (shown to staff beside the required note of
what was changed).
"""

from django.utils.translation import gettext as _

from portal.changes import display_value

# The common part of a proposal: the fields its editor shows (projects.forms.ProposalForm
# takes them from here).
PROJECT_FIELDS = (
    "title",
    "summary",
    "purpose",
    "expected_effect",
    "fields",
    "area",
    "fiscal_year",
    "starts_on",
    "ends_on",
    "place",
    "department",
    "budget",
    "safety_insurance",
    "safety_plan",
)
SKIPPED_DETAIL_FIELDS = {"id", "project"}


def _label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def proposal_values(project):
    """{key: {"label", "value"}} of everything the organisation entered, as people read it."""
    values = {
        name: {"label": _label(type(project), name), "value": display_value(project, name)}
        for name in PROJECT_FIELDS
    }
    detail = project.form_detail()
    if detail is not None:
        for field in detail._meta.concrete_fields:
            if field.name in SKIPPED_DETAIL_FIELDS:
                continue
            values[f"detail.{field.name}"] = {
                "label": str(field.verbose_name),
                "value": display_value(detail, field.name),
            }
    partners = [
        f"{partner.display_name}: {partner.role}"
        + (f"({partner.cost_share})" if partner.cost_share else "")
        for partner in project.partners.select_related("organization").order_by("id")
    ]
    values["partners"] = {"label": _("協働の相手と役割分担"), "value": "\n".join(partners)}
    events = [
        " ".join(part for part in (event.starts_on.isoformat(), event.title, event.place) if part)
        for event in project.events.order_by("starts_on", "id")
    ]
    values["events"] = {"label": _("イベント"), "value": "\n".join(events)}
    if project.form == "subsidy":
        lines = [
            f"{line.get_side_display()} {line.get_category_display()} {line.description}: "
            f"{line.planned_amount or 0:,}円"
            for line in project.budget_lines.order_by("side", "id")
        ]
        values["budget_lines"] = {"label": _("収支予算"), "value": "\n".join(lines)}
    attachments = [
        f"{attachment.get_kind_display()}: {attachment.original_name}"
        for attachment in project.attachments.current().order_by("kind", "id")
    ]
    values["attachments"] = {"label": _("添付ファイル"), "value": "\n".join(attachments)}
    return values


def changes_since(before, after):
    """[{field, label, old, new}] for every value that differs (in the order of `after`)."""
    changes = []
    for key, now in after.items():
        old = (before.get(key) or {}).get("value", "")
        if old != now["value"]:
            changes.append({"field": key, "label": now["label"], "old": old, "new": now["value"]})
    for key, then in before.items():
        if key not in after and then.get("value"):
            changes.append({"field": key, "label": then["label"], "old": then["value"], "new": ""})
    return changes
