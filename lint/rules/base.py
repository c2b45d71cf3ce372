"""The rule framework: a rule is a class with a code, a name, a family, a default severity, a
message template and a docstring (what it checks, why, a bad and a good example from real cards).

A rule looks at one card (`check_card`) or one document (`check_document`) and yields `Finding`s
anchored to a field of a card or an indicator row. A rule that compares cards across the documents
of the run (copy-paste) is in two steps, so a run can stream documents and spread them over
processes: `collect(doc, ctx)` keeps a few small, picklable features per card (with a `CardRef`,
where the card is), and `check_collected(items, settings)` sees the features of every document once.
"""

from __future__ import annotations

import dataclasses
import inspect
from _string import formatter_parser  # type: ignore[import-not-found]  # (what `string.Formatter.parse` calls)
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from lint.model import Card, Document, Indicator, Loc, office_address
from lint.parse.cards import FIELDS, _part_locs

_FIELD_AT = {f: k for k, f in enumerate(FIELDS)}

T = TypeVar("T")

SEVERITIES = ("info", "warning", "error")
FAMILIES = (
    "placeholder", "unit_mismatch", "illogical_operator", "copy_paste", "budget_inconsistency",
    "structure", "vague_value", "stale_year", "input",
)


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def by_fields(self: Any) -> tuple:
    """`__reduce__` for the small frozen records sent between processes (`--jobs`): the class and
    its fields in order, instead of pickle's default of a state dict per object. A 100× run sends
    45,000 findings and 38,000 card references: 40% less time to pickle, 25% less to unpickle."""
    cls = type(self)
    return cls, tuple(getattr(self, name) for name in cls.__match_args__)


def quick_init(cls: type) -> type:
    """Give a frozen, slotted dataclass a faster `__init__`. The one `dataclass` writes calls
    `object.__setattr__(self, name, value)` per field (the class's own `__setattr__` refuses): for
    the 18 fields of a `Finding` that is most of what a finding costs to build, and a 100× run builds
    45,000 findings and 38,000 card references (and unpickles them again with `--jobs`).

    This one turns the new record for the time of its `__init__` into a twin class with the same
    slots and no `__setattr__` of its own, so each field is a plain slot store (the interpreter's
    fast path), then back: 15.4 k → 7.3 k instructions a `Finding` (callgrind). Same signature, same
    defaults; the class stays frozen (assignment still raises)."""
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or any(f.default_factory is not dataclasses.MISSING or not f.init
                                            for f in fields):
        raise TypeError(f"quick_init: {cls.__name__} needs the dataclass __init__")
    # The same slots in the same order: `__class__` may be assigned between the two (CPython checks
    # that the layouts match and raises TypeError otherwise, here at import).
    draft = type(f"_{cls.__name__}Draft", (), {"__slots__": cls.__slots__, "__module__": cls.__module__})
    env: dict[str, Any] = {"_cls": cls, "_draft": draft, "_set_class": object.__setattr__, "_new": object.__new__}
    params = []
    for f in fields:
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    self.{f.name} = {f.name}\n" for f in fields)
    exec(f"def __init__(self, {', '.join(params)}):\n    _set_class(self, '__class__', _draft)\n{body}"
         f"    self.__class__ = _cls\n", env)  # as `dataclass` builds its own
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    # `cls._make(...)`: the same record made as the twin from the start (one class change, not two,
    # and no call of the class): 3.3 k → 2.2 k instructions a `Finding` (callgrind).
    exec(f"def _make({', '.join(params)}):\n    self = _new(_draft)\n{body}    self.__class__ = _cls\n"
         f"    return self\n", env)
    make = env["_make"]
    make.__qualname__ = f"{cls.__qualname__}._make"
    cls._make = staticmethod(make)  # type: ignore[attr-defined]
    return cls


