"""The open requests shown on an organisation's and a project's page (those pages sit in
lower apps, so they ask here through the template)."""

from django import template

from volunteers import selectors

register = template.Library()


@register.inclusion_tag("volunteers/includes/open_requests.html")
def open_volunteer_requests(organization=None, project=None):
    if project is not None:
        requests = selectors.open_requests_of_project(project)
    else:
        requests = selectors.open_requests_of_organization(organization)
    return {"requests": list(requests)}
