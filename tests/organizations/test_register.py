import pytest
from django.urls import reverse

from organizations.models import ActivityField, Area, Membership, Organization
from tests import factories
from tests.files import assert_without_metadata, photo_with_gps
from tests.organizations import uploads

pytestmark = pytest.mark.django_db

REGISTER_URL = "/organizations/register/"


def valid_data(**changes):
    data = {
        "kind": "civic",
        "name": "上福岡ほたるの会",
        "name_kana": "かみふくおか ほたるのかい",
        "fields": [
            ActivityField.objects.get(code="environment").pk,
            ActivityField.objects.get(code="children").pk,
        ],
        "area": Area.objects.get(code="kamifukuoka").pk,
        "founded_year": "2012",
        "description": "新河岸川でほたるを育てています。",
        "offers": "川の清掃の人手",
        "needs": "学校との連携",
        "public_email": "hotaru@example.jp",
        "public_phone": "049-000-0000",
        "public_url": "https://hotaru.example.jp/",
        "representative_name": "川辺 蛍",
        "representative_phone": "090-0000-0000",
        "representative_address": "ふじみ野市上福岡1-1-1",
        "private_email": "rep@example.jp",
    }
    data.update(changes)
    return data


def test_register_url_is_stable():
    assert reverse("organizations:register") == REGISTER_URL


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(REGISTER_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = client.post(REGISTER_URL, valid_data())
    assert response.status_code == 302
    assert not Organization.objects.filter(name="上福岡ほたるの会").exists()


def test_form_shows_required_and_optional_marks_and_the_twenty_fields(client, citizen):
    client.force_login(citizen)
    response = client.get(REGISTER_URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert "※必須" in content and "※任意" in content
    assert content.count('name="fields"') == 20
    assert "<legend>活動分野" in content
    assert "placeholder" not in content


def test_registration_creates_a_pending_organization_owned_by_the_user(client, citizen):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, valid_data())
    assert response.status_code == 302
    assert response["Location"] == "/mypage/"
    organization = Organization.objects.get(name="上福岡ほたるの会")
    assert organization.status == Organization.Status.PENDING
    assert organization.name_kana == "カミフクオカ ホタルノカイ"
    assert set(organization.fields.values_list("code", flat=True)) == {"environment", "children"}
    assert organization.representative_phone == "090-0000-0000"
    membership = Membership.objects.get(organization=organization)
    assert membership.user == citizen
    assert membership.role == Membership.Role.OWNER


def test_pending_organization_is_invisible_to_the_public(client, citizen):
    client.force_login(citizen)
    client.post(REGISTER_URL, valid_data())
    organization = Organization.objects.get(name="上福岡ほたるの会")
    client.logout()
    assert client.get(f"/organizations/{organization.pk}/").status_code == 404
    assert "上福岡ほたるの会" not in client.get("/organizations/").content.decode()
    other = factories.make_user("someone@example.jp")
    client.force_login(other)
    assert client.get(f"/organizations/{organization.pk}/").status_code == 404


def test_a_user_can_register_several_organizations(client, member, organization):
    client.force_login(member)
    client.post(REGISTER_URL, valid_data())
    assert member.memberships.count() == 2


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("フジミノ コドモショクドウ", "フジミノ コドモショクドウ"),
        ("ふじみの こどもしょくどう", "フジミノ コドモショクドウ"),
        ("ﾌｼﾞﾐﾉ", "フジミノ"),
        ("オーイ・マチヅクリ", "オーイ・マチヅクリ"),
        ("ふじみの\u3000かい", "フジミノ カイ"),
        ("ゔぃーなす", "ヴィーナス"),
    ],
)
def test_kana_reading_accepts_katakana_hiragana_long_vowel_and_spaces(
    client, citizen, typed, stored
):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, valid_data(name_kana=typed))
    assert response.status_code == 302, response.content.decode()
    assert Organization.objects.get(name="上福岡ほたるの会").name_kana == stored


@pytest.mark.parametrize(
    "typed", ["上福岡ほたるの会", "Hotaru", "ホタル2", "ほたる!", "ホタル<script>"]
)
def test_kana_reading_refuses_other_characters_and_keeps_the_rest(client, citizen, typed):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, valid_data(name_kana=typed))
    content = response.content.decode()
    assert response.status_code == 200
    assert "カタカナまたはひらがなで入力してください" in content
    assert 'value="上福岡ほたるの会"' in content
    assert "新河岸川でほたるを育てています。" in content
    assert "checked" in content
    assert not Organization.objects.filter(name="上福岡ほたるの会").exists()


