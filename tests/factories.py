"""Small factories for tests: plain functions with sensible defaults."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from organizations.models import ActivityField, Area, Department, Membership, Organization
from projects.models import Event, Partner, Project

_sequence = itertools.count(1)


def make_user(email=None, *, password="test-password-123", verified=True, **extra):
    from allauth.account.models import EmailAddress

    number = next(_sequence)
    email = email or f"user{number}@example.jp"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, **extra
    )
    if verified:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_organization(*, status=Organization.Status.APPROVED, members=(), **fields):
    number = next(_sequence)
    defaults = {
        "name": f"テスト団体{number}",
        "name_kana": f"テストダンタイ{number:04d}",
        "kind": Organization.Kind.NPO,
        "description": "テスト用の団体です。",
        "area": Area.objects.get(code="kamifukuoka"),
    }
    defaults.update(fields)
    organization = Organization.objects.create(status=status, **defaults)
    for user in members:
        Membership.objects.create(organization=organization, user=user, role=Membership.Role.OWNER)
    return organization


def make_project(
    *,
    lead_organization=None,
    status=Project.Status.PUBLISHED,
    form=Project.Form.COHOSTING,
    fields=("community-development",),
    **attributes,
):
    number = next(_sequence)
    defaults = {
        "title": f"テスト協働事業{number}",
        "summary": "テスト用の協働事業の概要です。",
        "fiscal_year": 2025,
        "area": Area.objects.get(code="citywide"),
        "starts_on": datetime.date(2025, 6, 1),
        "ends_on": datetime.date(2026, 2, 28),
    }
    if status in (Project.Status.PUBLISHED, Project.Status.COMPLETED, Project.Status.EVALUATED):
        defaults["published_at"] = timezone.now()
    defaults.update(attributes)
    project = Project.objects.create(
        lead_organization=lead_organization or make_organization(),
        status=status,
        form=form,
        **defaults,
    )
    if fields:
        project.fields.set(ActivityField.objects.filter(code__in=fields))
    return project


def make_partner(project, organization=None, *, name="", role="会場の提供"):
    return Partner.objects.create(project=project, organization=organization, name=name, role=role)


def make_event(project, *, starts_on=None, **fields):
    defaults = {"title": f"{project.title}の説明会", "place": "ふじみ野市役所", "start_time": None}
    defaults.update(fields)
    return Event.objects.create(
        project=project,
        starts_on=starts_on or timezone.localdate() + datetime.timedelta(days=10),
        **defaults,
    )


def coordinating_department():
    return Department.objects.get(is_coordinating=True)


def make_department(name="生涯学習課", code="lifelong-learning"):
    department, _ = Department.objects.get_or_create(code=code, defaults={"name": name})
    return department
