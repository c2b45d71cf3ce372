from __future__ import annotations

import pytest

from lint.rules.sy001_stale_year import year_mentions
from tests.conftest import card_at
from tests.rules import at, run


def test_last_years_funds_in_a_2024_budget(md_doc):
    # 002 line 1217: `## 11、石财社〔2022〕99号提前下达2023年省级就业补助资金绩效目标表` (budget year 2024).
    [f] = at(run(md_doc, "SY001"), 1217)
    assert (f.code, f.line, f.column, f.field, f.severity) == ("SY001", 1217, 4, "title", "info")
    assert "'2023年'" in f.message and "2022" not in f.message.split("budget year")[0]


def test_title_and_project_name_give_one_finding(md_doc):
    # The 项目名称 on line 1221 repeats the title's 2023: reported once, on the title.
    assert at(run(md_doc, "SY001"), 1221) == []


def test_the_four_2023_cards_of_002(md_doc):
    # Titles naming 提前下达2023年: cards 11, 32, 33 (`中央2023年`), 34. Their budgets,
    # 1219.05 + 1.1 + 0.52 + 2.28, are the 1222.95 上年结转结余 of the 收支总表 (line 106).
    assert [(f.line, f.severity) for f in run(md_doc, "SY001")] == [
        (1217, "info"), (1637, "info"), (1655, "info"), (1673, "info")]


def test_fund_use_copied_from_last_year_in_004(word_doc):
    # 004 line 474 (budget year 2021): `…用于完成2020年度劳务派遣人员的工资和社保保障…`
    [f] = at(run(word_doc, "SY001"), 474)
    assert (f.code, f.line, f.column, f.field, f.severity) == ("SY001", 474, 2, "fund_use", "info")


def test_document_numbers_are_not_project_years(md_doc, word_doc, ocr_doc):
    # 002 line 1257 `石财社〔2023〕142号提前下达2024年…`; 004 line 4256
    # `2021年省级…冀财社【2020】197号`; 000 line 471 `冀财社 2023 年 218 号提前下达 2024 年…`.
    assert [f for f in run(md_doc, "SY001") if f.card_seq == card_at(md_doc, 1257).seq] == []
    assert at(run(word_doc, "SY001"), 4256) == []
    assert run(ocr_doc, "SY001") == []


def test_history_in_the_fund_use_is_not_stale(word_doc):
    # 004 card 13 (title line 1490), 资金用途: `“三创四建”活动是省委2020年安排部署的一项…`.
    assert [f for f in run(word_doc, "SY001") if f.card_seq == card_at(word_doc, 1490).seq] == []


def test_budget_year_override(md_doc):
    # The same 002 card 13 title (`…提前下达2024年…`, line 1257) under --budget-year 2025 and 2026.
    assert [f.severity for f in at(run(md_doc, "SY001", budget_year=2025), 1257)] == ["info"]
    assert [f.severity for f in at(run(md_doc, "SY001", budget_year=2026), 1257)] == ["warning"]
    assert [f.severity for f in at(run(md_doc, "SY001", budget_year=2023), 1257)] == ["warning"]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("1、冀财社 2023 年 218 号提前下达 2024 年脱贫县离休干部医药费补助资金", [2024]),
        ("(冀组发 (2018) 14号、冀组发 (2020) 18号)", []),
        ("根据石人社规[2021]2 号文规定", []),
        ("较2023年提高5%", []),
        ("2021-2025年规划", [2021]),
        ("2024 年度党刊征订费", [2024]),
        # U+11BF9 is a digit to the `regex` module, not to int(): no year, and no internal error.
        ("20\U00011bf9\U00011bf9年", []),
    ],
)
def test_year_mentions(text, years):
    assert [m.year for m in year_mentions(text)] == years


def test_year_groups_read_by_number_are_the_named_groups(ocr_doc, md_doc, word_doc):
    # `_year_mentions` reads the year pattern's groups by number: the same years as by name, over
    # every corpus text with a year and a few written out.
    from lint.rules._textmap import compact_key
    from lint.rules.sy001_stale_year import _patterns, _year_mentions

    year_re = _patterns()[0]
    texts = [t for doc in (ocr_doc, md_doc, word_doc) for card in doc.cards
             for t in (card.title, card.project_name, card.goal_text, card.fund_use, *(i.name for i in card.indicators))]
    texts += ["2021-2025年度规划", "2023年度", "２０２２年", "2019至2020年"]
    seen = 0
    for text in texts:
        by_name = [(int(m.group("year")), int(m.group("year2")) if m.group("year2") else None, bool(m.group("fiscal")))
                   for m in year_re.finditer(compact_key(text))]
        mentions = [(y.year, y.year2, y.fiscal) for y in _year_mentions(text)]
        assert all(m in by_name for m in mentions)  # (some are dropped: 文号, history)
        seen += len(mentions)
    assert seen > 10
    assert [(y.year, y.year2, y.fiscal) for y in _year_mentions("2021-2025年度规划")] == [(2021, 2025, True)]


