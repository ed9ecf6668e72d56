"""Which organisations could help one another: the matching rules, in one place.

The organisation page, /mypage/ and the staff project file all ask here. For an organisation,
every other public organisation is scored by what they have in common:

- what this one seeks (求めていること, `needs`) and what the other can offer (できること,
  `offers`), and the reverse: both texts are split into items (lines, 、 and 。), and each
  needs item is paired with the other side's most similar offers item, when the similarity
  (portal.japanese: the Dice coefficient of their bigrams) reaches `TEXT_THRESHOLD`;
- shared activity fields (named by their short name);
- the same area (地区), which only adds to a suggestion that has another reason.

Bigrams do not know that 会場 and 集会所 mean nearly the same: the groups of related words
(`RelatedWords`, master data from the city profile) do. A needs item and an offers item that
name different words of one group count as similar (`RELATED_SIMILARITY`) even when they share
no characters.

Each suggestion carries its reasons, to be shown as they are. Only public (approved)
organisations are ever read: one query for them and one for their fields, whatever their
number (the groups of related words are kept in the cache).
"""

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from organizations.models import Area, Organization
from portal.japanese import bigrams, dice, normalize

from .models import RelatedWords

TEXT_THRESHOLD = 0.35
# How similar a needs item and an offers item are when they name words of one group of
# related words (and share fewer characters than that).
RELATED_SIMILARITY = 0.5
# How much each kind of reason weighs in the ranking: a need met counts most (three shared
# fields, plus how close the two texts are), then each shared field, then the same area.
TEXT_WEIGHT = 3.0
FIELD_WEIGHT = 1.0
AREA_WEIGHT = 0.5
ITEMS_MAX = 30  # items read from one text: a pasted essay does not slow every page down
LIMIT = 5

_ITEM_SEPARATORS = re.compile(r"[\r\n、。，,;；]+")
# List bullets at either end of an item (not ー, which ends many katakana words).
_BULLETS = " \t\u3000・･-‐*＊●○◎■□◆◇※"


class Kind:
    NEED = "need"  # this organisation's need, the other's offer
    OFFER = "offer"  # the other's need, this organisation's offer
    FIELD = "field"
    AREA = "area"


@dataclass(frozen=True)
class Reason:
    kind: str
    weight: float
    label: str = ""  # the field's or area's name
    need: str = ""
    offer: str = ""

    @property
    def text(self):
        if self.kind == Kind.NEED:
            return _("求めていること「%(need)s」に できること「%(offer)s」") % {
                "need": self.need,
                "offer": self.offer,
            }
        if self.kind == Kind.OFFER:
            return _("相手の求めていること「%(need)s」に この団体のできること「%(offer)s」") % {
                "need": self.need,
                "offer": self.offer,
            }
        if self.kind == Kind.FIELD:
            return _("分野: %(field)sが共通") % {"field": self.label}
        return _("地区: %(area)sが同じ") % {"area": self.label}

    def __str__(self):
        return str(self.text)


@dataclass
class Suggestion:
    organization: Organization
    reasons: list = field(default_factory=list)

    @property
    def score(self):
        return sum(reason.weight for reason in self.reasons)


def items(text):
    """The items of an offers or needs text: its lines and the parts between 、 and 。,
    without list bullets, each once, at most ITEMS_MAX."""
    found = []
    for part in _ITEM_SEPARATORS.split(text or ""):
        part = part.strip(_BULLETS)
        if part and part not in found:
            found.append(part)
    return found[:ITEMS_MAX]


class Vocabulary:
    """The groups of related words, normalised as the texts are: `groups(item)` names the
    groups an item mentions, as tokens that never look like a bigram."""

    def __init__(self, groups=()):
        self.words = tuple(
            (f"\0{index}", tuple(dict.fromkeys(normalize(word) for word in words if word)))
            for index, words in enumerate(groups)
        )
        self.key = hash(self.words)

    @classmethod
    def current(cls):
        """The groups as the database holds them: read once, then kept in the cache (saving or
        deleting a group forgets them, see RelatedWords)."""
        groups = cache.get(RelatedWords.CACHE_KEY)
        if groups is None:
            groups = [group.word_list for group in RelatedWords.objects.order_by("order", "pk")]
            cache.set(RelatedWords.CACHE_KEY, groups, RelatedWords.CACHE_SECONDS)
        return cls(groups)

    def groups(self, item):
        """The groups an item names, as (group token, word) pairs."""
        text = normalize(item)
        return frozenset(
            (token, word) for token, words in self.words for word in words if word in text
        )

    def __hash__(self):
        return self.key

    def __eq__(self, other):
        return isinstance(other, Vocabulary) and self.words == other.words


NO_VOCABULARY = Vocabulary()


@functools.lru_cache(maxsize=4096)
def _cut(text, vocabulary=NO_VOCABULARY):
    """The items of a text, each with its bigrams and the groups of related words it names,
    and all of those together (for the quick test of whether two texts can pair at all),
    remembered per text: the same offers and needs are read on every page."""
    cut = tuple((item, frozenset(bigrams(item)), vocabulary.groups(item)) for item in items(text))
    tokens = {token for _item, _pieces, groups in cut for token, _word in groups}
    return cut, frozenset().union(tokens, *(pieces for _item, pieces, _groups in cut))


