"""The keyword search of portal/search.py over the documents the apps keep: the same answers
on SQLite and PostgreSQL (CI runs this file on both)."""

import datetime

import pytest
from django.core.management import call_command

from organizations.models import ActivityField, Organization
from portal.search import search
from projects.models import Project
from tests.factories import make_event, make_organization, make_partner, make_project

pytestmark = pytest.mark.django_db


def titles(query, queryset=None):
    queryset = Project.objects.public() if queryset is None else queryset
    return [p.title for p in search(queryset, query)]


def test_full_width_and_half_width_are_the_same():
    make_project(title="ＮＰＯと進める子育て支援")
    make_project(title="ﾎﾞﾗﾝﾃｨｱ講座")
    assert titles("npo") == ["ＮＰＯと進める子育て支援"]
    assert titles("ボランティア") == ["ﾎﾞﾗﾝﾃｨｱ講座"]


def test_case_does_not_matter():
    make_project(title="Fujimino Clean Day")
    assert titles("CLEAN day") == ["Fujimino Clean Day"]


def test_hiragana_finds_katakana_and_the_reverse():
    make_project(title="ボランティア入門")
    make_project(title="みんなのふれあいまつり")
    assert titles("ぼらんてぃあ") == ["ボランティア入門"]
    assert titles("フレアイ") == ["みんなのふれあいまつり"]


def test_a_reading_in_hiragana_finds_the_organisation_by_its_kana():
    make_organization(name="緑の会", name_kana="ミドリノカイ")
    make_organization(name="青空クラブ", name_kana="アオゾラクラブ")
    found = search(Organization.objects.public(), "みどりのかい")
    assert [o.name for o in found] == ["緑の会"]


def test_a_two_character_word_is_found():
    make_project(title="防災訓練", summary="地域で備える")
    make_project(title="花いっぱい運動", summary="公園の花壇")
    assert titles("防災") == ["防災訓練"]
    assert titles("花壇") == ["花いっぱい運動"]


def test_a_one_character_word_is_found_anywhere_in_a_word():
    make_project(title="夏祭り")
    make_project(title="講演会")
    assert titles("祭") == ["夏祭り"]
    assert titles("会") == ["講演会"]


def test_every_word_must_be_found():
    make_project(title="防災訓練", summary="上福岡の町会と")
    make_project(title="防災講座", summary="大井で")
    assert titles("防災 上福岡") == ["防災訓練"]
    assert titles("防災　大井") == ["防災講座"]  # an ideographic space separates too


def test_pieces_found_apart_are_not_the_word():
    make_project(title="環境の保全と学び", summary="")
    make_project(title="環境保全活動", summary="")
    assert titles("環境保全") == ["環境保全活動"]


def test_title_matches_come_first_then_the_newest():
    day = datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC)
    make_project(title="花壇の手入れ", summary="清掃もします", published_at=day)
    make_project(title="駅前清掃", summary="毎月", published_at=day)
    make_project(title="まちの美化", summary="清掃と植栽", published_at=day.replace(month=6))
    assert titles("清掃") == ["駅前清掃", "まちの美化", "花壇の手入れ"]


def test_summaries_purposes_places_fields_and_partners_are_searched():
    lead = make_organization(name="ふじみ野自然の会")
    project = make_project(
        title="川の調査",
        summary="新河岸川を歩く",
        purpose="生き物を知る",
        place="びん沼自然公園",
        lead_organization=lead,
        fields=("environment",),
    )
    make_partner(project, name="市立第三小学校")
    for query in ("新河岸川", "生き物", "びん沼", "環境", "第三小学校", "自然の会"):
        assert titles(query) == ["川の調査"], query


def test_a_partner_not_yet_confirmed_is_not_searched():
    project = make_project(title="見守り活動")
    partner_org = make_organization(name="ひみつ商店会")
    make_partner(project, partner_org, consent="requested")
    assert titles("ひみつ商店会") == []


def test_documents_follow_every_save():
    lead = make_organization(name="旧名の会")
    project = make_project(title="子ども食堂", lead_organization=lead)
    event = make_event(project, title="夏の会", place="市民交流プラザ")
    lead.name = "新名の会"
    lead.save()
    assert titles("新名") == ["子ども食堂"]
    assert titles("旧名") == []
    project.fields.set(ActivityField.objects.filter(code="health-welfare"))
    assert titles("福祉") == ["子ども食堂"]
    partner = make_partner(project, name="地域の八百屋")
    assert titles("八百屋") == ["子ども食堂"]
    partner.delete()
    assert titles("八百屋") == []
    project.title = "こども食堂"
    project.save()
    assert [e.title for e in search(project.events.all(), "こども食堂")] == [event.title]


def test_rebuild_writes_every_document_again(capsys):
    project = make_project(title="図書館まつり")
    Project.search_document.related.related_model.objects.all().delete()
    assert titles("図書館") == []
    call_command("rebuild_search")
    assert titles("図書館") == [project.title]
    assert "projects.ProjectDocument" in capsys.readouterr().out


def test_postgresql_answers_from_the_bigram_index_and_sqlite_from_the_text():
    from django.db import connection

    make_project(title="防災訓練")
    query = str(search(Project.objects.public(), "防災").query)
    document = Project.search_document.related.related_model.objects.get()
    if connection.vendor == "postgresql":
        assert "@@" in query
        assert document.vector is not None
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT 1 FROM projects_projectdocument WHERE vector @@ %s::tsquery",
                ["'防災'"],
            )
            plan = " ".join(row[0] for row in cursor.fetchall())
        assert "projects_projectdocument_vector_gin" in plan
    else:
        assert "@@" not in query and "LIKE" in query
        assert document.vector is None
        assert document.title == "防災訓練"
