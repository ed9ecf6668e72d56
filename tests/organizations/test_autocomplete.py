"""The organisation forms name the purpose of each field of personal data (WCAG 1.3.5), so
that browsers and assistive technology can fill them in: the representative's name, phone
and address, the organisation's contact addresses."""

import pytest

from tests.hostile import tree

pytestmark = pytest.mark.django_db

EXPECTED = {
    "name": "organization",
    "public_email": "section-public work email",
    "public_phone": "section-public work tel",
    "representative_name": "section-representative name",
    "representative_phone": "section-representative tel",
    "representative_address": "section-representative street-address",
    "private_email": "section-office work email",
}


def autocomplete_of(html):
    return {
        e.attrs["name"]: e.attrs.get("autocomplete")
        for e in tree(html)
        if e.tag in ("input", "textarea") and e.attrs.get("name") in EXPECTED
    }


@pytest.mark.parametrize("path", ["/organizations/register/", "/organizations/{pk}/edit/"])
def test_personal_data_fields_carry_their_autocomplete_tokens(client, member, organization, path):
    client.force_login(member)
    html = client.get(path.format(pk=organization.pk)).content.decode()
    assert autocomplete_of(html) == EXPECTED
