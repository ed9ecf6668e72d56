"""Reading evaluations: the side-by-side comparison of the parties."""

from dataclasses import dataclass, field

# Principles where the parties' scores differ by this much or more are the points to talk about.
DIFFERENCE_TO_DISCUSS = 2


@dataclass
class ComparisonRow:
    principle: object
    cells: list = field(default_factory=list)  # one EvaluationScore (or None) per party

    @property
    def spread(self):
        scores = [cell.score for cell in self.cells if cell is not None]
        return max(scores) - min(scores) if len(scores) >= 2 else 0

    @property
    def to_discuss(self):
        return self.spread >= DIFFERENCE_TO_DISCUSS


@dataclass
class Comparison:
    evaluations: list
    rows: list

    @property
    def points_to_discuss(self):
        return [row for row in self.rows if row.to_discuss]


def evaluation_comparison(evaluations, principles):
    """Put the parties' evaluations side by side, principle by principle.

    The city's evaluation comes first, then the organisations in their order.
    """
    evaluations = sorted(evaluations, key=lambda e: (not e.is_city, e.pk))
    by_party = [{score.principle_id: score for score in e.scores.all()} for e in evaluations]
    rows = [
        ComparisonRow(principle, [scores.get(principle.pk) for scores in by_party])
        for principle in principles
    ]
    return Comparison(evaluations=evaluations, rows=rows)
