"""The search documents of organisations: their public texts (never the private contact),
kept current on every save of the organisation and its fields."""

from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_save

from portal.japanese import normalize, similarity
from portal.search import Index, fewer_words, joined

from .models import ActivityField, Organization, OrganizationDocument


def organization_text(organization):
    fields = [n for f in organization.fields.all() for n in (f.short_name, f.name)]
    return joined(organization.name, organization.name_kana), joined(
        organization.get_kind_display(),
        organization.description,
        organization.offers,
        organization.needs,
        *fields,
        organization.area.name if organization.area_id else "",
    )


ORGANIZATIONS = Index(
    OrganizationDocument,
    organization_text,
    objects=lambda: Organization.objects.select_related("area").prefetch_related("fields"),
)


def _on_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ORGANIZATIONS.update(instance)


def _on_fields_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        ORGANIZATIONS.update(instance)
        return
    for organization in Organization.objects.filter(pk__in=pk_set or ()):
        ORGANIZATIONS.update(organization)


def _on_field_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        for organization in instance.organizations.all():
            ORGANIZATIONS.update(organization)


def connect():
    post_save.connect(_on_saved, sender=Organization, dispatch_uid="search_organization")
    m2m_changed.connect(
        _on_fields_changed,
        sender=Organization.fields.through,
        dispatch_uid="search_organization_fields",
    )
    post_save.connect(_on_field_saved, sender=ActivityField, dispatch_uid="search_org_field")


# -- suggestions when a search finds nothing ----------------------------------------------

NEAR = 0.4  # the least bigram similarity of a name that is "near" the query
MAX_NEAR = 5


@dataclass
class Suggestions:
    words: list  # (word as typed, how many it finds alone)
    fields: list  # activity fields whose names are near
    organizations: list  # public organisations whose names are near

    def __bool__(self):
        return bool(self.words or self.fields or self.organizations)


def _near(query, names):
    folded = normalize(query)
    best = 0.0
    for name in names:
        name = normalize(name)
        if not name:
            continue
        if folded in name or name in folded:
            return 1.0
        best = max(best, similarity(folded, name))
    return best


def suggestions(query, querysets):
    """What to offer when `query` finds nothing in `querysets` (public ones): its words one by
    one, activity fields and organisations whose names are near it."""
    fields = [
        f for f in ActivityField.objects.all() if _near(query, (f.name, f.short_name)) >= NEAR
    ]
    scored = (
        (_near(query, (o.name, o.name_kana)), o)
        for o in Organization.objects.public().only("pk", "name", "name_kana")
    )
    near = sorted(((s, o) for s, o in scored if s >= NEAR), key=lambda pair: -pair[0])
    return Suggestions(
        words=fewer_words(querysets, query),
        fields=fields[:MAX_NEAR],
        organizations=[o for _s, o in near[:MAX_NEAR]],
    )


def search_context(filterset, page, querysets):
    """What a filtered list adds for its `q`: the query (to mark the matched words) and, when
    nothing is found, suggestions."""
    query = ""
    if filterset.is_bound and filterset.is_valid():
        query = (filterset.form.cleaned_data.get("q") or "").strip()
    nothing = bool(query) and page.paginator.count == 0
    return {"query": query, "suggestions": suggestions(query, querysets) if nothing else None}
