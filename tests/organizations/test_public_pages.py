import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_organizations_are_listed_in_gojuon_order(client):
    factories.make_organization(name="ワカバの会", name_kana="ワカバノカイ")
    factories.make_organization(name="あおぞら会", name_kana="アオゾラカイ")
    factories.make_organization(name="みどりネット", name_kana="ミドリネット")
    names = [o.name for o in client.get("/organizations/").context["organizations"]]
    assert names == ["あおぞら会", "みどりネット", "ワカバの会"]


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_organisation_not_approved_is_404_and_unlisted(client, status):
    organization = factories.make_organization(name="非公開の会", status=status)
    assert client.get(f"/organizations/{organization.pk}/").status_code == 404
    assert "非公開の会" not in client.get("/organizations/").content.decode()
    assert "非公開の会" not in client.get("/organizations/", {"q": "非公開"}).content.decode()


def test_organisation_filters(client):
    factories.make_organization(name="大井自治会", kind="community", area=_area("oi"))
    factories.make_organization(name="上福岡NPO", kind="npo")
    body = client.get("/organizations/", {"kind": "community", "area": "oi"}).content.decode()
    assert "大井自治会" in body
    assert "上福岡NPO" not in body


def _area(code):
    from organizations.models import Area

    return Area.objects.get(code=code)


def test_organisation_filter_by_field_and_keyword(client):
    environment = factories.make_organization(name="川をきれいにする会", offers="清掃用具の貸出")
    environment.fields.set(_fields("environment"))
    factories.make_organization(name="子育て応援団")
    body = client.get("/organizations/", {"field": "environment"}).content.decode()
    assert "川をきれいにする会" in body and "子育て応援団" not in body
    body = client.get("/organizations/", {"q": "清掃"}).content.decode()
    assert "川をきれいにする会" in body and "子育て応援団" not in body


def _fields(*codes):
    from organizations.models import ActivityField

    return ActivityField.objects.filter(code__in=codes)


def test_private_contact_never_shown_publicly(client, citizen):
    organization = factories.make_organization(
        public_phone="049-000-0001",
        representative_name="代表 太郎",
        representative_phone="090-0000-1111",
        representative_address="デモ非公開住所1-2-3",
        private_email="secret@example.jp",
    )
    for user in (None, citizen):
        if user:
            client.force_login(user)
        body = client.get(f"/organizations/{organization.pk}/").content.decode()
        assert "049-000-0001" in body
        for secret in ("代表 太郎", "090-0000-1111", "デモ非公開住所", "secret@example.jp"):
            assert secret not in body


def test_members_and_coordinating_staff_see_private_contact(client, member, coordinating_staff):
    organization = factories.make_organization(
        representative_phone="090-0000-1111", members=[member]
    )
    for user in (member, coordinating_staff):
        client.force_login(user)
        assert "090-0000-1111" in client.get(f"/organizations/{organization.pk}/").content.decode()


def test_organisation_page_lists_only_public_projects(client):
    organization = factories.make_organization()
    factories.make_project(title="公開中の事業", lead_organization=organization)
    factories.make_project(title="下書きの事業", lead_organization=organization, status="draft")
    factories.make_project(title="非公開にした事業", lead_organization=organization, is_hidden=True)
    partnered = factories.make_project(title="参加している事業")
    factories.make_partner(partnered, organization)
    body = client.get(f"/organizations/{organization.pk}/").content.decode()
    assert "公開中の事業" in body
    assert "参加している事業" in body
    assert "下書きの事業" not in body
    assert "非公開にした事業" not in body


def test_organisation_page_shows_a_limited_number_of_projects_with_a_link_to_all(client):
    from projects.panels import PROJECTS_PER_SECTION

    organization = factories.make_organization()
    for number in range(PROJECTS_PER_SECTION + 1):
        factories.make_project(title=f"事業{number}", lead_organization=organization)
    response = client.get(f"/organizations/{organization.pk}/")
    assert len(response.context["led_projects"]) == PROJECTS_PER_SECTION
    assert f"/projects/?organization={organization.pk}" in response.content.decode()
