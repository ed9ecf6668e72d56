"""The 20 fields of the NPO Act read by a plain short name, with the Act's wording beside it
as its description (forms), and by the short name on the pages."""

import pytest

from organizations.models import ActivityField
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_field_has_a_plain_name_shorter_than_the_acts_wording():
    fields = list(ActivityField.objects.all())
    assert len(fields) == 20
    for field in fields:
        assert field.short_name and len(field.short_name) < len(field.name), field.code
    support = ActivityField.objects.get(code="intermediary-support")
    assert support.label == "市民活動団体の支援"
    assert str(support) == "市民活動団体の支援"


def test_the_checkboxes_show_the_plain_name_with_the_acts_wording(client, citizen):
    client.force_login(citizen)
    page = client.get("/organizations/register/").content.decode()
    assert (
        '市民活動団体の支援<span class="choice-note">'
        "前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動</span>"
    ) in page


def test_pages_show_the_plain_name(client, organization):
    project = factories.make_project(lead_organization=organization, fields=("children",))
    page = client.get(project.get_absolute_url()).content.decode()
    assert "子どもの健全育成" in page
    assert "子どもの健全育成を図る活動" not in page
