"""What the database itself refuses of organisations: a 設立年 before 明治元年 (1868)."""

import pytest
from django.db import IntegrityError, transaction

from organizations.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db


def test_founded_year_before_1868_is_refused():
    organization = factories.make_organization(founded_year=1868)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.filter(pk=organization.pk).update(founded_year=1867)
    Organization.objects.filter(pk=organization.pk).update(founded_year=None)
