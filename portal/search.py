"""Keyword search: one search for every list and for the site-wide page.

Each searchable model has a search document (a subclass of `Document`, one row per object,
reached as `obj.search_document`): its text in the normal form of `portal.japanese`, the title
apart from the rest, and on PostgreSQL a tsvector of that text's two-character pieces (the title
weighted A, the rest B) under a GIN index. A query matches when every word is found in the title
or the body: on PostgreSQL the index finds the candidates (all the word's pieces) and a `LIKE`
over the normal form confirms words of three characters or more (pieces found apart are not the
word); on SQLite the `LIKE` alone answers, unindexed but the same.

A document holds only text that the object's public page shows; which objects a search may
return is the queryset's business: public pages pass `Model.objects.public()`, so search never
sees more than the list it narrows.
"""

import unicodedata

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db import connections, models
from django.db.models import BooleanField, Case, F, Func, Q, Sum, Value, When
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .japanese import normalize, words

MAX_WORDS = 10
DOCUMENT = "search_document"  # the reverse name of every document's one-to-one field
# The most positions a lexeme keeps (positions and weights are kept for phrase and rank
# queries; the search itself asks only whether a piece is there).
MAX_POSITIONS = 8
MAX_POSITION = 16383  # PostgreSQL's limit


class Document(models.Model):
    """What one object says, for search. Written only by `Index.update`."""

    title = models.TextField(default="", blank=True)
    body = models.TextField(default="", blank=True)
    vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only

    class Meta:
        abstract = True


def lexemes(text):
    """The pieces a document is indexed by: every two-character piece of every word, and each
    word's last character alone (so that a one-character word is found as a prefix)."""
    for word in normalize(text).split():
        for i in range(len(word) - 1):
            yield word[i : i + 2]
        yield word[-1]


def _quote(lexeme):
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def vector_literal(title, body):
    """The tsvector of a document, written as its literal (no text search parser between the
    pieces and the index: they are exactly the pieces a query looks for)."""
    positions = {}
    position = 0
    for weight, text in (("A", title), ("B", body)):
        for lexeme in lexemes(text):
            position = min(position + 1, MAX_POSITION)
            entries = positions.setdefault(lexeme, [])
            if len(entries) < MAX_POSITIONS:
                entries.append(f"{position}{weight}")
    return " ".join(f"{_quote(lexeme)}:{','.join(p)}" for lexeme, p in positions.items())


def query_literal(word, weight=""):
    """The tsquery of one normalised word: all its pieces; a single character as a prefix."""
    if len(word) == 1:
        return f"{_quote(word)}:*{weight}"
    pieces = dict.fromkeys(word[i : i + 2] for i in range(len(word) - 1))
    return " & ".join(f"{_quote(piece)}{':' + weight if weight else ''}" for piece in pieces)


def _tsquery(literal):
    return Cast(Value(literal), output_field=SearchQueryField())


def _on_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def _contains(word, field, prefix=f"{DOCUMENT}__"):
    return Q(**{f"{prefix}{field}__contains": word})


def _word_condition(word, postgresql, prefix=f"{DOCUMENT}__"):
    """The condition "the document has `word`", on the document reached through `prefix`
    (from the object: `search_document__`; on the document table itself: "")."""
    text = _contains(word, "title", prefix) | _contains(word, "body", prefix)
    if not postgresql:
        return text
    indexed = Q(
        Func(
            F(f"{prefix}vector"),
            _tsquery(query_literal(word)),
            template="%(expressions)s",
            arg_joiner=" @@ ",
            output_field=BooleanField(),
        )
    )
    return indexed if len(word) <= 2 else indexed & text


def search(queryset, query, *, then=(), also=()):
    """The objects of `queryset` whose document has every word of `query`: title matches
    first (every word in the title), then `then` (by default the queryset's own order: the
    newest first for projects).

    `also` names fields of the model that are not in the document (they are not public: the
    staff desk's), each word matching one of them as well, unindexed."""
    query_words = words(query)[:MAX_WORDS]
    if not query_words:
        return queryset
    postgresql = _on_postgresql(queryset)
    condition = Q()
    in_title = Q()
    for word in query_words:
        extra = Q()
        for field in also:
            extra |= Q(**{f"{field}__icontains": word})
        condition &= _word_condition(word, postgresql) | extra
        in_title &= _contains(word, "title")
    then = then or queryset.query.order_by or queryset.model._meta.ordering
    return (
        queryset.filter(condition)
        .annotate(search_title=Case(When(in_title, then=Value(True)), default=Value(False)))
        .order_by("-search_title", *then)
    )


class PublicResults:
    """A search of a kind's public list (with no filter but those its documents carry, which
    `documents` and `objects` are narrowed by), answered from its documents alone: their
    `public` flag and order key stand in for the join to the objects, so the count and the
    page read only the document table (its partial index on PostgreSQL), and only the page's
    objects are fetched, through `objects`, the kind's public queryset.

    That queryset has the last word: an object the documents call public but the queryset
    does not show is left out of the page (a document is never more public than its object).
    Paginators take it as they take a queryset (`count()` and slices)."""

    ordered = True

    def __init__(self, documents, objects, query, *, order):
        self.objects = objects
        self.key = objects.model._meta.pk.name
        self.field = next(
            f.name for f in documents.model._meta.get_fields() if f.one_to_one and f.primary_key
        )
        postgresql = _on_postgresql(documents)
        condition = Q()
        in_title = Q()
        for word in words(query)[:MAX_WORDS]:
            condition &= _word_condition(word, postgresql, prefix="")
            in_title &= _contains(word, "title", prefix="")
        self.documents = (
            documents.filter(condition, public=True)
            .annotate(search_title=Case(When(in_title, then=Value(True)), default=Value(False)))
            .order_by("-search_title", *order)
        )

    def count(self):
        return self.documents.order_by().count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        rows = list(self.documents.values_list(self.field, "search_title")[index])
        found = self.objects.in_bulk([pk for pk, _title in rows])
        page = []
        for pk, in_title in rows:
            if pk in found:
                found[pk].search_title = in_title
                page.append(found[pk])
        return page


