"""The matching rules (matching/suggestions.py): each kind of reason, the ranking, the
threshold, and that only public organisations are ever suggested or given suggestions."""

import pytest

from matching.models import RelatedWords
from matching.suggestions import RELATED_SIMILARITY, Kind, Matcher, items, suggestions_for
from organizations.models import ActivityField, Area
from tests import factories

pytestmark = pytest.mark.django_db


def org(name, *, offers="", needs="", fields=(), area=None, **extra):
    """An organisation in no area unless one is given (the same area is a reason too)."""
    organization = factories.make_organization(
        name=name,
        offers=offers,
        needs=needs,
        area=Area.objects.get(code=area) if area else None,
        **extra,
    )
    organization.fields.set(ActivityField.objects.filter(code__in=fields))
    return organization


def texts(suggestion):
    return [str(reason) for reason in suggestion.reasons]


def test_items_are_lines_and_parts_between_commas_without_bullets():
    text = "・会場の貸し出し、備品の貸し出し\n- 講師の派遣。会場の貸し出し\n\n"
    assert items(text) == ["会場の貸し出し", "備品の貸し出し", "講師の派遣"]


def test_a_need_met_by_an_offer_quotes_both():
    seeker = org("合唱団", needs="男声の団員、練習会場の確保")
    org("町会", offers="地域の見守り\n集会所での練習会場の貸し出し")
    [suggestion] = suggestions_for(seeker)
    assert texts(suggestion) == [
        "求めていること「練習会場の確保」に できること「集会所での練習会場の貸し出し」"
    ]
    assert suggestion.reasons[0].kind == Kind.NEED


def test_an_offer_someone_needs_is_the_reverse_reason():
    helper = org("大学", offers="学生ボランティア、教室の貸し出し")
    org("子ども会", needs="理科や工作が得意なボランティア")
    [suggestion] = suggestions_for(helper)
    assert texts(suggestion) == [
        "相手の求めていること「理科や工作が得意なボランティア」に "
        "この団体のできること「学生ボランティア」"
    ]
    assert suggestion.reasons[0].kind == Kind.OFFER


def test_shared_fields_are_named_by_their_short_name():
    field = ActivityField.objects.exclude(short_name="").first()
    one = org("一つ目", fields=[field.code])
    org("二つ目", fields=[field.code])
    [suggestion] = suggestions_for(one)
    assert texts(suggestion) == [f"分野: {field.short_name}が共通"]


def test_the_same_area_adds_to_another_reason_but_is_none_alone():
    field = ActivityField.objects.first()
    one = org("一つ目", fields=[field.code], area="oi")
    org("同じ地区", fields=[field.code], area="oi")
    org("地区だけ同じ", area="oi")
    [suggestion] = suggestions_for(one)
    assert suggestion.organization.name == "同じ地区"
    assert texts(suggestion)[-1] == f"地区: {Area.objects.get(code='oi').name}が同じ"


def test_texts_below_the_threshold_are_no_reason():
    seeker = org("探す団体", needs="講演会の会場")
    org("貸す団体", offers="行事の会場周辺の交通整理")  # similarity 0.25
    assert suggestions_for(seeker) == []


def test_width_case_and_kana_do_not_matter():
    seeker = org("探す団体", needs="ボランティアの募集")
    org("出す団体", offers="ぼらんてぃあの募集")
    [suggestion] = suggestions_for(seeker)
    assert suggestion.reasons[0].kind == Kind.NEED


def test_ranking_puts_needs_met_before_shared_fields_then_kana_order():
    fields = list(ActivityField.objects.values_list("code", flat=True)[:2])
    seeker = org("探す団体", needs="練習会場の確保", fields=fields)
    org("分野が二つ共通", name_kana="アアア", fields=fields)
    org("分野が一つ共通・イ", name_kana="イイイ", fields=fields[:1])
    org("分野が一つ共通・ア", name_kana="アアイ", fields=fields[:1])
    org("会場を貸す", name_kana="ンンン", offers="練習会場の貸し出し")
    names = [s.organization.name for s in suggestions_for(seeker)]
    assert names == ["会場を貸す", "分野が二つ共通", "分野が一つ共通・ア", "分野が一つ共通・イ"]


