"""Per-document rule passes: every row of a document in one list, so that a rule can judge all the
cells of a document by C-level `map`s and walk in Python only the cards (or rows) that have a hit.

A per-card rule costs a generator, a frame and a prefilter per card even where nothing is found
(nearly everywhere): at 10×, 1,270 cards × 36 rules. A rule that overrides `check_document` with
these helpers pays per cell only a cached lookup, and keeps its `check_card` as the reference: the
findings are the same, in the same order (tests/rules/test_docrows.py runs both over every card).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial, reduce
from itertools import chain, compress, count, repeat
from operator import and_, attrgetter, floordiv, or_
from typing import Any

from lint.model import Card, Document, Indicator
from lint.rules._cardrows import level_pairs
from lint.rules._kinds import KIND_FACTS, OP_FACTS, name_facts
from lint.rules._words import Sections, from_sections
from lint.rules.base import Context, Finding, Rule
from lint.text import compact

_INDICATORS = attrgetter("indicators")
_NAME = attrgetter("name")


class DocRows:
    """The rows of a document in card order, and for each row the index of its card."""

    __slots__ = ("rows", "card_of", "_columns")

    def __init__(self, doc: Document) -> None:
        inds = list(map(_INDICATORS, doc.cards))
        self.rows: list[Indicator] = list(chain.from_iterable(inds))
        self.card_of: list[int] = list(chain.from_iterable(map(repeat, range(len(inds)), map(len, inds))))
        self._columns: dict[Any, Any] = {}  # columns by getter, and `memo`'s values

    def column(self, getter: Callable[[Indicator], Any]) -> list[Any]:
        """`getter` of every row (an attrgetter such as `parsed.kind`), made once per document."""
        col = self._columns.get(getter)
        if col is None:
            col = self._columns[getter] = list(map(getter, self.rows))
        return col

    def memo(self, key: Any, make: Callable[[DocRows], Any]) -> Any:
        """`make(self)`, made once per document (per `key`)."""
        value = self._columns.get(key)
        if value is None:
            value = self._columns[key] = make(self)
        return value

    def where(self, getter: Callable[[Indicator], Any], test: Callable[[Any], object]) -> list[int]:
        """The rows whose `getter` value passes `test` (a C-level callable such as `"percent".__eq__`
        or `frozenset.__contains__`), in order."""
        return hit_positions(map(test, self.column(getter)))

    def each(self, row_check: Callable[[Context, Card, Indicator], Iterable[Finding]], doc: Document,
             ctx: Context, positions: Iterable[int]) -> Iterator[Finding]:
        """`row_check(ctx, card, row)` for the rows at `positions`, in order: a per-row rule's
        findings over the rows a document pass picked."""
        cards, rows, card_of = doc.cards, self.rows, self.card_of
        for r in positions:
            yield from row_check(ctx, cards[card_of[r]], rows[r])


def rows_with_facts(dr: DocRows, mask: int, wanted: int) -> list[int]:
    """The rows whose `row_facts` bits under `mask` are `wanted` (positions, in order): from the
    rows grouped by their bits once per document for all the rules that ask (a document has a few
    dozen distinct values)."""
    picked = [rows for facts, rows in dr.memo(fact_groups, fact_groups).items() if facts & mask == wanted]
    if len(picked) < 2:
        return picked[0] if picked else []
    return sorted(chain.from_iterable(picked))


def fact_groups(dr: DocRows) -> dict[int, list[int]]:
    """The rows (positions, in order) by their `row_facts`: one loop, the name's bits cached per
    name (no key tuple per row to build, hash and compare)."""
    groups: dict[int, list[int]] = {}
    ops, kinds = OP_FACTS, KIND_FACTS
    for r, ind in enumerate(dr.rows):
        pv = ind.parsed
        facts = name_facts(ind.name) | ops.get(pv.op, 0) | kinds.get(pv.kind, 0)  # type: ignore[arg-type]
        if facts in groups:
            groups[facts].append(r)
        else:
            groups[facts] = [r]
    return groups


def cards_of_rows(dr: DocRows, positions: Iterable[int]) -> list[int]:
    """The cards (indices, sorted, once each) of the rows at `positions`."""
    return sorted(set(map(dr.card_of.__getitem__, positions)))


def cards_with_facts(doc: Document, ctx: Context, mask: int, wanted: int | None = None) -> list[int]:
    """The cards (indices, sorted) with a row whose fact bits under `mask` are `wanted` (all of
    `mask` when not given): `cards_of_rows` of `rows_with_facts`, the IO/UM rules' usual pick."""
    dr = doc_rows(doc, ctx)
    return cards_of_rows(dr, rows_with_facts(dr, mask, mask if wanted is None else wanted))