@quick_init
@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding points to (the other copy of a pasted row, say)."""

    __reduce__ = by_fields

    path: str
    line: int
    column: int
    card_seq: int | None
    card_title: str
    message: str = ""
    office: tuple[tuple[str, Any], ...] = ()

    @property
    def address(self) -> str:
        """`12:5`, or the office address (`table 2, row 5, cell 3`, `Sheet1!C12`)."""
        return office_address(self.office) or f"{self.line}:{self.column}"


@quick_init
@dataclass(frozen=True, slots=True)
class Finding:
    __reduce__ = by_fields

    code: str
    name: str
    family: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_column: int | None = None
    card_seq: int | None = None
    card_title: str = ""
    project_code: str | None = None
    unit: str | None = None
    indicator: str | None = None
    field: str | None = None
    text: str = ""
    related: tuple[Related, ...] = ()
    # Office files: the cell's address as (key, value) pairs (Loc.office()); line/column are then
    # the reader's row ordinal and grid column, kept only for ordering.
    office: tuple[tuple[str, Any], ...] = ()

    @property
    def address(self) -> str:
        """`12:5`, or the office address (`table 2, row 5, cell 3`, `Sheet1!C12`)."""
        return office_address(self.office) or f"{self.line}:{self.column}"

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.field or "", self.message)

    def __hash__(self) -> int:
        # Five fields, not the dataclass's eighteen (with the related places): deduplicating a
        # document's findings hashes each one, and findings that differ at all nearly always differ
        # here. Equal findings agree on these, so the hash stays consistent with `==`.
        return hash((self.path, self.line, self.column, self.code, self.message))


@dataclass
class Context:
    """What rules may consult besides the card: the document, the run, and the settings."""

    document: Document
    budget_year: int | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    # Facts about a card that several rules ask for (`per_card`), kept for one check of one
    # document: `lint.check.check_document` sets it. Without it (a Context made elsewhere, in
    # tests that change a card and check it again) every fact is worked out afresh.
    memo: dict[tuple[Any, int], tuple[Card, Any]] | None = field(default=None, repr=False, compare=False)

    def setting(self, key: str, default: Any) -> Any:
        return self.settings.get(key, default)

    def per_card(self, fact: Callable[..., T], card: Card, *args: Any) -> T:
        """`fact(card, *args)`, worked out once per card for all the rules of the document check
        (`args` must be the same at every call for `fact`, such as this context).

        The value is shared between rules: they must not change it."""
        memo = self.memo
        if memo is None:
            return fact(card, *args)
        key = (fact, id(card))
        hit = memo.get(key)
        if hit is not None and hit[0] is card:  # the card is kept with it, so its id is not reused
            return hit[1]
        value = fact(card, *args)
        memo[key] = (card, value)
        return value


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    severity: ClassVar[str] = "warning"
    message: ClassVar[str]

    def check_card(self, card: Card, ctx: Context) -> Iterable[Finding]:
        return ()

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for card in doc.cards:
            yield from self.check_card(card, ctx)

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().splitlines()[0] if cls.__doc__ else cls.name

    # -- building findings -------------------------------------------------------------------
    def finding(
        self,
        ctx: Context,
        card: Card,
        /,
        *,
        field: str,
        indicator: Indicator | None = None,
        text: str | None = None,
        related: Iterable[Related] = (),
        severity: str | None = None,
        place: tuple[int, int, tuple[tuple[str, Any], ...]] | None = None,
        **values: Any,
    ) -> Finding:
        """A finding at `field` of `indicator` (or of the card), message filled from `values`; at
        `place` (line, column, office: a `row_place`) instead of the field's own cell when given.
        `finding_of` is the same by position, for rules that find a lot. (`ctx` and `card` are
        positional only: two names fewer to compare each keyword of `values` with, below.)"""
        return self.finding_of(ctx, card, indicator, field, values, text, related, severity, place)

    def finding_of(
        self,
        ctx: Context,
        card: Card,
        indicator: Indicator | None,
        field: str,
        values: dict[str, Any],
        text: str | None = None,
        related: Iterable[Related] = (),
        severity: str | None = None,
        place: tuple[int, int, tuple[tuple[str, Any], ...]] | None = None,
    ) -> Finding:
        """`finding(ctx, card, field=field, indicator=indicator, **values, ...)`, with the message's
        values as a dict of their own (it is filled in with `name` and `text` where they are not
        given: pass a new one each time). A call with keywords that land in `**values` costs
        4.2 k instructions against 1.9 k this way (callgrind, two values): CPython compares each such
        keyword with every parameter's name, by value, before it goes to `**values`."""
        if indicator is not None:
            if place is None:
                line, column, office = _row_position(indicator, field)
            else:
                line, column, office = place
            if text is None:
                text = getattr(indicator, field, "")
                text = text if isinstance(text, str) else ("" if text is None else str(text))
            ind_name = indicator.name
            if "name" not in values:
                values["name"] = ind_name
        else:
            if place is None:
                loc = _locate(card, None, field)
                line, column, office = loc.line, loc.column, _office(loc)
            else:
                line, column, office = place
            if text is None:
                text = getattr(card, field, "")
                text = text if isinstance(text, str) else ("" if text is None else str(text))
            ind_name = None
        if "text" not in values:
            values["text"] = text
        say = _SAYERS.get(self.message) or _sayer(self.message)
        # Positional (the fields in order): a finding is built for every hit of every rule.
        return _make_finding(
            self.code, self.name, self.family, severity or self.severity, say(values),
            ctx.document.path, line, column,
            column + len(text) if text and "\n" not in text else None,  # end_column
            card.seq, card.title or card.project_name, card.project_code,
            card.reporting_unit or ctx.document.department,  # unit
            ind_name, field, text, related if type(related) is tuple else tuple(related), office,
        )

    def finding_at(self, ref: CardRef, *, related: Iterable[Related] = (), severity: str | None = None,
                   **values: Any) -> Finding:
        """A finding at a collected card (`CardRef`), message filled from `values`."""
        values.setdefault("text", ref.text)
        return Finding(
            code=self.code, name=self.name, family=self.family, severity=severity or self.severity,
            message=self.message.format(**values), path=ref.path, line=ref.line, column=ref.column,
            end_column=ref.end_column, card_seq=ref.seq, card_title=ref.title,
            project_code=ref.project_code, unit=ref.unit, field=ref.field, text=ref.text,
            related=tuple(related), office=ref.office,
        )


    def finding_said(self, ref: CardRef, message: str, related: tuple[Related, ...] = ()) -> Finding:
        """`finding_at(ref, related=related, ...)` with its message already made: a cross-document rule
        says the same of many cards (CP101's group of copies), and builds the record positionally."""
        return _make_finding(self.code, self.name, self.family, self.severity, message, ref.path, ref.line,
                             ref.column, ref.end_column, ref.seq, ref.title, ref.project_code, ref.unit, None,
                             ref.field, ref.text, related, ref.office)


