"""The demo's volunteer requests: several organisations ask for help, one request is
closed, one application is answered, and the applicant's name stays off the public pages."""

import pytest

from volunteers.models import VolunteerApplication, VolunteerRequest

from .test_load_demo import demo, loaded_demo  # noqa: F401

pytestmark = pytest.mark.django_db


def test_several_organisations_ask_for_help_and_one_request_is_closed(demo):  # noqa: F811
    open_requests = VolunteerRequest.objects.filter(is_open=True)
    assert open_requests.values("organization").distinct().count() >= 3
    assert VolunteerRequest.objects.filter(is_open=False).count() == 1
    assert VolunteerApplication.objects.filter(status="accepted").count() == 1


def test_the_list_shows_the_open_requests_and_names_no_applicant(demo, client):  # noqa: F811
    page = client.get("/volunteers/").content.decode()
    for volunteer_request in VolunteerRequest.objects.filter(is_open=True):
        assert volunteer_request.role in page
    application = VolunteerApplication.objects.get()
    detail = client.get(f"/volunteers/{application.request_id}/").content.decode()
    for secret in (application.name, application.email, application.message):
        assert secret not in page and secret not in detail
