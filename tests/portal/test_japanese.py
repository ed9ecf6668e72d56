from portal.japanese import bigrams, normalize, similarity, words


def test_width_case_and_kana_fold_into_one_form():
    assert normalize("ＮＰＯ法人") == normalize("npo法人") == "npo法人"
    assert normalize("ﾎﾞﾗﾝﾃｨｱ") == normalize("ボランティア") == normalize("ぼらんてぃあ")
    assert normalize("ヴァイオリン") == "ゔぁいおりん"


def test_separators_become_single_spaces():
    assert normalize("　防災・減災、「訓練」 ") == "防災 減災 訓練"
    assert normalize(None) == ""


def test_words_are_normalised_and_unique():
    assert words("環境　かんきょう カンキョウ") == ["環境", "かんきょう"]


def test_bigrams_cover_two_character_words_and_single_characters():
    assert bigrams("防災訓練") == ["防災", "災訓", "訓練"]
    assert bigrams("森") == ["森"]
    assert bigrams("子ども 食堂") == ["子ど", "ども", "食堂"]


def test_similarity_is_shared_bigrams():
    assert similarity("集会所の貸出", "集会所を借りたい") > 0.3
    assert similarity("会場", "防災") == 0.0
    assert similarity("", "会場") == 0.0
