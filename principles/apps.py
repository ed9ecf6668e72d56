from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrinciplesConfig(AppConfig):
    name = "principles"
    verbose_name = _("協働の基本原則")

    def ready(self):
        # The project lifecycle names the requirement; this app knows the evaluations.
        from projects.lifecycle import EVALUATIONS_COMPLETE
        from projects.panels import PROJECT_PAGE

        from .selectors import evaluations_complete, published_comparison

        EVALUATIONS_COMPLETE.provide(evaluations_complete)
        PROJECT_PAGE.register(
            "evaluation",
            template="principles/includes/comparison.html",
            context=published_comparison,
            order=50,
        )
