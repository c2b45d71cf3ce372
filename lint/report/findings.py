"""Findings as editor-style text lines and as versioned JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from hashlib import sha256 as _sha256
from json.encoder import encode_basestring
from operator import attrgetter

from lint.model import office_address
from lint.rules.base import Finding, Related

JSON_SCHEMA_VERSION = 1


def format_text(findings: list[Finding], files_checked: int, cards_checked: int, errors: list[str],
                notes: tuple[str, ...] = ()) -> str:
    return b"".join(iter_text_bytes(findings, files_checked, cards_checked, errors, notes)).decode()


def iter_text(findings: list[Finding], files_checked: int, cards_checked: int, errors: list[str],
              notes: tuple[str, ...] = ()) -> Iterator[str]:
    """`format_text` in pieces, `_BATCH` findings each: a province's report is written, never held whole."""
    for piece in iter_text_bytes(findings, files_checked, cards_checked, errors, notes):
        yield piece.decode()


def iter_text_bytes(findings: list[Finding], files_checked: int, cards_checked: int, errors: list[str],
                    notes: tuple[str, ...] = ()) -> Iterator[bytes]:
    """`iter_text` encoded in UTF-8, as the report is written. Made as bytes from parts encoded once
    while they recur: the file, the card, the rule, the message (a vague value or a group of copies
    says the same of many cells) and each related place; only the line and column are new."""
    out: list[bytes] = []
    n = 0
    path: object = None
    path_bytes = b""
    card_title: object = None
    card = b"\n"
    rules: dict[tuple, bytes] = {}  # bounded by the run's rules × severities
    messages: dict[str, bytes] = {}  # bounded below
    places: dict[int, tuple[Related, bytes]] = {}  # by id, the place kept alive with its line: bounded below
    lists: dict[int, tuple[tuple[Related, ...], bytes]] = {}  # a group's shared related tuple, its lines
    for f in findings:
        n += 1
        if f.card_title != card_title:  # consecutive findings mostly share their card
            card_title = f.card_title
            card = f" ({card_title})\n".encode() if card_title else b"\n"
        line, column, message = f.line, f.column, f.message
        if f.office or type(line) is not int or type(column) is not int or type(message) is not str:
            address = f.address if f.office else f"{line}:{column}"
            out.append(f"{f.path}:{address}: {f.code} [{f.severity}] {message}".encode())
            out.append(card)
        else:
            if f.path != path:
                path = f.path
                path_bytes = f"{path}:".encode()
            rule = (f.code, f.severity)
            rule_bytes = rules.get(rule)
            if rule_bytes is None:
                rule_bytes = rules[rule] = f": {f.code} [{f.severity}] ".encode()
            message_bytes = messages.get(message)
            if message_bytes is None:
                if len(messages) >= _TEXTS:
                    messages.clear()
                message_bytes = messages[message] = message.encode()
            out += (path_bytes, b"%d:%d" % (line, column), rule_bytes, message_bytes, card)
        related = f.related
        if related:
            said = lists.get(id(related))
            if said is None or said[0] is not related:
                parts = _place_parts(places, related, _related_line)
                if len(lists) >= _PLACES:
                    lists.clear()
                said = lists[id(related)] = (related, b"".join(parts))
            out.append(said[1])
        if n == _BATCH:
            yield b"".join(out)
            out.clear()
            n = 0
    out.append(("\n".join((summary_line(findings, files_checked, cards_checked, errors), *notes)) + "\n").encode())
    yield b"".join(out)


def _place_parts(places: dict[int, tuple[Related, bytes]], related: tuple[Related, ...],
                 make: Callable[[Related], bytes]) -> list[bytes]:
    """Each related place's part of a report, kept in `places` by id (the place kept alive with
    it, so an id found is that place's): a place is named by many findings. Bounded."""
    parts = []
    for r in related:
        hit = places.get(id(r))
        if hit is None or hit[0] is not r:
            if len(places) >= _PLACES:
                places.clear()
            hit = places[id(r)] = (r, make(r))
        parts.append(hit[1])
    return parts


def _related_line(r: Related) -> bytes:
    address = r.address if r.office else f"{r.line}:{r.column}"
    return f"    related: {r.path}:{address} ({r.card_title}){' ' + r.message if r.message else ''}\n".encode()


def _related_json_bytes(r: Related) -> bytes:
    return _related_json(r).encode()


