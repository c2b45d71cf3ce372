"""The cheap tests rules run before their expensive ones must never drop a finding: each is checked
against the expensive path on hand-written inputs the corpus lacks (combining marks, full-width and
odd spaces) and, where the input space is small, on generated ones."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lint.parse.values import parse_value
from lint.rules._textmap import (
    _PIECES,
    ONE_EACH_RANGES,
    SAFE_RANGES,
    compact_key,
    compact_with_map,
    raw_index,
)
from lint.rules.cp104_repeated_paragraph import _may_repeat
from lint.rules.ph002_template_leftover import _template_hit
from lint.rules.sy001_stale_year import year_mentions
from lint.similarity import near_duplicate_groups
from lint.text import compact
from tests.conftest import MARKDOWN, OCR, WORD, parsed


def test_compact_key_is_the_key_of_the_map_on_odd_text():
    # Combining accent (NFKC of the whole text would compose `é`), no-break and ideographic spaces,
    # full-width digits and letters, a spacing diaeresis (NFKC: space + combining mark).
    for raw in ("e\u0301 目标内容\u00a01", "１．目标内容　１", "ＸＸＸ单位", "\u00a8年", "", "…℃Ⅻ年"):
        assert compact_key(raw) == compact_with_map(raw)[0] == _map_char_by_char(raw)[0]
        assert compact_with_map(raw)[1] == _map_char_by_char(raw)[1]


@given(st.text(max_size=30))
def test_compact_key_equals_map_key(raw: str):
    assert compact_key(raw) == _map_char_by_char(raw)[0]


def test_safe_characters_normalise_alone_as_in_any_text():
    # compact_key takes compact() of a text of safe characters for the key of its map: sound when
    # each decomposes (NFKD) into starters that are never the second of a composition, so NFKC
    # never joins or reorders across a character boundary.
    seconds = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # Hangul vowel and final jamo
    for cp in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(int(parts[1], 16))
    for a, b in SAFE_RANGES:
        for cp in range(a, b + 1):
            for ch in unicodedata.normalize("NFKD", chr(cp)):
                assert unicodedata.combining(ch) == 0 and ord(ch) not in seconds, hex(cp)


@given(st.text(alphabet=st.sampled_from([chr(a) for a, b in SAFE_RANGES] + [chr(b) for a, b in SAFE_RANGES]
                                         + list("１．目标内容　ＸＸＸ2024年 度℃…—≤Ⅱ")), max_size=30))
def test_fast_key_of_safe_text_is_the_map_key(raw: str):
    assert compact_key(raw) == _map_char_by_char(raw)[0]
    assert raw_index(raw) == _map_char_by_char(raw)[1]


def test_one_each_characters_are_safe_and_give_one_character():
    safe = {cp for a, b in SAFE_RANGES for cp in range(a, b + 1)}
    for a, b in ONE_EACH_RANGES:
        for cp in range(a, b + 1):
            assert cp in safe and len(compact(chr(cp))) == 1, hex(cp)


def test_compact_key_on_corpus_text_is_the_map_key(ocr_doc, md_doc, word_doc):
    # The fast path (compact() of the whole text) against the character-by-character key, on every
    # text of the real corpus that rules key.
    texts = [getattr(c, f) for d in (ocr_doc, md_doc, word_doc) for c in d.cards
             for f in ("title", "project_name", "goal_text", "fund_use")]
    texts += [getattr(i, f) for d in (ocr_doc, md_doc, word_doc) for c in d.cards for i in c.indicators
              for f in ("name", "description", "value", "basis")]
    for raw in texts:
        assert compact_key(raw) == raw.translate(_PIECES)
        assert raw_index(raw) == _map_char_by_char(raw)[1]


def test_template_found_in_full_width_and_spaced_text():
    # Hand-written, as a cell would be typed: full-width numbering and an ideographic space.
    assert _template_hit("１．目标内容　１ 根据文件按时贴息") == ("目标内容　１", False)
    assert _template_hit("ＸＸＸ") == ("ＸＸＸ", True)
    assert _template_hit("完成培训任务") is None


def test_year_found_in_full_width_and_spaced_text():
    (m,) = year_mentions("用于完成２０２０ 年度劳务派遣人员的工资发放")
    assert (m.year, m.fiscal, m.quoted) == (2020, True, "２０２０ 年度")
    assert year_mentions("用于劳务派遣人员的工资发放") == []


def test_may_repeat_sees_identical_and_similar_sets():
    a = frozenset(range(100))
    assert _may_repeat([a, frozenset({500}), a], 0.9)
    assert _may_repeat([a, frozenset(range(5, 100))], 0.9)  # 95 of 100
    assert not _may_repeat([a, frozenset(range(50, 150))], 0.9)
    assert not _may_repeat([a, frozenset()], 0.9)


@given(st.lists(st.frozensets(st.integers(0, 12), max_size=8), max_size=8),
       st.sampled_from([0.5, 0.75, 0.9, 1.0]))
def test_no_group_when_may_repeat_says_no(sets: list[frozenset[int]], threshold: float):
    if not _may_repeat(sets, threshold):
        assert near_duplicate_groups(sets, threshold) == []


_ODD = st.sampled_from(["\u0301", "\u00a8", "ㄱ", "ㅏ", "\u1100", "\u1161", "…", "５", "．", ".", " ", "\u3000", "e", "2"])


@given(st.lists(st.text(_ODD | st.characters(), max_size=6), min_size=4, max_size=4))
def test_identity_is_compact_of_the_joined_fields(parts: list[str]):
    # CP103 compacts the fields one by one: the same as the fields joined by spaces, compacted.
    assert "".join(map(compact, parts)) == compact(" ".join(parts))


def test_parse_value_memo_hands_out_separate_records():
    # parse_value() is memoised per text; each caller still gets its own record to change.
    a, b = parse_value("≥95%"), parse_value("≥95%")
    assert a == b and a is not b
    a.number = 1.0
    assert parse_value("≥95%").number == 95.0


def test_texts_holding_subjects_found_through_their_first_two_characters():
    from lint.rules.cp103_foreign_subject import _texts_with

    # Prefix chains (门卫安保, 门卫安, 门卫) share the search of `门卫`; `卫安` is a word of its own.
    texts = ["门卫安保经费", "门卫工作满意度", "", "劳务派遣门卫安", "卫安"]
    words = ["门卫安保", "门卫安", "门卫", "卫安", "劳务", "保洁"]
    assert _texts_with(words, texts) == {"门卫安保": {0}, "门卫安": {0, 3}, "门卫": {0, 1, 3},
                                         "卫安": {0, 3, 4}, "劳务": {3}, "保洁": set()}


@given(st.lists(st.text("门卫安保劳务", max_size=8), max_size=6),
       st.lists(st.text("门卫安保劳务", min_size=1, max_size=4), max_size=6))
def test_texts_holding_words_is_plain_containment(texts: list[str], words: list[str]):
    from lint.rules.cp103_foreign_subject import _texts_with

    assert _texts_with(words, texts) == {w: {i for i, t in enumerate(texts) if w in t} for w in words}


def _map_char_by_char(raw: str) -> tuple[str, list[int]]:
    out, index = [], []
    for i, ch in enumerate(raw):
        piece = compact(ch)
        out.append(piece)
        index.extend([i] * len(piece))
    return "".join(out), index


@given(st.text(max_size=30))
def test_compact_with_map_is_the_character_by_character_map(raw: str):
    assert compact_with_map(raw) == _map_char_by_char(raw)


def test_compact_with_map_on_odd_text():
    # A character that compacts to two (`㎡` → `m2`), one that compacts to none (spaces), a combining mark.
    for raw in ("面积 100㎡", "e\u0301 目标内容\u00a01", "１．目标内容　１", ""):
        assert compact_with_map(raw) == _map_char_by_char(raw)
    assert compact_with_map("面积 1㎡") == ("面积1m2", [0, 1, 3, 4, 4])


# The card-level skips of the per-row rules, each turned off (the test made to always say "look at
# the rows"): the findings on the corpus must be the same with and without it.
_SKIPS = [
    ("PH001", "lint.rules.ph001_redacted", "any", lambda it: True),
    ("PH002", "lint.rules.ph002_template_leftover", "any", lambda it: True),
    ("PH004", "lint.rules.ph004_empty_cell", "all", lambda it: False),
    ("SY001", "lint.rules.sy001_stale_year", "any", lambda it: True),
    ("ST006", "lint.rules.st006_empty_basis", "all", lambda it: False),
    ("CP001", "lint.rules.cp001_duplicate_row", "has_repeated_name", lambda card: True),
    ("CP002", "lint.rules.cp002_copied_output_row", "has_repeated_name", lambda card: True),
]


def test_card_skips_drop_no_finding(ocr_doc, md_doc, word_doc, monkeypatch):
    import importlib

    from lint.check import check_document
    from lint.rules import get_rule

    docs = (ocr_doc, md_doc, word_doc)
    for code, module, name, always_look in _SKIPS:
        rule = get_rule(code)()
        with_skip = [check_document(d, [rule], {"budget_year": 2024}).findings for d in docs]
        with monkeypatch.context() as m:
            m.setattr(importlib.import_module(module), name, always_look, raising=False)
            without = [check_document(d, [rule], {"budget_year": 2024}).findings for d in docs]
        assert with_skip == without, code
        assert any(with_skip), code  # the corpus has findings of each


def _direction_alphabet() -> str:
    from lint.rules._kinds import directions

    return "".join(sorted({ch for s in ("negative", "positive", "cost") for w in directions()[s] for ch in w})) + "x率"


@given(st.text(_direction_alphabet(), max_size=12))
def test_direction_word_by_lookup_is_the_search_over_every_word(key: str):
    # `_direction_match` scans the name from its end for words; the definition searches for each word.
    from lint.rules._kinds import _direction_match, _direction_match_by_search, name_key

    assert _direction_match(key) == _direction_match_by_search(name_key(key))


def test_direction_word_by_lookup_on_the_corpus_names():
    from lint.rules._kinds import _direction_match, _direction_match_by_search, name_key

    names = {i.name for doc in (parsed(WORD), parsed(MARKDOWN), parsed(OCR)) for c in doc.cards for i in c.indicators}
    found = [_direction_match(n) for n in names]
    assert found == [_direction_match_by_search(name_key(n)) for n in names]
    assert sum(f is not None for f in found) > 100


@given(st.lists(st.text("满意度率不合格", max_size=4), max_size=6), st.text("满意度率不合格x", max_size=10))
def test_any_is_the_longest_word_found(words: list[str], text: str):
    from lint.rules._kinds import _any

    hits = [w for w in words if w in text]
    assert _any(words, text) == (max(hits, key=len) if hits else None)  # max: the first of the longest


def test_cp104_paragraph_shingles_cached_by_text_are_the_shingles():
    from lint.rules.cp104_repeated_paragraph import _shingles
    from lint.similarity import char_shingles

    texts = [p.text for doc in (parsed(WORD), parsed(MARKDOWN), parsed(OCR)) for p in doc.narrative]
    assert len(texts) > 20 and all(_shingles(t) == char_shingles(t) for t in texts + texts)


# -- `sub`s skipped where their literal is missing ------------------------------------------------
_ODD = ["目标内容1", "1.目标内容 2 资金", "目标内 容", "２０２４年", "1920", "20192", "x19y20", "", "≥≥ 95%", "=≈<万元"]


def _corpus_cells(*docs) -> list[str]:
    return [t for doc in docs for card in doc.cards
            for t in (card.title, card.goal_text, card.fund_use,
                      *(x for ind in card.indicators for x in (ind.level2, ind.name, ind.description, ind.value)))]


def _normalize_text_by_subs(text: str) -> str:
    from lint.similarity import _NUMBER, _PUNCT, _TEMPLATE, NUM

    return _NUMBER.sub(NUM, _PUNCT.sub("", _TEMPLATE.sub("", compact(text))))


def _normalize_years_by_sub(text: str) -> str:
    from lint.similarity import _YEAR

    return _YEAR.sub("Y", compact(text))


def test_normalize_without_needless_subs_on_corpus_and_odd_text(ocr_doc, md_doc, word_doc):
    from lint.similarity import normalize_text, normalize_years

    cells = _corpus_cells(ocr_doc, md_doc, word_doc) + _ODD
    assert sum("目标内容" in compact(c) for c in cells) > 0 and sum(normalize_years(c) != compact(c) for c in cells) > 0
    for cell in cells:
        assert normalize_text(cell) == _normalize_text_by_subs(cell)
        assert normalize_years(cell) == _normalize_years_by_sub(cell)


@given(st.text(alphabet="目标内容 1920年度.,、0345６７８９", max_size=20))
def test_normalize_without_needless_subs(text: str):
    from lint.similarity import normalize_text, normalize_years

    assert normalize_text(text) == _normalize_text_by_subs(text)
    assert normalize_years(text) == _normalize_years_by_sub(text)


@given(st.text(alphabet="≥≤<>=≈万元%1 ", max_size=8))
def test_bare_unit_strips_the_leading_signs_as_the_sub(text: str):
    import re

    from lint.rules.ph004_empty_cell import _OPERATORS, _unit_spellings, bare_unit
    from lint.text import normalize

    key = re.sub(r"^[≥≤<>=≈]+", "", compact(normalize(text)))
    assert compact(normalize(text)).lstrip(_OPERATORS) == key
    assert bare_unit(text) == (bool(key) and key in _unit_spellings())
