"""projects.services: the city's project registered as of a past date."""

import datetime

import pytest
from django import forms
from django.core import mail
from django.utils import timezone

from organizations.models import Area
from portal.forms import OnceFormMixin
from projects.models import Project
from projects.services import project_create
from tests import factories

pytestmark = pytest.mark.django_db

PAST = timezone.make_aware(datetime.datetime(2024, 3, 11, 10, 0))


class ProjectForm(OnceFormMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "summary", "form", "lead_organization", "area", "fiscal_year"]


def bound_form(organization):
    form = ProjectForm(
        {
            "title": "市民大学",
            "summary": "市民が講師になる講座です。",
            "form": "commission",
            "lead_organization": organization.pk,
            "area": Area.objects.first().pk,
            "fiscal_year": 2024,
        }
    )
    assert form.is_valid(), form.errors
    return form


def test_a_past_registration_is_recorded_by_the_portal_on_its_date_and_tells_nobody(
    organization, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = project_create(form=bound_form(organization), actor=None, publish=True, at=PAST)
    assert [(t.action, t.created_at, t.actor) for t in project.transitions.all()] == [
        ("create", PAST, None),
        ("publish", PAST, None),
    ]
    assert project.status == Project.Status.PUBLISHED
    assert project.published_at == PAST
    assert project.created_by is None
    assert mail.outbox == []


def test_only_the_portal_records_a_project_as_of_another_time(organization):
    staff = factories.make_user("desk@example.jp")
    with pytest.raises(ValueError):
        project_create(form=bound_form(organization), actor=staff, at=PAST)