def summary_line(findings: list[Finding], files_checked: int, cards_checked: int, errors: list[str]) -> str:
    by_sev = Counter(map(attrgetter("severity"), findings))
    parts = [f"{by_sev.get(s, 0)} {s}{'s' if by_sev.get(s, 0) != 1 else ''}" for s in ("error", "warning", "info")]
    tail = f"; {len(errors)} file(s) could not be read" if errors else ""
    return (f"Found {len(findings)} finding(s) ({', '.join(parts)}) in {cards_checked} card(s) "
            f"of {files_checked} file(s){tail}.")


def _position(line: int, column: int, office: tuple, end_column: int | None = None) -> dict:
    """Text files: line and column (1-based, characters). Office files: no line number (a .docx has
    none); `location` holds the address parts and the address as shown in text output."""
    if office:
        return {"line": None, "column": None, "end_column": None,
                "location": {**dict(office), "address": office_address(office)}}
    return {"line": line, "column": column, "end_column": end_column}


def related_dict(r: Related) -> dict:
    return {"path": r.path, **_position(r.line, r.column, r.office), "card_seq": r.card_seq,
            "card_title": r.card_title, "message": r.message}


def finding_dict(f: Finding) -> dict:
    from lint.baseline import fingerprint

    return {
        "path": f.path,
        **_position(f.line, f.column, f.office, f.end_column),
        "code": f.code,
        "name": f.name,
        "family": f.family,
        "severity": f.severity,
        "message": f.message,
        "card": {"seq": f.card_seq, "title": f.card_title, "project_code": f.project_code, "unit": f.unit},
        "indicator": f.indicator,
        "field": f.field,
        "text": f.text,
        "related": [related_dict(r) for r in f.related],
        "fingerprint": fingerprint(f),
    }


def format_json(findings: list[Finding], files_checked: int, cards_checked: int, errors: list[str],
                baselined: int | None = None) -> str:
    return "".join(iter_json(findings, files_checked, cards_checked, errors, baselined))


def iter_json(findings: list[Finding], files_checked: int, cards_checked: int, errors: list[str],
              baselined: int | None = None) -> Iterator[str]:
    """`format_json` in pieces, the same text as one `json.dumps(indent=2)` of the whole report: a
    province's report (hundreds of thousands of findings) is never held as one string with all its
    dicts."""
    for piece in iter_json_bytes(findings, files_checked, cards_checked, errors, baselined):
        yield piece.decode()


def iter_json_bytes(findings: list[Finding], files_checked: int, cards_checked: int, errors: list[str],
                    baselined: int | None = None) -> Iterator[bytes]:
    """`iter_json` encoded in UTF-8, as the report is written. Made as bytes: the template's keys
    and indentation (most of the report) are ASCII constants that never go through the encoder,
    which for text with Chinese in it works character by character."""
    # One pass over the findings for the three counts, by a C-level map.
    kinds = Counter(map(attrgetter("severity", "family", "code"), findings))
    by_severity: Counter[str] = Counter()
    by_family: Counter[str] = Counter()
    by_code: Counter[str] = Counter()
    for (severity, family, code), n in kinds.items():
        by_severity[severity] += n
        by_family[family] += n
        by_code[code] += n
    doc = {
        "version": JSON_SCHEMA_VERSION,
        "tool": "jxlint",
        "summary": {
            "files": files_checked,
            "cards": cards_checked,
            "findings": len(findings),
            "by_severity": {s: by_severity[s] for s in ("error", "warning", "info")},
            "by_family": dict(sorted(by_family.items())),
            "by_code": dict(sorted(by_code.items())),
            "input_errors": errors,
            **({"baselined": baselined} if baselined is not None else {}),
        },
        "findings": [],
    }
    head = json.dumps(doc, ensure_ascii=False, indent=2)
    if not findings:
        yield (head + "\n").encode()
        return
    yield head[:-len("]\n}")].encode()  # ends `"findings": [`
    sep = b"\n"
    for batch in _findings_json(findings):
        yield sep + batch
        sep = b",\n"
    yield b"\n  ]\n}\n"


_BATCH = 128  # findings a piece: one write per finding was a tenth of the report's time


