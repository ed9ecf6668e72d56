"""organizations.services: a registration entered as of a past date."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from organizations.models import Area, Membership, Organization
from organizations.services import organization_register

pytestmark = pytest.mark.django_db

PAST = timezone.make_aware(datetime.datetime(2023, 3, 24, 10, 0))


def new_organization():
    return Organization(
        name="上福岡ほたるの会",
        name_kana="カミフクオカホタルノカイ",
        kind="civic",
        area=Area.objects.first(),
    )


def test_a_past_registration_is_recorded_by_the_portal_on_its_date_and_tells_nobody(
    citizen, coordinating_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organization = organization_register(
            organization=new_organization(), fields=[], owner=citizen, at=PAST
        )
    entry = organization.transitions.get()
    assert (entry.action, entry.created_at, entry.actor) == ("register", PAST, None)
    assert organization.status == Organization.Status.PENDING
    assert organization.memberships.get().user == citizen
    assert organization.memberships.get().role == Membership.Role.OWNER
    assert mail.outbox == []


def test_a_registration_now_is_the_owners_own(citizen, coordinating_staff):
    organization = organization_register(organization=new_organization(), fields=[], owner=citizen)
    assert organization.transitions.get().actor == citizen