def similar(need, offer):
    """How close a needs item is to an offers item (each as `_cut` gives it): the Dice
    coefficient of their bigrams, and at least RELATED_SIMILARITY when both name words of one
    group and not only the same ones (the same word in both is already in the bigrams)."""
    score = dice(need[1], offer[1])
    if need[2] and offer[2] and _related(need[2], offer[2]):
        return max(score, RELATED_SIMILARITY)
    return score


def _related(need_groups, offer_groups):
    for token in {token for token, _word in need_groups}:
        need_words = {word for other, word in need_groups if other == token}
        offer_words = {word for other, word in offer_groups if other == token}
        if offer_words and need_words ^ offer_words:
            return True
    return False


@dataclass
class _Profile:
    """An organisation as the rules read it: its row, its items cut into bigrams once, and
    all bigrams of each text together (no bigram in common: no pair to compare)."""

    row: tuple  # the values of COLUMNS
    needs: tuple  # ((item, bigram set, group set), …)
    need_bigrams: frozenset
    offers: tuple
    offer_bigrams: frozenset
    fields: dict  # field id -> label

    @property
    def pk(self):
        return self.row[0]

    @property
    def area_id(self):
        return self.row[COLUMNS.index("area_id")]

    def organization(self):
        """The organisation as a suggestion card shows it, built from the row without a query:
        only the COLUMNS are set (add a column before a card reads another field)."""
        values = dict(zip(COLUMNS, self.row, strict=True))
        area_name = values.pop("area__name")
        organization = Organization(**values)
        if organization.area_id is not None:
            organization.area = Area(pk=organization.area_id, name=area_name)
        return organization


def _text_reasons(needs, offers, kind):
    """Each needs item with the most similar offers item, when similar enough."""
    reasons = []
    for need in needs:
        best, best_offer = 0.0, None
        for offer in offers:
            score = similar(need, offer)
            if score > best:
                best, best_offer = score, offer[0]
        if best_offer is not None and best >= TEXT_THRESHOLD:
            reasons.append(
                Reason(kind=kind, weight=TEXT_WEIGHT + best, need=need[0], offer=best_offer)
            )
    return reasons


def _reasons(this, other):
    """Why `other` is suggested to `this`: met needs first, then fields, then the area."""
    reasons = []
    if not this.need_bigrams.isdisjoint(other.offer_bigrams):
        reasons += _text_reasons(this.needs, other.offers, Kind.NEED)
    if not other.need_bigrams.isdisjoint(this.offer_bigrams):
        reasons += _text_reasons(other.needs, this.offers, Kind.OFFER)
    reasons += [
        Reason(kind=Kind.FIELD, weight=FIELD_WEIGHT, label=label)
        for pk, label in this.fields.items()
        if pk in other.fields
    ]
    if not reasons:
        return []  # the same area alone is no reason to meet
    if this.area_id is not None and this.area_id == other.area_id:
        area_name = this.row[COLUMNS.index("area__name")]
        reasons.append(Reason(kind=Kind.AREA, weight=AREA_WEIGHT, label=area_name))
    return reasons


# What the rules and the suggestion cards read of each organisation.
COLUMNS = ("id", "name", "name_kana", "kind", "status", "offers", "needs", "area_id", "area__name")


def _public(vocabulary):
    """Every public organisation, and each one's fields by their labels: two queries, read as
    rows (a page suggests five of a thousand; it builds only those five)."""
    rows = Organization.objects.public().order_by("name_kana", "pk").values_list(*COLUMNS)
    fields = defaultdict(dict)
    field_rows = (
        Organization.fields.through.objects.filter(organization__in=Organization.objects.public())
        .order_by("activityfield__order", "activityfield_id")
        .values_list(
            "organization_id",
            "activityfield_id",
            "activityfield__short_name",
            "activityfield__name",
        )
    )
    for organization_id, field_id, short_name, name in field_rows:
        fields[organization_id][field_id] = short_name or name
    needs, offers = COLUMNS.index("needs"), COLUMNS.index("offers")
    return [
        _Profile(
            row,
            *_cut(row[needs], vocabulary),
            *_cut(row[offers], vocabulary),
            fields.get(row[0], {}),
        )
        for row in rows
    ]


class Matcher:
    """The public organisations read once, for the suggestions of one or several of them."""

    def __init__(self):
        self.profiles = _public(Vocabulary.current())
        self._by_pk = {profile.pk: profile for profile in self.profiles}

    def suggestions_for(self, organization, *, limit=LIMIT, exclude=()):
        """The best `limit` suggestions for a public organisation (none for any other), the
        highest score first, then in 五十音順."""
        this = self._by_pk.get(getattr(organization, "pk", None))
        if this is None:
            return []
        skip = {this.pk, *exclude}
        found = []
        for other in self.profiles:
            if other.pk in skip:
                continue
            reasons = _reasons(this, other)
            if reasons:
                found.append((other, reasons, sum(reason.weight for reason in reasons)))
        # The candidates come in 五十音順, and the sort is stable.
        found.sort(key=lambda entry: -entry[2])
        return [
            Suggestion(organization=other.organization(), reasons=reasons)
            for other, reasons, _score in found[:limit]
        ]


def suggestions_for(organization, *, limit=LIMIT, exclude=()):
    """The suggestions for one organisation (two queries; none when it is not public)."""
    if organization is None or not organization.is_public:
        return []
    return Matcher().suggestions_for(organization, limit=limit, exclude=exclude)
