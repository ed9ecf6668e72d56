"""The last step of the demo's own data: every dated action of the data files, taken through
its entity's lifecycle in the order of the dates.

The earlier steps write content (an organisation registered, a proposal's draft, a report, the
evaluations) and add each entity's history to `command.timeline`. Replaying the actions of all
entities in date order lets them depend on one another as they did in time: a project of an
organisation is published while the organisation is approved, and the organisation is
suspended afterwards.

Each action is taken with `apply(..., actor=None, at=<its date>)`: the portal records it as of
that moment, every rule that depends on the day (the 後援 lead time) sees that day, and
nobody is told. An action already recorded (the same action at the same moment in the
entity's history) is not taken again, so a second run adds nothing.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from portal.lifecycle import LifecycleError

from .datafiles import DataError, moment


@dataclass(order=True)
class Step:
    at: Any
    order: int
    lifecycle: Any = field(compare=False)
    obj: Any = field(compare=False)
    code: str = field(compare=False)
    comment: str = field(compare=False, default="")
    where: str = field(compare=False, default="")
    params: dict = field(compare=False, default_factory=dict)


class Timeline:
    """The dated actions of every entity of the demo, to be taken in order."""

    def __init__(self):
        self.steps = []
        self.taken = 0

    def add(self, lifecycle, obj, history, *, where):
        """Queue `history` (entries of a data file: action, at, comment) for `obj`."""
        for number, entry in enumerate(history, start=1):
            place = f"{where} history {number}"
            code = entry.get("action")
            if code not in lifecycle.actions:
                raise DataError(
                    _("%(where)s: 操作「%(code)s」はありません(あるのは %(known)s)。")
                    % {"where": place, "code": code, "known": ", ".join(lifecycle.actions)}
                )
            self.steps.append(
                Step(
                    at=moment(entry.get("at"), where=place),
                    order=len(self.steps),
                    lifecycle=lifecycle,
                    obj=obj,
                    code=code,
                    comment=entry.get("comment", ""),
                    where=place,
                    # A 変更届 carries the new values it proposes.
                    params={"proposed": entry["proposed"]} if "proposed" in entry else {},
                )
            )

    def add_action(self, lifecycle, obj, code, *, at, params=None, where=""):
        """Queue one action the loader itself derives (e.g. a partner's confirmation)."""
        self.steps.append(
            Step(
                at=at,
                order=len(self.steps),
                lifecycle=lifecycle,
                obj=obj,
                code=code,
                where=where,
                params=params or {},
            )
        )

    def replay(self):
        for step in sorted(self.steps):
            if is_recorded(step):
                continue
            try:
                step.lifecycle.apply(
                    step.obj,
                    step.code,
                    actor=None,
                    at=step.at,
                    comment=step.comment,
                    **step.params,
                )
            except LifecycleError as error:
                details = "".join(f"\n  - {getattr(p, 'message', p)}" for p in error.problems)
                raise DataError(
                    f"{step.where} ({step.code}, {step.at:%Y-%m-%d %H:%M}): {error}{details}"
                ) from error
            self.taken += 1
        self.steps = []


def is_recorded(step):
    lifecycle = step.lifecycle
    return lifecycle.history.objects.filter(
        **{lifecycle.subject_field: step.obj}, action=step.code, created_at=step.at
    ).exists()


def load(command):
    command.timeline.replay()
