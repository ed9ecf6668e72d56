"""`city.profile.current()`: the profile in use, cached, forgotten when it changes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from city.models import CityProfile
from city.profile import current, mail_sender
from tests.caching import clear_cache

pytestmark = pytest.mark.django_db


def test_a_fresh_database_holds_the_bundled_fujimino_profile():
    profile = current()
    assert profile.pk is not None
    assert profile.name == "ふじみ野市"
    assert profile.name_en == "Fujimino City"
    assert profile.local_government_code == "112453"
    assert profile.portal_name == "ふじみ野 協働ポータル"
    assert profile.contact_phone == "049-262-9016"
    assert profile.source_line == "出典: ふじみ野市協働のまちづくり推進指針"
    assert profile.guideline_date == datetime.date(2017, 10, 1)


def test_the_cached_profile_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        current()
    with django_assert_num_queries(0):
        current()
        current()


def test_saving_the_profile_forgets_the_cached_one():
    current()
    profile = CityProfile.objects.get()
    profile.portal_name = "ふじみ野 協働ポータル(試行版)"
    profile.save()
    assert current().portal_name == "ふじみ野 協働ポータル(試行版)"


def test_without_a_row_the_profile_of_the_data_files_is_used():
    CityProfile.objects.all().delete()
    profile = current()
    assert profile.pk is None
    assert profile.name == "ふじみ野市"
    assert profile.contact_phone == "049-262-9016"


def test_english_readers_get_the_english_texts_where_the_profile_has_them():
    city = current().localized()
    with translation.override("en"):
        assert city.name == "Fujimino City"
        assert city.portal_name == "Fujimino Collaboration Portal"
        assert city.contact_phone == "049-262-9016"  # not translated
        assert city.guideline_date_label == "October 2017"
    with translation.override("ja"):
        assert city.name == "ふじみ野市"
        assert city.guideline_date_label == "平成29年10月"


def test_an_empty_english_text_falls_back_to_the_japanese_one():
    profile = CityProfile.objects.get()
    profile.tagline_en = ""
    profile.save()
    with translation.override("en"):
        assert current().localized().tagline == "みんなで創るふじみ野"


def test_the_profile_derives_open_data_name_and_phone_link():
    profile = current()
    assert profile.full_name == "埼玉県ふじみ野市"
    assert profile.phone_uri == "tel:0492629016"


def test_mail_sender_is_the_profiles_or_the_setting(settings):
    settings.DEFAULT_FROM_EMAIL = "fallback@example.jp"
    assert mail_sender() == "ふじみ野 協働ポータル <noreply@kyodo.example.jp>"
    profile = CityProfile.objects.get()
    profile.mail_from = ""
    profile.save()
    assert mail_sender() == "fallback@example.jp"


def test_every_page_gets_the_profile_as_city(client):
    response = client.get("/")
    assert response.context["city"].name == "ふじみ野市"


def profile_queries(context):
    return [query for query in context.captured_queries if "city_cityprofile" in query["sql"]]


def test_a_page_reads_the_profile_once_then_from_the_cache(client):
    clear_cache()
    with CaptureQueriesContext(connection) as cold:
        client.get("/projects/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/projects/")
    assert len(profile_queries(cold)) == 1
    assert profile_queries(warm) == []
