from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial

from lint.model import Card, Document, Indicator
from lint.parse.levels import canonical
from lint.rules._docrows import doc_rows, hit_positions
from lint.rules._kinds import KIND, rows_of_kind
from lint.rules._words import Sections, from_sections
from lint.rules.base import Context, Finding, Rule
from lint.text import compact

_DIGIT = re.compile(r"\d")


class VagueValue(Rule):
    """A 指标值 that is a vague word (`提高`, `及时`, `长期`, `保持稳定`) instead of a measurable target.

    **What it checks.** Every 指标值 the value parser reads as qualitative (no number, date or
    amount). It is reported when, with full-width forms folded and whitespace removed, it contains a
    `[vague]` word of `dictionaries/vague_terms.txt` (`提高`, `提升`, `增强`, `及时`, `按时`, `长期`,
    `稳定`, `正常开展`, `明显` …). Left alone: graded or binary values (`[graded]`: `优`, `良`, `合格`,
    `达标`, `完成` …), concrete states that a reviewer can check (`设施齐全，正常运转`, `安全运行`,
    `不承担费用`, `受理当日`), and any value holding a digit (it states a target in words, e.g.
    `原则上不超过社会保险费实际缴费额的 2/3`).

    **Why a reviewer cares.** Targets must be measurable (可行性): `提高` is met by any improvement,
    however small, and `及时拨付` by any payment date, so the year-end evaluation cannot fail. A 时效
    indicator needs a deadline (`12月底前`, `≤10个工作日`), other indicators a number, a rate or a
    grade scale. It is reported as info: a few 效益 indicators can only be qualitative, but then they
    should be graded.

    **Bad** (000 card 31, 大数据中心运行保障经费, lines 1058 and 1061):

        时效指标 | 工作完成时效 | 工作完成时效 | 按时 | 实际情况
        可持续影响指标 | 提高数字化治理水平 | 提高数字化治理水平 | 提高 | 问卷调查

    **Bad** (002 card 13, 中央就业补助资金, line 1280):

        经济效益指标 | 年末高校毕业生总体就业率 | 年末高校毕业生总体就业率 | 保持稳定 | 年度工作计划

    **Good** (002 card 1, 组织人社运转保障工作经费, line 1047: qualitative but concrete):

        质量指标 | 租赁办公用房质量情况 | 办公用房内各项设施齐全，运转正常 | 设施齐全，正常运转 | 年度工作计划

    **Good** (000 card 31, line 1059: measurable): `工作成本 | 工作成本 | ≤20 万元 | 实际测算`
    """

    code = "VG001"
    name = "vague-value"
    family = "vague_value"
    severity = "info"
    message = "指标值 '{text}' is vague ('{term}'): {advice}"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # The qualitative rows of the whole document picked by C-level `map`s, each value judged
        # once per distinct text: the findings of `check_card` over the cards, in the same order.
        dr = doc_rows(doc, ctx)
        rows, card_of, cards = dr.rows, dr.card_of, doc.cards
        term_of = _term_of()
        for r in hit_positions(map(_QUALITATIVE, map(KIND, rows))):
            ind = rows[r]
            term = term_of(ind.value)
            if term:
                yield self.finding_of(ctx, cards[card_of[r]], ind, "value", {"term": term, "advice": _advice(ind)})

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in rows_of_kind(card, "qualitative"):  # _vague_term is None for any other row
            term = _vague_term(ind)
            if term:
                yield self.finding_of(ctx, card, ind, "value", {"term": term, "advice": _advice(ind)})


@from_sections("vague_terms.txt")
def _term_of(sections: Sections) -> Callable[[str], str | None]:
    """value → the vague term it uses, or None, for the lists in force."""
    # Longest first, so `正常开展` is quoted rather than a shorter word inside it.
    vague = tuple(sorted({compact(w) for w in sections.get("vague", ())}, key=lambda w: (-len(w), w)))
    graded = frozenset(compact(w) for w in sections.get("graded", ()))
    # Values recur (`及时`, `提高`): each distinct text is judged once, for these lists. Bounded.
    return lru_cache(maxsize=1 << 14)(partial(_term, vague=vague, graded=graded))


_QUALITATIVE = "qualitative".__eq__


def _vague_term(ind: Indicator) -> str | None:
    if ind.parsed.kind != "qualitative":
        return None
    return _term_of()(ind.value)


def _term(value: str, vague: tuple[str, ...], graded: frozenset[str]) -> str | None:
    key = compact(value)
    if not key or key in graded or _DIGIT.search(key):
        return None
    return next((w for w in vague if w in key), None)


def _advice(ind: Indicator) -> str:
    if canonical(ind.level2) == "时效指标":
        return "a 时效 target needs a deadline or a time limit (`12月底前`, `≤10个工作日`)"
    return "give a number, a rate or a grade scale that can be checked at year end"