def test_missing_required_fields_are_listed_at_the_top_and_by_each_field(client, citizen):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, {"name": "上福岡ほたるの会"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "入力内容を確認してください" in content
    assert '<a href="#id_kind_0">種別' in content
    assert '<a href="#id_fields_0">活動分野: 活動分野を1つ以上選んでください。' in content
    assert 'id="id_description_error"' in content
    assert 'aria-invalid="true"' in content
    assert 'value="上福岡ほたるの会"' in content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "あ" * 201, "200"),
        ("description", "あ" * 2001, "2000"),
        ("name", "ほたる\x00の会", "制御文字"),
        ("name", "ほたる\x1bの会", "制御文字"),
        ("description", "川で\u202eほたる", "制御文字"),
        ("name", "ほたる\nの会", "改行"),
        ("public_phone", "電話してね", "電話番号は"),
        ("public_url", "javascript:alert(1)", "URL"),
        ("founded_year", "3000", "以下"),
        ("founded_year", "二千年", "整数"),
        ("public_email", "not-an-address", "メールアドレス"),
        ("area", "99999", "正しく選択"),
        ("kind", "secret", "正しく選択"),
    ],
)
def test_hostile_text_gets_a_clear_error_not_a_500(client, citizen, field, value, message):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, valid_data(**{field: value}))
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert not Organization.objects.filter(status="pending").exists()


def test_a_real_logo_is_stored_under_a_random_name_with_its_true_extension(client, citizen):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, valid_data(logo=uploads.png(name="my logo.PNG")))
    assert response.status_code == 302
    organization = Organization.objects.get(name="上福岡ほたるの会")
    assert organization.logo.name.startswith("organizations/logos/")
    assert organization.logo.name.endswith(".png")
    assert "my logo" not in organization.logo.name


def test_a_logo_photo_is_stored_upright_without_its_gps(client, citizen):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, valid_data(logo=photo_with_gps("IMG_0007.JPG")))
    assert response.status_code == 302
    logo = Organization.objects.get(name="上福岡ほたるの会").logo
    assert logo.name.endswith(".jpg") and "IMG_0007" not in logo.name
    assert assert_without_metadata(logo) == ((30, 60), "JPEG")


def test_founded_year_before_meiji_is_refused(client, citizen):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, valid_data(founded_year="1867"))
    assert response.status_code == 200
    assert "1868 以上" in response.content.decode()


def test_a_jpeg_logo_is_accepted(client, citizen):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, valid_data(logo=uploads.jpeg()))
    assert response.status_code == 302
    assert Organization.objects.get(name="上福岡ほたるの会").logo.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (uploads.text_named_png, "中身が受け付けている形式ではありません"),
        (uploads.pdf_named_jpg, "PDFはここでは受け付けていません"),
        (uploads.oversized, "ファイルが大きすぎます"),
        (uploads.decompression_bomb, "画像の大きさ(縦横のピクセル数)が大きすぎます"),
        (uploads.svg_with_script, "HTML や SVG などのファイルは受け付けていません"),
        (lambda: uploads.svg_with_script(name="logo.png", content_type="image/png"), "SVG"),
        (lambda: uploads.png(name="my logo.jpg.html"), "拡張子(.html)とファイルの中身"),
    ],
)
def test_hostile_logo_gets_a_clear_error_and_the_form_keeps_the_rest(
    client, citizen, upload, message
):
    client.force_login(citizen)
    response = client.post(REGISTER_URL, valid_data(logo=upload()))
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert 'id="id_logo_error"' in content
    assert 'value="上福岡ほたるの会"' in content
    assert "川辺 蛍" in content
    assert not Organization.objects.filter(name="上福岡ほたるの会").exists()


def test_huge_dimensions_below_pillows_guard_are_refused_too(client, citizen):
    client.force_login(citizen)
    response = client.post(
        REGISTER_URL,
        valid_data(logo=uploads.decompression_bomb(width=6000, height=6000)),
    )
    assert response.status_code == 200
    assert "縦横のピクセル数)が大きすぎます" in response.content.decode()


def test_an_empty_file_is_refused(client, citizen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(citizen)
    response = client.post(
        REGISTER_URL, valid_data(logo=SimpleUploadedFile("logo.png", b"", "image/png"))
    )
    assert response.status_code == 200
    assert "空" in response.content.decode()


def test_logo_help_text_states_the_configured_size_limit(client, citizen, settings):
    settings.ORGANIZATION_LOGO_MAX_BYTES = 1024 * 1024
    client.force_login(citizen)
    assert "1.0\xa0MB 以下" in client.get(REGISTER_URL).content.decode()
