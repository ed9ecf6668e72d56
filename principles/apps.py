from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrinciplesConfig(AppConfig):
    name = "principles"
    verbose_name = _("協働の基本原則")

    def ready(self):
        # The project lifecycle names the requirement; this app knows the evaluations.
        from projects import sections
        from projects.lifecycle import EVALUATIONS_COMPLETE, PROJECT_LIFECYCLE
        from projects.panels import PROJECT_PAGE

        from . import lifecycle  # noqa: F401 - the evaluation lifecycle joins LIFECYCLES
        from . import sections as self_check
        from .selectors import evaluations_complete, published_comparison
        from .services import on_project_action

        sections.register(
            sections.ProposalSection(
                code="selfcheck",
                label=self_check.LABEL,
                problems=self_check.problems,
                form=self_check.build_form,
                save=self_check.save,
                template="principles/includes/selfcheck_form.html",
                detail_template="principles/includes/selfcheck_detail.html",
                detail_context=self_check.detail_context,
                order=10,
            )
        )

        EVALUATIONS_COMPLETE.provide(evaluations_complete)
        # A completed project asks every party for its evaluation (rows made as drafts).
        PROJECT_LIFECYCLE.subscribe(on_project_action)
        PROJECT_PAGE.register(
            "evaluation",
            template="principles/includes/comparison.html",
            context=published_comparison,
            order=50,
        )
