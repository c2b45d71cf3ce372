"""A synthetic corpus written as FILES: N copies of the shared documents, each in its own layout.

    python -m benchmarks.synth_files N OUTDIR [--seed 7] [SOURCE ...]

writes OUTDIR/0000/000_….txt, OUTDIR/0000/002_….txt, …, OUTDIR/<N-1>/…: every copy of every source
document (default: tests/data/corpus/0*.txt, 127 cards) as a text file of the same layout, line for
line, so that the whole pipeline (decoding, row splitting, card parsing, rules) is exercised as on
real disclosures. `benchmarks/synth.py` perturbs parsed Documents in memory instead (copy-paste
rules only); this module perturbs the TEXT.

How a copy differs from its source (deterministic: copy k of a source is the same whatever N is):
- another unit: the locality of the department (`巨鹿` of `中共巨鹿县委组织部`) is replaced
  everywhere in the file by a place name of the copy, so `department_of` and the reporting-unit
  lines name a different unit per copy;
- project names: a place suffix `（青石）` in the card title (before `绩效目标表`, also in Word field
  codes) and at the end of the 项目名称 cell. A suffix, not a prefix: the subject of a name is its
  first noun (CP103);
- numbers of 指标值, 绩效指标描述, 绩效目标, 资金用途 and the budget cells rescaled. Money (元, 万元)
  of one card shares one factor, so budget, 财政资金 and cost ceilings stay consistent; percentages
  up to 100 stay up to 100; years, months (`12月底`), document numbers (`〔2017〕41号`) and list
  markers (`1.`) are kept; the spending plan is not touched;
- now and then a unit swapped in a value (万元↔元, 人↔人次) and one goal sentence replaced by a
  sentence of another card's goal.

The edit sites are found once per source with the linter's own reader and parser (cell positions of
the parsed cards), then every copy is rendered line by line from that template; nothing but the
edited cells changes, so a copy keeps its source's exact layout and card count.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lint.parse.document import parse_text
from lint.readers.decode import read_text
from lint.readers.rows import split_rows
from lint.text import compact, strip_tags

ROOT = Path(__file__).resolve().parents[1]
CORPUS = tuple(sorted((ROOT / "tests/data/corpus").glob("0*.txt")))

# Place names are two (three past 1,600 copies) Chinese characters: `department_of` accepts only
# Chinese characters in a department name, so `东城3` would lose the department.
_FIRST = "青白红黑金银东西南北上下前后新旧大小长高平安康宁永兴福寿丰和清明春秋云山水石林桥川"
_SECOND = "山水河湖泉溪岭峰原坪林桥关口门台城庄屯店集营堡塘湾洲岗沟坡川源阳阴乡坊寨滩埠"
_THIRD = "东西南北中上下前后内外新"

# `中共巨鹿县委组织部` → 巨鹿; `中共石家庄高新技术产业开发区工委组织部` → 石家庄.
_LOCALITY = re.compile(r"^(?:中国共产党|中共)?([\u4e00-\u9fff]{2,3}?)(?:自治县|县|市|区|旗|高新|经济|开发)")
_NUM = re.compile(r"(?<![\dA-Za-z.])(\d{1,3}(?:,\d{3})+|\d+)(?:(\.\s?)(\d+))?(?![\dA-Za-z])")
_KEEP_AFTER = ("月", "日", "号", "年", "周岁", "季度", "期", "届", "批", "次会")
_LIST_AFTER = (".", "．", "、", ")", "）")
_PERCENT_AFTER = ("%", "％", "百分比")
_MONEY_AFTER = ("万元", "元", "亿元", "万")
_COUNT_UNITS = ("个", "人", "次", "份", "本", "条", "项", "家", "户", "场", "期", "天", "小时", "平方米", "米", "台", "套", "件", "所", "名", "篇", "册", "村", "处", "辆")
_UNIT_SWAP = re.compile(r"(?<=\d)(\s?)(万元|元|人次|人)(?![\u4e00-\u9fff])")
_SWAPPED = {"万元": "元", "元": "万元", "人次": "人", "人": "人次"}
_RATE_NAME = re.compile(r"率|满意度|比例|比重|覆盖面")
_SENTENCE = re.compile(r"(?<=[。；;])")
_LIST_MARK = re.compile(r"^\s*(?:\d+\s*[.．、]|[（(]\d+[）)])?\s*")

UNIT_SWAP_P = 0.04  # per value cell
GOAL_SWAP_P = 0.15  # per card


def place(k: int) -> str:
    """The place name of copy k: distinct for every k."""
    a, rest = k % len(_FIRST), k // len(_FIRST)
    b, rest = rest % len(_SECOND), rest // len(_SECOND)
    name = _FIRST[a] + _SECOND[b]
    while rest:
        rest -= 1
        name += _THIRD[rest % len(_THIRD)]
        rest //= len(_THIRD)
    return name


@dataclass(slots=True)
class Span:
    """A piece of one line the renderer rewrites: [start, end) of line `line` (0-based)."""

    line: int
    start: int
    end: int
    kind: str  # title | name | money | fund | goal | value | desc
    card: int  # index of the card in its source
    rate: bool = False  # a value of a rate indicator: its bare numbers (`≥98`) are percentages


@dataclass
class Template:
    """One source document, split into lines, with the places each copy changes."""

    path: Path
    layout: str
    lines: list[str]  # line bodies, terminators apart
    ends: list[str]
    spans: dict[int, list[Span]]  # by line, right to left
    cards: int
    department: str | None
    locality: str | None
    goal_spans: dict[int, list[Span]] = field(default_factory=dict)  # by card


def _segment(body: str, pos: int) -> tuple[int, int]:
    """The TAB-delimited piece of `body` containing 0-based position `pos`."""
    start = body.rfind("\t", 0, pos) + 1
    end = body.find("\t", pos)
    return start, len(body) if end < 0 else end


def build_template(path: Path) -> Template:
    """Parse `path` with the linter and record where each card's perturbed cells sit."""
    text = read_text(path)
    raw_lines = text.splitlines(keepends=True)  # the same line numbering as readers.rows
    bodies = [ln.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") for ln in raw_lines]
    ends = [ln[len(b):] for ln, b in zip(raw_lines, bodies, strict=True)]
    doc = parse_text(text, str(path))
    layout, rows = split_rows(text, doc.layout)
    row_starts = sorted({r.line for r in rows})
    spans: list[Span] = []

    def cell(kind: str, loc, card: int) -> Span | None:
        if loc is None or not 1 <= loc.line <= len(bodies):
            return None
        i = loc.line - 1
        a, b = _segment(bodies[i], loc.column - 1)
        return Span(i, a, b, kind, card) if bodies[i][a:b].strip() else None

    card_lines = [c.line for c in doc.cards] + [len(bodies) + 1]
    for n, card in enumerate(doc.cards):
        locs = card.locs
        found: list[Span | None] = []
        if card.title and "title" in locs:
            i = locs["title"].line - 1
            found.append(Span(i, 0, len(bodies[i]), "title", n))
        found += [cell("money", locs.get(k), n) for k in ("budget", "fiscal_funds", "other_funds")]
        found.append(cell("fund", locs.get("fund_use"), n))
        goal = cell("goal", locs.get("goal_text"), n)
        if goal is not None:
            found.append(goal)
            found += _goal_rest(goal, bodies, layout, row_starts, n)
        for ind in card.indicators:
            value = cell("value", ind.locs.get("value"), n)
            if value is not None:
                value.rate = ind.parsed.kind == "percent" or bool(_RATE_NAME.search(ind.name))
            found.append(value)
            found.append(cell("desc", ind.locs.get("description"), n))
        found.append(_name_cell(rows, layout, card.line, card_lines[n + 1], bodies, n))
        spans += [s for s in found if s is not None]
    by_line: dict[int, list[Span]] = {}
    seen: set[tuple[int, int]] = set()
    for s in spans:
        # One edit per piece (a title line is one piece; the name cell of an OCR card may be
        # located as its title).
        if (s.line, s.start) in seen or any(t.kind == "title" for t in by_line.get(s.line, ())):
            continue
        seen.add((s.line, s.start))
        by_line.setdefault(s.line, []).append(s)
    for lst in by_line.values():
        lst.sort(key=lambda s: -s.start)
    goals: dict[int, list[Span]] = {}
    for lst in by_line.values():
        for s in lst:
            if s.kind == "goal":
                goals.setdefault(s.card, []).append(s)
    dept = doc.department
    m = _LOCALITY.match(dept or "")
    return Template(path=path, layout=layout, lines=bodies, ends=ends, spans=by_line,
                    cards=len(doc.cards), department=dept, locality=m.group(1) if m else None,
                    goal_spans=goals)


def _goal_rest(first: Span, bodies: list[str], layout: str, row_starts: list[int], card: int) -> list[Span]:
    """The rest of a goal: the next cells of its row (TAB layouts) or its continuation lines (Word)."""
    out: list[Span] = []
    body = bodies[first.line]
    if layout != "word":
        pos = first.end
        while pos < len(body):
            a, b = _segment(body, pos + 1)
            if body[a:b].strip():
                out.append(Span(first.line, a, b, "goal", card))
            pos = b
        return out
    nxt = next((s - 1 for s in row_starts if s - 1 > first.line), len(bodies))
    for i in range(first.line + 1, nxt):
        if bodies[i].strip() and not bodies[i].startswith("\t"):
            out.append(Span(i, 0, len(bodies[i]), "goal", card))
    return out


def _name_cell(rows, layout: str, start: int, stop: int, bodies: list[str], card: int) -> Span | None:
    """The last piece of the card's 项目名称 (the cell the suffix goes after)."""
    for row in rows:
        if row.line < start or not row.is_table:
            continue
        if row.line >= stop:
            return None
        keys = [compact(c.text) for c in row.cells]
        at = next((i for i, k in enumerate(keys) if k.startswith("项目名称")), None)
        if at is None:
            continue
        parts = [c for c, k in zip(row.cells[at + 1:], keys[at + 1:], strict=True) if k]
        if not parts and keys[at] != "项目名称":
            parts = [row.cells[at]]
        if not parts:
            return None
        last = parts[-1]
        if layout == "word":
            # The last line of the cell: a continuation line is a whole line, the first is after TAB.
            extra = last.raw.count("\n")
            i = last.line - 1 + extra
            return Span(i, 0 if extra else 1, len(bodies[i]), "name", card)
        i = last.line - 1
        a, b = _segment(bodies[i], last.col - 1)
        return Span(i, a, b, "name", card)
    return None


@cache
def templates(sources: tuple[Path, ...] = CORPUS) -> tuple[list[Template], list[tuple[int, str]]]:
    """The templates of `sources` and the pool of goal sentences (card key, sentence) to swap in."""
    temps = [build_template(p) for p in sources]
    pool: list[tuple[int, str]] = []
    for t_no, t in enumerate(temps):
        for card, lst in t.goal_spans.items():
            for s in lst:
                for piece in _SENTENCE.split(strip_tags(t.lines[s.line][s.start:s.end])):
                    body = _LIST_MARK.sub("", piece).strip()
                    if len(body) >= 8 and body[-1] in "。；;" and "目标" not in body:
                        pool.append((t_no * 10_000 + card, body))
    return temps, pool


# ---------------------------------------------------------------- rendering


def _fmt(value: float, decimals: int, sep: str, commas: bool) -> str:
    if decimals:
        whole, frac = f"{value:.{decimals}f}".split(".")
    else:
        whole, frac = str(int(round(value))), ""
    if commas:
        whole = f"{int(whole):,}"
    return f"{whole}{sep}{frac}" if decimals else whole


def _renumber(text: str, rnd: random.Random, money: float, kind: str = "", rate: bool = False) -> str:
    """`text` with its numbers rescaled. kind "money": every number is a sum of the card (scaled by
    `money`); "goal"/"fund": a list marker opening a sentence is kept even when glued to a number
    (`1.100%保障…` is item 1, not 1.100%); `rate`: bare numbers up to 100 are percentages."""
    if kind in ("goal", "fund"):
        pieces = _SENTENCE.split(text)
        if len(pieces) > 1 or _LIST_MARK.match(text).end():
            out = []
            for piece in pieces:
                mark = _LIST_MARK.match(piece).end()
                out.append(piece[:mark] + _renumber(piece[mark:], rnd, money))
            return "".join(out)

    def sub(m: re.Match[str]) -> str:
        whole, sep, frac = m.group(1), m.group(2) or "", m.group(3) or ""
        v = float(whole.replace(",", "") + ("." + frac if frac else ""))
        if kind == "money":
            return _fmt(v * money, len(frac), sep, "," in whole)
        after = text[m.end():m.end() + 4].lstrip(" ")
        before = text[max(0, m.start() - 1):m.start()]
        if v == 0 or after.startswith(_KEEP_AFTER) or before in ("第", "〔", "[", "【"):
            return m.group()
        if not frac and 1990 <= v <= 2035:  # a year
            return m.group()
        if not frac and after.startswith(_LIST_AFTER) and (m.start() == 0 or not before.strip()
                                                           or before in "。；;，,：:（("):
            return m.group()
        # A value without a unit (`≥98`, `100维修情况`) up to 100 is read as a rate: kept ≤ 100.
        bare = kind == "value" and not after.startswith(_COUNT_UNITS + _MONEY_AFTER)
        if after.startswith(_PERCENT_AFTER) or (v <= 100 and (rate or bare) and not after.startswith(_MONEY_AFTER)):
            if v == 100:
                return m.group()
            # Targets stay on their side of 80% (IO005) and rounded up to 100% at most.
            lo = max(0.85, 80 / v) if v >= 80 else 0.85
            new = v * rnd.uniform(lo, 1.08 if v > 100 else max(lo, min(1.08, 99.4 / v)))
        elif after.startswith(_MONEY_AFTER):
            # Rounded down, so that a cost ceiling equal to the budget stays within it (BI002).
            new = v * money
            if not frac:
                # A whole sum scaled keeps its cents rather than drifting from the budget.
                return f"{math.floor(new * 100) / 100:.2f}".rstrip("0").rstrip(".")
            return _fmt(math.floor(new * 10 ** len(frac)) / 10 ** len(frac), len(frac), sep, "," in whole)
        else:
            new = max(1.0, v * rnd.uniform(0.5, 1.5)) if v >= 1 else v * rnd.uniform(0.5, 1.5)
        return _fmt(new, len(frac), sep, "," in whole)

    return _NUM.sub(sub, text)


def _swap_unit(text: str) -> str:
    return _UNIT_SWAP.sub(lambda m: m.group(1) + _SWAPPED[m.group(2)], text, count=1)


def _swap_sentence(text: str, rnd: random.Random, pool: list[tuple[int, str]], own: int) -> str:
    pieces = _SENTENCE.split(text)
    choices = [i for i, p in enumerate(pieces) if len(strip_tags(p).strip()) >= 8 and "目标" not in p]
    others = [s for key, s in pool if key != own]
    if not choices or not others:
        return text
    i = rnd.choice(choices)
    mark = _LIST_MARK.match(pieces[i]).group()
    pieces[i] = mark + rnd.choice(others)
    return "".join(pieces)


def render(t: Template, t_no: int, k: int, seed: int = 7,
           pool: list[tuple[int, str]] | None = None) -> str:
    """Copy k of template t (t_no is its index in the pool's numbering)."""
    rnd = random.Random(f"{seed}:{k}:{t.path.name}")
    where = place(k)
    suffix = f"（{where}）"
    money = [math.exp(rnd.uniform(math.log(0.5), math.log(2.0))) for _ in range(t.cards)]
    swap_goal: dict[int, Span] = {}
    for card, lst in t.goal_spans.items():
        if pool and rnd.random() < GOAL_SWAP_P:
            swap_goal[card] = rnd.choice(lst)
    lines = list(t.lines)
    # Cells repeated inside a card (rows copied from row to row, CP001/CP002) stay identical.
    same: dict[tuple[int, str, str], str] = {}
    for i, lst in t.spans.items():
        body = lines[i]
        for s in lst:  # right to left: earlier offsets stay valid
            piece = body[s.start:s.end]
            if s.kind == "title":
                new = piece.replace("绩效目标表", suffix + "绩效目标表")
            elif s.kind == "name":
                stripped = piece.rstrip()
                new = stripped + suffix + piece[len(stripped):]
            elif s.kind in ("value", "desc") and (s.card, s.kind, piece) in same:
                new = same[s.card, s.kind, piece]
            else:
                new = _renumber(piece, rnd, money[s.card], s.kind, s.rate)
                if s.kind == "value" and rnd.random() < UNIT_SWAP_P:
                    new = _swap_unit(new)
                same[s.card, s.kind, piece] = new
                if swap_goal.get(s.card) is s and pool:
                    new = _swap_sentence(new, rnd, pool, t_no * 10_000 + s.card)
            body = body[:s.start] + new + body[s.end:]
        lines[i] = body
    text = "".join(b + e for b, e in zip(lines, t.ends, strict=True))
    if t.locality:
        text = text.replace(t.locality, where)
    elif t.department:
        text = text.replace(t.department, where + t.department)
    return text


def iter_copies(n: int, sources: tuple[Path, ...] = CORPUS, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(relative path, text) of every file of an n× corpus, copy by copy (streaming)."""
    temps, pool = templates(tuple(sources))
    for k in range(n):
        for t_no, t in enumerate(temps):
            yield f"{k:04d}/{t.path.name}", render(t, t_no, k, seed, pool)


def write_corpus(n: int, outdir: str | Path, sources: tuple[Path, ...] = CORPUS, seed: int = 7) -> dict:
    """Write the n× corpus under `outdir`; returns {files, bytes, cards, seconds}."""
    t0 = time.perf_counter()
    out = Path(outdir)
    files = size = 0
    for rel, text in iter_copies(n, sources, seed):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        target.write_bytes(data)
        files += 1
        size += len(data)
    temps, _ = templates(tuple(sources))
    return {"copies": n, "files": files, "bytes": size, "cards": n * sum(t.cards for t in temps),
            "seconds": round(time.perf_counter() - t0, 2)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.synth_files", description=__doc__.split("\n")[0])
    ap.add_argument("copies", type=int, help="N: copies of every source document")
    ap.add_argument("outdir", help="written as OUTDIR/0000/…, OUTDIR/0001/…")
    ap.add_argument("sources", nargs="*", help="source documents (default: tests/data/corpus/0*.txt)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    sources = tuple(Path(s).resolve() for s in args.sources) or CORPUS
    info = write_corpus(args.copies, args.outdir, sources, args.seed)
    print(f"{info['files']} files, {info['bytes'] / 1e6:.1f} MB, {info['cards']} cards "
          f"in {args.outdir} ({info['seconds']} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
