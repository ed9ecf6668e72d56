"""Parts of a page that a higher app adds: the page's own app owns a `Panels` registry, and
the higher app registers its panel when it starts (AppConfig.ready()), so that the lower app
never imports it. E.g. an organisation's page lists its projects (added by projects), a
project's page shows the published evaluation (added by principles)."""

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    code: str
    template: str
    context: Any  # (obj, request) -> dict, or None when the panel has nothing to show
    order: int = 100


class Panels:
    def __init__(self, name):
        self.name = name
        self._panels = {}

    def register(self, code, *, template, context, order=100):
        self._panels[code] = Panel(code=code, template=template, context=context, order=order)

    def render(self, obj, request):
        """The HTML of every panel that has something to show, in their order."""
        rendered = []
        for panel in sorted(self._panels.values(), key=lambda p: (p.order, p.code)):
            context = panel.context(obj, request)
            if context is not None:
                rendered.append(render_to_string(panel.template, context, request=request))
        return rendered
