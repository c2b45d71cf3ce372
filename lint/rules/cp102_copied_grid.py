from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import starmap
from operator import attrgetter
from typing import Any

from lint.model import Card, Document
from lint.parse.levels import canonical
from lint.rules.base import CardRef, Context, Finding, Rule, title_ref
from lint.similarity import (
    PackedSets,
    containment,
    is_substantive,
    near_duplicate_groups,
    pack_digests,
    row_key,
    same_unit_other_year,
    stable_digest,
)


class CopiedGrid(Rule):
    """The indicator grid is the same as other cards' grids: reported once per group of cards.

    **What it checks.** Each card's grid as a set of (二级, 三级, description) rows, numbers
    normalised (values are not compared: a copied grid with new target figures is still copied).
    Only substantive rows count (a real name and a description of four or more characters, not `0`
    or `涉密`): every card of a bureau shares rows like `成本控制 | 0`. Two grids are copies when they
    share at least `copy_paste_grid_min_rows` (default 4) substantive rows and the shared rows are at
    least `copy_paste_grid_threshold` (default 0.65: 4 of 6 rows) of the larger grid. Grids are grouped through a
    MinHash/LSH index over all cards of all documents of the run, and each group gives one finding, on
    its first card, naming the others.

    **Why a reviewer cares.** The indicators are supposed to measure this project's outputs and
    effects; a grid pasted between projects measures neither, and its targets were not set for the
    money of this card.

    **Bad** (002 cards 29 and 32–37, the 创业担保贷款贴息 funds of 2023 and 2024: six rows alike,
    line 1588 ff.):

        数量指标 | 贷款贴息到位率 | 每季度实际贴息总额占应发放贷款贴息总额的比率 | 100%

    **Good** (004 cards 9 and 19, both named 贫困学生救助专项经费 but of two units): their grids
    share no substantive row, so they are not a copy.
    """

    code = "CP102"
    name = "copied-grid"
    family = "copy_paste"
    severity = "warning"
    message = "indicator grid ({rows} substantive rows) is repeated in {count} other card(s): {others}"

    def collect(self, doc: Document, ctx: Context) -> list[tuple[CardRef, bytes]]:
        # A grid is kept as its rows' hashes packed (`pack_digests`): a tenth of a set's memory, and
        # sent between processes as one bytes object.
        min_rows = int(ctx.setting("copy_paste_grid_min_rows", 4))
        return [(title_ref(doc, card, ctx), _grid(card, min_rows)) for card in doc.cards]

    def check_collected(self, items: list[tuple[CardRef, bytes]], settings: dict[str, Any]) -> Iterator[Finding]:
        threshold = float(settings.get("copy_paste_grid_threshold", 0.65))
        min_rows = int(settings.get("copy_paste_grid_min_rows", 4))
        max_related = int(settings.get("copy_paste_max_related", 5))
        sets = PackedSets([grid for _, grid in items])

        def similar(a: frozenset[int], b: frozenset[int]) -> float:
            return containment(a, b) if len(a & b) >= min_rows else 0.0

        for group in near_duplicate_groups(sets, threshold, similarity=similar, bands=16, rows=2):
            ref = items[group[0]][0]
            if ref.department and ref.budget_year is not None:
                members = [j for j in group[1:] if not same_unit_other_year(
                    ref.department, ref.budget_year, items[j][0].department, items[j][0].budget_year)]
            else:  # a card of no unit or year leaves no other card to CP105: all its group
                members = group[1:]
            if not members:
                continue
            shown = members[:max_related]
            names = ", ".join(_name(ref, items[j][0]) for j in shown)
            if len(members) > len(shown):
                names += f" and {len(members) - len(shown)} more"
            grid = sets[group[0]]
            related = []
            for j in shown:
                theirs = sets[j]
                related.append(items[j][0].related(f"shares {len(grid & theirs)} of {len(theirs)} rows"))
            yield self.finding_at(ref, rows=len(grid), count=len(members), others=names, related=related)


def _grid(card: Card, min_rows: int) -> bytes:
    """The hashes of the card's distinct substantive rows, packed; empty below `min_rows`."""
    # By C-level `map`s over the rows (a comprehension cost more than the cached lookups).
    keys = set(starmap(_row_hash, map(_GRID_ROW, card.indicators)))
    keys.discard(None)
    return pack_digests(keys) if len(keys) >= min_rows else b""


_GRID_ROW = attrgetter("level2", "name", "description")


# Rows recur across cards (that is what this rule looks for): each distinct row is keyed once.
# Bounded, so a province-wide run keeps flat memory.
@lru_cache(maxsize=1 << 14)
def _row_hash(level2: str, name: str, description: str) -> bytes | None:
    """The hashed row key of a substantive row, None for a row that is not."""
    if not is_substantive(name, description):
        return None
    return stable_digest(row_key(canonical(level2) or level2, name, description))


def _name(ref: CardRef, other: CardRef) -> str:
    where = "" if other.path == ref.path else f" of {other.path}"
    return f"card {other.seq} {other.name}{where}"
