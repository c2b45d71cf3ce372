from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter

import regex

from lint.dicts import load_toml
from lint.model import Card, Document, Indicator
from lint.rules._docrows import cards_of_rows, check_cards, doc_rows, hit_positions
from lint.rules._textmap import compact_key, original, raw_index
from lint.rules.base import Context, Finding, Rule

# Fields that name the project or the indicator: any year there is the year the thing is about.
_NAME = attrgetter("name")
_NAME_FIELDS = ("title", "project_name")
# Narrative fields: a year there may be history or a comparison, so last year is reported only when
# it is written as a budget year (`2020年度`).
_NARRATIVE_FIELDS = ("goal_text", "fund_use")
_LABELS = {"title": "title", "project_name": "项目名称", "name": "三级指标 name",
           "goal_text": "绩效目标", "fund_use": "资金用途"}


@dataclass(frozen=True)
class YearMention:
    year: int
    year2: int | None
    fiscal: bool  # written `YYYY年度`
    quoted: str  # as written in the source


class StaleYear(Rule):
    """A year in the title, 项目名称, 三级指标 name, 绩效目标 or 资金用途 that does not fit the budget year.

    It marks a card copied from an earlier year, or funds carried over.

    **What it checks.** Years written `YYYY年`, `YYYY年度` or `YYYY-YYYY年` (full-width folded,
    whitespace removed, so OCR's `2024 年` counts), against the budget year of the document (or
    `--budget-year`). Document numbers are not project years and are skipped: `石财社〔2023〕142号`,
    `冀财社【2020】197号`, `冀组发 (2018) 14号`, and the unbracketed `冀财社 2023 年 218 号`
    (`YYYY年NNN号`). So are years in history or comparison phrases (`较2023年`, `2018年以来`,
    `省委2020年安排部署`); patterns and words are in `dictionaries/stale_year.toml`.

    - older than budget year − 1, or later than the budget year: **warning**;
    - budget year − 1 in the title, 项目名称 or a 三级指标 name, or written `YYYY年度` in the goal
      or 资金用途: **info**. This is how a carry-over (上年结转) looks, and how a card copied from
      last year looks; the reviewer has to tell which. In 002 (budget year 2024) the four cards named
      `…提前下达2023年…资金` (cards 11, 32, 33, 34: 1219.05 + 1.1 + 0.52 + 2.28 万元) add up to the
      1222.95 万元 上年结转结余 of the 收支总表 (002 line 106), so they are real carry-overs; a stale copy would not
      be backed by a carry-over. A range (`2021-2025年`) that includes the budget year is fine.

    **Why a reviewer cares.** The card states what this year's money buys. A card that names another
    year was either copied without being updated (its targets are last year's) or funds last year's
    work, which must then be shown as 上年结转 and not as new spending.

    **Bad** (002 card 11, budget year 2024, line 1217; info, a carry-over):

        ## 11、石财社〔2022〕99号提前下达2023年省级就业补助资金绩效目标表

    **Bad** (004 card 3, 县委办劳务派遣人员经费, budget year 2021, line 474, the 资金用途; info):

        县委办劳务派遣人员经费是经常性的项目，用于完成2020年度劳务派遣人员的工资发放……

    **Good** (002 card 13, line 1257: the doc number says 2023, the funds are 2024's):

        13、石财社〔2023〕142号提前下达2024年中央就业补助资金绩效目标表

    **Good** (004 card 40, budget year 2021, line 4256):

        40.2021年省级残疾人事业发展补助资金（残疾人教育就业及托养补助）冀财社【2020】197号绩效目标表
    """

    code = "SY001"
    name = "stale-year"
    family = "stale_year"
    severity = "warning"
    message = "{label} names {quoted} but the budget year is {budget_year}: {why}"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a year in a field or a row name (the cached mentions, read
        # by C-level `map`s; most texts have none), which it then judges.
        if not ctx.budget_year:
            return iter(())
        cards = doc.cards
        hits: set[int] = set()
        for fieldname in (*_NAME_FIELDS, *_NARRATIVE_FIELDS):
            hits.update(hit_positions(map(_year_mentions, map(attrgetter(fieldname), cards))))
        dr = doc_rows(doc, ctx)
        hits.update(cards_of_rows(dr, hit_positions(map(_year_mentions, dr.column(_NAME)))))
        return check_cards(self, doc, ctx, sorted(hits))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        budget_year = ctx.budget_year
        if not budget_year:
            return
        reported: set[int] = set()
        for fieldname in _NAME_FIELDS:
            for mention in _year_mentions(getattr(card, fieldname)):  # the cached tuple
                verdict = _judge(mention, budget_year, narrative=False)
                # The title usually repeats the 项目名称: one finding per year and card.
                if verdict and mention.year not in reported:
                    reported.add(mention.year)
                    yield self._finding(ctx, card, fieldname, None, mention, budget_year, *verdict)
        for fieldname in _NARRATIVE_FIELDS:
            for mention in _year_mentions(getattr(card, fieldname)):  # the cached tuple
                verdict = _judge(mention, budget_year, narrative=True)
                if verdict:
                    yield self._finding(ctx, card, fieldname, None, mention, budget_year, *verdict)
        # Most cards have no year in any row name: the names are read by C-level `map`s first (the
        # cached tuples, empty for nearly every name), and the rows walked only when one has a year.
        if not any(map(_year_mentions, map(_NAME, card.indicators))):
            return
        for ind in card.indicators:
            # The cached tuple itself, not year_mentions()' list: most row names hold no year.
            if not ind.name:
                continue
            for mention in _year_mentions(ind.name):
                verdict = _judge(mention, budget_year, narrative=False)
                if verdict:
                    yield self._finding(ctx, card, "name", ind, mention, budget_year, *verdict)

    def _finding(self, ctx: Context, card: Card, fieldname: str, ind: Indicator | None, mention: YearMention,
                 budget_year: int, severity: str, why: str) -> Finding:
        return self.finding_of(ctx, card, ind, fieldname, {"label": _LABELS[fieldname], "quoted": f"'{mention.quoted}'",
                                                           "budget_year": budget_year, "why": why}, severity=severity)


def _judge(m: YearMention, budget_year: int, *, narrative: bool) -> tuple[str, str] | None:
    """(severity, reason) when the year does not fit the budget year, else None."""
    first, last = m.year, m.year2 or m.year
    if first <= budget_year <= last:
        return None
    if first > budget_year:
        return "warning", "a year after the budget year: a wrong year, or a card prepared for a later budget?"
    if last == budget_year - 1:
        if narrative and not m.fiscal:
            return None
        return "info", "last year: a carry-over (上年结转), or text copied from last year's card?"
    return "warning", "a year long past: copied from an earlier card and not updated?"


@cache
def _patterns() -> tuple[regex.Pattern, tuple[regex.Pattern, ...], tuple[str, ...], tuple[str, ...]]:
    data = load_toml("stale_year.toml")
    return (regex.compile(data["year"]), tuple(regex.compile(p) for p in data["doc_number"]),
            tuple(data["history_before"]), tuple(data["history_after"]))


@cache
def _year_groups() -> tuple[int, int, int]:
    """The numbers of the year pattern's `year`, `year2` and `fiscal` groups: a `regex` match's group
    read by name costs ≈ 1.8 k instructions more than by number (the module tries the name as an
    index first, and raises and formats a TypeError to find it is not)."""
    index = _patterns()[0].groupindex
    return index["year"], index["year2"], index["fiscal"]


def year_mentions(text: str) -> list[YearMention]:
    """Years in `text` that are meant as the year of the project (not 文号, not history)."""
    return list(_year_mentions(text)) if text else []


# The raw characters whose `compact()` holds a character: itself, and the compatibility characters
# NFKC makes it (tests/rules/test_sy001_stale_year.py checks every code point for these).
_SPELLED_AS = {"年": ("年", "\uf98e")}


@cache
def _year_chars() -> tuple[str, ...]:
    """Characters of which every text with a year mention holds one: the raw spellings of a
    character the year pattern matches outside any group (`年`); () when it has none known (no
    short cut)."""
    try:
        from re import _constants, _parser  # the standard library's own parser of the pattern

        items = list(_parser.parse(load_toml("stale_year.toml")["year"]))
    except Exception:  # a pattern only the `regex` module reads, or another Python's internals
        return ()
    for op, arg in items:  # (top-level items are each in every match)
        if op is _constants.LITERAL and chr(arg) in _SPELLED_AS:
            return _SPELLED_AS[chr(arg)]
    return ()


# Names and titles recur across cards: each distinct text is read once. Bounded.
@lru_cache(maxsize=1 << 14)
def _year_mentions(text: str) -> tuple[YearMention, ...]:
    # Most texts name no year and hold no 年: a search of the raw text for it, before its key is
    # made and searched (six texts in seven at 10×).
    chars = _year_chars()
    if chars:
        for ch in chars:
            if ch in text:
                break
        else:
            return ()
    year_re, doc_res, before, after = _patterns()
    g_year, g_year2, g_fiscal = _year_groups()
    # Most texts name no year at all: test the key before building the map back to the raw text.
    key = compact_key(text)
    if not year_re.search(key):
        return ()
    doc_spans = [m.span() for p in doc_res for m in p.finditer(key)]
    out: list[YearMention] = []
    index = None  # the map back to the raw text, made for the first year kept
    for m in year_re.finditer(key):
        start, end = m.span()
        if any(s < end and start < e for s, e in doc_spans):
            continue
        # (`str.endswith`/`startswith` of the tuples, bounded to the text before or after the
        # year: the test of every word by one C call, and no copy of the text before it per word.)
        if key.endswith(before, 0, start) or key.startswith(after, end):
            continue
        if index is None:
            index = raw_index(text)
        year, year2, fiscal = m.group(g_year, g_year2, g_fiscal)
        out.append(YearMention(int(year), int(year2) if year2 else None, bool(fiscal),
                               original(text, index, start, end)))
    return tuple(out)
