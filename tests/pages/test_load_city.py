"""`python manage.py load_city`: another municipality's profile, loaded from its data files,
is what the pages, mails, feed and open data show; loading twice changes nothing."""

import io
import shutil
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from city.models import CityProfile
from matching.models import RelatedWords
from organizations.models import ActivityField, Area, Department, Organization
from organizations.services import organization_register
from principles.models import ChecklistItem, Principle
from projects.models import FormGuide
from tests import factories
from tests.mails import CommittingClient

pytestmark = pytest.mark.django_db

MIDORINO = Path(__file__).resolve().parents[1] / "city" / "profiles" / "midorino"
FUJIMINO = Path(__file__).resolve().parents[2] / "city" / "profiles" / "fujimino"


def load_city(folder=None):
    out = io.StringIO()
    options = {"profile": str(folder)} if folder else {}
    call_command("load_city", stdout=out, **options)
    return out.getvalue()


def table_counts():
    models = (CityProfile, ActivityField, Area, Department, Principle, ChecklistItem, FormGuide)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def midorino():
    load_city(MIDORINO)


def test_load_city_reports_what_it_loaded():
    output = load_city(MIDORINO)
    assert "みどり野市" in output
    assert "活動分野 20" in output and "地区 2" in output and "協働の形態 6" in output


def test_header_footer_and_title_show_the_loaded_city(client, midorino):
    body = client.get("/").content.decode()
    assert '<span class="site-title-city">みどり野市</span>' in body
    assert "<title>みどり野 協働ポータル</title>" in body
    assert (
        '<meta name="description" content="みどり野市の市民と市が取り組む協働事業の案内です。">'
        in body
    )
    assert '<h1 id="hero-title">みどり野でいっしょに</h1>' in body
    assert "みどり野市 市民生活部 市民協働課" in body
    assert '<a href="tel:0990001234">099-000-1234</a>' in body
    assert "協働の原則と形態の説明の出典: みどり野市市民協働指針(令和3年4月)" in body
    assert "出典: みどり野市市民協働指針" in body
    assert "ふじみ野" not in body and "049-262-9016" not in body


def test_principles_and_forms_pages_show_the_loaded_guideline(client, midorino):
    principles = client.get("/principles/").content.decode()
    assert "互いに対等な立場で話し合うこと" in principles
    assert "みどり野市の指針による説明です。" in principles
    assert "対等な立場で事業を決めていますか。" in principles
    assert "出典: みどり野市市民協働指針" in principles
    forms = client.get("/forms/").content.decode()
    assert "みどり野市の事例" in forms and "みどり野夏まつり" in forms
    assert "ふじみ野" not in forms
    # The guide's order is the file's: 実行委員会 first.
    assert forms.index('id="committee"') < forms.index('id="subsidy"')


