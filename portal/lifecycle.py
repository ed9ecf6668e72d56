"""Declarative lifecycles: one table of actions per entity, and the one function that acts.

Each entity (a project, an organisation, an evaluation, a call) declares its lifecycle as a
table of `Action`s. An action says, in one place:

- `sources`: the states it may be taken from, and `target`: the state it leads to (None: the
  state stays and the action is recorded all the same, e.g. a notice, a report step, hiding);
- `actors`: the roles that may take it (names the lifecycle resolves with its predicates);
- `when`: conditions that decide whether it is offered at all (no button otherwise);
- `requires`: requirements checked when it is taken: the button is shown, taking it is
  refused with the requirement's message (completeness, all evaluations in, …);
- `comment`: whether a comment (a reason) is required, optional or not asked for, and
  `comment_required_in`: the states in which an optional comment becomes required (a
  resubmission after a return says what was changed);
- `effects`: what else changes with it, under the same lock (timestamps, a report's state);
- `audience`: who is told afterwards (names the notifications resolve into addresses);
- `visibility`: who reads its history entry (the parties, or the city staff only);
- `confirm`: whether the page asks for confirmation first (it cannot be undone).

`Lifecycle.apply` is the only writer of the state: it locks the row, checks every rule of the
action against the locked row, applies the effects, writes the history entry, and tells the
listeners (mail) after the commit. Permissions (`can`), buttons (`offered`), labels and mail
recipients are all read from the same table.

Conditions, requirements and effects are functions of a `Step` (the locked object, the actor,
the comment, the parameters). A requirement that only a higher app can check (the self-check
answers of a proposal, the evaluations of a project) is a `Slot`: the table names it, the
higher app provides it when it starts, and an unfilled slot refuses.
"""

import contextlib
import contextvars
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SYSTEM = "system"  # the portal itself (scheduled jobs, automatic transitions, demo data)

_silenced = contextvars.ContextVar("lifecycle_silenced", default=False)

# Every lifecycle of the portal, by name (for docs/lifecycles.md and the admin's overview).
LIFECYCLES = {}