def cards_with_repeated_name(doc: Document, ctx: Context) -> list[int]:
    """The cards (indices, in order) where two rows have the same name, compacted
    (`has_repeated_name`, CP001 and CP002's first test), worked out once per document check."""
    return ctx.per_card(_cards_with_repeated_name, doc, ctx)


def _cards_with_repeated_name(doc: Document, ctx: Context) -> list[int]:
    names = list(map(compact, doc_rows(doc, ctx).column(_NAME)))
    out: list[int] = []
    start = 0
    for k, n in enumerate(map(len, map(_INDICATORS, doc.cards))):
        if n > 1 and len(set(names[start:start + n])) < n:
            out.append(k)
        start += n
    return out


def card_level_pairs(doc: Document, ctx: Context) -> list[tuple[tuple[str, str], ...]]:
    """`level_pairs` of every card (ST001 and ST002 key their cached verdicts by it), once per
    document check."""
    return ctx.per_card(_card_level_pairs, doc)


def _card_level_pairs(doc: Document) -> list[tuple[tuple[str, str], ...]]:
    return list(map(level_pairs, doc.cards))


def doc_rows(doc: Document, ctx: Context) -> DocRows:
    """`DocRows(doc)`, made once per document check for all the rules that ask."""
    return ctx.per_card(DocRows, doc)


def hit_positions(flags: Iterable[object]) -> list[int]:
    """The positions of the true `flags` (C-level)."""
    return list(compress(count(), flags))


def cards_of_cells(dr: DocRows, positions: Iterable[int], per_row: int) -> list[int]:
    """The cards (indices, sorted, once each) of cells at `positions` in a flat run of `per_row`
    cells per row."""
    return sorted(set(map(dr.card_of.__getitem__, map(floordiv, positions, repeat(per_row)))))


def check_cards(rule: Rule, doc: Document, ctx: Context, indices: Iterable[int]) -> Iterator[Finding]:
    """`rule.check_card` on the cards at `indices` (in order): the cards a document pass found
    something in, each checked by the rule's own per-card code."""
    cards = doc.cards
    for k in indices:
        yield from rule.check_card(cards[k], ctx)


def cell_flags(dr: DocRows, getter: Callable[[Indicator], tuple], judge: Callable[[str], object]) -> Iterator[object]:
    """`judge` of each cell `getter` picks from every row (a multi-field attrgetter), in order."""
    return map(judge, chain.from_iterable(map(getter, dr.rows)))


def card_flags(doc: Document, field: str, judge: Callable[[str], object]) -> Iterator[object]:
    return map(judge, map(attrgetter(field), doc.cards))


def cards_with_cell(doc: Document, ctx: Context, verdict: int, judge: Callable[[str], object]) -> list[int]:
    """The cards (indices, in order) with a grid cell of `verdict` (a mask of the row verdicts) or a
    绩效目标/资金用途 `judge` accepts: the cards a placeholder rule's `check_card` must see."""
    hits = set(row_verdicts(doc, ctx).cards_with(verdict))
    hits.update(hit_positions(card_flags(doc, "goal_text", judge)))
    hits.update(hit_positions(card_flags(doc, "fund_use", judge)))
    return sorted(hits)


# -- what the placeholder and structure rules ask of every cell, once per distinct text ----------
# One cached call per cell gives every verdict of these rules for that text; a row's verdicts are the
# four cells' packed into one int (`_WIDTH` bits a field), and each rule picks its rows with one
# C-level `and` over the row ints, where it used to compact and look up every cell itself.
EMPTY = 1  # nothing left after compact() (ST006 basis, PH004 value and description)
REDACTED = 2  # PH001
TEMPLATE = 4  # PH002
STAND_IN = 8  # PH003
BARE_UNIT = 16  # PH004 (a value that is only a unit)
_WIDTH = 5
CELL_FIELDS = ("name", "description", "value", "basis")
_FOUR = attrgetter(*CELL_FIELDS)


