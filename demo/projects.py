"""Step 3 of the demo: the projects (projects/*.toml) and everything under them.

A project comes in the way it does in real use:
- one the city starts (its history begins with `create`) is registered through
  `projects.services.project_create` with the fields of the staff desk's form, as of that date;
- a member's proposal is written as the draft its author saved (`write_proposal_draft`).
Everything after (submit, approve, return, publish, the report's steps, evaluate, hide, …) is
the rest of the history, taken through the project lifecycle by `demo.history`. The results
report and the evaluations are content here, on which `submit_report`, `complete` and
`evaluate` then act.

A project is found again by its natural key (title, lead organisation, 年度) and the rows
under it by theirs, so a second run writes nothing.
"""

import datetime
from decimal import Decimal

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.translation import gettext as _

from organizations.models import ActivityField, Area, Membership
from portal import uploads
from portal.forms import OnceFormMixin
from principles.lifecycle import EVALUATION_LIFECYCLE
from principles.models import (
    ChecklistItem,
    Evaluation,
    EvaluationAction,
    EvaluationScore,
    Principle,
    SelfCheckAnswer,
)
from projects.forms import DESK_PROJECT_FIELDS, ProposalForm
from projects.lifecycle import PROJECT_LIFECYCLE
from projects.models import (
    CATEGORIES,
    FORM_DETAIL_ATTRIBUTES,
    Attachment,
    AttachmentKind,
    BudgetLine,
    BudgetSide,
    Event,
    Partner,
    Project,
    ProjectAction,
    Report,
)
from projects.services import project_create

from .datafiles import FOLDER, DataError, ensure, moment, pick, read, read_folder, validate

DOCUMENT = FOLDER / "files" / "document.pdf"
TEXT_FIELDS = (
    "title",
    "summary",
    "purpose",
    "expected_effect",
    "place",
    "safety_insurance",
    "safety_plan",
)


class CityProjectForm(OnceFormMixin, forms.ModelForm):
    """What staff enter on the desk when the city registers a project."""

    class Meta:
        model = Project
        fields = DESK_PROJECT_FIELDS


def load(command):
    loader = ProjectLoader(command)
    for name, data in read_folder("projects"):
        for entry in data.get("projects", []):
            loader.load(entry, where=f"{name} {entry.get('key')}")


