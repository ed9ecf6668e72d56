"""Dates a project owes the city, read by the staff desk's queues and the city's notices."""

from django.conf import settings

from portal import wareki

from .models import Form


def report_due_on(project):
    """The results report is due a set time after the 後援 event, or after the project ends;
    None while neither date is known (a draft, or a date staff cleared)."""
    days = settings.PATRONAGE_REPORT_DUE_DAYS
    if project.form == Form.PATRONAGE:
        detail = project.form_detail()
        if detail is not None and detail.event_date is not None:
            return wareki.add_days(detail.event_date, days)
    return wareki.add_days(project.ends_on, days)