def _findings_json(findings: list[Finding]) -> Iterator[bytes]:
    """The findings as list items at depth 2, each `_indented(finding_dict(f), "    ")` in UTF-8,
    `_BATCH` to a piece.

    Consecutive findings mostly share their file, card and rule: the JSON of those parts (and the
    card's part of the fingerprint) is made once for a run of findings that share them. A related
    place is often named by many findings (the first cards of a group of copies), so its JSON is
    kept for a while too. Text positions are written from a template; office positions (a nested
    object) and anything unusual take the general writer."""
    from binascii import hexlify

    from lint.baseline import card_part, finding_part

    path: object = None
    path_json = b""
    card: tuple | None = None
    card_json = b""
    card_hash = _sha256()  # the SHA-256 state after the card's part of the fingerprint (`card_part`)
    rules: dict[tuple, bytes] = {}  # bounded by the run's rules × severities
    fields: dict[object, bytes] = {}  # bounded by the fields findings name
    places: dict[int, tuple[Related, bytes]] = {}  # by id, the place kept alive with its JSON: bounded below
    # The findings of a group of copies mostly share one tuple of related places (CP101 makes it
    # once per match list): 2,130 tuples for 11,722 findings at 100x. Its JSON, by id: bounded below.
    lists: dict[int, tuple[tuple[Related, ...], bytes]] = {}
    # Messages and cell texts recur (a vague value, a placeholder, a group of copies): each distinct
    # one is escaped and encoded once while it is kept; so is each fingerprint's finding part.
    texts: dict[str, bytes] = {}  # bounded below
    finding_parts: dict[tuple, bytes] = {}  # bounded below
    # The batch's pieces, joined once: a finding's own bytes object (a `%` format) cost its copies.
    out: list[bytes] = []
    n = 0
    for f in findings:
        if n:
            out.append(b",\n")
        n += 1
        if f.office or type(f.line) is not int or type(f.column) is not int:
            out.append(("    " + _indented(finding_dict(f), "    ")).encode())
        else:
            if f.path != path:
                path = f.path
                path_json = f'    {{\n      "path": {_leaf(path)},\n      "line": '.encode()
            key = (f.card_seq, f.card_title, f.project_code, f.unit)
            if key != card:
                card = key
                card_json = (f'      "card": {{\n        "seq": {_leaf(f.card_seq)},\n        "title": '
                             f'{_leaf(f.card_title)},\n        "project_code": {_leaf(f.project_code)},\n'
                             f'        "unit": {_leaf(f.unit)}\n      }},\n      "indicator": ').encode()
                card_hash = _sha256(card_part(f.unit, f.project_code, f.card_title))
            rule = (f.code, f.name, f.family, f.severity)
            rule_json = rules.get(rule)
            if rule_json is None:
                rule_json = rules[rule] = (f',\n      "code": {_leaf(f.code)},\n      "name": {_leaf(f.name)},\n'
                                           f'      "family": {_leaf(f.family)},\n'
                                           f'      "severity": {_leaf(f.severity)},\n      "message": ').encode()
            field_json = fields.get(f.field)
            if field_json is None:
                field_json = fields[f.field] = f',\n      "field": {_leaf(f.field)},\n      "text": '.encode()
            related = f.related
            if related:
                said = lists.get(id(related))
                if said is not None and said[0] is related:
                    related_json = said[1]
                else:
                    parts = _place_parts(places, related, _related_json_bytes)
                    related_json = b",\n      \"related\": [\n" + b",\n".join(parts) + b"\n      ]"
                    if len(lists) >= _PLACES:
                        lists.clear()
                    lists[id(related)] = (related, related_json)
            else:
                related_json = b',\n      "related": []'
            end, message, indicator, text = f.end_column, f.message, f.indicator, f.text
            part_key = (f.code, f.field, text)
            part = finding_parts.get(part_key)
            if part is None:
                if len(finding_parts) >= _TEXTS:
                    finding_parts.clear()
                part = finding_parts[part_key] = finding_part(*part_key)
            fingerprint = card_hash.copy()  # the card's blocks are hashed once, not once a finding
            fingerprint.update(part)
            out += (
                path_json, b"%d" % f.line, _COLUMN, b"%d" % f.column, _END_COLUMN,
                b"null" if end is None else b"%d" % end if type(end) is int else _leaf(end).encode(),
                rule_json,
                (texts.get(message) or _text_json(texts, message)) if type(message) is str else
                _leaf(message).encode(),
                _AFTER_MESSAGE, card_json,
                b"null" if indicator is None else
                (texts.get(indicator) or _text_json(texts, indicator)) if type(indicator) is str else
                _leaf(indicator).encode(),
                field_json,
                (texts.get(text) or _text_json(texts, text)) if type(text) is str else _leaf(text).encode(),
                related_json, _FINGERPRINT, hexlify(fingerprint.digest()[:10]), _END_ITEM,
            )
        if n == _BATCH:
            yield b"".join(out)
            out.clear()
            n = 0
    if out:
        yield b"".join(out)


