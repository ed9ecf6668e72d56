from django.shortcuts import render

from projects.guide import forms_with_guide
from projects.models import Project

from .models import Principle


def principle_list(request):
    principles = Principle.objects.prefetch_related("checklist_items")
    return render(request, "principles/principle_list.html", {"principles": principles})


def form_list(request):
    """The six forms with the guideline's explanation and the portal's projects of each."""
    counts = {}
    for form_code in Project.objects.public().values_list("form", flat=True):
        counts[form_code] = counts.get(form_code, 0) + 1
    forms = [{**form, "count": counts.get(form["code"], 0)} for form in forms_with_guide()]
    return render(request, "principles/form_list.html", {"forms": forms})
