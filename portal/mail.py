"""Plain-text mail rendered as plain text: subjects and bodies are not HTML, so nothing in them
is HTML-escaped (a title with & or ' arrives as typed, not as &amp; or &#x27;)."""

from django.template import Context, Engine


def render_text(template_name, context):
    """A template rendered without HTML escaping, for a mail's plain-text body."""
    template = Engine.get_default().get_template(template_name)
    return template.render(Context(context, autoescape=False))


def render_subject(template_name, context):
    """A mail subject: rendered without HTML escaping, on one line (a line break in a
    subject would start a new mail header)."""
    return " ".join(render_text(template_name, context).split())
