"""Organisations and departments for tests."""

import itertools

from organizations.models import Area, Department, Membership, Organization

_sequence = itertools.count(1)


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


def coordinating_department():
    return Department.objects.get(is_coordinating=True)


def make_department(
    name="生涯学習課", code="lifelong-learning", name_en="Lifelong Learning Division"
):
    department, _ = Department.objects.get_or_create(
        code=code, defaults={"name": name, "name_en": name_en}
    )
    return department
