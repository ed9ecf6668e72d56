import pytest
from django.urls import reverse

from accounts.models import Profile
from city.profile import current as current_city
from organizations.models import Organization
from projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


def test_mypage_url_is_stable():
    assert reverse("mypage:index") == "/mypage/"


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/mypage/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/mypage/")


def test_shows_the_users_organizations_with_their_state(client, member, organization):
    pending = factories.make_organization(
        name="承認待ちの会", status=Organization.Status.PENDING, members=[member]
    )
    client.force_login(member)
    content = client.get("/mypage/").content.decode()
    assert "ふじみ野子ども食堂ネット" in content
    assert "承認待ちの会" in content
    assert "承認待ち" in content
    assert f"/organizations/{pending.pk}/edit/" in content
    assert "管理者" in content


def test_does_not_show_other_peoples_organizations(
    client, member, organization, other_organization
):
    client.force_login(member)
    assert "大井まちづくりの会" not in client.get("/mypage/").content.decode()


def test_lists_projects_of_the_users_organizations_only(
    client, member, organization, other_organization
):
    own_draft = factories.make_project(
        lead_organization=organization, status=Project.Status.DRAFT, title="自分たちの下書き"
    )
    factories.make_project(
        lead_organization=other_organization,
        status=Project.Status.SUBMITTED,
        title="よその団体の提案",
    )
    client.force_login(member)
    content = client.get("/mypage/").content.decode()
    assert "提案した協働事業" in content
    assert "自分たちの下書き" in content
    assert f"/projects/{own_draft.pk}/" in content
    assert "下書き" in content
    assert "よその団体の提案" not in content


def test_user_without_organization_is_invited_to_register_one(client, citizen):
    client.force_login(citizen)
    content = client.get("/mypage/").content.decode()
    assert "/organizations/register/" in content
    assert "まだ団体に所属していません" in content


def test_open_invitations_to_the_users_address_are_shown(client, citizen, organization):
    import datetime

    from django.utils import timezone

    organization.invitations.create(
        email=citizen.email,
        token_hash="x" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    client.force_login(citizen)
    content = client.get("/mypage/").content.decode()
    assert "届いている招待" in content
    assert "ふじみ野子ども食堂ネット" in content


def test_greets_by_display_name_not_real_name(client, citizen):
    Profile.objects.create(user=citizen, display_name="ふじみんファン")
    client.force_login(citizen)
    assert "ふじみんファン さん" in client.get("/mypage/").content.decode()


def test_signed_in_navigation_links_to_mypage(client, citizen):
    client.force_login(citizen)
    assert 'href="/mypage/"' in client.get("/").content.decode()
    client.logout()
    assert 'href="/mypage/"' not in client.get("/").content.decode()


def test_display_name_can_be_changed(client, citizen):
    client.force_login(citizen)
    assert client.get("/mypage/profile/").status_code == 200
    response = client.post("/mypage/profile/", {"display_name": "おおいの 太郎"})
    assert response.status_code == 302
    assert Profile.objects.get(user=citizen).display_name == "おおいの 太郎"


def test_invalid_display_name_is_refused_with_a_message(client, citizen):
    client.force_login(citizen)
    response = client.post("/mypage/profile/", {"display_name": "太郎\x08"})
    assert response.status_code == 200
    assert "制御文字" in response.content.decode()
    assert not Profile.objects.filter(user=citizen).exists()


def test_profile_page_needs_login(client):
    assert client.get("/mypage/profile/").status_code == 302


def test_recent_history_shows_staff_comments_on_the_users_projects_only(
    client, member, organization, other_organization
):
    from projects.models import Transition

    own = factories.make_project(
        lead_organization=organization, status=Project.Status.RETURNED, title="子ども食堂の拡充"
    )
    Transition.objects.create(
        project=own,
        action="return",
        from_status="submitted",
        to_status="returned",
        comment="予算の内訳を補ってください。",
    )
    foreign = factories.make_project(
        lead_organization=other_organization, status=Project.Status.RETURNED
    )
    Transition.objects.create(
        project=foreign,
        action="return",
        from_status="submitted",
        to_status="returned",
        comment="よその団体への指摘",
    )
    client.force_login(member)
    content = client.get("/mypage/").content.decode()
    assert "最近の動き" in content
    assert "予算の内訳を補ってください。" in content
    assert "差し戻し" in content
    assert "よその団体への指摘" not in content


def test_mypage_stays_within_a_few_queries(
    client, member, organization, django_assert_max_num_queries
):
    for _number in range(5):
        factories.make_project(lead_organization=organization, status=Project.Status.DRAFT)
    client.force_login(member)
    # The city profile is read once, then kept in the cache (tests/city/test_profile.py); the
    # consent to the policies in force is checked once a session, then kept in it
    # (tests/accounts/test_consent.py).
    current_city()
    assert client.get("/mypage/").status_code == 200
    with django_assert_max_num_queries(22) as five:
        assert client.get("/mypage/").status_code == 200
    for _number in range(5):
        factories.make_project(lead_organization=organization, status=Project.Status.DRAFT)
    # The session, the user, the permissions, the profile, the organisations, the requests,
    # the projects (their count for the pages, and the returned ones) and their history,
    # the evaluations owed, the calls reviewed, the volunteer
    # applications and the organisations' volunteer requests, the contact requests awaiting
    # an answer, the public organisations and their fields (for the suggestions): as many
    # with ten projects as with five.
    with django_assert_max_num_queries(len(five)):
        assert client.get("/mypage/").status_code == 200


def test_user_without_display_name_is_asked_to_choose_one(client, citizen):
    client.force_login(citizen)
    content = client.get("/mypage/").content.decode()
    assert "表示名がまだ設定されていません" in content
    assert 'href="/mypage/profile/"' in content
