"""The six forms as the city profile's guideline explains them (projects.FormGuide)."""

from portal.models import gloss

from .models import Form, FormGuide


def _explained(form, guide):
    return {
        "code": form.value,
        "label": form.label,
        "definition": guide.definition if guide else "",
        "definition_gloss": gloss(guide, "definition") if guide else "",
        "effect": guide.effect if guide else "",
        "effect_gloss": gloss(guide, "effect") if guide and guide.effect else "",
        "examples": guide.example_list if guide else [],
    }


def forms_with_guide():
    """The six forms, each with its explanation, in the guide's order (one query).

    A form the guide does not explain yet is still listed, after the others, without text.
    """
    guides = {guide.form: guide for guide in FormGuide.objects.all()}
    unexplained = len(Form) + max((guide.order for guide in guides.values()), default=0)
    ordered = sorted(
        enumerate(Form),
        key=lambda item: (
            guides[item[1].value].order if item[1].value in guides else unexplained,
            item[0],
        ),
    )
    return [_explained(form, guides.get(form.value)) for _position, form in ordered]