# A finding at a text position, between what `_findings_json` fills in (path and line, column,
# end_column, rule, message, card, indicator, field, text, related, fingerprint).
_COLUMN = b',\n      "column": '
_END_COLUMN = b',\n      "end_column": '
_AFTER_MESSAGE = b",\n"
_FINGERPRINT = b',\n      "fingerprint": "'
_END_ITEM = b'"\n    }'
_PLACES = 1 << 12  # related places whose JSON a report keeps at a time
_TEXTS = 1 << 14  # texts (and fingerprint parts) whose JSON a report keeps at a time


def _text_json(texts: dict[str, bytes], text: str) -> bytes:
    """A string's JSON in UTF-8, kept in `texts`: never empty, so `texts.get(t) or ...` is a look-up."""
    if len(texts) >= _TEXTS:
        texts.clear()
    made = texts[text] = encode_basestring(text).encode()
    return made


def _leaf(v: object) -> str:
    """A scalar as `json.dumps` writes it (the types a finding's fields hold)."""
    t = type(v)
    if t is str:
        return encode_basestring(v)  # type: ignore[arg-type]
    if v is None:
        return "null"
    if t is int:
        return int.__repr__(v)  # type: ignore[arg-type]
    return _indented(v, "")


def _related_json(r: Related) -> str:
    """One entry of `related` at depth 4, as `_indented` writes it."""
    if r.office or type(r.line) is not int or type(r.column) is not int:
        return "        " + _indented(related_dict(r), "        ")
    return (
        f'        {{\n          "path": {_leaf(r.path)},\n          "line": {r.line},\n'
        f'          "column": {r.column},\n          "end_column": null,\n'
        f'          "card_seq": {_leaf(r.card_seq)},\n          "card_title": {_leaf(r.card_title)},\n'
        f'          "message": {_leaf(r.message)}\n        }}'
    )


def _indented(o: object, indent: str) -> str:
    """`json.dumps(o, ensure_ascii=False, indent=2)` of a finding's dict, nested at `indent`.

    json's C encoder does not indent, and its Python encoder spent 2.2–2.9 s on the 45,161 findings
    of a 100× run. Findings take `_finding_json`, a template; this general writer serves the head of
    the report, what the template leaves to it (office positions) and the SARIF report. Strings go
    through json's own C escaper."""
    out: list[str] = []
    _write_indented(o, indent, out)
    return "".join(out)


def _write_indented(o: object, indent: str, out: list[str]) -> None:
    """`_indented(o, indent)` appended to `out` in pieces, joined once: nested parts are not made as
    strings of their own (each level copying what it holds), and strings, ints and None inside a
    container are written without a call each."""
    t = type(o)
    if t is dict or t is list or t is tuple:
        if not o:
            out.append("{}" if t is dict else "[]")
            return
        inner = indent + "  "
        append = out.append
        sep = "\n" + inner
        first = True
        for k, v in (o.items() if t is dict else enumerate(o)):  # type: ignore[union-attr]
            append(("{" if t is dict else "[") + sep if first else "," + sep)
            first = False
            if t is dict:
                append(encode_basestring(k))
                append(": ")
            tv = type(v)
            if tv is str:
                append(encode_basestring(v))
            elif v is None:
                append("null")
            elif tv is int:
                append(int.__repr__(v))
            else:
                _write_indented(v, inner, out)
        append(f"\n{indent}}}" if t is dict else f"\n{indent}]")
        return
    if isinstance(o, str):
        out.append(encode_basestring(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, dict | list | tuple):  # subclasses: as their base type
        _write_indented(dict(o) if isinstance(o, dict) else list(o), indent, out)
    else:
        out.append(json.dumps(o))  # floats (NaN, Infinity) and anything rarer: json's own spelling