def test_account_mails_come_from_the_loaded_city(midorino):
    client = CommittingClient()  # the mail leaves through the queue once the request commits
    response = client.post(
        reverse("account_signup"),
        {
            "email": "taro@example.jp",
            "display_name": "たろう",
            "password1": "kyodo-midorino-2025",
            "password2": "kyodo-midorino-2025",
            "agree_terms": "on",
            "agree_privacy": "on",
        },
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject.startswith("[みどり野 協働ポータル] ")
    assert message.from_email == "みどり野 協働ポータル <noreply@midorino.example.jp>"
    assert "みどり野 協働ポータルの利用者登録で" in message.body
    assert "みどり野市 市民協働課(電話 099-000-1234)" in message.body
    assert "みどり野市 市民生活部 市民協働課 電話 099-000-1234" in message.body
    assert "ふじみ野" not in message.subject + message.body


def test_notification_mails_come_from_the_loaded_city(
    midorino, member, django_capture_on_commit_callbacks
):
    organization = Organization(
        name="みどり野見守りの会", name_kana="ミドリノミマモリノカイ", kind="civic"
    )
    with django_capture_on_commit_callbacks(execute=True):
        organization_register(organization=organization, fields=[], owner=member)
    message = mail.outbox[-1]
    assert "kyodo@city.midorino.example.jp" in message.to
    assert message.from_email == "みどり野 協働ポータル <noreply@midorino.example.jp>"
    assert message.body.startswith("市民協働課 ご担当者さま")
    assert "このメールはみどり野 協働ポータルから自動で送信しています。" in message.body
    assert "ふじみ野" not in message.subject + message.body


def test_feed_and_calendar_are_titled_after_the_loaded_city(client, midorino):
    feed = client.get("/feeds/projects.atom").content.decode()
    assert "<title>みどり野 協働ポータル: 新しい協働事業</title>" in feed
    assert (
        "<subtitle>みどり野市の協働のまちづくりで新たに公開された協働事業です。</subtitle>" in feed
    )
    calendar = client.get("/calendar.ics")
    assert "X-WR-CALNAME:みどり野 協働ポータル イベント" in calendar.content.decode()
    assert calendar["Content-Disposition"] == 'inline; filename="midorino-kyodo.ics"'


def test_open_data_is_published_in_the_loaded_citys_name(client, midorino):
    project = factories.make_project(title="公開の事業")
    factories.make_event(project, title="公開の説明会")
    response = client.get("/opendata/projects.csv")
    assert response["Content-Disposition"] == 'attachment; filename="midorino-kyodo-projects.csv"'
    b"".join(response.streaming_content)
    events = b"".join(client.get("/opendata/events.csv").streaming_content).decode()
    assert "992011" in events and "みどり県みどり野市" in events
    page = client.get("/opendata/").content.decode()
    assert "提供: みどり県みどり野市(全国地方公共団体コード 992011)" in page


def test_evaluation_names_the_city_side_after_the_loaded_city(midorino):
    from principles.models import Evaluation

    project = factories.make_project()
    evaluation = Evaluation(project=project, department=factories.make_department())
    assert evaluation.party_name == "みどり野市(生涯学習課)"


def test_load_city_is_idempotent():
    before = table_counts()
    load_city()
    load_city()
    assert table_counts() == before
    load_city(MIDORINO)
    after_midorino = table_counts()
    load_city(MIDORINO)
    assert table_counts() == after_midorino
    assert CityProfile.objects.count() == 1


def test_loading_the_default_profile_again_restores_fujimino(client):
    load_city(MIDORINO)
    load_city()
    profile = CityProfile.objects.get()
    assert profile.name == "ふじみ野市"
    assert profile.contact_fax == "049-266-1227"
    assert '<span class="site-title-city">ふじみ野市</span>' in client.get("/").content.decode()


def test_fields_the_file_leaves_out_are_emptied():
    load_city()
    load_city(MIDORINO)
    profile = CityProfile.objects.get()
    assert profile.contact_fax == ""  # Fujimino's fax does not stay behind
    assert profile.guideline_title_en == ""


def copy_of(folder, tmp_path):
    target = tmp_path / "profile"
    shutil.copytree(folder, target)
    return target


def test_a_missing_file_is_a_clear_error_and_nothing_changes(tmp_path):
    folder = copy_of(MIDORINO, tmp_path)
    (folder / "forms.toml").unlink()
    with pytest.raises(CommandError, match="forms.toml: ファイルがありません。"):
        load_city(folder)
    assert CityProfile.objects.get().name == "ふじみ野市"


def test_an_invalid_local_government_code_is_refused(tmp_path):
    folder = copy_of(MIDORINO, tmp_path)
    profile = folder / "profile.toml"
    profile.write_text(profile.read_text().replace('"992011"', '"992012"'))
    with pytest.raises(CommandError, match="検査数字"):
        load_city(folder)
    assert CityProfile.objects.get().name == "ふじみ野市"
    assert not Area.objects.filter(code="north").exists()


def test_an_unknown_key_or_form_code_is_refused(tmp_path):
    folder = copy_of(FUJIMINO, tmp_path)
    profile = folder / "profile.toml"
    profile.write_text(profile.read_text().replace("[mail]", "[mail]\nreply_to = 'x@example.jp'"))
    with pytest.raises(CommandError, match="reply_to"):
        load_city(folder)
    folder = copy_of(MIDORINO, tmp_path / "second")
    forms = folder / "forms.toml"
    forms.write_text(forms.read_text().replace('"cohosting"', '"joint"'))
    with pytest.raises(CommandError, match="joint"):
        load_city(folder)
    # What was written before the error is rolled back.
    assert CityProfile.objects.get().name == "ふじみ野市"
    assert not Area.objects.filter(code="north").exists()


def test_the_profile_setting_chooses_the_folder(settings):
    settings.CITY_PROFILE = MIDORINO
    load_city()
    assert CityProfile.objects.get().name == "みどり野市"


def test_a_profile_without_related_words_loads_none(tmp_path):
    """related_words.toml may be left out (みどり野 has none): the groups stay as they are."""
    assert not (MIDORINO / "related_words.toml").exists()
    before = set(RelatedWords.objects.values_list("code", flat=True))
    assert "関連語 0" in load_city(MIDORINO)
    assert set(RelatedWords.objects.values_list("code", flat=True)) == before


def test_the_related_words_of_a_profile_are_loaded_by_code(tmp_path):
    folder = tmp_path / "profile"
    shutil.copytree(FUJIMINO, folder)
    (folder / "related_words.toml").write_text(
        '[[related_words]]\ncode = "venue"\nwords = ["会場", "体育館"]\n', encoding="utf-8"
    )
    assert "関連語 1" in load_city(folder)
    assert RelatedWords.objects.get(code="venue").word_list == ["会場", "体育館"]
    load_city(folder)
    assert RelatedWords.objects.filter(code="venue").count() == 1
