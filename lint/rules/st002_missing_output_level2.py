from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import starmap

from lint.model import Card, Document
from lint.parse import levels
from lint.rules._cardrows import effective_level1_of, level_pairs, short_level
from lint.rules._docrows import card_level_pairs, check_cards
from lint.rules.base import Context, Finding, Rule

_OUTPUT = "产出指标"
_COST = "成本指标"


class MissingOutputLevel2(Rule):
    """The 产出 block lacks one or more of 数量, 质量, 时效, 成本.

    **What it checks.** The rows whose 一级 is 产出指标 (named, or inferred from the 二级) against
    `[required] output_level2` of `dictionaries/levels.toml`; the old alias 进度指标 counts as
    时效指标. Missing one to three of the four is a **warning**; a 产出 block that has none of
    them (its rows carry unknown or foreign 二级) is an **error**. Where the card has 成本指标
    as a 一级 of its own (the 2021 scheme), 成本 is not required under 产出. A card without any
    产出 row is ST001's. One finding per card, at the first 产出 row, naming what is missing.

    **Why a reviewer cares.** 产出 carries half the weight of a self-evaluation, and each of its four
    dimensions answers a different question: how much (数量), how well (质量), by when (时效), at
    what cost (成本). Without a 成本 row nobody can check the money against the output
    (适当性); without 时效 nothing says when the work is due.

    **Bad** (002 card 44, 仲裁员工装制作费, line 1875): the money row sits under 时效, so 产出 has no
    成本 row:

        时效指标 | 项目支出数额 | 项目支出数额 | 万元

    **Good** (002 card 43, 劳动仲裁运维运行办案经费, lines 1857–1860): 数量, 质量, 时效 and 成本 rows:

        成本指标 | 项目支出金额 | 项目支出金额 | ≤26万元
    """

    code = "ST002"
    name = "missing-output-level2"
    family = "structure"
    severity = "warning"
    message = "产出指标 has no {missing} row (has {present})"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards whose structure has a gap (the cached verdict).
        pairs = card_level_pairs(doc, ctx)
        return check_cards(self, doc, ctx, [k for k, p in enumerate(pairs) if _output_gap(p) is not None])

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        gap = _output_gap(level_pairs(card))
        if gap is None:
            return
        first, missing, have, severity = gap
        row = card.indicators[first]
        yield self.finding(
            ctx, card, field="level1" if "level1" in row.locs else "level2", indicator=row,
            severity=severity, missing=" / ".join(short_level(m) for m in missing),
            present=" / ".join(have) if have else "none of them",
        )


# What a card lacks depends on its (一级, 二级) cells alone, and cards share their structure. Bounded.
@lru_cache(maxsize=1 << 12)
def _output_gap(pairs: tuple[tuple[str, str], ...]) -> tuple[int, tuple[str, ...], tuple[str, ...], str | None] | None:
    """(the first 产出 row, the 二级 missing under 产出, those present (short), the severity), or None
    when nothing is missing or there is no 产出 row."""
    level1 = list(starmap(effective_level1_of, pairs))
    if _OUTPUT not in level1:
        return None
    rows = [k for k, l1 in enumerate(level1) if l1 == _OUTPUT]
    required = list(levels.required()["output_level2"])
    # The 2021 scheme moves 成本 to a 一级 of its own.
    if _COST in level1:
        required = [r for r in required if r != _COST]
    present = {levels.canonical(pairs[k][1]) for k in rows}
    missing = tuple(r for r in required if r not in present)
    if not missing:
        return None
    have = tuple(short_level(r) for r in required if r in present)
    return rows[0], missing, have, "error" if len(missing) == len(required) else None