def fewer_words(querysets, query, limit=3):
    """When several words find nothing together: each word alone that finds something in
    `querysets`, with how many it finds there (the words as typed, for the links). One query
    a queryset, whatever the number of words."""
    typed = list(dict.fromkeys(unicodedata.normalize("NFKC", query or "").split()))[:5]
    if len(typed) < 2:
        return []
    counts = dict.fromkeys(typed, 0)
    for queryset in querysets:
        postgresql = _on_postgresql(queryset)
        conditions = {}
        for number, word in enumerate(typed):
            condition = Q()
            for part in words(word):
                condition &= _word_condition(part, postgresql)
            conditions[f"word_{number}"] = condition
        found = queryset.order_by().aggregate(
            **{
                name: Sum(Case(When(condition, then=1), default=0))
                for name, condition in conditions.items()
            }
        )
        for number, word in enumerate(typed):
            counts[word] += found[f"word_{number}"] or 0
    return [(word, count) for word, count in counts.items() if count][:limit]


class Index:
    """Keeps one model's documents: `update(obj)` writes the document from `text(obj)`,
    a (title, body) pair of texts, in the normal form."""

    registry = []

    def __init__(self, document_model, text, *, objects, extra=None):
        self.document_model = document_model
        self.text = text
        self.extra = extra  # a callable: the document's other fields (a dict), if it has any
        self.objects = objects  # a callable: the queryset a rebuild reads (with prefetches)
        self.field = next(
            f.name for f in document_model._meta.get_fields() if f.one_to_one and f.primary_key
        )
        Index.registry.append(self)

    def _fields(self, obj, postgresql):
        title, body = (normalize(part) for part in self.text(obj))
        fields = {"title": title, "body": body, **(self.extra(obj) if self.extra else {})}
        if postgresql:
            fields["vector"] = Cast(
                Value(vector_literal(title, body)), output_field=SearchVectorField()
            )
        return fields

    def update(self, obj):
        using = obj._state.db or "default"
        defaults = self._fields(obj, connections[using].vendor == "postgresql")
        self.document_model.objects.using(using).update_or_create(
            **{self.field: obj}, defaults=defaults
        )

    def rebuild(self, batch=1000):
        """Every document written again, in batches (run inside a transaction)."""
        postgresql = connections["default"].vendor == "postgresql"
        documents = self.document_model.objects
        documents.all().delete()
        count, pending = 0, []
        for obj in self.objects().iterator(chunk_size=batch):
            pending.append(
                self.document_model(**{self.field: obj}, **self._fields(obj, postgresql))
            )
            if len(pending) == batch:
                count += len(documents.bulk_create(pending))
                pending = []
        return count + len(documents.bulk_create(pending))


def joined(*parts):
    """Texts of a document, one a line (an empty part adds nothing)."""
    return "\n".join(str(part) for part in parts if part)


# -- highlighting -------------------------------------------------------------------------


def _clusters(text):
    """The text cut into characters with their combining marks (ｶﾞ is one)."""
    cluster = ""
    for char in text:
        if cluster and unicodedata.combining(unicodedata.normalize("NFKC", char)[:1] or " "):
            cluster += char
            continue
        if cluster:
            yield cluster
        cluster = char
    if cluster:
        yield cluster


def _folded(text):
    """The text in the normal form without the separators' folding, and for every character
    of it the index of the original cluster it came from."""
    folded, origin, starts = [], [], []
    position = 0
    for index, cluster in enumerate(_clusters(text)):
        starts.append(position)
        position += len(cluster)
        piece = normalize(cluster) or " "
        folded.append(piece)
        origin.extend([index] * len(piece))
    starts.append(position)
    return "".join(folded), origin, starts


def highlight(text, query):
    """`text`, escaped, with every word of `query` wrapped in <mark>: matched on the normal
    form, so that ぼらんてぃあ marks ボランティア and ＮＰＯ marks NPO as written."""
    text = "" if text is None else str(text)
    query_words = [w for w in words(query)[:MAX_WORDS] if w]
    if not text or not query_words:
        return escape(text)
    folded, origin, starts = _folded(text)
    spans = []
    for word in query_words:
        at = folded.find(word)
        while at != -1:
            first, last = origin[at], origin[at + len(word) - 1]
            spans.append((starts[first], starts[last + 1]))
            at = folded.find(word, at + len(word))
    if not spans:
        return escape(text)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out, at = [], 0
    for start, end in merged:
        out.append(escape(text[at:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    out.append(escape(text[at:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


# -- migrations ---------------------------------------------------------------------------


def gin_index(table, *, where="", name=""):
    """A migration operation adding the GIN index of a document table's vector (`where`: a
    partial index's condition), on PostgreSQL only (SQLite has no such index, and its search
    reads the text columns)."""
    from django.db import migrations

    name = name or f"{table}_vector_gin"
    condition = f" WHERE {where}" if where else ""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f'CREATE INDEX "{name}" ON "{table}" USING gin ("vector"){condition}'
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(forwards, backwards, elidable=False)
