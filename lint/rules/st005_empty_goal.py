from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lint.model import Card
from lint.rules.base import Context, Finding, Rule
from lint.text import compact

# Numbering and punctuation left when the sentences were deleted: `1.`, `2、`, `(3)`, `；`.
_SKELETON = re.compile(r"[\d.、，,;；:：。()（）\[\]【】\-—_\s]+")


class EmptyGoal(Rule):
    """The card's 绩效目标 (performance goal) is empty or only numbering.

    **What it checks.** `Card.goal_text`, the text of the 绩效目标 row, after removing numbering
    and punctuation (`1.` `2、` `；`): nothing left means no goal. The parser collects the goal from
    every cell of the 绩效目标 row and, in OCR, from the row after the spending plan even when its
    label was misread (000 card 2, line 497, has its goal in the third cell with the label cell
    empty), so a goal that merely sits in another cell is not reported. Template (`目标内容 1`)
    and redacted (`涉密`) goals are the placeholder rules'.

    **Why a reviewer cares.** The goal is what the indicators are checked against (相关性): with
    no goal nobody can say whether the rows measure the right thing, and the card fails review
    at the first field.

    **Bad**: every card of the three corpus files has a goal. The test empties the goal of 004
    card 1 (门卫安保经费) and expects the finding at its 绩效目标 cell (line 285, column 2).

    **Good** (000 card 2, line 497): the label cell is empty but the third cell holds the goal:

        绩效目标 | | 派选调生到村工作的生活需求, 下派到村工作选调生至少 1 次的 高基层党建工作水平。
    """

    code = "ST005"
    name = "empty-goal"
    family = "structure"
    severity = "error"
    message = "绩效目标 is empty{detail}"

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        if _has_words(card.goal_text):
            return
        detail = f" (only '{' '.join(card.goal_text.split())}')" if card.goal_text.strip() else ""
        field = "goal_text" if "goal_text" in card.locs else "title"
        yield self.finding(ctx, card, field=field, detail=detail)


# A goal is hundreds of characters, and the regex runs over all of it; goals recur (a bureau's
# cards share them): each distinct text is read once. Bounded.
@lru_cache(maxsize=1 << 12)
def _has_words(goal_text: str) -> bool:
    """Anything left of the goal once numbering, punctuation and whitespace are removed: a
    character outside `_SKELETON`'s class, which `fullmatch` finds at once (no text is rebuilt)."""
    key = compact(goal_text)
    return bool(key) and _SKELETON.fullmatch(key) is None
