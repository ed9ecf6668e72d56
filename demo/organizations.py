"""Step 2 of the demo: the organisations (organizations.toml).

Each one is registered by its owner through the portal's registration
(`organization_register`), as of the first entry of its history; staff decisions (approve,
reject, suspend) are the later entries, taken through the organisation lifecycle by
`demo.history` in date order with the projects' actions. Further members are content.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from organizations.lifecycle import ORGANIZATION_LIFECYCLE
from organizations.models import (
    ActivityField,
    Area,
    Membership,
    Organization,
    OrganizationAction,
    StandingDocument,
)
from organizations.services import organization_register, standing_document_add
from portal import uploads

from .datafiles import FOLDER, DataError, ensure, moment, pick, read, validate

DOCUMENT = FOLDER / "files" / "document.pdf"


def load(command):
    data = read("organizations")
    areas = {area.code: area for area in Area.objects.all()}
    fields = {field.code: field for field in ActivityField.objects.all()}
    for entry in data["organizations"]:
        where = f"organizations.toml {entry['key']}"
        history = entry.get("history") or [{}]
        if history[0].get("action") != OrganizationAction.REGISTER:
            raise DataError(
                _("%(where)s: 履歴の最初は register(登録の申請)です。") % {"where": where}
            )
        organization = Organization.objects.filter(name=entry["name"]).first()
        if organization is None:
            organization = organization_register(
                organization=organization_of(entry, data["note"], areas=areas, where=where),
                fields=[pick(fields, code, where=where) for code in entry.get("fields", [])],
                owner=pick(command.users, entry["owner"], where=where),
                at=moment(history[0]["at"], where=where),
            )
        command.organizations[entry["key"]] = organization
        for member in entry.get("members", []):
            ensure(
                Membership,
                {
                    "organization": organization,
                    "user": pick(command.users, member["user"], where=where),
                },
                {"role": member.get("role", Membership.Role.EDITOR)},
            )
        for document in entry.get("documents", []):
            keep_document(
                organization, document, owner=command.users.get(entry["owner"]), where=where
            )
        command.timeline.add(ORGANIZATION_LIFECYCLE, organization, history[1:], where=where)


def keep_document(organization, document, *, owner, where):
    """The demo's one-page PDF kept as the organisation's document of its kind, checked like
    any upload; one of a kind is kept once."""
    kinds = {code: code for code in StandingDocument.Kind.values}
    kind = pick(kinds, document.get("kind"), where=f"{where} documents")
    if organization.standing_documents.filter(kind=kind).exists():
        return
    name = _("%(kind)s(デモ).pdf") % {"kind": StandingDocument.Kind(kind).label}
    upload = SimpleUploadedFile(name, DOCUMENT.read_bytes(), content_type="application/pdf")
    standing_document_add(
        organization=organization,
        kind=kind,
        upload=upload,
        checked=uploads.check_upload(upload, uploads.DOCUMENT),
        valid_until=document["valid_until"],
        actor=owner,
    )


def organization_of(entry, note, *, areas, where):
    """The organisation as its owner fills in the registration form (not saved yet)."""
    public = entry.get("public_contact", {})
    private = entry.get("private_contact", {})
    organization = Organization(
        name=entry["name"],
        name_kana=entry["name_kana"],
        kind=entry["kind"],
        area=pick(areas, entry["area"], where=where) if entry.get("area") else None,
        description=entry.get("description", "") + note,
        offers=entry.get("offers", ""),
        needs=entry.get("needs", ""),
        founded_year=entry.get("founded_year"),
        public_email=public.get("email", ""),
        public_phone=public.get("phone", ""),
        public_url=public.get("url", ""),
        representative_name=private.get("representative_name", ""),
        representative_phone=private.get("representative_phone", ""),
        representative_address=private.get("representative_address", ""),
        private_email=private.get("email", ""),
    )
    validate(organization, where=where)
    return organization