_make_finding = Finding._make  # type: ignore[attr-defined]

# Each message template's `_sayer`, by the template (a rule's is one string: its lookup is by identity).
_SAYERS: dict[str, Callable[[dict[str, Any]], str]] = {}


def _sayer(template: str) -> Callable[[dict[str, Any]], str]:
    """`template.format_map`, as a function of the values made once: the method parses the template
    again at every call, 6.2 k instructions for a three-field message against 2.9 k for the
    f-string of `_say3` (callgrind). A template of literals and up to three `{key}` fields gets the
    function of its number of fields (`format_map` formats each value as an f-string does:
    `format(value, "")`); any other template (a conversion or a spec, a positional, `a.b` or
    `a[0]` field, more fields) keeps `format_map`."""
    literals, keys = [""], []
    try:
        for literal, key, spec, conversion in formatter_parser(template):
            literals[-1] += literal  # (an escaped brace ends a piece: "a{{b" is "a{", "b")
            if key is not None:
                if not key.isidentifier() or spec or conversion:
                    raise ValueError
                keys.append(key)
                literals.append("")
    except ValueError:  # (a broken template raises as before, from `format_map`, at its first finding)
        keys = None
    if keys is None or len(keys) >= len(_SAY_BY_FIELDS):
        say = template.format_map
    else:
        pieces = [literals[0]]
        for key, literal in zip(keys, literals[1:], strict=True):
            pieces += (key, literal)
        say = _SAY_BY_FIELDS[len(keys)](*pieces)
    if len(_SAYERS) >= 1_024:  # bounded (a rule has one template; only made-up rules add more)
        _SAYERS.clear()
    _SAYERS[template] = say
    return say


