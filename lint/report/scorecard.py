"""Scorecards: how sound are the targets each unit (or department, or document) submits.

The formula is documented in docs/scoring.md; the constants below are the ones that document
quotes, and tests/scorecard/test_docs.py checks that the two agree.

- A card starts at 100 and loses, for every rule that fired on it, the rule's weight
  (severity weight × family weight) for its first finding and half of that for every further
  finding of the same rule on the same card; the score is floored at 0.
- A group (unit, department or document) gets the plain mean of its card scores and the mean
  weighted by the cards' budgets (万元); its score is the lower of the two, rounded to one decimal,
  and its grade the band that score falls in (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from lint.model import Card, Document
from lint.rules.base import FAMILIES, Finding
from lint.text import compact

SCORECARD_VERSION = 1
GROUPINGS = ("unit", "department", "document")

SEVERITY_WEIGHT: dict[str, float] = {"error": 10.0, "warning": 4.0, "info": 1.0}
FAMILY_WEIGHT: dict[str, float] = {
    "placeholder": 1.5,
    "budget_inconsistency": 1.5,
    "illogical_operator": 1.2,
    "unit_mismatch": 1.2,
    "copy_paste": 1.0,
    "structure": 1.0,
    "vague_value": 0.8,
    "stale_year": 0.6,
    # An unreadable file has no cards to score; it is reported, not scored.
    "input": 0.0,
}
# A family added later without a weight here counts as an ordinary defect.
DEFAULT_FAMILY_WEIGHT = 1.0
# Each further finding of the same rule on the same card costs this share of the first.
REPEAT_FACTOR = 0.5
GRADE_BANDS: tuple[tuple[float, str], ...] = ((90.0, "优"), (80.0, "良"), (60.0, "中"), (0.0, "差"))
# The families the reports always show as columns, in this order (the project's families).
SCORED_FAMILIES = tuple(f for f in FAMILIES if f != "input")


# -- the formula ---------------------------------------------------------------------------------

def finding_weight(f: Finding) -> float:
    """What one finding costs a card before the repeat discount."""
    return SEVERITY_WEIGHT.get(f.severity, 0.0) * FAMILY_WEIGHT.get(f.family, DEFAULT_FAMILY_WEIGHT)


def card_penalty(findings: list[Finding]) -> float:
    """Points a card loses: per rule code, the dearest finding in full, every further one at REPEAT_FACTOR."""
    by_code: dict[str, list[float]] = defaultdict(list)
    for f in findings:
        by_code[f.code].append(finding_weight(f))
    total = 0.0
    for weights in by_code.values():
        weights.sort(reverse=True)
        total += weights[0] + REPEAT_FACTOR * sum(weights[1:])
    return total


def card_score(findings: list[Finding]) -> float:
    return max(0.0, 100.0 - card_penalty(findings))


def grade(score: float) -> str:
    for floor, name in GRADE_BANDS:
        if score >= floor:
            return name
    return GRADE_BANDS[-1][1]


def round1(x: float) -> float:
    # Add a hair before rounding so that 92.25 shows as 92.3 on every platform (no banker's rounding).
    return float(f"{x + 1e-9:.1f}")


# -- the records ---------------------------------------------------------------------------------

@dataclass
class CardScore:
    path: str
    line: int
    seq: int | None
    title: str
    project_code: str | None
    unit: str
    budget: float | None
    indicators: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def penalty(self) -> float:
        return card_penalty(self.findings)

    @property
    def score(self) -> float:
        return card_score(self.findings)

    @property
    def has_error(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def label(self) -> str:
        return self.title or f"card {self.seq}"


@dataclass
class GroupScore:
    key: str
    label: str
    cards: list[CardScore] = field(default_factory=list)
    # Findings of the group's documents that belong to no card (narrative, document level).
    other_findings: list[Finding] = field(default_factory=list)
    rank: int = 0

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.cards for f in c.findings] + self.other_findings

    @property
    def indicators(self) -> int:
        return sum(c.indicators for c in self.cards)

    @property
    def budget(self) -> float:
        return sum(c.budget for c in self.cards if c.budget)

    @property
    def score_mean(self) -> float:
        return sum(c.score for c in self.cards) / len(self.cards)

    @property
    def score_weighted(self) -> float:
        """Mean weighted by budget over the cards that state a positive budget; the plain mean if none do."""
        funded = [c for c in self.cards if c.budget and c.budget > 0]
        if not funded:
            return self.score_mean
        return sum(c.budget * c.score for c in funded) / sum(c.budget for c in funded)

    @property
    def score(self) -> float:
        return round1(min(self.score_mean, self.score_weighted))

    @property
    def grade(self) -> str:
        return grade(self.score)

    @property
    def cards_with_error(self) -> int:
        return sum(1 for c in self.cards if c.has_error)

    @property
    def error_share(self) -> float:
        return self.cards_with_error / len(self.cards)

    def by_family(self) -> Counter[str]:
        return Counter(f.family for f in self.findings)

    def top_rules(self, n: int = 3) -> list[tuple[str, int]]:
        counts = Counter(f.code for f in self.findings)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def worst(self, n: int = 3) -> list[CardScore]:
        """The n lowest-scoring cards that lost points, in source order among equal scores."""
        hurt = [c for c in self.cards if c.findings]
        return sorted(hurt, key=lambda c: (c.score, c.path, c.line))[:n]

    def sort_key(self) -> tuple:
        return (-self.score, -round1(self.score_mean), self.label, self.key)


@dataclass
class Scorecard:
    by: str
    groups: list[GroupScore]
    families: tuple[str, ...]
    files: int
    unattributed: list[Finding] = field(default_factory=list)
    worst_n: int = 3

    @property
    def cards(self) -> int:
        return sum(len(g.cards) for g in self.groups)

    @property
    def findings(self) -> int:
        return sum(len(g.findings) for g in self.groups) + len(self.unattributed)


# -- building ------------------------------------------------------------------------------------

def _group_of(doc: Document, card: Card | None, by: str) -> tuple[str, str]:
    """(key, label): the key is compacted so spacing variants of one unit name fall together."""
    if by == "document":
        return doc.path, doc.path
    if by == "unit" and card is not None and card.reporting_unit:
        return compact(card.reporting_unit), card.reporting_unit
    label = doc.department or doc.path
    return compact(label), label


def build_scorecard(docs: list[Document], findings: list[Finding], by: str = "unit", worst: int = 3) -> Scorecard:
    """Score every card of `docs` from `findings` and group the cards `by` unit, department or document."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}; expected one of {GROUPINGS}")
    groups: dict[str, GroupScore] = {}
    card_of: dict[tuple[str, int | None, str], list[CardScore]] = defaultdict(list)
    cards_in: dict[str, list[CardScore]] = defaultdict(list)
    doc_by_path = {d.path: d for d in docs}
    for doc in docs:
        for card in doc.cards:
            key, label = _group_of(doc, card, by)
            cs = CardScore(
                path=doc.path, line=card.line, seq=card.seq, title=card.title or card.project_name,
                project_code=card.project_code, unit=label, budget=card.budget, indicators=len(card.indicators),
            )
            groups.setdefault(key, GroupScore(key=key, label=label)).cards.append(cs)
            card_of[(doc.path, card.seq, cs.title)].append(cs)
            cards_in[doc.path].append(cs)

    unattributed: list[Finding] = []
    for f in findings:
        target = _match_card(f, card_of, cards_in)
        if target is not None:
            target.findings.append(f)
            continue
        doc = doc_by_path.get(f.path)
        key = _group_of(doc, None, by)[0] if doc is not None else None
        if key in groups:
            groups[key].other_findings.append(f)
        else:
            unattributed.append(f)

    # Findings arrive in any order (several rule runs, cross-document rules): sort for stable output.
    for g in groups.values():
        g.other_findings.sort(key=Finding.sort_key)
        for c in g.cards:
            c.findings.sort(key=Finding.sort_key)
    unattributed.sort(key=Finding.sort_key)
    ordered = sorted(groups.values(), key=GroupScore.sort_key)
    # Competition ranking: equal scores share a rank (1, 2, 2, 4).
    for i, g in enumerate(ordered):
        g.rank = ordered[i - 1].rank if i and g.score == ordered[i - 1].score else i + 1
    seen = {f.family for g in ordered for f in g.findings}
    families = SCORED_FAMILIES + tuple(sorted(seen - set(SCORED_FAMILIES)))
    return Scorecard(by=by, groups=ordered, families=families, files=len(docs), unattributed=unattributed,
                     worst_n=worst)


