from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from lint.dicts import load_toml
from lint.model import Card, Document, Indicator
from lint.parse import levels
from lint.rules._cardrows import has_repeated_name, is_placeholder, related_row, row_key, short_level
from lint.rules._docrows import cards_with_repeated_name, check_cards
from lint.rules.base import Context, Finding, Rule


class CopiedOutputRow(Rule):
    """A 时效 or 成本 row is a copy of the card's 数量 or 质量 row.

    **What it checks.** Inside one card, each row under a `copies` 二级 (时效指标, 成本指标) against
    the rows under an `originals` 二级 (数量指标, 质量指标; both lists in
    `dictionaries/structure.toml [copy]`): same name, description and value after `compact()`
    (the basis may differ). Reported once per copied row, at its name, with a `related` location
    pointing at the original row. Rows named by a placeholder (`涉密`) are left to the placeholder
    rules.

    **Why a reviewer cares.** The 时效 and 成本 rows are the ones that tie the output to a date and
    to the money (适当性, 可行性). Filling them by pasting the 数量/质量 rows makes the grid look
    complete while the card sets no deadline and no cost limit at all.

    **Bad** (004 card 3, 县委办劳务派遣人员经费, title line 456): the 时效 row (line 515) repeats the
    数量 row (line 501) and the 成本 row (line 522) repeats the 质量 row (line 508):

        数量指标 | 社会保险资金、工资发放到位率 | 保险资金待遇、工资待遇按时足额发放人数占应发放人数的比率 | ≥100百分比
        时效指标 | 社会保险资金、工资发放到位率 | 保险资金待遇、工资待遇按时足额发放人数占应发放人数的比率 | ≥100百分比

    **Good** (000 card 1, 离休干部医药费补助, lines 484–485): 时效 and 成本 rows of their own:

        时效指标 | 资金支出完成时限 | 资金支出完成的时间 | 12 月底
        成本指标 | 补助标准 | 平均每人补助的医药费金额 | 0.2万元
    """

    code = "CP002"
    name = "copied-output-row"
    family = "copy_paste"
    severity = "error"
    message = "{level2} row '{text}' is a copy of the {orig_level2} row (same name, description and value)"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards where two rows share a name (its own first test), one in twenty.
        return check_cards(self, doc, ctx, cards_with_repeated_name(doc, ctx))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        if not ctx.per_card(has_repeated_name, card):  # shared with CP001
            return
        for j, orig in sorted(copied_output_originals(card).items()):
            ind = card.indicators[j]
            rel = related_row(ctx.document, card, orig, f"original row, under {short_level(orig.level2)}")
            yield self.finding_of(ctx, card, ind, "name", {"level2": short_level(ind.level2),
                                                            "orig_level2": short_level(orig.level2)}, related=(rel,))


@cache
def _sets() -> tuple[frozenset[str], frozenset[str]]:
    cfg = load_toml("structure.toml")["copy"]
    return (frozenset(levels.canonical(x) for x in cfg["originals"]),
            frozenset(levels.canonical(x) for x in cfg["copies"]))


def copied_output_originals(card: Card) -> dict[int, Indicator]:
    """Row index → the 数量/质量 row that the 时效/成本 row copies (CP001 skips these rows).

    One pass over the card with the rows keyed by (name, description, value): linear, so a card of
    thousands of rows costs no more than thousands of cards of a few rows."""
    if not has_repeated_name(card):
        return {}  # no two rows with the same key
    originals, copies = _sets()
    inds = card.indicators
    level2 = [levels.canonical(a.level2) for a in inds]
    # Row keys only for the rows that can be an original or a copy, and none for a card without a
    # copy row (CP001 and CP002 both ask, for every card).
    if not any(x in copies for x in level2):
        return {}
    first: dict[tuple[str, str, str], list[int]] = {}  # the first two original rows of each key
    for i, a in enumerate(inds):
        if level2[i] in originals:
            seen = first.setdefault(row_key(a), [])
            if len(seen) < 2:
                seen.append(i)
    out: dict[int, Indicator] = {}
    for j, ind in enumerate(inds):
        if level2[j] not in copies or not ind.name.strip() or is_placeholder(ind.name):
            continue
        orig = next((i for i in first.get(row_key(ind), ()) if i != j), None)
        if orig is not None:
            out[j] = inds[orig]
    return out