@contextlib.contextmanager
def silenced():
    """Record actions without telling anyone (loading demo data or past records)."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def is_silenced():
    """Inside `silenced()`: writes that would tell someone tell nobody."""
    return _silenced.get()


class Comment(models.TextChoices):
    REQUIRED = "required", _("必須")
    OPTIONAL = "optional", _("任意")
    NONE = "none", _("なし")


class Visibility(models.TextChoices):
    """Who reads a history entry."""

    PARTIES = "parties", _("団体と市")
    STAFF = "staff", _("市の職員のみ")


class LifecycleError(Exception):
    """An action that cannot be taken now; the message is for the person acting.

    `problems` lists what a requirement found missing (e.g. the empty fields of a proposal),
    `field` names the input the message belongs to (the comment box), for the page.
    """

    def __init__(self, message, *, problems=(), field=None):
        super().__init__(str(message))
        self.message = message
        self.problems = list(problems)
        self.field = field

    def __str__(self):
        return str(self.message)


@dataclass
class Step:
    """One taking of an action: what the rules and effects look at."""

    lifecycle: "Lifecycle"
    action: "Action"
    obj: Any
    actor: Any
    comment: str = ""
    params: dict = field(default_factory=dict)
    now: Any = None
    related: dict = field(default_factory=dict)  # rows a rule locked, for the effects
    changes: list = field(default_factory=list)  # [{field, label, old, new}] for the history
    update_fields: set = field(default_factory=set)


class Slot:
    """A requirement (or effect) that a higher app provides.

    The lifecycle table names the slot where it belongs; the app that knows the data fills it
    in its AppConfig.ready(). Until then the slot answers `missing`, so that nothing passes
    a check nobody implemented.
    """

    def __init__(self, name, missing):
        self.name = name
        self.missing = missing
        self._implementations = []

    def provide(self, implementation):
        if implementation not in self._implementations:
            self._implementations.append(implementation)
        return implementation

    def __call__(self, step):
        if not self._implementations:
            return self.missing
        problems = []
        for implementation in self._implementations:
            found = implementation(step)
            if found:
                problems.extend(found if isinstance(found, list | tuple) else [found])
        return problems or None

    def __repr__(self):
        return f"<Slot {self.name}>"


@dataclass(frozen=True)
class Action:
    code: str
    sources: tuple
    target: str | None = None
    actors: tuple = ()
    when: tuple = ()
    requires: tuple = ()
    comment: str = Comment.OPTIONAL
    comment_label: Any = _("コメント")
    comment_required_in: tuple = ()
    required_comment_label: Any = None  # the comment's label where it is required by state
    effects: tuple = ()
    audience: tuple = ()
    visibility: str = Visibility.PARTIES
    confirm: bool = False
    # Recorded by the page that makes the change (a create or edit form), never a button.
    record_only: bool = False
    # Shown on the button and in the history when it differs from the code's label.
    verb: Any = None

    @property
    def changes_state(self):
        return self.target is not None


@dataclass(frozen=True)
class Offer:
    """An action the user may take now, with what still keeps it from succeeding."""

    action: Action
    label: str
    blockers: list

    @property
    def code(self):
        return self.action.code

    @property
    def is_blocked(self):
        return bool(self.blockers)


def _messages(found):
    if not found:
        return []
    if isinstance(found, list | tuple):
        return [getattr(item, "message", item) for item in found]
    return [found]


class Lifecycle:
    """The table of one entity's actions and the machinery every entity shares."""

    def __init__(
        self,
        *,
        name,
        model,
        codes,
        actions,
        roles,
        history,
        subject_field,
        state_field="status",
        stale_message=None,
    ):
        self.name = name
        self.model = model
        self.codes = codes  # the TextChoices of the action codes: their labels
        self.actions = {}
        for action in actions:
            if action.code in self.actions:
                raise ValueError(f"{name}: action {action.code} declared twice")
            if action.code not in codes.values:
                raise ValueError(f"{name}: action {action.code} has no code in {codes.__name__}")
            unknown = set(action.actors) - set(roles) - {SYSTEM}
            if unknown:
                raise ValueError(f"{name}: action {action.code} names unknown roles {unknown}")
            self.actions[action.code] = action
        self.roles = roles
        self.history = history  # the history model (a portal.models.HistoryEntry)
        self.subject_field = subject_field  # its foreign key to the entity
        self.state_field = state_field
        self.stale_message = stale_message or _(
            "現在「%(state)s」のため、「%(action)s」はできません。"
            "他の人が先に操作した可能性があります。画面を更新してください。"
        )
        self._listeners = []
        LIFECYCLES[name] = self

    # --- Reading the table -------------------------------------------------------------

    def action(self, code):
        try:
            return self.actions[code]
        except (KeyError, TypeError):
            raise LifecycleError(_("この操作はありません。")) from None

    def label(self, code):
        """The label of an action code (also for codes no longer in the table)."""
        action = self.actions.get(code)
        if action is not None and action.verb:
            return action.verb
        try:
            return self.codes(code).label
        except ValueError:
            return code

    def state_of(self, obj):
        return getattr(obj, self.state_field)

    def state_label(self, obj):
        return getattr(obj, f"get_{self.state_field}_display")()

    def roles_of(self, user, obj):
        if user is None:
            return {SYSTEM}
        return {name for name, predicate in self.roles.items() if predicate(user, obj)}

    def _step(self, action, obj, actor, comment="", params=None, related=None):
        return Step(
            lifecycle=self,
            action=action,
            obj=obj,
            actor=actor,
            comment=comment,
            params=params or {},
            now=timezone.now(),
            related={} if related is None else related,
        )

    def _refusal(self, step, roles=None):
        """Why the action is not open to this actor on this object (None: it is).

        `roles` may be a dict shared between calls, so that a page asking about every action
        asks each role predicate once."""
        action = step.action
        if self.state_of(step.obj) not in action.sources:
            return self.stale_message % {
                "state": self.state_label(step.obj),
                "action": self.label(action.code),
            }
        for condition in action.when:
            found = condition(step)
            if found:
                return _messages(found)[0]
        if roles is None:
            roles = {}
        if "roles" not in roles:
            roles["roles"] = self.roles_of(step.actor, step.obj)
        if not roles["roles"] & set(action.actors):
            return _("この操作を行う権限がありません。")
        return None

    def can(self, user, obj, code):
        """Whether the action is open to the user now (its requirements aside)."""
        action = self.actions.get(code)
        if action is None:
            return False
        return self._refusal(self._step(action, obj, user)) is None

    def offered(self, user, obj, *, codes=None, with_blockers=True):
        """The actions the user may take now, in the table's order, for buttons."""
        offers = []
        roles, related = {}, {}  # asked once for the whole page
        for action in self.actions.values():
            if codes is not None and action.code not in codes:
                continue
            if codes is None and action.record_only:
                continue
            step = self._step(action, obj, user, related=related)
            if self._refusal(step, roles) is not None:
                continue
            blockers = []
            if with_blockers:
                for requirement in action.requires:
                    blockers.extend(_messages(requirement(step)))
            offers.append(Offer(action=action, label=self.label(action.code), blockers=blockers))
        return offers

    # --- Acting ----------------------------------------------------------------------------

    def apply(self, obj, code, *, actor, comment="", changes=(), at=None, **params):
        """Take an action. Returns the updated object or raises LifecycleError.

        `at` records the action as of another moment (rules that depend on the date see that
        day, and nobody is told): only for the portal itself (actor None), e.g. entering past
        records or demo data.
        """
        if at is not None and actor is not None:
            raise ValueError("Only the portal itself records an action as of another time.")
        action = self.action(code)
        comment = (comment or "").strip()
        if action.comment == Comment.REQUIRED and not comment:
            raise LifecycleError(
                _("「%(label)s」を入力してください。") % {"label": action.comment_label},
                field="comment",
            )
        if action.comment == Comment.NONE:
            comment = ""
        with transaction.atomic():
            locked = self.model.objects.select_for_update().get(pk=obj.pk)
            step = self._step(action, locked, actor, comment, params)
            if at is not None:
                step.now = at
            step.changes = list(changes)
            refusal = self._refusal(step)
            if refusal is not None:
                raise LifecycleError(refusal)
            if not comment and self.state_of(locked) in action.comment_required_in:
                label = action.required_comment_label or action.comment_label
                raise LifecycleError(
                    _("「%(label)s」を入力してください。") % {"label": label}, field="comment"
                )
            problems = []
            for requirement in action.requires:
                found = requirement(step)
                if found:
                    problems.extend(found if isinstance(found, list | tuple) else [found])
            if problems:
                first = problems[0]
                message = getattr(first, "message", first) if len(problems) == 1 else None
                raise LifecycleError(
                    message
                    or _("まだ「%(action)s」はできません(%(count)s件)。")
                    % {"action": self.label(code), "count": len(problems)},
                    problems=problems,
                )
            from_state = self.state_of(locked)
            for effect in action.effects:
                effect(step)
            if action.target is not None:
                setattr(locked, self.state_field, action.target)
                step.update_fields.add(self.state_field)
            if step.update_fields:
                if any(f.name == "updated_at" for f in self.model._meta.fields):
                    step.update_fields.add("updated_at")
                locked.save(update_fields=sorted(step.update_fields))
            entry = self.history.objects.create(
                **{self.subject_field: locked},
                actor=actor,
                action=code,
                from_status=from_state,
                to_status=self.state_of(locked),
                comment=comment,
                changes=step.changes,
                visibility=action.visibility,
            )
            if at is not None:
                self.history.objects.filter(pk=entry.pk).update(created_at=at)
            # A past record tells nobody: its news is old.
            listeners = [] if at is not None or _silenced.get() else self._listeners
            for listener in listeners:
                transaction.on_commit(
                    lambda listener=listener, pk=entry.pk: listener(self, pk), robust=True
                )
        return locked

    def subscribe(self, listener: Callable):
        """`listener(lifecycle, history_entry_id)` runs after the commit of every action."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener


def describe(lifecycle):
    """The table as people read it (Markdown): docs/lifecycles.md is made of these."""

    def names(functions):
        return (
            ", ".join(
                f"`{getattr(function, 'name', None) or function.__name__}`"
                for function in functions
            )
            or "—"
        )

    states = {
        value for value, _label in lifecycle.model._meta.get_field(lifecycle.state_field).choices
    }
    lines = [
        f"## {lifecycle.name} (`{lifecycle.model._meta.label}`)",
        "",
        "| action | from | to | who | offered when | requires | comment | tells | history read by |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for action in lifecycle.actions.values():
        sources = (
            "any" if set(action.sources) == states else ", ".join(f"`{s}`" for s in action.sources)
        )
        cells = [
            f"`{action.code}` {lifecycle.label(action.code)}"
            + (" (recorded by its page)" if action.record_only else ""),
            sources,
            f"`{action.target}`" if action.target else "—",
            ", ".join(action.actors),
            names(action.when),
            names(action.requires),
            str(Comment(action.comment).label),
            ", ".join(action.audience) or "—",
            str(Visibility(action.visibility).label),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