# The message functions by number of fields, the literals `l` and keys `k` in closure cells: made
# without compiling anything (an `eval`'d f-string was 585 k instructions a template, more than a
# small run's findings save). Up to three, the rules that find most; each f-string field costs the
# start-up a parse of its own where modules are compiled from source (3 M instructions for these).
def _say0(l0: str) -> Callable[[dict[str, Any]], str]:
    return lambda v: l0


def _say1(l0: str, k0: str, l1: str) -> Callable[[dict[str, Any]], str]:
    return lambda v: f"{l0}{v[k0]}{l1}"


def _say2(l0: str, k0: str, l1: str, k1: str, l2: str) -> Callable[[dict[str, Any]], str]:
    return lambda v: f"{l0}{v[k0]}{l1}{v[k1]}{l2}"


def _say3(l0: str, k0: str, l1: str, k1: str, l2: str, k2: str, l3: str) -> Callable[[dict[str, Any]], str]:
    return lambda v: f"{l0}{v[k0]}{l1}{v[k1]}{l2}{v[k2]}{l3}"


_SAY_BY_FIELDS = (_say0, _say1, _say2, _say3)


def _office(loc: Loc) -> tuple[tuple[str, Any], ...]:
    """`loc.office()`, without its generator for a text file's Loc (no office field set), nearly all."""
    if (loc.page is None and loc.table is None and loc.row is None and loc.cell is None and loc.paragraph is None
            and loc.sheet is None and loc.ref is None):
        return ()
    return loc.office()


# The raw slot under `_LocsOnFirstRead` (which gives its slot when read from the class), and its
# reader bound once (`_LOCS_SLOT.__get__` makes a new method-wrapper at each read).
_LOCS_SLOT = Indicator.locs
_raw_locs = _LOCS_SLOT.__get__


def _row_position(ind: Indicator, field: str) -> tuple[int, int, tuple[tuple[str, Any], ...]]:
    """(line, column, office) of `_locate(card, ind, field)`. A grid row's locations are usually
    still the parser's `deferred` (`_part_locs`): reading `ind.locs` would build a `Loc` for each of
    its cells (≈ 10 k instructions a row) where a finding needs one position, so that one is worked
    out from the row as `_part_locs` would, and the row's locations stay deferred."""
    raw = _raw_locs(ind, Indicator)
    if type(raw) is not tuple or raw[0] is not _part_locs:
        loc = _locate(None, ind, field)  # type: ignore[arg-type]  # (the card is not read for a row)
        return loc.line, loc.column, _office(loc)
    _, row, origin, parts = raw
    f = _FIELD_AT.get(field)
    if f is None or f >= len(parts) or not parts[f]:
        # No cell of its own: the row's first located cell, as `_locate` (its line is the row's).
        f = next((k for k, p in enumerate(parts) if p), None)
        if f is None:
            return ind.line, 1, ()
        line, column = _cell_position(row, origin, parts[f][0])
        return (line, column, ()) if line == ind.line else (ind.line, 1, ())
    if origin is None:  # (`_cell_position`, written out for the usual row)
        line, column = row.position(parts[f][0])
        return line, column, ()
    line, column = _cell_position(row, origin, parts[f][0])
    return line, column, ()


