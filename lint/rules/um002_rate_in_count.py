from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document
from lint.rules._docrows import cards_of_rows, check_cards, doc_rows, rows_with_facts
from lint.rules._kinds import COUNT, MONEY, RATE, is_rate_name, money_wan
from lint.rules.base import Context, Finding, Rule


class RateInCount(Rule):
    """A rate or share (`…率`, `…比例`, `…占比`, `…满意度`) valued in a count or in money.

    **What it checks.** Every row whose 三级指标 name ends in 率, 比例, 占比, 比重 or 满意度 (the word
    lists are `rate_suffixes` / `rate_anywhere` in `dictionaries/indicator_kinds.toml`; 频率, 效率 and
    other non-shares are excluded) and whose value carries a count unit (人, 次, 个, 户 …) or a money
    unit. A number followed by loose words (`≥98劳务派遣人员对服务的满意程度`) is not reported here:
    its unit is missing rather than wrong.

    **Why a reviewer cares.** A rate is measured in percent. `完成率 ≥4次` cannot be evaluated: four
    of what, out of how many? Either the name or the value is wrong, and the self-evaluation at year
    end will have nothing to compare against (可行性: the target is not measurable as written).

    **Bad** (004 card 26, 统战工资经费, line 2933; card 47, 无障碍改造, line 5022):

        数量指标 | 调研摸底工作的完成率 | … | ≥4次
        数量指标 | 残疾人家庭无障碍的改造率 | … | ≥25户

    **Good** (000 card 1, line 483): `补助覆盖率 | 100%`.
    """

    code = "UM002"
    name = "rate-in-count"
    family = "unit_mismatch"
    severity = "warning"
    message = "'{name}' is a rate but its value '{text}' is {what}, not a percentage"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a count or an amount on a rate name (`row_facts`; the unit
        # and the amount are left to `check_card`).
        dr = doc_rows(doc, ctx)
        rows = [*rows_with_facts(dr, RATE | COUNT, RATE | COUNT), *rows_with_facts(dr, RATE | MONEY, RATE | MONEY)]
        return check_cards(self, doc, ctx, cards_of_rows(dr, rows))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in card.indicators:
            pv = ind.parsed
            if not is_rate_name(ind.name):
                continue
            if pv.kind == "count" and pv.unit:
                what = f"a count ({pv.unit})"
            elif money_wan(ind) is not None:
                what = f"money ({pv.unit})"
            else:
                continue
            yield self.finding_of(ctx, card, ind, "value", {"what": what})
