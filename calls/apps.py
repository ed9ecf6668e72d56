from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("協働事業提案制度")

    def ready(self):
        from . import search

        search.connect()
        # The project lifecycle names the slot; this app knows which proposals answer a call.
        from projects import sections
        from projects.lifecycle import CALL_RULES

        from . import sections as call_questions
        from .lifecycle import call_rules

        CALL_RULES.provide(call_rules)
        sections.register(
            sections.ProposalSection(
                code="call",
                label=call_questions.LABEL,
                problems=call_questions.problems,
                applies=call_questions.applies,
                edit_url=call_questions.edit_url,
                detail_template="calls/includes/proposal_answers.html",
                detail_context=call_questions.detail_context,
                order=5,
            )
        )
