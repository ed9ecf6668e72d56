"""Parts of a proposal that other apps add: the self-check (principles), an open call's own
questions (calls), … projects sits below those apps and never imports them; they register their
section here when they start (AppConfig.ready()).

A section says what it needs before the proposal may be submitted (its `problems`, which the
submit requirement of the project lifecycle collects through projects.completeness), and how it
is filled in and shown:
- `form` / `save` / `template`: a part of the proposal editor, on the same page (the self-check);
- `edit_url`: or a page of its own, linked from the proposal (a call's questions);
- `detail_template` / `detail_context`: what the proposal page and the staff file show of it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string


@dataclass(frozen=True)
class ProposalSection:
    code: str
    label: Any
    problems: Callable  # (project, today) -> [completeness.Problem]
    applies: Callable = lambda project: True
    form: Callable | None = None  # (data, project, prefix) -> a form for the editor
    save: Callable | None = None  # (form, project) -> None, inside the proposal's transaction
    template: str | None = None  # the editor's part
    edit_url: Callable | None = None  # (project) -> the page where the section is filled in
    detail_template: str | None = None
    detail_context: Callable | None = None  # (project) -> dict
    order: int = 100


_SECTIONS = {}


def register(section):
    _SECTIONS[section.code] = section
    return section


def sections_for(project):
    """The sections that apply to this proposal, in their order."""
    return [
        section
        for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.code))
        if section.applies(project)
    ]


def section_problems(project, today=None):
    problems = []
    for section in sections_for(project):
        problems.extend(section.problems(project, today))
    return problems


def render_details(project, request):
    """The HTML of what each section shows of a proposal (proposal page, staff file)."""
    return [
        render_to_string(section.detail_template, section.detail_context(project), request=request)
        for section in sections_for(project)
        if section.detail_template
    ]