def row_place(ind: Indicator, *fields: str) -> tuple[int, int, tuple[tuple[str, Any], ...]] | None:
    """(line, column, office) of the first of `fields` that has a cell of its own in the row (the
    first of them in `ind.locs`), None when none has; a deferred `_part_locs` is left unbuilt, as
    in `_row_position`."""
    raw = _raw_locs(ind, Indicator)
    if type(raw) is tuple and raw[0] is _part_locs:
        _, row, origin, parts = raw
        for field in fields:
            f = _FIELD_AT.get(field)
            if f is not None and f < len(parts) and parts[f]:
                line, column = _cell_position(row, origin, parts[f][0])
                return line, column, ()
        return None
    locs = ind.locs
    for field in fields:
        if field in locs:
            loc = locs[field]
            return loc.line, loc.column, _office(loc)
    return None


def _cell_position(row: Any, origin: Any, p: int) -> tuple[int, int]:
    if origin is None:
        return row.position(p)
    i, into = origin[p]
    line, column = row.position(i)
    return line, column + into


def _locate(card: Card, indicator: Indicator | None, field: str) -> Loc:
    if indicator is not None:
        loc = indicator.locs.get(field)
        if loc is None:
            # An empty cell has no position of its own: point at the row's first cell.
            first = next(iter(indicator.locs.values()), None)
            if first is not None and first.line == indicator.line:
                return first
            return Loc(line=indicator.line, column=1)
        return loc
    loc = card.locs.get(field)
    if loc is not None:
        return loc
    return card.locs.get("title") or Loc(line=card.line or 1, column=1)


@quick_init
@dataclass(frozen=True, slots=True)
class CardRef:
    """What a cross-document rule keeps of a card: where it is and what it is called. Small and
    picklable, so the documents themselves need not stay in memory (or in one process)."""

    __reduce__ = by_fields

    path: str
    seq: int | None
    title: str  # the card's title, else its project name
    name: str  # the project name, else the title
    project_code: str | None
    unit: str | None
    department: str | None
    budget_year: int | None
    field: str
    line: int
    column: int
    end_column: int | None
    text: str
    office: tuple[tuple[str, Any], ...] = ()

    def related(self, message: str = "") -> Related:
        return Related(self.path, self.line, self.column, self.seq, self.title, message, self.office)


def card_ref(doc: Document, card: Card, field: str = "title", budget_year: int | None = None) -> CardRef:
    loc = _locate(card, None, field)
    text = getattr(card, field, "")
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    return CardRef(
        path=doc.path, seq=card.seq, title=card.title or card.project_name,
        name=card.project_name or card.title, project_code=card.project_code,
        unit=card.reporting_unit or doc.department, department=doc.department,
        budget_year=budget_year or doc.budget_year, field=field, line=loc.line, column=loc.column,
        end_column=loc.column + len(text) if text and "\n" not in text else None, text=text,
        office=_office(loc),
    )


def title_ref(doc: Document, card: Card, ctx: Context) -> CardRef:
    """`card_ref(doc, card, "title", ctx.budget_year)`, made once per card for the cross-document
    rules that all keep it (CP102, CP105)."""
    if doc is not ctx.document:
        return card_ref(doc, card, "title", ctx.budget_year)
    return ctx.per_card(_title_ref, card, ctx)


def _title_ref(card: Card, ctx: Context) -> CardRef:
    return card_ref(ctx.document, card, "title", ctx.budget_year)


def related_card(doc: Document, card: Card, field: str = "title", message: str = "") -> Related:
    loc = _locate(card, None, field)
    return Related(doc.path, loc.line, loc.column, card.seq, card.title or card.project_name, message, _office(loc))


def iter_rows(card: Card) -> Iterator[Indicator]:
    return iter(card.indicators)
