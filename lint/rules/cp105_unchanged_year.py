from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import starmap
from operator import attrgetter
from typing import Any

from lint.model import Card, Document
from lint.rules.base import CardRef, Context, Finding, Rule, title_ref
from lint.similarity import is_substantive, normalize_years, stable_hash
from lint.text import compact


class UnchangedAcrossYears(Rule):
    """A card is the same as the unit's card of an earlier budget year, apart from the year.

    **What it checks.** When documents of one unit (same department) for different budget years are
    checked together, each card's 绩效目标 and indicator rows (二级, 三级, description, value, basis),
    with only four-digit years (1900–2099) masked, are fingerprinted; a card whose fingerprint equals
    a card of an earlier year of the same unit is reported (info) and points at that card. Cards
    without a goal or without a substantive row are skipped. One dictionary pass: linear in cards.

    **Why a reviewer cares.** Last year's targets re-submitted with the year changed were not set for
    this year's money; a continuing project may legitimately keep them, hence info, not a warning.

    **Bad** (synthetic: 002 re-dated 2024 → 2025; card 29 创业担保贷款财政贴息资金 then matches its
    2024 card: the same goal, six rows and values, only the years differ).

    **Good**: the same card with a new target (`≤1.48 万元` → `≤2.00 万元`) is not reported.
    """

    code = "CP105"
    name = "unchanged-across-years"
    family = "copy_paste"
    severity = "info"
    message = "card is unchanged from the {year} card {other} apart from the year"

    def collect(self, doc: Document, ctx: Context) -> list[tuple[CardRef, int | None]]:
        if not doc.department or not (ctx.budget_year or doc.budget_year):
            return []
        return [(title_ref(doc, card, ctx), _fingerprint(card)) for card in doc.cards]

    def check_collected(self, items: list[tuple[CardRef, int | None]], settings: dict[str, Any]) -> Iterator[Finding]:
        units: dict[str, list[tuple[CardRef, int | None]]] = defaultdict(list)
        for ref, key in items:
            units[compact(ref.department or "")].append((ref, key))
        for entries in units.values():
            if len({ref.budget_year for ref, _ in entries}) < 2:
                continue
            by_doc: dict[tuple[int, str], list[tuple[CardRef, int | None]]] = defaultdict(list)
            for ref, key in entries:
                by_doc[(ref.budget_year or 0, ref.path)].append((ref, key))
            seen: dict[int, CardRef] = {}
            for _, cards in sorted(by_doc.items()):
                mine: dict[int, CardRef] = {}
                for ref, key in cards:
                    if key is None:
                        continue
                    earlier = seen.get(key)
                    if earlier is not None and earlier.budget_year != ref.budget_year:
                        yield self.finding_at(
                            ref, year=earlier.budget_year,
                            other=f"{earlier.seq} {earlier.name} of {earlier.path}",
                            related=[earlier.related(f"{earlier.budget_year} card")],
                        )
                    mine.setdefault(key, ref)
                # Later years compare with the latest earlier year that has the card.
                seen.update(mine)


# Cells recur across cards (`100%`, `计划标准`, whole pasted rows): each is normalised once.
# Bounded, so a province-wide run keeps flat memory.
_years = lru_cache(maxsize=1 << 14)(normalize_years)


def _fingerprint(card: Card) -> int | None:
    inds = card.indicators
    # By C-level `map`s over the rows: a Python loop cost more than the cached lookups themselves.
    if not compact(card.goal_text) or not any(starmap(is_substantive, map(_NAME_AND_DESCRIPTION, inds))):
        return None
    # The goal's and each row's stable hash (cached per text and per row), combined by the hash of
    # their tuple: an int tuple hashes the same in every process (only str and bytes hashes are
    # salted), and nearly every card is new (1,252 of 1,270 distinct at 10×) while its goal and rows
    # recur, so this hashes a few ints where one blake2b over the whole card's text cost 4× more.
    return hash((_goal_hash(card.goal_text), *map(_row_hash, map(_ROW, inds))))


_NAME_AND_DESCRIPTION = attrgetter("name", "description")
_ROW = attrgetter("level2", "name", "description", "value", "basis")


@lru_cache(maxsize=1 << 12)  # goals recur across a bureau's cards; bounded
def _goal_hash(goal_text: str) -> int:
    return stable_hash(_years(goal_text))


# Whole rows recur (pasted rows, a unit's rows from year to year): each distinct row is read once.
# Keyed by the row's tuple, one argument (`map`, no `starmap` unpacking). Bounded.
@lru_cache(maxsize=1 << 15)
def _row_hash(row: tuple[str, str, str, str, str]) -> int:
    return stable_hash(_row_years(row))


def _row_years(row: tuple[str, str, str, str, str]) -> str:
    return "\x1f".join(map(_years, row))
