"""Split a text extraction into rows of located cells, for the three layouts seen in practice.

- ``word``: a Word table exported to text: every cell on its own line starting with TAB, a blank line
  between rows; a cell's text may continue on following lines that do not start with TAB.
- ``markdown``: a PDF exported to Markdown: one row per line, cells separated by TAB, ``#`` headings,
  ``<b>``/``<p>`` tags inside cells.
- ``ocr``: OCR of a PDF: one row per line, cells separated by TAB, noisy text.

Text outside tables becomes a row with ``is_table=False`` and one cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lint.text import strip_tags

LAYOUTS = ("word", "markdown", "ocr")

_LEAD = re.compile(r"^(?:\s|<[^>]*>)*")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_MARK = re.compile(r"</?(?:b|p)>")
# A line that starts a new section or card and therefore never continues a Word cell.
_TITLE_LIKE = re.compile(r"绩效目标表|\\f [A-Z]|^\s*第[一二三四五六七八九十\d]+部分|^\s*[一二三四五六七八九十]+、")
# The same, quicker: the words by `in`, the regular expressions where they can match.
_TITLE_FORM = re.compile(r"\\f [A-Z]")
_TITLE_START = re.compile(r"\s*(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、)")
# Word cells whose text runs on over blank lines (numbered goal sentences).
_LONG_TEXT_LABELS = ("绩效目标", "资金用途", "项目概况", "年度目标")


@dataclass(slots=True)
class Cell:
    text: str
    line: int
    col: int
    raw: str = ""


class Row:
    """A row of cells: `texts` (each cell's cleaned text) always, the `Cell`s on first use.

    Most readers need only the texts, and a position for a few cells (`position`): the splitter keeps
    each cell's raw string and, where they are not the defaults, its lines and columns, and `cells`
    builds the `Cell`s from them once asked (a 100× run would otherwise build two million of them).
    Office readers pass their cells ready-made.
    """

    __slots__ = ("line", "is_table", "texts", "_cells", "_raws", "_lines", "_cols", "_lead")

    def __init__(self, cells: list[Cell] | None = None, line: int = 0, is_table: bool = True,
                 texts: list[str] | None = None, raws: list[str] | None = None, lines: list[int] | None = None,
                 cols: list[int] | None = None, lead: bool = True) -> None:
        self.line = line
        self.is_table = is_table
        self._cells = cells
        if cells is not None and not texts:
            texts = [c.text for c in cells]
        self.texts: list[str] = texts if texts is not None else []
        self._raws = raws  # each cell's raw string (with `cells` None), or the line they are the TAB parts of
        self._lines = lines  # each cell's line (a list or a range); None: all on `line`
        self._cols = cols  # each cell's column; None: the cells are the TAB-separated parts of `line`
        self._lead = lead  # False: no raw string starts with whitespace or a tag

    @property
    def cells(self) -> list[Cell]:
        if self._cells is None:
            lines = self._lines or [self.line] * len(self.texts)
            self._cells = list(map(Cell, self.texts, lines, self._columns(), self._raw_parts()))
        return self._cells

    def position(self, i: int) -> tuple[int, int]:
        """(line, column) of cell `i`, without building the cells."""
        if self._cells is not None:
            cell = self._cells[i]
            return cell.line, cell.col
        line = self.line if self._lines is None else self._lines[i]
        if self._cols is not None:
            return line, self._cols[i]
        # One cell's column, as `_columns` gives it, without working out the others' (a card's head
        # asks for a cell or two of a row): the parts before it and their TABs, then its lead.
        raws = self._raws
        if raws.__class__ is str:  # (`_raw_parts`, written out: a card's head asks many rows)
            raws = self._raws = raws.split("\t")
        start = sum(map(len, raws[:i])) + i
        raw = raws[i]
        lead = self._lead and raw and (raw[0] == "<" or raw[0].isspace())
        return line, (_col(raw, start) if lead else start + 1)

    def positions(self) -> tuple[list[int], list[int]]:
        """Every cell's line and column, without building the cells."""
        if self._cells is not None:
            return [c.line for c in self._cells], [c.col for c in self._cells]
        lines = self._lines
        if lines is None:
            return [self.line] * len(self.texts), self._columns()
        return (lines if lines.__class__ is list else list(lines)), self._columns()

    def _columns(self) -> list[int]:
        if self._cols is None:
            # The cells are the parts of one line between TABs: a part starts one past the previous
            # part and its TAB, and its text there unless the part starts with whitespace or a tag
            # (never, when `_lead` is False: a loop without the test, the usual row).
            # (Plain loops: quicker than itertools on rows of a few cells.)
            cols: list[int] = []
            add = cols.append
            pos = 1
            if not self._lead:
                for raw in self._raw_parts():
                    add(pos)
                    pos += len(raw) + 1
            else:
                for raw in self._raw_parts():
                    add(_col(raw, pos - 1) if raw and (raw[0] == "<" or raw[0].isspace()) else pos)
                    pos += len(raw) + 1
            self._cols = cols
        return self._cols

    def _raw_parts(self) -> list[str]:
        """Each cell's raw string. A TAB layout's row whose texts are not its raw strings keeps its line
        instead, split here when first asked (most rows never are: a string less for each cell)."""
        raws = self._raws
        if raws.__class__ is str:
            raws = self._raws = raws.split("\t")
        return raws or []

    def __repr__(self) -> str:
        return f"Row(line={self.line}, is_table={self.is_table}, texts={self.texts!r})"


def detect_layout(text: str) -> str:
    """Choose the layout from the shape of the lines (not from any one file's content)."""
    if _breaks_only_at_newlines(text):
        return _detect(None, text)
    return _detect(text.splitlines())


# What `str.splitlines` breaks at besides "\n" ("\r\n" holds a "\r").
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _breaks_only_at_newlines(text: str) -> bool:
    """`text.splitlines()` would break the (non-empty) text only at "\n": its lines are what lies between
    them, and the text itself can be searched instead of going line by line. (Told without making the
    lines: a search for each other break is quicker than `splitlines`, which Word texts need not.)"""
    return bool(text) and not any(map(text.__contains__, _OTHER_BREAKS))


def _detect(lines: list[str] | None, text: str | None = None) -> str:
    """Word if most lines with a TAB are a TAB and one cell; else Markdown if three lines are headings or
    hold `<b>`/`<p>`; else OCR. Only the first 20,000 lines count. `text`, when its lines are `lines`
    (`_breaks_only_at_newlines`), lets the text be searched instead of going line by line; `lines` may
    then be None, and are made only if needed."""
    if lines is None:
        if text.count("\n") + (not text.endswith("\n")) > 20000:  # (its number of lines)
            lines, text = text.splitlines()[:20000], None
    elif len(lines) > 20000:
        lines, text = lines[:20000], None
    word = _word_by_counts(text) if text is not None else None
    if word is None:
        if lines is None:
            lines = text.splitlines()
        tab_lines = [ln for ln in lines if "\t" in ln]
        single = len([ln for ln in tab_lines if ln[0] == "\t" and ln.count("\t") == 1])
        word = bool(tab_lines) and single / len(tab_lines) > 0.5
    if word:
        return "word"
    if text is not None:
        return "markdown" if _markdown_lines(text, 3) >= 3 else "ocr"
    # A heading needs a `#` and a tag a `<`: the regular expressions only run on such lines, and
    # counting stops at the third.
    md = 0
    for ln in lines:
        if ("#" in ln or "<" in ln) and (_HEADING.match(ln) or _MD_MARK.search(ln)):
            md += 1
            if md >= 3:
                return "markdown"
    return "ocr"


def _word_by_counts(text: str) -> bool | None:
    """Whether more than half of the lines with a TAB are a TAB and one cell ("single"), told from a few
    counts over the text (whose lines break only at "\n") where they suffice, instead of looking at
    every line (a Word text has thousands); None when they do not.

    S lines start with a TAB, S2 with two, E end with one, and the text holds T TABs, T - S of them not
    at a line start. A TAB line that is not one of the S, or one of the S that is not single, holds at
    least one of those T - S: if S > 2 (T - S), the single lines are more than half. The single lines
    are at most S - S2 and the TAB lines at least S and at least E: if 2 (S - S2) <= max(S, E), they
    are at most half."""
    tabs = text.count("\t")
    if not tabs:
        return False
    starts = text.count("\n\t") + (text[:1] == "\t")
    if 3 * starts > 2 * tabs:
        return True
    ends = text.count("\t\n") + (text[-1:] == "\t")
    if 2 * starts <= ends:  # (then so is 2 (S - S2), whatever S2: one count fewer, the usual table)
        return False
    doubles = text.count("\n\t\t") + (text[:2] == "\t\t")
    if 2 * (starts - doubles) <= max(starts, ends):
        return False
    return None


def _markdown_lines(text: str, stop: int) -> int:
    """How many lines of `text` (broken only at "\n") are Markdown headings or hold `<b>`/`<p>`, counted
    up to `stop`: only the lines holding a `#` or a `<` are looked at, found by searching the text."""
    found = 0
    sharp, tag = text.find("#"), text.find("<")
    while sharp >= 0 or tag >= 0:
        at = sharp if tag < 0 or 0 <= sharp < tag else tag
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[text.rfind("\n", 0, at) + 1:end]
        if _HEADING.match(line) or _MD_MARK.search(line):
            found += 1
            if found >= stop:
                break
        if 0 <= sharp < end:
            sharp = text.find("#", end)
        if 0 <= tag < end:
            tag = text.find("<", end)
    return found


# OCR inserts spaces inside Chinese words and between a number and its unit (`离休干部人 数统计`,
# `12 月底`) and reads stray brackets (`} 用`); Latin words keep their spaces (`巨好办 APP`).
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e"
# The gaps are closed in text whose whitespace is already collapsed to single spaces (never a TAB);
# the pattern starts with its space, a literal the regex engine searches for quickly.
_OCR_GAP = re.compile(rf" (?:(?<=[{_CJK}] )(?=[{_CJK}0-9])|(?<=[0-9] )(?=[{_CJK}]))")
_OCR_NOISE = re.compile(rf"(?:^|(?<=[{_CJK}]))[{{}}|\\]+\s*(?=[{_CJK}])")


# Most cells need no cleaning, so the loops choose once per line how to clean its cells (`\s` of `re`
# and `str.split()` agree on what is whitespace):
# - plain: no whitespace but the TABs, no `<`, and in OCR none of its stray brackets: each cell's text
#   is its raw string and it starts at its first character;
# - spaced: a plain space is the only other thing: collapse the spaces (and close the OCR gaps);
# - bold (Markdown): like plain once its `<b>` and `</b>` are removed;
# - the rest: `_clean` each cell, tags and all.
_NOT_PLAIN = re.compile(r"[^\S\t]|<")
_NOT_PLAIN_OCR = re.compile(r"[^\S\t]|[<{}|\\]")
_SPACE_RUN = re.compile(r"  +")
_B_TAGS = re.compile(r"</?b>")


# Whole lines and blocks are tested with string methods, many times quicker than a regular expression
# on long strings: the only printable whitespace is the space (`str.isprintable`).
def _plain(text: str, ocr: bool = False) -> bool:
    """No whitespace (a TAB too: a Word cell is the rest of its line) and no `<` in `text`, and in OCR
    none of its stray brackets."""
    return " " not in text and "<" not in text and text.isprintable() and not (ocr and _brackets(text))


def _spaced_only(line: str, ocr: bool) -> bool:
    """No whitespace in `line` but TABs and spaces, no `<`, and in OCR none of its stray brackets: the
    line is plain or spaced."""
    return "<" not in line and line.replace("\t", " ").isprintable() and not (ocr and _brackets(line))


def _no_space_nor_tag(line: str) -> bool:
    """No whitespace but TABs and no `<` in `line` (`_NOT_PLAIN` finds nothing); string methods first."""
    if " " in line or "<" in line:
        return False
    return line.replace("\t", " ").isprintable() or _NOT_PLAIN.search(line) is None


def _brackets(text: str) -> bool:
    return "{" in text or "}" in text or "|" in text or "\\" in text


def _bold(raw: str, ocr: bool) -> bool:
    """The usual tagged cell of a Markdown export, a bold header `<b>项目名称</b>`: its text is inside."""
    return (raw.startswith("<b>") and raw.endswith("</b>") and len(raw) > 7  # (an empty one is all tags)
            and (_NOT_PLAIN_OCR if ocr else _NOT_PLAIN).search(raw, 3, len(raw) - 4) is None)


def _clean(raw: str, ocr: bool = False) -> str:
    """A cell's text: tags removed, whitespace collapsed; in OCR gaps closed and stray brackets dropped."""
    if _bold(raw, ocr):
        return raw[3:-4]
    text = " ".join((strip_tags(raw) if "<" in raw else raw).split())
    # `_OCR_GAP` only removes whitespace (after the split above, single spaces), `_OCR_NOISE` needs one
    # of its brackets: skip the substitutions when they cannot match.
    if ocr and text:
        if "{" in text or "}" in text or "|" in text or "\\" in text:
            text = _OCR_NOISE.sub("", text)
        if " " in text:
            text = _OCR_GAP.sub("", text)
    return text


def _col(raw: str, start: int) -> int:
    """The 1-based column of a cell's text, `raw` starting after `start` characters of its line: past
    the leading spaces and tags (a bold cell's text `<b>x</b>` starts after its `<b>`)."""
    lead = _LEAD.match(raw).end() if "<" in raw else len(raw) - len(raw.lstrip())
    return start + lead + 1


def _cell(raw: str, line: int, start: int, ocr: bool = False) -> Cell:
    """The cell of one raw string, cleaned the general way: what the splitter's shortcuts must agree
    with (tests/test_rows_lazy.py)."""
    return Cell(_clean(raw, ocr), line, _col(raw, start), raw)


def _spaced(line: str, ocr: bool) -> list[str]:
    """`_clean` of each cell of a TAB line whose only whitespace is plain spaces and that has nothing
    else to clean, done on the whole line: collapse the spaces, drop them at the cells' ends."""
    line = _SPACE_RUN.sub(" ", line).replace(" \t", "\t").replace("\t ", "\t").strip(" ")
    if ocr and " " in line:
        line = _OCR_GAP.sub("", line)
    return line.split("\t")


def _tab_rows(lines: list[str], markdown: bool, text: str | None = None) -> list[Row]:
    """Rows of a TAB layout. `text`, given when its lines are `lines` (`_breaks_only_at_newlines`), lets
    OCR lines be classified and cleaned by searching the whole text (`_irregular_lines`, `_spaced_lines`)
    instead of line by line; Markdown has fewer lines to clean and many tags, and goes line by line."""
    # Rows get their texts here; their cells' columns are worked out only if asked (`Row._columns`).
    ocr = not markdown
    irregular = spaced = None
    if ocr and text is not None:
        irregular = _irregular_lines(text)
        spaced = _spaced_lines(text) if " " in text else None
    not_plain = (_NOT_PLAIN if markdown else _NOT_PLAIN_OCR).search
    heading = _HEADING.match
    new = object.__new__
    rows: list[Row] = []
    append = rows.append
    for no, ln in enumerate(lines, 1):
        if not ln or ln.isspace():
            continue
        lead = True
        if "\t" in ln:
            # `raws` is the line itself where the texts are not the raw strings (`Row._raw_parts`).
            table, cols, raws = True, None, ln
            # Whitespace is TABs and spaces only, no `<` nor (OCR) a stray bracket: plain or spaced.
            if irregular is not None:
                regular = no not in irregular
            elif markdown:  # (`_spaced_only(ln, False)`, written out: a call per line costs more)
                regular = "<" not in ln and ln.replace("\t", " ").isprintable()
            else:
                regular = _spaced_only(ln, True)
            if regular:
                if " " not in ln:  # plain: a cell's text is its raw string
                    texts = raws = ln.split("\t")
                    lead = False
                else:
                    texts = spaced[no - 1].split("\t") if spaced is not None else _spaced(ln, ocr)
                    lead = ln[0] == " " or "\t " in ln  # only a space can start a cell
            elif markdown and _no_space_nor_tag(bare := _B_TAGS.sub("", ln)):
                # Every `<` was a `<b>` or `</b>`, which `strip_tags` removes from a cell just so.
                texts = bare.split("\t")
            else:
                raws = ln.split("\t")
                texts = [_clean(part, ocr) if part and not_plain(part) else part for part in raws]
        else:
            table = False
            regular = irregular is not None and no not in irregular  # (else not known)
            if regular:
                plain = " " not in ln
            elif markdown:  # (`_plain(ln)`, written out) and not a heading
                plain = " " not in ln and "<" not in ln and ln.isprintable() and ln[0] != "#"
            else:
                plain = _plain(ln, True)
            if plain:  # its text is the line, from its first character (`_columns`)
                texts = raws = [ln]
                cols, lead = None, False
            elif regular and spaced is not None:  # what `_clean` makes of it
                texts, raws, cols = [spaced[no - 1]], [ln], [_col(ln, 0)]
            else:
                m = heading(ln) if markdown else None
                skip = m.end() if m else 0
                raw = ln[skip:]
                texts, raws, cols = [_clean(raw, ocr)], [raw], [_col(raw, skip)]
        # `Row(None, no, table, texts, raws, None, cols, lead)` without `Row.__init__`'s frame (half a
        # row's cost): a row's slots set here.
        row = new(Row)
        row.line = no
        row.is_table = table
        row.texts = texts
        row._cells = None
        row._raws = raws
        row._lines = None
        row._cols = cols
        row._lead = lead
        append(row)
    return rows


# An OCR line is regular when its only whitespace is TABs and spaces and it holds no `<` nor a stray
# bracket (`_spaced_only`). The others are found by searching the text for those characters (`str.find`,
# quicker than a regular expression over the whole text; the usual OCR text has a few), and for other
# whitespace, when the text has any, with a regular expression.
_IRREGULAR = "<{}|\\"
_OTHER_SPACE = re.compile(r"[^\S\t\n ]")


def _irregular_lines(text: str) -> set[int] | None:
    """The numbers of the lines of an OCR `text` (broken only at "\n") that are not regular; None if the
    text holds a character that is neither printable nor whitespace (no search finds those)."""
    starts = _find_lines(text, _IRREGULAR)
    flat = text.replace("\t", " ").replace("\n", " ")
    if not flat.isprintable():  # (every whitespace character but the space is not printable)
        if not _OTHER_SPACE.sub(" ", flat).isprintable():
            return None
        starts = sorted(starts + [m.start() for m in _OTHER_SPACE.finditer(text)])
    irregular: set[int] = set()
    no, last = 1, 0  # the line of offset `last` is numbered `no`
    for at in starts:
        no += text.count("\n", last, at)
        irregular.add(no)
        last = at
    return irregular


def _find_lines(text: str, chars: str) -> list[int]:
    """Offsets in `text` of the first of `chars` on each line holding one, in order (a line holding
    several of them may be named more than once)."""
    found: list[int] = []
    for ch in chars:
        at = text.find(ch)
        while at >= 0:
            found.append(at)
            end = text.find("\n", at)
            at = text.find(ch, end) if end >= 0 else -1
    found.sort()
    return found


def _spaced_lines(text: str) -> list[str]:
    """`_spaced` (OCR) of every line of `text` (broken only at "\n"), its cells joined by TABs: each
    substitution made once over the whole text. (What other lines become is of no use.)"""
    text = _SPACE_RUN.sub(" ", text).replace(" \t", "\t").replace("\t ", "\t")
    text = text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")  # each line's `strip(" ")`
    return _OCR_GAP.sub("", text).split("\n")


def _word_rows(text: str, lines: list[str] | None, simple: bool) -> list[Row]:
    """Most Word rows are a block of TAB lines between blank lines, and such a block is made a row at
    once; the other blocks (continuation lines, text outside the tables) go line by line."""
    rows: list[Row] = []
    # `str.splitlines` also breaks at "\r" and a few rarer characters: then the blocks below would not
    # be made of `lines`, and the text goes line by line (`simple`: it does not).
    if not simple:
        _word_lines(lines if lines is not None else text.splitlines(), 1, rows, None)
        return rows
    last: Row | None = None  # the last closed table row (see `_word_lines`)
    new = object.__new__
    no = 1  # the block's first line
    # Blocks are separated by one blank line ("\n\n"); further blank lines start the next block.
    for block in (text[:-1] if text.endswith("\n") else text).split("\n\n"):
        # A block's TAB lines often follow a line or two without TAB (blank lines, a card's title):
        # those go line by line, then the TAB lines as below. (None of the head's lines starts with a
        # TAB, so it leaves no row open, and the TAB lines start one, as they would line by line.)
        if block[:1] == "\t":
            at = 1  # where the first TAB line's cell starts (0: the block has no TAB line)
        else:
            at = block.find("\n\t") + 2
            if at == 1:
                at = 0
            else:
                head = block[:at - 2]
                if head and not head.isspace():  # (else its lines are blank: nothing to do)
                    head_lines = head.split("\n")
                    last = _word_lines(head_lines, no, rows, last)
                    no += len(head_lines)
                else:
                    no += head.count("\n") + 1
        if at:
            raws = block[at:].split("\n\t")
            n = len(raws)
            joined = "".join(raws)
            # `_plain(joined)`, written out (then no cell holds a "\n" either: every line starts
            # with a TAB).
            if " " not in joined and "<" not in joined and joined.isprintable():
                # Each cell's text is its raw string, after the TAB (shared: `_extend` copies them).
                texts, cols = raws, [2] * n
            elif "\n" not in joined:  # every line starts with a TAB
                texts, cols = [], []
                for raw in raws:
                    clean = not _plain(raw)
                    texts.append(_clean(raw) if clean else raw)
                    cols.append(_col(raw, 1) if clean else 2)
            else:
                texts = None
            if texts is not None:
                # `Row(None, no, True, texts, raws, lines, cols)` without `Row.__init__` (see `_tab_rows`)
                last = new(Row)
                last.line = no
                last.is_table = True
                last.texts = texts
                last._cells = None
                last._raws = raws
                last._lines = range(no, no + n)  # (consecutive lines: no list of them)
                last._cols = cols
                last._lead = True
                rows.append(last)
                no += n + 1
                continue
        block_lines = block[at - 1:].split("\n") if at else block.split("\n")
        last = _word_lines(block_lines, no, rows, last)
        no += len(block_lines) + 1
    return rows


def _word_lines(lines: list[str], first: int, rows: list[Row], last: Row | None) -> Row | None:
    """Split Word `lines`, the first numbered `first`, into `rows`, given the last closed table row (a
    long-text cell may continue it) and return the new one. `lines` end a row: a blank line follows."""
    cur: Row | None = None  # the open row
    title_like = _title_like
    new = object.__new__
    for no, ln in enumerate(lines, first):
        if ln[:1] == "\t":
            if cur is None:
                # `Row(None, no, True, texts, raws, nos, cols)` without `Row.__init__` (see `_tab_rows`)
                cur = new(Row)
                cur.line = no
                cur.is_table = True
                cur.texts = texts = []
                cur._cells = None
                cur._raws = raws = []
                cur._lines = nos = []
                cur._cols = cols = []
                cur._lead = True
            raw = ln[1:]
            if not _plain(raw):
                texts.append(_clean(raw))
                cols.append(_col(raw, 1))
            else:
                texts.append(raw)
                cols.append(2)
            raws.append(raw)
            nos.append(no)
            continue
        if not ln or ln.isspace():  # (a lone TAB, handled above, is an empty cell, not a blank line)
            if cur is not None:
                rows.append(cur)
                last, cur = cur, None
            continue
        # A line without TAB: continues the open cell, or a long-text cell across blank lines,
        # or is text outside the tables (titles, headings, narrative).
        if cur is not None and not title_like(ln):
            _extend(cur, ln)
            continue
        if cur is None and last is not None and rows and rows[-1] is last and not title_like(ln):
            label = "".join(last.texts[0].split()) if last.texts else ""
            if label.startswith(_LONG_TEXT_LABELS):
                _extend(last, ln)
                continue
        if cur is not None:
            rows.append(cur)
            last, cur = cur, None
        row = new(Row)
        row.line = no
        row.is_table = False
        row._cells = None
        row._lines = None
        if _plain(ln):  # its text is the line, from its first character (`_columns`)
            row.texts = row._raws = [ln]
            row._cols = None
            row._lead = False
        else:
            row.texts = [_clean(ln)]
            row._raws = [ln]
            row._cols = [_col(ln, 0)]
            row._lead = True
        rows.append(row)
    if cur is not None:
        rows.append(cur)
        last = cur
    return last


def _title_like(line: str) -> bool:
    """`_TITLE_LIKE.search(line)`, quicker (one regular expression tried at every character is slow)."""
    if "绩效目标表" in line or ("\\f " in line and _TITLE_FORM.search(line)):
        return True
    return _TITLE_START.match(line) is not None


def _extend(row: Row, line: str) -> None:
    """Continue the row's last cell (still without `Cell`s) on `line`."""
    more = " ".join(strip_tags(line).split())
    if row._raws is row.texts:  # (a block of plain cells shares one list: `_word_rows`)
        row._raws = row._raws.copy()
    text = row.texts[-1]
    row.texts[-1] = f"{text}\n{more}" if text else more
    row._raws[-1] = f"{row._raws[-1]}\n{line}"


def split_rows(text: str, layout: str | None = None) -> tuple[str, list[Row]]:
    """Return (layout, rows). ``layout`` may be forced; otherwise it is detected."""
    # A Word text whose lines break only at "\n" is split by searching it: its lines are not made.
    simple = _breaks_only_at_newlines(text)
    lines = None if simple else text.splitlines()
    layout = layout or _detect(lines, text if simple else None)
    if layout == "word":
        return layout, _word_rows(text, lines, simple)
    # (Broken only at "\n", the text's lines are its parts between them, less a last empty one, which
    # `_tab_rows` skips as blank: `split` makes them a fifth quicker than `splitlines`.)
    return layout, _tab_rows(lines if lines is not None else text.split("\n"), layout == "markdown",
                             text if simple else None)