def field_bits(field: str, bits: int) -> int:
    """`bits` of one cell field, where they sit in a row's packed verdicts."""
    return bits << (_WIDTH * CELL_FIELDS.index(field))


def all_fields(bits: int) -> int:
    return sum(field_bits(f, bits) for f in CELL_FIELDS)


class RowVerdicts:
    """Every row's packed cell verdicts, and all of them or-ed (zero: no rule has anything here)."""

    __slots__ = ("rows", "packed", "any")

    def __init__(self, doc: Document, ctx: Context) -> None:
        self.rows = dr = doc_rows(doc, ctx)
        # Per row, cached by the row's four texts: pasted rows recur (at 10× half the rows are
        # repeats of another, at 100× four in five), and a hit is one lookup where four cells
        # looked up and packed cost several.
        self.packed: list[int] = list(map(row_verdict(), map(_FOUR, dr.rows)))
        self.any: int = reduce(or_, self.packed, 0)

    def rows_with(self, mask: int) -> list[int]:
        """The rows with any of `mask`'s verdicts, in order."""
        if not self.any & mask:
            return []
        return hit_positions(map(and_, self.packed, repeat(mask)))

    def cards_with(self, mask: int) -> list[int]:
        """The cards with a row with any of `mask`'s verdicts (indices, in order)."""
        card_of = self.rows.card_of
        return sorted(set(map(card_of.__getitem__, self.rows_with(mask))))


def row_verdicts(doc: Document, ctx: Context) -> RowVerdicts:
    """`RowVerdicts` of the document, made once per document check for all the rules that ask."""
    return ctx.per_card(RowVerdicts, doc, ctx)


def row_verdict() -> Callable[[tuple[str, str, str, str]], int]:
    """(name, description, value, basis) → the four cells' verdicts packed, `_WIDTH` bits a field
    in `CELL_FIELDS` order; cached for the word lists in force."""
    return _judges()[1]


def cell_verdicts() -> Callable[[str], int]:
    """text → its verdicts (EMPTY | REDACTED | …), cached per text for the word lists in force."""
    return _judges()[0]


@from_sections("placeholders.txt")
def _judges(sections: Sections) -> tuple[Callable[[str], int], Callable[[tuple[str, str, str, str]], int]]:
    # The rules' own judges (imported here: they import this module), for the same lists.
    from lint.rules.ph001_redacted import redaction_judge
    from lint.rules.ph002_template_leftover import template_judge
    from lint.rules.ph003_stand_in_text import stand_in_words
    from lint.rules.ph004_empty_cell import bare_unit

    # The judges' own functions, not their per-text caches: `cell` is asked once per distinct text
    # (its cache is theirs), so those caches only took a look-up and an entry each per new text.
    cell = lru_cache(maxsize=1 << 14)(partial(
        _verdicts, judges=(_uncached(redaction_judge()), _uncached(template_judge()), stand_in_words(),
                           _uncached(bare_unit))))
    # Bounded: 18,527 distinct rows at 100× (94,200 rows); a few MB.
    return cell, lru_cache(maxsize=1 << 15)(partial(_pack, cell=cell))


def _uncached(judge: Callable[[str], Any]) -> Callable[[str], Any]:
    """The function a per-text cache (`lru_cache`) wraps; `judge` itself if it has none."""
    return getattr(judge, "__wrapped__", judge)


def _pack(texts: tuple[str, str, str, str], cell: Callable[[str], int]) -> int:
    name, description, value, basis = map(cell, texts)
    return name | description << _WIDTH | value << 2 * _WIDTH | basis << 3 * _WIDTH


def _verdicts(text: str, judges: tuple) -> int:
    is_redacted, template_hit, stand_ins, is_bare_unit = judges
    key = compact(text)
    if not key:
        return EMPTY
    return ((REDACTED if is_redacted(text) else 0) | (TEMPLATE if template_hit(text) is not None else 0)
            | (STAND_IN if key in stand_ins else 0) | (BARE_UNIT if is_bare_unit(text) else 0))
