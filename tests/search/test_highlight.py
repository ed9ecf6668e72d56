"""Matched words in <mark>: found on the normal form, marked on the characters as written,
everything escaped first."""

from django.template import Context, Template

from portal.search import highlight


def test_the_word_is_marked_where_it_stands():
    assert highlight("駅前の清掃活動", "清掃") == "駅前の<mark>清掃</mark>活動"


def test_a_reading_in_hiragana_marks_the_katakana_as_written():
    assert highlight("ボランティア募集", "ぼらんてぃあ") == "<mark>ボランティア</mark>募集"


def test_full_width_and_half_width_and_case_are_marked_as_written():
    assert highlight("ＮＰＯ法人ふじみ野", "npo") == "<mark>ＮＰＯ</mark>法人ふじみ野"
    assert highlight("ﾎﾞﾗﾝﾃｨｱ講座", "ボランティア") == "<mark>ﾎﾞﾗﾝﾃｨｱ</mark>講座"
    assert highlight("Clean Day", "clean") == "<mark>Clean</mark> Day"


def test_every_word_is_marked_and_overlaps_merge():
    assert highlight("防災訓練と防災講座", "防災 訓練") == (
        "<mark>防災訓練</mark>と<mark>防災</mark>講座"
    )


def test_the_text_is_escaped_before_it_is_marked():
    marked = highlight('<script>alert("清掃")</script>', "清掃")
    assert marked == "&lt;script&gt;alert(&quot;<mark>清掃</mark>&quot;)&lt;/script&gt;"
    assert highlight("a<b", "<b") == "a<mark>&lt;b</mark>"  # a query of markup, escaped


def test_without_a_query_the_text_is_only_escaped():
    assert highlight("<b>清掃</b>", "") == "&lt;b&gt;清掃&lt;/b&gt;"
    assert highlight(None, "清掃") == ""


def test_the_template_filter_marks_safely():
    template = Template("{% load portal %}{{ title|highlight:query }}")
    html = template.render(Context({"title": "<i>子ども食堂</i>", "query": "こども 食堂"}))
    assert html == "&lt;i&gt;子ども<mark>食堂</mark>&lt;/i&gt;"


def test_the_cards_tag_marks_the_pages_query_and_needs_none():
    template = Template("{% load portal %}{% highlighted title %}")
    assert template.render(Context({"title": "防災<訓練>", "query": "ぼうさい 防災"})) == (
        "<mark>防災</mark>&lt;訓練&gt;"
    )
    assert template.render(Context({"title": "防災<訓練>"})) == "防災&lt;訓練&gt;"
