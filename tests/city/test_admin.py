"""The superuser edits the city profile in the admin, and the pages follow."""

import pytest
from django.forms.models import model_to_dict

from city.models import CityProfile

pytestmark = pytest.mark.django_db

URL = "/admin/city/cityprofile/{pk}/change/"


def profile_form_data(profile, **changes):
    data = {
        key: value
        for key, value in model_to_dict(profile).items()
        if key not in {"id", "updated_at"}
    }
    data["guideline_date"] = profile.guideline_date.isoformat()
    return {**data, **changes}


def test_superuser_edits_the_profile_and_the_pages_show_it(client, superuser):
    client.get("/")  # the old profile is cached now
    profile = CityProfile.objects.get()
    client.force_login(superuser)
    response = client.post(
        URL.format(pk=profile.pk),
        profile_form_data(profile, name="ふじみ野市(試験)", contact_phone="049-000-9999"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    body = client.get("/").content.decode()
    assert '<span class="site-title-city">ふじみ野市(試験)</span>' in body
    assert '<a href="tel:0490009999">049-000-9999</a>' in body


def test_admin_refuses_an_invalid_local_government_code(client, superuser):
    profile = CityProfile.objects.get()
    client.force_login(superuser)
    response = client.post(
        URL.format(pk=profile.pk), profile_form_data(profile, local_government_code="112450")
    )
    assert response.status_code == 200
    assert "検査数字" in response.content.decode()
    assert CityProfile.objects.get().local_government_code == "112453"


def test_admin_offers_no_second_profile_and_no_deletion(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/city/cityprofile/add/").status_code == 403
    profile = CityProfile.objects.get()
    assert client.get(f"/admin/city/cityprofile/{profile.pk}/delete/").status_code == 403


def test_admin_header_names_the_portal_of_the_profile(client, superuser):
    client.force_login(superuser)
    assert "ふじみ野 協働ポータル 管理" in client.get("/admin/").content.decode()
    profile = CityProfile.objects.get()
    profile.portal_name = "新しい名前のポータル"
    profile.save()
    assert "新しい名前のポータル 管理" in client.get("/admin/").content.decode()