class ProjectLoader:
    def __init__(self, command):
        self.command = command
        self.areas = {area.code: area for area in Area.objects.all()}
        self.fields = {field.code: field for field in ActivityField.objects.all()}
        self.places = read("places")
        self.comments = read("evaluation_comments")["comments"]
        self.principles = list(Principle.objects.all())
        self.checklist = list(ChecklistItem.objects.filter(is_active=True))

    def load(self, entry, *, where):
        lead = pick(self.command.organizations, entry["lead"], where=where)
        history = entry.get("history", [])
        city_starts_it = bool(history) and history[0].get("action") == ProjectAction.CREATE
        project = Project.objects.filter(
            title=entry["title"], lead_organization=lead, fiscal_year=entry["fiscal_year"]
        ).first()
        if project is None:
            if city_starts_it:
                project = self.register_city_project(entry, lead=lead, where=where)
            else:
                project = self.write_proposal_draft(entry, lead=lead, where=where)
            self.command.created_projects += 1
        else:  # what the data added since the first run
            self.write_parts(project, entry, where=where, author=project.created_by)
        self.write_report(project, entry, where=where)
        self.write_evaluations(project, entry, where=where)
        self.command.projects[entry["key"]] = project
        later = history[1:] if city_starts_it else history
        self.command.timeline.add(PROJECT_LIFECYCLE, project, later, where=where)
        self.partners_answer(project, history, where=where)

    def partners_answer(self, project, history, *, where):
        """Each registered partner organisation confirms its role, an hour (and a minute per
        partner) after the project first came in, unless the data says it declined."""
        if not history:
            return
        first = moment(history[0].get("at"), where=f"{where} history 1")
        partners = project.partners.filter(organization__isnull=False).order_by("order", "pk")
        for number, partner in enumerate(partners, start=1):
            self.command.timeline.add_action(
                PROJECT_LIFECYCLE,
                project,
                ProjectAction.PARTNER_CONFIRM,
                at=first + datetime.timedelta(hours=1, minutes=number),
                params={"partner": partner.pk},
                where=f"{where} partner {number}",
            )

    # --- How a project comes in -------------------------------------------------------------

    def register_city_project(self, entry, *, lead, where):
        """Staff register the project on the desk (`create`), as of its date."""
        values = self.project_values(entry, lead=lead, where=where)
        data = {}
        for name in CityProjectForm.Meta.fields:
            value = values.get(name)
            if isinstance(value, models.Model):
                value = value.pk
            elif isinstance(value, list):
                value = [item.pk for item in value]
            if value is not None:
                data[name] = value
        form = CityProjectForm(data)
        if not form.is_valid():
            raise DataError(f"{where}: {form.errors.as_text()}")
        at = moment(entry["history"][0].get("at"), where=f"{where} history 1")
        project = project_create(form=form, actor=None, at=at)
        self.write_parts(project, entry, where=where)
        return project

    def write_proposal_draft(self, entry, *, lead, where):
        """A member's proposal as its author saved it on the proposal page: the project (a
        draft), its form's data, partners, events, self-check answers and documents.

        Submitting it is the history's business (the lifecycle checks it is complete)."""
        author = self.author(entry, lead=lead, where=where)
        values = self.project_values(entry, lead=lead, where=where)
        fields = values.pop("fields", [])
        project = Project(
            lead_organization=lead,
            form=entry["form"],
            created_by=author,
            **{name: values.get(name) for name in ProposalForm.Meta.fields if name != "fields"},
        )
        validate(project, where=where)
        project.save()
        project.fields.set(fields)
        self.write_parts(project, entry, where=where, author=author)
        return project

    def author(self, entry, *, lead, where):
        if entry.get("author"):
            return pick(self.command.users, entry["author"], where=where)
        owner = lead.memberships.filter(role=Membership.Role.OWNER).order_by("id").first()
        if owner is None:
            raise DataError(_("%(where)s: 提案を書く人(author)がいません。") % {"where": where})
        return owner.user

    def project_values(self, entry, *, lead, where):
        """The project's fields from its entry, references resolved to rows."""
        values = {name: entry.get(name, "") for name in TEXT_FIELDS}
        values.update({name: entry.get(name) for name in ("form", "fiscal_year", "budget")})
        values.update({name: entry.get(name) for name in ("starts_on", "ends_on")})
        values["lead_organization"] = lead
        values["area"] = pick(self.areas, entry["area"], where=where) if entry.get("area") else None
        values["fields"] = [
            pick(self.fields, code, where=where) for code in entry.get("fields", [])
        ]
        departments = self.command.departments
        values["department"] = (
            pick(departments, entry["department"], where=where) if entry.get("department") else None
        )
        coordinator = entry.get("coordinator")
        values["coordinator"] = (
            pick(self.command.users, coordinator, where=where) if coordinator else None
        )
        return values

    # --- The rows under a project -----------------------------------------------------------

    def write_parts(self, project, entry, *, where, author=None):
        """The form's data, partners and events; for a proposal its self-check answers and
        documents. Each row found by its natural key is left as it is."""
        detail_model = Project._meta.get_field(FORM_DETAIL_ATTRIBUTES[project.form]).related_model
        ensure(detail_model, {"project": project}, entry.get("detail", {}))
        for order, partner in enumerate(entry.get("partners", []), start=1):
            key = partner.get("organization")
            organization = pick(self.command.organizations, key, where=where) if key else None
            ensure(
                Partner,
                {"project": project, "order": order},
                {
                    "organization": organization,
                    "name": partner.get("name", ""),
                    "role": partner.get("role", ""),
                    "cost_share": partner.get("cost_share", ""),
                    "is_chair": partner.get("is_chair", False),
                    # Plain names need no confirmation; organisations answer in the timeline.
                    "consent": Partner.Consent.REQUESTED
                    if organization
                    else Partner.Consent.NOT_NEEDED,
                },
            )
        for event in entry.get("events", []):
            place = pick(self.places, event["place"], where=where) if event.get("place") else {}
            ensure(
                Event,
                {"project": project, "title": event["title"]},
                {
                    "description": event.get("description", ""),
                    "starts_on": event["starts_on"],
                    "ends_on": event.get("ends_on"),
                    "start_time": event.get("start_time"),
                    "end_time": event.get("end_time"),
                    "place": place.get("name", ""),
                    "address": place.get("address", ""),
                    "latitude": decimal_of(place.get("latitude")),
                    "longitude": decimal_of(place.get("longitude")),
                },
            )
        self.write_budget(project, entry, where=where)
        if entry.get("self_check"):
            self.answer_self_check(project, entry["self_check"], where=where)
        for kind in entry.get("attachments", []):
            attach_document(project, kind, uploaded_by=author, where=where)

    def write_budget(self, project, entry, *, where):
        """A 補助's 収支予算 lines (`planned`) with, once it has reported, their 収支決算
        (`actual`): `[projects.budget_lines]` with `income` and `expenses` lists."""
        lines = entry.get("budget_lines", {})
        for side, key in ((BudgetSide.INCOME, "income"), (BudgetSide.EXPENSE, "expenses")):
            categories = {code: code for code in CATEGORIES[side].values}
            for line in lines.get(key, []):
                place = f"{where} budget_lines {key}"
                ensure(
                    BudgetLine,
                    {
                        "project": project,
                        "side": side,
                        "category": pick(categories, line.get("category"), where=place),
                        "description": line.get("description", ""),
                    },
                    {"planned_amount": line.get("planned"), "actual_amount": line.get("actual")},
                )

    def answer_self_check(self, project, answer, *, where):
        """The same answer to every item of the self-check the proposer has not answered."""
        answers = {code: code for code in SelfCheckAnswer.Answer.values}
        answer = pick(answers, answer, where=f"{where} self_check")
        answered = set(project.self_check_answers.values_list("item_id", flat=True))
        SelfCheckAnswer.objects.bulk_create(
            SelfCheckAnswer(project=project, item=item, answer=answer)
            for item in self.checklist
            if item.pk not in answered
        )

    def write_report(self, project, entry, *, where):
        report = entry.get("report")
        if report:
            ensure(
                Report,
                {"project": project},
                {
                    "activities": report.get("activities", ""),
                    "participants": report.get("participants"),
                    "outcomes": report.get("outcomes", ""),
                },
            )
            if report.get("receipt"):  # a 補助's receipts, attached with its report
                attach_document(
                    project, AttachmentKind.RECEIPT, uploaded_by=project.created_by, where=where
                )

    def write_evaluations(self, project, entry, *, where):
        """Each party's evaluation with its seven scores, submitted on its date."""
        for item in entry.get("evaluations", []):
            place = f"{where} evaluations {item.get('party')}"
            if item.get("party") == "city":
                party = {"department": project.department}
            else:
                party = {
                    "organization": pick(self.command.organizations, item.get("party"), where=place)
                }
            submitted_at = moment(item.get("submitted_at"), where=place)
            evaluation, _created = ensure(
                Evaluation,
                {"project": project, **party},
                {
                    "outcomes": item.get("outcomes", ""),
                    "issues": item.get("issues", ""),
                    "recommendation": item.get("recommendation", ""),
                },
            )
            if submitted_at is not None:
                # Submitted through the evaluation lifecycle on its date, in the timeline
                # (after the project's completion, before its evaluation is published).
                self.command.timeline.add_action(
                    EVALUATION_LIFECYCLE,
                    evaluation,
                    EvaluationAction.SUBMIT,
                    at=submitted_at,
                    where=place,
                )
            scores, comments = item.get("scores", {}), item.get("comments", {})
            for principle in self.principles:
                score = pick(scores, principle.code, where=f"{place} scores")
                default = pick(self.comments, principle.code, where="evaluation_comments.toml")
                ensure(
                    EvaluationScore,
                    {"evaluation": evaluation, "principle": principle},
                    {
                        "score": score,
                        "comment": comments.get(principle.code)
                        or default["high" if score >= 3 else "low"],
                    },
                )


def attach_document(project, kind, *, uploaded_by, where):
    """The demo's one-page PDF as the document of `kind`, checked like any upload."""
    kind = pick(
        {value: AttachmentKind(value) for value in AttachmentKind.values}, kind, where=where
    )
    if project.attachments.filter(kind=kind).exists():
        return
    name = _("%(kind)s(デモ).pdf") % {"kind": kind.label}
    upload = SimpleUploadedFile(name, DOCUMENT.read_bytes(), content_type="application/pdf")
    checked = uploads.check_upload(upload, uploads.DOCUMENT)
    attachment = Attachment(
        project=project,
        kind=kind,
        original_name=uploads.clean_file_name(name),
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=uploaded_by,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()


def decimal_of(value):
    return None if value is None else Decimal(str(value))
