"""The suggestions section of an organisation's page (organizations sits below this app, so
its page asks here through the template)."""

from django import template

from matching import permissions
from matching.suggestions import suggestions_for

register = template.Library()


@register.inclusion_tag("matching/includes/organization_suggestions.html", takes_context=True)
def organization_suggestions(context, organization):
    """Nothing at all for an organisation that is not public."""
    if not organization.is_public:
        return {"show": False}
    user = context["request"].user
    return {
        "show": True,
        "organization": organization,
        "suggestions": suggestions_for(organization),
        "can_contact": permissions.can_send_to(user, organization),
    }
