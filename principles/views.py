from django.db.models import Count
from django.shortcuts import render

from projects.guide import forms_with_guide
from projects.models import Project

from .models import Principle


def principle_list(request):
    principles = Principle.objects.prefetch_related("checklist_items")
    return render(request, "principles/principle_list.html", {"principles": principles})


def form_list(request):
    """The six forms with the guideline's explanation and the portal's projects of each."""
    counts = dict(
        Project.objects.public()
        .order_by()
        .values_list("form")
        .annotate(count=Count("id"))
        .values_list("form", "count")
    )
    forms = [{**form, "count": counts.get(form["code"], 0)} for form in forms_with_guide()]
    return render(request, "principles/form_list.html", {"forms": forms})
