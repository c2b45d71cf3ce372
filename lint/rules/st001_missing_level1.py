from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import starmap

from lint.model import Card, Document
from lint.parse import levels
from lint.rules._cardrows import effective_level1_of, level_pairs
from lint.rules._docrows import card_level_pairs, check_cards
from lint.rules.base import Context, Finding, Rule


class MissingLevel1(Rule):
    """A card lacks one of the required 一级 categories (产出, 效益, 满意度).

    **What it checks.** Every card with indicator rows against `[required] level1` of
    `dictionaries/levels.toml`. A category counts as present when a row names it as its 一级, or
    when a row's 二级 belongs under it (in the OCR layout the 一级 column is unreadable and is
    inferred from the 二级). One finding per card, listing what is missing, at the card's title.
    A card without any indicator row is ST008's, not this rule's.

    **Why a reviewer cares.** 完整性 (completeness) is the first of the four review dimensions: a
    target table must say what the money produces (产出), what good it does (效益) and whether the
    people served are satisfied (满意度). Self-evaluation forms weigh them 50/30/10, so a missing
    category cannot be scored at all.

    **Bad**: none of the three corpus files lacks a category. The test drops the 满意度 row of
    004 card 1 (门卫安保经费, title line 252) and expects the finding at the title:

        产出指标 … | 效益指标 … | (no 满意度指标 row)

    **Good** (004 card 1, line 346): the card ends with its 满意度 row:

        满意度指标 | 服务对象满意度指标 | 本单位人员对门卫工作的满意率 | 对门卫工作的满意程度 | ≥90百分比
    """

    code = "ST001"
    name = "missing-level1"
    family = "structure"
    severity = "error"
    message = "card has no {missing} row (required 一级: {required})"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with rows whose structure lacks a 一级 (the cached verdict).
        pairs = card_level_pairs(doc, ctx)
        return check_cards(self, doc, ctx, [k for k, p in enumerate(pairs) if p and _missing(p)[0]])

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        if not card.indicators:
            return
        missing, required = _missing(level_pairs(card))
        if missing:
            yield self.finding(ctx, card, field="title", missing=" / ".join(missing),
                               required=", ".join(required))


# What a card lacks depends on its (一级, 二级) cells alone, and cards share their structure. Bounded.
@lru_cache(maxsize=1 << 12)
def _missing(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, ...], list[str]]:
    """The required 一级 that no row has, and the required list."""
    required = levels.required()["level1"]
    present = set(starmap(effective_level1_of, pairs))
    return tuple(name for name in required if name not in present), required
