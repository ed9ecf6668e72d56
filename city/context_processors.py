from .profile import current


def city(request):
    """`city` in every template: the profile, each text in the visitor's language."""
    return {"city": current().localized()}
