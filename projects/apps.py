from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("協働事業")

    def ready(self):
        from . import search

        search.connect()
        from organizations.panels import ORGANIZATION_PAGE

        from .panels import organization_projects

        ORGANIZATION_PAGE.register(
            "projects",
            template="projects/includes/organization_projects.html",
            context=organization_projects,
            order=10,
        )