def _mentions_word_by_word(text: str) -> list[tuple[int, str]]:
    """The years `_year_mentions` keeps, with the history words tested one by one on a copy of the
    text before the year (as it was written before)."""
    from lint.rules._textmap import compact_key
    from lint.rules.sy001_stale_year import _patterns

    year_re, doc_res, before, after = _patterns()
    key = compact_key(text)
    doc_spans = [m.span() for p in doc_res for m in p.finditer(key)]
    out = []
    for m in year_re.finditer(key):
        start, end = m.span()
        if any(s < end and start < e for s, e in doc_spans):
            continue
        if any(key[:start].endswith(w) for w in before) or any(key.startswith(w, end) for w in after):
            continue
        out.append((int(m.group("year")), key[start:end]))
    return out


def test_history_words_tested_at_once_as_one_by_one(ocr_doc, md_doc, word_doc):
    from lint.rules._textmap import compact_key
    from lint.rules.sy001_stale_year import _year_mentions

    texts = [t for doc in (ocr_doc, md_doc, word_doc) for card in doc.cards
             for t in (card.title, card.project_name, card.goal_text, card.fund_use, *(i.name for i in card.indicators))]
    texts += ["较2023年增长", "2018年以来", "2018年起", "与2022年同期相比", "省委2020年安排部署", "2020年",
              "自2019年至今", "截至2023年底", "2023年比2022年", "较 2023 年"]
    kept = 0
    for text in texts:
        expected = _mentions_word_by_word(text)
        assert [(y.year, compact_key(y.quoted)) for y in _year_mentions(text)] == expected
        kept += len(expected)
    assert kept > 10 and not _year_mentions("较2023年增长") and _year_mentions("2020年")


def test_the_raw_spellings_of_the_year_character_are_every_code_point_compact_makes_it():
    # `_year_mentions` passes over a text holding none of `_SPELLED_AS["年"]`: complete only if no
    # other character becomes 年 once compacted. (`compact` of one character differs from it only
    # where NFKC or `normalize`'s own table changes it: every code point is tried.)
    import sys

    from lint.rules.sy001_stale_year import _SPELLED_AS
    from lint.text import normalize

    # (`compact` is `normalize` less its spaces, which neither make nor take a 年; uncached, so that a
    # million texts do not push the cache's entries out.)
    make = normalize.__wrapped__
    found = {chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and "年" in make(chr(c))}
    assert found == set(_SPELLED_AS["年"]) and len(found) == 2


def test_the_short_cut_is_taken_from_the_year_pattern(monkeypatch):
    from lint.rules import sy001_stale_year as sy

    assert sy._year_chars() == ("年", "\uf98e")
    # A pattern whose every match holds no known character outside its groups: no short cut.
    for pattern in ("(?P<year>20[0-9]{2})(?P<year2>)?(?P<fiscal>年)?", "(?P<year>20[0-9]{2})(?:年|/)"):
        sy._year_chars.cache_clear()
        monkeypatch.setattr(sy, "load_toml", lambda name, p=pattern: {"year": p})
        assert sy._year_chars() == ()
    sy._year_chars.cache_clear()
    monkeypatch.undo()
    assert sy._year_chars() == ("年", "\uf98e")


def test_mentions_with_the_short_cut_are_those_without(ocr_doc, md_doc, word_doc, monkeypatch):
    # Every corpus text (titles, names, goals, 资金用途, row names) and a few written out, among them
    # the compatibility ideograph U+F98E for 年 and full-width digits: the same mentions either way.
    from lint.rules import sy001_stale_year as sy

    texts = [t for doc in (ocr_doc, md_doc, word_doc) for card in doc.cards
             for t in (card.title, card.project_name, card.goal_text, card.fund_use, *(i.name for i in card.indicators))]
    texts += ["2024\uf98e度党刊征订费", "２０２２年", "2021-2025年度规划", "2020", "二〇二四年", "", "年"]
    fast = [sy._year_mentions.__wrapped__(t) for t in texts]
    monkeypatch.setattr(sy, "_year_chars", lambda: ())
    slow = [sy._year_mentions.__wrapped__(t) for t in texts]
    assert fast == slow
    assert sum(map(len, fast)) > 10 and fast[-7] and fast[-6]
    assert sum(1 for t in texts if "年" not in t and "\uf98e" not in t) > len(texts) // 2  # the short cut is taken
