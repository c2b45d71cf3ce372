from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

from lint.model import Card
from lint.rules._kinds import budget_settings, fmt_number
from lint.rules.base import Context, Finding, Rule

_FULL = 100.0
_EPS = 1e-9


class SpendPlan(Rule):
    """资金支出计划 shares that exceed 100%, go down, or never reach 100% by 12月底.

    **What it checks.** The card's spend plan (3月底, 6月底, 10月底, 12月底; cumulative percent, as
    `periods` in `dictionaries/budget.toml`). Empty cells are skipped (`None`: nothing planned yet, or
    nothing more after an earlier 100%). One finding per card, the first that applies:

    1. a share above 100% (error);
    2. the last filled share is below 100%: the money is not planned to be spent within the year
       (warning). On OCR documents this is judged only when all four period headers were read:
       when OCR loses a header the values shift and the last one is dropped (000 card 29);
    3. a share lower than an earlier one: shares are cumulative, they cannot go down (warning).

    A plan whose last filled share is below 100% and that also goes down (000 card 7 reads
    `20%, 60%, -, 6`) is reported once, as not reaching 100%: that holds whether the `6` is a real
    6% or an OCR-truncated `6x%`.

    **Why a reviewer cares.** The spend plan is what treasury payment schedules and mid-year
    execution reviews (预算执行率, weighed 10 points on self-evaluations) are held against. A plan
    that decreases or ends short of 100% cannot be followed, and money planned but not spent by
    year end is recalled.

    **Bad** (004 card 34, 专项经费, line 3640: `25, 80, 75, 100` — 10月底 below 6月底; 000 card 7,
    党校基础设施建设资金, line 623: `20%, , 60%, , 6`, ends at 6).

    **Good** (004 card 24, 机关党建专项经费: 3月底 empty, then `100, 100, 100`; 000 card 20, line 858:
    `6月底 100%`, later cells empty).
    """

    code = "BI003"
    name = "spend-plan"
    family = "budget_inconsistency"
    severity = "warning"
    message = "资金支出计划 {why}"

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        if not card.spend_plan:
            return  # no plan at all (most cards of most layouts): nothing to check
        hit = _verdict(tuple(card.spend_plan.items()), ctx.document.layout == "ocr")
        if hit is not None:
            period, value, severity, why = hit
            yield self._at(ctx, card, period, value, severity=severity, why=why)

    def _at(self, ctx: Context, card: Card, period: str, value: float, *, why: str,
            severity: str | None = None) -> Finding:
        return self.finding(ctx, card, field=f"spend_plan.{period}", text=f"{fmt_number(value)}%",
                            severity=severity, why=why)


def _show(plan: list[tuple[str, float]]) -> str:
    return ", ".join(f"{p} {fmt_number(v)}%" for p, v in plan)


# A plan's verdict depends on its periods and shares alone, and a bureau's cards share a handful of
# plans (`25/50/75/100`): each distinct plan is judged once. Bounded.
@lru_cache(maxsize=1 << 12)
def _verdict(items: tuple[tuple[str, float | None], ...], ocr: bool) -> tuple[str, float, str | None, str] | None:
    """The first thing wrong with the plan `items` (period, share) as (period, share, severity,
    why), or None."""
    spend_plan = dict(items)
    periods = [str(p) for p in budget_settings()["periods"]]
    plan = [(p, spend_plan[p]) for p in periods if spend_plan.get(p) is not None]
    extra = [(p, v) for p, v in spend_plan.items() if p not in periods and v is not None]
    plan += extra
    if not plan:
        return None
    over = next(((p, v) for p, v in plan if v > _FULL + _EPS), None)
    if over:
        return over[0], over[1], "error", f"{over[0]} is {fmt_number(over[1])}%, above 100%"
    last_p, last_v = plan[-1]
    headers_complete = all(p in spend_plan for p in periods)
    if last_v < _FULL - _EPS and (not ocr or headers_complete):
        return last_p, last_v, None, f"ends at {fmt_number(last_v)}% ({last_p}), not 100%: {_show(plan)}"
    for (p0, v0), (p1, v1) in pairwise(plan):
        if v1 < v0 - _EPS:
            return p1, v1, None, (f"goes down from {fmt_number(v0)}% ({p0}) to {fmt_number(v1)}% ({p1}); "
                                  f"shares are cumulative: {_show(plan)}")
    return None