def _match_card(f: Finding, card_of: dict, cards_in: dict) -> CardScore | None:
    """The card a finding belongs to: by path, card number and title (numbers repeat in one file: 000
    restarts at 1 for its second list), the nearest such card above the finding's line when several."""
    if f.card_seq is None and not f.card_title:
        return None
    candidates = card_of.get((f.path, f.card_seq, f.card_title)) or cards_in.get(f.path, [])
    above = [c for c in candidates if c.line <= f.line]
    if above:
        return max(above, key=lambda c: c.line)
    return candidates[0] if candidates else None


# -- display width -------------------------------------------------------------------------------

def display_width(text: str) -> int:
    """Terminal columns: wide and full-width characters take two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def truncate(text: str, width: int, ellipsis: str = "…", keep_end: bool = False) -> str:
    """`text` cut to at most `width` display columns, marked by `ellipsis` where cut (at the start when
    `keep_end`, for file paths whose names differ at the end)."""
    if display_width(text) <= width:
        return text
    room = width - display_width(ellipsis)
    out, used = [], 0
    for ch in reversed(text) if keep_end else text:
        w = display_width(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return ellipsis + "".join(reversed(out)) if keep_end else "".join(out) + ellipsis


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


# -- renderers -----------------------------------------------------------------------------------

def _num(v: float) -> str:
    return f"{round1(v):.1f}"


def _budget(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if v else "0"


def _pct(v: float) -> str:
    return f"{round(v * 100):d}%"


def _rules(g: GroupScore) -> str:
    return " ".join(f"{code}×{n}" for code, n in g.top_rules())


def _group_word(by: str) -> str:
    return {"unit": "unit", "department": "department", "document": "document"}[by]


def _narrow_format():
    """tabulate's "simple" layout with one space between columns: tabulate already pads every column
    to its header plus two, so one space is enough and leaves the unit names room in 80 columns."""
    from tabulate import DataRow, Line, TableFormat

    return TableFormat(lineabove=None, linebelowheader=Line("", "-", " ", ""), linebetweenrows=None,
                       linebelow=None, headerrow=DataRow("", " ", ""), datarow=DataRow("", " ", ""),
                       padding=0, with_header_hide=None)


def render_table(sc: Scorecard, width: int = 80) -> str:
    """The ranked table for a terminal of `width` columns.

    tabulate pads by character count unless the optional wcwidth package is installed, so every
    column but the last holds ASCII; the grade (one wide character) and the unit name go last, cut to
    the display width left over, and the rule under that column is redrawn to their display width,
    so the output is the same with or without wcwidth.
    """
    from tabulate import tabulate

    columns: list[tuple[str, Callable[[GroupScore], str]]] = [
        ("#", lambda g: str(g.rank)),
        ("score", lambda g: _num(g.score)),
        ("wtd", lambda g: _num(g.score_weighted)),
        ("mean", lambda g: _num(g.score_mean)),
        ("cards", lambda g: str(len(g.cards))),
        ("err%", lambda g: _pct(g.error_share)),
        ("finds", lambda g: str(len(g.findings))),
        ("budget", lambda g: _budget(g.budget)),
    ]
    last_header = f"grade {_group_word(sc.by)}"

    def lay_out(names: list[str]) -> list[str]:
        rows = [[fn(g) for _, fn in columns] + [n] for g, n in zip(sc.groups, names, strict=True)]
        text = tabulate(rows, headers=[h for h, _ in columns] + [last_header], tablefmt=_narrow_format(),
                        disable_numparse=True, colalign=("right",) * len(columns) + ("left",))
        return [ln.rstrip() for ln in text.splitlines()]

    # Where the last column starts once the ASCII columns are laid out: after the rule's last gap.
    # On a narrow terminal the least needed columns go first, so that names keep 8 wide characters.
    droppable = ["budget", "wtd", "mean", "finds", "err%"]
    while True:
        start = lay_out([""] * len(sc.groups))[1].rfind(" ") + 1
        if width - start >= 19 or not droppable:
            break
        drop = droppable.pop(0)
        columns = [c for c in columns if c[0] != drop]
    room = max(12, width - start)
    names = [f"{g.grade} {truncate(g.label, room - 3, keep_end=sc.by == 'document')}" for g in sc.groups]
    lines = lay_out(names)
    last = max([display_width(last_header)] + [display_width(n) for n in names])
    lines[1] = lines[1][:start] + "-" * last
    foot = (f"{len(sc.groups)} {_group_word(sc.by)}(s), {sc.cards} card(s), {sc.findings} finding(s); "
            "budget in 万元; wtd = budget-weighted mean, score = the lower of wtd and mean; "
            "grade 优≥90 良≥80 中≥60 差<60 (docs/scoring.md).")
    return "\n".join(lines) + "\n\n" + _wrap(foot, width) + "\n"


def _wrap(text: str, width: int) -> str:
    out, line = [], ""
    for word in text.split(" "):
        cand = f"{line} {word}" if line else word
        if display_width(cand) > width and line:
            out.append(line)
            cand = word
        line = cand
    out.append(line)
    return "\n".join(out)


CSV_HEAD = ("rank", "group", "grade", "score", "score_budget_weighted", "score_mean", "cards", "indicators",
            "budget_wan", "cards_with_error", "error_share", "findings")


def render_csv(sc: Scorecard) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEAD + tuple(f"findings_{f}" for f in sc.families) + ("top_rules", "worst_cards"))
    for g in sc.groups:
        fam = g.by_family()
        worst = "; ".join(f"{c.label()} ({_num(c.score)})" for c in g.worst(sc.worst_n))
        w.writerow((g.rank, g.label, g.grade, _num(g.score), _num(g.score_weighted), _num(g.score_mean),
                    len(g.cards), g.indicators, _budget(g.budget), g.cards_with_error, f"{g.error_share:.3f}",
                    len(g.findings), *(fam.get(f, 0) for f in sc.families), _rules(g), worst))
    return buf.getvalue()


def render_markdown(sc: Scorecard) -> str:
    from tabulate import tabulate

    word = _group_word(sc.by)
    rows = [(g.rank, g.label, g.grade, _num(g.score), _num(g.score_weighted), _num(g.score_mean), len(g.cards),
             g.indicators, _budget(g.budget), _pct(g.error_share), len(g.findings), _rules(g)) for g in sc.groups]
    out = [f"# Scorecard by {word}", "",
           f"{sc.files} file(s), {sc.cards} card(s), {sc.findings} finding(s). Score = the lower of the "
           "budget-weighted and the plain mean of card scores; see docs/scoring.md.", "",
           tabulate(rows, headers=("#", word, "grade", "score", "budget-weighted", "mean", "cards", "indicators",
                                   "budget (万元)", "cards with error", "findings", "top rules"),
                    tablefmt="github", disable_numparse=True), "",
           "## Findings per family", ""]
    fam_rows = [(g.label, *(g.by_family().get(f, 0) for f in sc.families)) for g in sc.groups]
    out += [tabulate(fam_rows, headers=(word, *sc.families), tablefmt="github", disable_numparse=True), ""]
    out += ["## Worst cards", ""]
    for g in sc.groups:
        worst = g.worst(sc.worst_n)
        if not worst:
            continue
        out.append(f"### {g.label} ({g.grade} {_num(g.score)})")
        out.append("")
        for c in worst:
            codes = ", ".join(f"{code}×{n}" for code, n in Counter(f.code for f in c.findings).most_common())
            out.append(f"- {c.label()} (`{c.path}:{c.line}`): {_num(c.score)}, {codes}")
        out.append("")
    return "\n".join(out)


def finding_summary(f: Finding) -> dict:
    return {"code": f.code, "family": f.family, "severity": f.severity, "line": f.line, "column": f.column,
            **({"address": f.address} if f.office else {}), "message": f.message}


def card_dict(c: CardScore, with_findings: bool = False) -> dict:
    d = {"path": c.path, "line": c.line, "seq": c.seq, "title": c.title, "project_code": c.project_code,
         "budget": c.budget, "indicators": c.indicators, "findings": len(c.findings), "penalty": round(c.penalty, 3),
         "score": round1(c.score), "has_error": c.has_error}
    if with_findings:
        d["finding_list"] = [finding_summary(f) for f in c.findings]
    return d


def scorecard_dict(sc: Scorecard) -> dict:
    return {
        "version": SCORECARD_VERSION,
        "tool": "jxlint",
        "by": sc.by,
        "formula": {
            "severity_weight": SEVERITY_WEIGHT,
            "family_weight": FAMILY_WEIGHT,
            "default_family_weight": DEFAULT_FAMILY_WEIGHT,
            "repeat_factor": REPEAT_FACTOR,
            "grade_bands": [{"min": lo, "grade": name} for lo, name in GRADE_BANDS],
        },
        "summary": {"files": sc.files, "groups": len(sc.groups), "cards": sc.cards, "findings": sc.findings,
                    "unattributed_findings": len(sc.unattributed)},
        "groups": [
            {
                "rank": g.rank, "group": g.label, "grade": g.grade, "score": g.score,
                "score_budget_weighted": round1(g.score_weighted), "score_mean": round1(g.score_mean),
                "cards": len(g.cards), "indicators": g.indicators, "budget_wan": round(g.budget, 4),
                "cards_with_error": g.cards_with_error, "error_share": round(g.error_share, 4),
                "findings": len(g.findings),
                "findings_by_family": {f: g.by_family().get(f, 0) for f in sc.families},
                "top_rules": [{"code": c, "count": n} for c, n in g.top_rules()],
                "worst_cards": [card_dict(c, with_findings=True) for c in g.worst(sc.worst_n)],
                "card_scores": [card_dict(c) for c in g.cards],
            }
            for g in sc.groups
        ],
    }


def render_json(sc: Scorecard) -> str:
    return json.dumps(scorecard_dict(sc), ensure_ascii=False, indent=2) + "\n"
