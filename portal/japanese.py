"""How Japanese text is compared: one normal form for search, highlighting and matching.

People type the same word in many ways: full-width or half-width (ＮＰＯ, ﾎﾞﾗﾝﾃｨｱ), upper
or lower case, katakana or hiragana (ボランティア, ぼらんてぃあ). `normalize` folds all of
them into one form; `bigrams` cuts the normal form into overlapping two-character pieces, the
unit an index can look up without a dictionary of Japanese words.
"""

import re
import unicodedata

# Katakana ァ (U+30A1) … ヶ (U+30F6) sit exactly 0x60 above their hiragana; ヽヾ too.
_KATAKANA = "".join(chr(code) for code in range(0x30A1, 0x30F7)) + "ヽヾ"
_TO_HIRAGANA = str.maketrans(_KATAKANA, "".join(chr(ord(c) - 0x60) for c in _KATAKANA))
_SEPARATORS = re.compile(
    r"[\s\u3000・、。，．,.!?！？「」『』（）()\[\]【】〔〕\"'“”‘’:：;；/／|｜~〜～-]+"
)


def normalize(text):
    """NFKC, case-folded, katakana as hiragana, separators as single spaces."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).casefold().translate(_TO_HIRAGANA)
    return _SEPARATORS.sub(" ", folded).strip()


def words(text):
    """The words of a query, normalised, in order, without repeats."""
    seen = []
    for word in normalize(text).split():
        if word not in seen:
            seen.append(word)
    return seen


def bigrams(text):
    """The overlapping two-character pieces of each word; a one-character word is itself.

    >>> bigrams("環境 NPO")
    ['環境', 'np', 'po']
    """
    pieces = []
    for word in normalize(text).split():
        if len(word) == 1:
            pieces.append(word)
        else:
            pieces.extend(word[i : i + 2] for i in range(len(word) - 1))
    return pieces


def similarity(left, right):
    """How much two texts share, from 0 to 1: the Dice coefficient of their bigram sets."""
    return dice(set(bigrams(left)), set(bigrams(right)))


def dice(a, b):
    """The Dice coefficient of two bigram sets, for callers that compare one text with many
    and cut each into bigrams once (`set(bigrams(text))`)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))
