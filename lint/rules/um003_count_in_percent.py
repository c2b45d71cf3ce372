from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document
from lint.rules._docrows import cards_with_facts, check_cards
from lint.rules._kinds import COUNT_NAME, PERCENT, RATE, is_count_name, is_rate_name, percent_rows
from lint.rules.base import Context, Finding, Rule


class CountInPercent(Rule):
    """A count (`…人数`, `…次数`, `…数量`, `…户数`) valued as a percentage.

    **What it checks.** Every row whose 三级指标 name ends in a count word (`count_suffixes` in
    `dictionaries/indicator_kinds.toml`: 人数, 次数, 个数, 数量, 户数, 人次, 场次 …) and whose value is a
    percentage. Names that end in a share (`提供服务数量占申报数量比重`) are rates, not counts.

    **Why a reviewer cares.** A 数量指标 promises a number of things delivered: people trained,
    events held. `开展外宣活动数量 ≥90%` promises ninety percent of an unknown total, so the output
    cannot be checked; the number the goal text announces is missing (完整性, 可行性).

    **Bad** (004 card 6, 国安办专项经费, line 814):

        数量指标 | 开展外宣活动数量 | … | ≥90百分比

    **Good** (000 card 5, line 590): `村级组织数量 | 保障村级组织运转数量 | 291个`.
    """

    code = "UM003"
    name = "count-in-percent"
    family = "unit_mismatch"
    severity = "warning"
    message = "'{name}' is a count but its value '{text}' is a percentage"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a percentage on a count name that is not a rate (`row_facts`).
        return check_cards(self, doc, ctx, cards_with_facts(doc, ctx, PERCENT | COUNT_NAME | RATE, PERCENT | COUNT_NAME))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in ctx.per_card(percent_rows, card):
            if is_count_name(ind.name) and not is_rate_name(ind.name):
                yield self.finding(ctx, card, field="value", indicator=ind)
