from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from operator import attrgetter

from lint.dicts import load_toml
from lint.model import Card, Document
from lint.rules._docrows import BARE_UNIT, EMPTY, check_cards, field_bits, row_verdicts
from lint.rules.base import Context, Finding, Rule
from lint.text import compact, normalize

_VALUE = attrgetter("value")
_DESCRIPTION = attrgetter("description")
# The comparison signs a value starts with, stripped (`str.lstrip`: the `sub` of `^[≥≤<>=≈]+` it
# replaces cost a few thousand instructions a cell, match or not).
_OPERATORS = "≥≤<>=≈"


class EmptyCell(Rule):
    """A named indicator row with an empty 指标值 or 绩效指标描述, or a bare unit (`万元`) as 指标值.

    **What it checks.** Every indicator row that has a 三级指标 name: its 指标值 and its 绩效指标描述
    must not be empty, and a 指标值 must not be a bare unit (a spelling from `dictionaries/units.toml`,
    optionally after an operator: `万元`, `元`, `≥%`). Only what is empty in the text is reported; a
    cell the reader could not place is a parser problem, not a finding.

    **Why a reviewer cares.** A row with a name but no target is a promise without a measure: there is
    nothing to evaluate at year end. A bare unit is the same thing with a hint of what was meant: the
    number was never typed (or was typed into the neighbouring cell).

    **Bad** (002 card 44, 仲裁员工装制作费, line 1878: a unit and no number):

        时效指标 | 项目支出数额 | 项目支出数额 | 万元 | 年度工作计划

    **Bad** (004 card 45, 残疾人家庭无障碍改造, line 4843: the number went into the description):

        成本指标 | 补贴标准 | 人均3500 | 元 | 资金管理指导意见

    **Good** (004 card 47, the same 补贴标准 row filled in, lines 5044-5048):

        成本指标 | 补贴标准 | 人均1000元 | 1000元 | 冀残联【2013】52号文
    """

    code = "PH004"
    name = "empty-cell"
    family = "placeholder"
    severity = "warning"
    message = "indicator '{name}': {what}"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # The cards with an empty value or description or a bare unit, from the document's cell
        # verdicts (C-level); `check_card` on those alone gives the same findings, in the same order.
        return check_cards(self, doc, ctx, row_verdicts(doc, ctx).cards_with(_SUSPECT))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        # Nearly every card has every value and description filled, and no bare unit: checked by
        # C-level `map`s first, and the rows walked one by one only otherwise.
        values = list(map(_VALUE, card.indicators))
        if (all(map(compact, values)) and all(map(compact, map(_DESCRIPTION, card.indicators)))
                and not any(map(bare_unit, values))):
            return
        for ind in card.indicators:
            if not compact(ind.name):
                continue
            if not compact(ind.value):
                yield self.finding(ctx, card, field="value", indicator=ind, what="指标值 is empty")
            elif bare_unit(ind.value):
                yield self.finding(ctx, card, field="value", indicator=ind,
                                   what=f"指标值 is only the unit '{ind.value.strip()}', the number is missing")
            if not compact(ind.description):
                yield self.finding(ctx, card, field="description", indicator=ind, what="绩效指标描述 is empty")


_SUSPECT = field_bits("value", EMPTY | BARE_UNIT) | field_bits("description", EMPTY)


@cache
def _unit_spellings() -> frozenset[str]:
    out: set[str] = set()
    for kind, table in load_toml("units.toml").items():
        if kind == "money_factor":
            continue
        for canonical, spellings in table.items():
            out.update(compact(s) for s in (canonical, *spellings))
    return frozenset(out)


@lru_cache(maxsize=1 << 14)  # values recur (`100%`, `≥95%`): each distinct text is read once. Bounded.
def bare_unit(value: str) -> bool:
    """A value that is only a unit (`万元`, `%`), cached per text."""
    key = compact(normalize(value)).lstrip(_OPERATORS)
    return bool(key) and key in _unit_spellings()
