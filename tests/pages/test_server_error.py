"""The 500 page names the city's contact, and still draws when the database is down."""

import pytest
from django.test import RequestFactory

from city import profile as city_profile
from pages.views import server_error


@pytest.mark.django_db
def test_500_page_names_the_contact_of_the_profile():
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "<title>エラーが発生しました | ふじみ野 協働ポータル</title>" in body
    assert "問い合わせ先: ふじみ野市 協働推進課 049-262-9016" in body


def test_500_page_draws_a_neutral_text_without_the_database():
    # No django_db mark: any query raises, as with a database that is down.
    with pytest.raises(RuntimeError):
        city_profile.current()
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "<h1>エラーが発生しました</h1>" in body
    assert "市の協働の担当窓口へお問い合わせください" in body
    assert "ふじみ野" not in body


def test_the_portal_answers_errors_with_its_own_500_view():
    from config import urls

    assert urls.handler500 == "pages.views.server_error"
