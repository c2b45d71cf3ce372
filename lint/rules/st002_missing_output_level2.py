from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card
from lint.parse import levels
from lint.rules._cardrows import level1s, short_level
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

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        level1 = ctx.per_card(level1s, card)  # shared with ST001
        if _OUTPUT not in level1:
            return
        rows = [ind for ind, l1 in zip(card.indicators, level1, strict=True) if l1 == _OUTPUT]
        required = list(levels.required()["output_level2"])
        # The 2021 scheme moves 成本 to a 一级 of its own.
        if _COST in level1:
            required = [r for r in required if r != _COST]
        present = {levels.canonical(ind.level2) for ind in rows}
        missing = [r for r in required if r not in present]
        if not missing:
            return
        have = [short_level(r) for r in required if r in present]
        severity = "error" if len(missing) == len(required) else None
        yield self.finding(
            ctx, card, field="level1" if "level1" in rows[0].locs else "level2", indicator=rows[0],
            severity=severity, missing=" / ".join(short_level(m) for m in missing),
            present=" / ".join(have) if have else "none of them",
        )