def test_the_best_offer_item_is_quoted_for_each_need():
    seeker = org("探す団体", needs="練習会場の確保")
    org("貸す団体", offers="会場の案内\n練習会場の貸し出し")
    [suggestion] = suggestions_for(seeker)
    assert suggestion.reasons[0].offer == "練習会場の貸し出し"


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_organisations_not_public_are_never_suggested(status):
    seeker = org("探す団体", needs="練習会場の確保")
    org("非公開の団体", offers="練習会場の貸し出し", status=status)
    assert suggestions_for(seeker) == []


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_an_organisation_not_public_gets_no_suggestions(status):
    seeker = org("非公開の団体", needs="練習会場の確保", status=status)
    org("貸す団体", offers="練習会場の貸し出し")
    assert suggestions_for(seeker) == []
    assert Matcher().suggestions_for(seeker) == []


def test_an_organisation_is_not_suggested_to_itself_and_exclude_is_kept():
    seeker = org("探す団体", needs="練習会場の確保", offers="練習会場の貸し出し")
    other = org("貸す団体", offers="練習会場の貸し出し")
    assert suggestions_for(seeker, exclude=[other.pk]) == []


def test_the_limit_keeps_the_best(django_assert_max_num_queries):
    field = ActivityField.objects.first()
    seeker = org("探す団体", fields=[field.code])
    for number in range(8):
        org(f"団体{number}", fields=[field.code])
    assert len(suggestions_for(seeker, limit=3)) == 3


def test_two_queries_whatever_the_number_of_organisations(django_assert_max_num_queries):
    """The organisations and their fields; the groups of related words are in the cache."""
    suggestions_for(org("先に読む団体", needs="会場"))
    fields = list(ActivityField.objects.values_list("code", flat=True)[:3])
    seeker = org("探す団体", needs="練習会場の確保、講師", offers="講座の企画", fields=fields)
    for number in range(60):
        org(f"団体{number}", offers="練習会場の貸し出し", needs="講座の企画", fields=fields)
    with django_assert_max_num_queries(2):
        found = suggestions_for(seeker, limit=100)
    assert len(found) == 60


def test_katakana_words_keep_their_long_vowel_mark():
    assert items("ボランティアセンター、・コーディネーター") == [
        "ボランティアセンター",
        "コーディネーター",
    ]


def test_related_words_pair_a_need_and_an_offer_that_share_no_characters():
    """会場 and 集会所 mean nearly the same (the city profile's related words say so)."""
    seeker = org("合唱団", needs="会場")
    org("町会", offers="集会所の貸出")
    [suggestion] = suggestions_for(seeker)
    assert texts(suggestion) == ["求めていること「会場」に できること「集会所の貸出」"]
    assert suggestion.reasons[0].weight == pytest.approx(3.0 + RELATED_SIMILARITY)


def test_without_the_group_such_texts_are_no_reason():
    suggestions_for(org("先に読む団体", needs="会場"))  # the groups are now in the cache
    RelatedWords.objects.filter(code="venue").delete()  # as the admin's bulk delete does
    seeker = org("合唱団", needs="会場")
    org("町会", offers="集会所の貸出")
    assert suggestions_for(seeker) == []


def test_a_group_the_admin_adds_is_used_on_the_next_page():
    seeker = org("写真クラブ", needs="撮影の腕")
    org("商店会", offers="カメラマンの派遣")
    assert suggestions_for(seeker) == []
    RelatedWords.objects.create(code="photo", words="撮影\nカメラマン")
    assert texts(suggestions_for(seeker)[0]) == [
        "求めていること「撮影の腕」に できること「カメラマンの派遣」"
    ]


def test_related_words_are_read_in_the_normal_form():
    """Half-width katakana and hiragana find the group's katakana word."""
    seeker = org("子ども会", needs="ﾎﾞﾗﾝﾃｨｱ")
    org("大学", offers="学生のすたっふ")
    [suggestion] = suggestions_for(seeker)
    assert suggestion.reasons[0].kind == Kind.NEED


def test_the_city_profile_loads_its_related_words():
    venue = RelatedWords.objects.get(code="venue")
    assert {"会場", "集会所", "公民館"} <= set(venue.word_list)


def test_the_same_word_on_both_sides_is_no_related_pair():
    """「会場」 in both texts is what the bigrams already compare: the group adds nothing."""
    seeker = org("探す団体", needs="講演会の会場")
    org("貸す団体", offers="行事の会場周辺の交通整理")
    assert suggestions_for(seeker) == []
