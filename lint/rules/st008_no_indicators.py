from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card
from lint.rules.base import Context, Finding, Rule


class NoIndicators(Rule):
    """A card has no indicator rows at all.

    **What it checks.** A card (a 绩效目标表 title followed by its header) whose indicator grid
    yielded no row with a name, description, value or basis. Reported once, at the title.

    **Why a reviewer cares.** A target table without indicators sets no target: nothing about the
    project can be monitored or evaluated, and every other completeness check is moot. It also
    happens when a table is cut off at a page break of the published file, which the publisher
    should fix.

    **Bad**: every card of the three corpus files has rows. The test clears the rows of 002
    card 1 (组织人社运转保障工作经费, title line 1034) and expects the finding at the title.

    **Good** (002 card 1, lines 1045–1051): seven rows from 租赁面积 to 使用人员满意度.
    """

    code = "ST008"
    name = "no-indicators"
    family = "structure"
    severity = "error"
    message = "card has no indicator rows"

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        if not card.indicators:
            yield self.finding(ctx, card, field="title")
