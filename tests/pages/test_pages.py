import datetime

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def test_home_shows_principles_forms_newest_projects_and_upcoming_events(client):
    project = factories.make_project(title="スポーツカレッジ")
    factories.make_event(project, title="スポーツカレッジ開講式", starts_on=timezone.localdate())
    factories.make_event(
        project, title="去年の開講式", starts_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    body = client.get("/").content.decode()
    for principle in ("対等", "自主性尊重", "自立化", "相互理解", "目的共有", "公開", "相互評価"):
        assert principle in body
    for form in ("補助", "後援", "委託", "実行委員会", "事業協力", "共催"):
        assert form in body
    assert "スポーツカレッジ" in body
    assert "スポーツカレッジ開講式" in body
    assert "去年の開講式" not in body


def test_home_leaks_nothing_private(client):
    draft = factories.make_project(title="【下書き】秘密の事業", status="draft")
    factories.make_event(draft, title="秘密の説明会")
    hidden = factories.make_project(title="非公開の事業", is_hidden=True)
    factories.make_event(hidden, title="非公開の説明会")
    body = client.get("/").content.decode()
    for secret in ("秘密の事業", "秘密の説明会", "非公開の事業", "非公開の説明会"):
        assert secret not in body


def test_principles_page_quotes_the_official_definitions(client):
    body = client.get("/principles/").content.decode()
    assert "対等の立場に立つこと" in body
    assert "課題や改善点について話し合うこと" in body
    assert "出典: ふじみ野市協働のまちづくり推進指針" in body


def test_forms_page_explains_each_form_with_fujimino_examples(client):
    factories.make_project(form="committee")
    factories.make_project(form="committee", status="draft")
    response = client.get("/forms/")
    body = response.content.decode()
    for example in (
        "上福岡七夕まつり",
        "おおい祭り",
        "市民大学ふじみ野",
        "スポーツカレッジ",
        "民間企業との災害協定",
    ):
        assert example in body
    counts = {form["code"]: form["count"] for form in response.context["forms"]}
    assert counts["committee"] == 1  # the draft is not counted


def test_accessibility_page_states_the_target_level(client):
    body = client.get("/accessibility/").content.decode()
    assert "JIS X 8341-3:2016" in body
    assert "AA" in body


def test_pages_are_japanese_by_default(client):
    body = client.get("/").content.decode()
    assert '<html lang="ja">' in body
    assert "本文へ移動" in body


def test_404_page_is_in_japanese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()
