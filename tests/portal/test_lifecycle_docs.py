"""docs/lifecycles.md is the lifecycle tables themselves: a changed table fails here until the
document is made again (`python manage.py lifecycle_tables > docs/lifecycles.md`)."""

from pathlib import Path

from portal.lifecycle import LIFECYCLES
from portal.management.commands.lifecycle_tables import document

DOC = Path(__file__).resolve().parents[2] / "docs" / "lifecycles.md"


def test_the_lifecycle_document_is_current():
    assert DOC.read_text(encoding="utf-8") == document()


def test_the_document_names_every_action_of_every_lifecycle():
    text = DOC.read_text(encoding="utf-8")
    for lifecycle in LIFECYCLES.values():
        for code in lifecycle.actions:
            assert f"`{code}`" in text
