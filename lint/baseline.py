"""Finding fingerprints and baselines: adopt jxlint on old submissions and see only new findings.

A fingerprint identifies a finding by what it is about, not where it is printed or how it is worded:
the reporting unit, the project (项目编码, or the card title without its sequence number), the rule
code, the field, and the cell text normalised. It never includes the message, the line or the file
path, so it survives rewording a message, moving a card down the file and renaming the file; it
changes when the cell text changes (a real edit) or the finding moves to another card or field.
The same fingerprint is used for SARIF `partialFingerprints` (lint/report/sarif.py).

Several findings can share a fingerprint (three cells that all say `涉密` in one card), so a baseline
counts them: with two recorded and three found, one is new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from lint.rules.base import Finding
from lint.text import compact

BASELINE_VERSION = 1
FINGERPRINT_VERSION = "v1"
_SEQ = re.compile(r"^\d+\s*[.、．]\s*")


class BaselineError(Exception):
    """An unreadable or malformed baseline file: one line, exit 2."""


def fingerprint(f: Finding) -> str:
    """A stable 20-hex-digit id of what the finding is about (see the module docstring)."""
    return fingerprint_in(card_part(f.unit, f.project_code, f.card_title), f)


def card_part(unit: str | None, project_code: str | None, card_title: str) -> bytes:
    """The fingerprint's leading parts, those of the card (version, unit, project), encoded with
    their separator: the same for every finding of a card, so reports work it out once a card
    (`fingerprint_in`)."""
    project = project_code.strip() if project_code else _SEQ.sub("", compact(card_title))
    return f"{FINGERPRINT_VERSION}\x1f{compact(unit or '')}\x1f{project}\x1f".encode()


def fingerprint_in(card: bytes, f: Finding) -> str:
    """`fingerprint(f)` given `card`, the `card_part` of `f`'s card."""
    return fingerprint_digest(card, f)[:10].hex()


def fingerprint_digest(card: bytes, f: Finding) -> bytes:
    """The SHA-256 digest whose first 10 bytes, in hex, are `fingerprint_in(card, f)`."""
    return hashlib.sha256(card + finding_part(f.code, f.field, f.text)).digest()


def finding_part(code: str, field: str | None, text: str) -> bytes:
    """The fingerprint's parts after the card's (`card_part`): rule, field and cell text, encoded.
    Many findings share them (a cell text recurs, a rule fires on the same field), so a report keeps
    them by (code, field, text)."""
    return f"{code}\x1f{field or ''}\x1f{compact(text)}".encode()


def fingerprints(findings: Iterable[Finding]) -> Iterator[str]:
    """`fingerprint` of each finding. The card's part is hashed once for a run of findings of a card
    (each finding hashes on from a copy of the SHA-256 state after it), and the finding's part is
    kept by (code, field, text) while it recurs (a cell text copied from card to card)."""
    last: tuple | None = None
    card = hashlib.sha256()
    parts: dict[tuple, bytes] = {}  # bounded below
    for f in findings:
        key = (f.unit, f.project_code, f.card_title)
        if key != last:
            last, card = key, hashlib.sha256(card_part(*key))
        key = (f.code, f.field, f.text)
        part = parts.get(key)
        if part is None:
            if len(parts) >= _PARTS:
                parts.clear()
            part = parts[key] = finding_part(*key)
        digest = card.copy()
        digest.update(part)
        yield digest.digest()[:10].hex()


_PARTS = 1 << 14  # finding parts `fingerprints` keeps at a time


def numbered_fingerprints(findings: Iterable[Finding]) -> list[str]:
    """`fingerprint:n`, n counting findings with the same fingerprint in report order (from 1)."""
    seen: dict[str, int] = {}
    out = []
    for fp in fingerprints(findings):
        n = seen[fp] = seen.get(fp, 0) + 1
        out.append(f"{fp}:{n}")
    return out


def write_baseline(findings: list[Finding], path: str | Path) -> None:
    """Record `findings`; the path, line and message are kept only so a person can read the file."""
    entries = [
        {"fingerprint": fp, "code": f.code, "path": f.path, "line": f.line,
         "card": f.card_title, "field": f.field, "text": f.text, "message": f.message}
        for f, fp in zip(findings, fingerprints(findings), strict=True)
    ]
    entries.sort(key=lambda e: (e["fingerprint"], e["path"], e["line"]))
    doc = {"version": BASELINE_VERSION, "tool": "jxlint", "fingerprint": FINGERPRINT_VERSION, "findings": entries}
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def load_baseline(path: str | Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline holds."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a jxlint baseline ({exc})") from None
    if not isinstance(doc, dict) or doc.get("tool") != "jxlint" or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"{path}: not a jxlint baseline (no 'tool': 'jxlint' and 'findings' list)")
    if doc.get("fingerprint") != FINGERPRINT_VERSION:
        raise BaselineError(
            f"{path}: baseline uses fingerprint {doc.get('fingerprint')!r}, this jxlint uses "
            f"{FINGERPRINT_VERSION!r}; write it again with --write-baseline"
        )
    counts: Counter[str] = Counter()
    for e in doc["findings"]:
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            raise BaselineError(f"{path}: baseline entry without a fingerprint")
        counts[e["fingerprint"]] += 1
    return counts


def split_new(findings: list[Finding], baseline: Counter[str]) -> tuple[list[Finding], int, int]:
    """(new findings, findings matched by the baseline, baseline entries no longer found).

    Findings are consumed in report order, so when a fingerprint occurs more often than recorded the
    later occurrences are the new ones.
    """
    left = Counter(baseline)
    new: list[Finding] = []
    matched = 0
    for f, fp in zip(findings, fingerprints(findings), strict=True):
        if left[fp] > 0:
            left[fp] -= 1
            matched += 1
        else:
            new.append(f)
    return new, matched, sum(left.values())
