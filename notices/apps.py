from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("申請書・通知書")

    def ready(self):
        # The project lifecycle tells its listeners after each commit; a decision that has a
        # notice issues it here. This app starts before notifications (INSTALLED_APPS), so the
        # notice exists when the decision mail is written, which links to it.
        from projects.lifecycle import PROJECT_LIFECYCLE
        from projects.panels import PROPOSAL_PAGE

        from .panels import documents_context
        from .services import issue_for_decision

        PROJECT_LIFECYCLE.subscribe(issue_for_decision)
        PROPOSAL_PAGE.register(
            "documents",
            template="notices/includes/documents_panel.html",
            context=documents_context,
            order=20,
        )
