"""Findings as SARIF 2.1.0, the way GitHub code scanning reads it.

Every rule that ran is described (id, name, short and full description, help text, default level);
every result has a region with start/end line and column, counted in code points (declared by
`columnKind: unicodeCodePoints` on the run, as the spec requires for text), its related locations, and
`partialFingerprints` from lint/baseline.py, which ignore the message and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from lint import __version__
from lint.baseline import FINGERPRINT_VERSION, numbered_fingerprints
from lint.model import office_address
from lint.report.findings import _indented
from lint.rules.base import Finding, Related, Rule

try:  # json's C escaper (what `_indented` writes strings with); its Python twin where it is missing
    from _json import encode_basestring as _enc
except ImportError:  # pragma: no cover
    from json.encoder import encode_basestring as _enc

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = f"jxlint/{FINGERPRINT_VERSION}"
INFORMATION_URI = "https://github.com/jxlint/jxlint"
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def rule_descriptor(rule: type[Rule]) -> dict:
    doc = rule.doc()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": _full_description(doc) or rule.summary()},
        "help": {"text": _BOLD.sub(r"\1", doc) or rule.summary(), "markdown": doc or rule.summary()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"family": rule.family, "tags": [rule.family]},
    }


def _full_description(doc: str) -> str:
    """The summary line and the `What it checks.` paragraph, as plain text."""
    paras = [p.strip() for p in doc.split("\n\n") if p.strip()]
    if not paras:
        return ""
    chosen = [paras[0]] + [p for p in paras[1:] if p.startswith("**What it checks")][:1]
    return " ".join(_BOLD.sub(r"\1", " ".join(line.strip() for line in p.splitlines())) for p in chosen)


@lru_cache(maxsize=1 << 12)  # a report names each file in every finding and related place; bounded
def _artifact_location(path: str) -> tuple[tuple[str, str], ...]:
    return tuple(artifact_location(path).items())


def artifact_location(path: str) -> dict:
    """A relative path stays relative to the checkout (`%SRCROOT%`); an absolute one becomes file://."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix()), "uriBaseId": "%SRCROOT%"}


def _region(line: int, column: int, end_column: int | None, text: str) -> dict:
    if end_column is None:
        # A cell spread over lines: mark its first line's text; an empty cell: an empty region.
        first = text.split("\n", 1)[0] if text else ""
        end_column = column + len(first)
    return {"startLine": line, "startColumn": column, "endLine": line, "endColumn": end_column}


def _office_location(path: str, office: tuple) -> dict:
    """An office cell has no line: the artifact alone, plus a logical location naming the cell
    (`table 2, row 5, cell 3` / `Sheet1!C12`) and the parts in properties."""
    address = office_address(office)
    return {
        "physicalLocation": {"artifactLocation": dict(_artifact_location(path))},
        "logicalLocations": [{"name": address, "fullyQualifiedName": f"{path}:{address}", "kind": "element"}],
        "properties": {"office": dict(office)},
    }


def _related(i: int, r: Related) -> dict:
    message = r.message or (f"card: {r.card_title}" if r.card_title else "related location")
    if r.office:
        return {"id": i, **_office_location(r.path, r.office), "message": {"text": message}}
    return {
        "id": i,
        "physicalLocation": {
            "artifactLocation": dict(_artifact_location(r.path)),
            "region": {"startLine": r.line, "startColumn": r.column},
        },
        "message": {"text": message},
    }


def result(f: Finding, rule_index: int, fp: str) -> dict:
    text = f.message + (f" ({f.card_title})" if f.card_title else "")
    out: dict = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": text},
        "locations": [_office_location(f.path, f.office) if f.office else {
            "physicalLocation": {
                "artifactLocation": dict(_artifact_location(f.path)),
                "region": _region(f.line, f.column, f.end_column, f.text),
            },
        }],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": {k: v for k, v in (("family", f.family), ("field", f.field), ("card", f.card_title),
                                          ("projectCode", f.project_code), ("unit", f.unit),
                                          ("office", dict(f.office))) if v},
    }
    if f.related:
        out["relatedLocations"] = [_related(i, r) for i, r in enumerate(f.related, start=1)]
    return out


def format_sarif(findings: list[Finding], rules: list[type[Rule]], errors: list[str]) -> str:
    """One run: the rules that ran, the findings, and unreadable inputs as tool notifications."""
    return "".join(iter_sarif(findings, rules, errors))


_ITEM = " " * 8  # a result's indent: the document, `runs`, the run, `results`
_BATCH = 256  # results per piece written


def iter_sarif(findings: list[Finding], rules: list[type[Rule]], errors: list[str]) -> Iterator[str]:
    """`format_sarif` in pieces, each result rendered as it is written: the whole report as one
    string, with every result's dict and every piece it was joined from, took 824 MB at 100×
    (81 MB of SARIF), so a 1000× report could not be made in memory at all."""
    from lint.rules import get_rule

    ordered = list(rules)
    known = {r.code for r in ordered}
    for code in dict.fromkeys(f.code for f in findings):  # a rule not in the list (defensive): described too
        if code not in known:
            extra = get_rule(code)
            if extra is not None:
                ordered.append(extra)
                known.add(extra.code)
    index = {r.code: i for i, r in enumerate(ordered)}
    run = {
        "tool": {"driver": {
            "name": "jxlint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [rule_descriptor(r) for r in ordered],
        }},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder jxlint was run from."}}},
        "invocations": [{
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": e}} for e in errors],
        }],
        "results": [],
    }
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    # `json.dumps(doc, ensure_ascii=False, indent=2)`, by the report's own writer (json's indenting
    # encoder is pure Python, and took 5-7 s for the 45,161 findings of a 100x run), with the
    # results, the run's last key, written in between: the empty list's `[]` is the last one.
    head, _, tail = _indented(doc, "").rpartition('"results": []')
    if not findings:
        yield head + '"results": []' + tail + "\n"
        return
    yield head + '"results": [\n'
    fps = numbered_fingerprints(findings)
    yield from results_text(findings, fps, index)
    yield "\n" + _ITEM[:-2] + "]" + tail + "\n"


# A result at a text position, as `_indented(result(...), _ITEM)` writes it, between the parts
# `results_text` fills in: the rule, message, card and file, the position, fingerprint, properties
# and related places.
_I10, _I12, _I14, _I16, _I18 = (" " * n for n in (10, 12, 14, 16, 18))
_AFTER_MESSAGE = (f"\n{_I10}}},\n{_I10}\"locations\": [\n{_I12}{{\n{_I14}\"physicalLocation\": {{\n"
                  f"{_I16}\"artifactLocation\": ")
_REGION = f",\n{_I16}\"region\": {{\n{_I18}\"startLine\": "
_START_COLUMN = f",\n{_I18}\"startColumn\": "
_END_LINE = f",\n{_I18}\"endLine\": "
_END_COLUMN = f",\n{_I18}\"endColumn\": "
_FINGERPRINT = (f"\n{_I16}}}\n{_I14}}}\n{_I12}}}\n{_I10}],\n{_I10}\"partialFingerprints\": {{\n{_I12}"
                f"{_enc(FINGERPRINT_KEY)}: ")
_PROPERTIES = f"\n{_I10}}},\n{_I10}\"properties\": "
_RELATED = f",\n{_I10}\"relatedLocations\": [\n"
_END_RELATED = f"\n{_I10}]"
_END_PROPERTIES = f"\n{_I10}}}"
_END_RESULT = f"\n{_ITEM}}}"
_SEP_ITEM = ",\n" + _ITEM
_PLACES = 1 << 12  # related places whose text a report keeps at a time
# `relatedLocations` kept at a time: a group of copies names its places (up to five) again about a
# hundred results later at 100x (the 90th centile 227); 4,096 of them took 5 MB more at the peak,
# 1,024 keep the 11,722 blocks of a 100x run to 2,346 made (2,130 with no bound), in about 2 MB.
_BLOCKS = 1 << 10
_TEXTS = 1 << 14  # messages whose text a report keeps at a time


def results_text(findings: list[Finding], fps: list[str], index: dict[str, int]) -> Iterator[str]:
    """`",\n".join(_ITEM + _indented(result(f, index.get(f.code, -1), fp), _ITEM) for f, fp in
    zip(findings, fps))` in pieces of `_BATCH` results, each piece after the first starting with
    the separator: a share of the findings with its fingerprints gives its share of the text.

    The general writer walked each result's dict (5-9 levels deep) and was nearly all of the
    report's time (1.5 of 1.7 CPU-seconds at 100x). Consecutive results mostly share their rule,
    card and file, and messages and related places recur (a group of copies names the same
    places, often the same tuple of them), so those parts are made once while they recur and a
    result at a text position is one template, written in parts joined once a batch; a result at
    an office position, with a field of an unusual type or with neither family nor field takes the
    general writer, and so does a related place at an office position."""
    # (code, severity, family, field): the text up to the message's and the opening of `properties`
    rules: dict[tuple, tuple[str, str] | None] = {}  # bounded by the run's rules x fields
    messages: dict[str, str] = {}  # bounded below
    places: dict[int, tuple[Related, str]] = {}  # by id, the place kept alive with its text: bounded below
    blocks: dict[int, tuple[object, str]] = {}  # `relatedLocations` by the places' id, as `places`
    files: dict[str, str] = {}  # a file's `artifactLocation`: bounded below
    card_key: tuple | None = None  # (card title, project code, unit, path) of `card`
    card: tuple[str, str, str] | None = None  # `_card_parts` of `card_key`
    place = card_closed = card_ended = ""  # its parts
    # Every result is written after its separator, which the first piece's first result drops.
    out: list[str] = []
    n = 0
    first = True
    for f, fp in zip(findings, fps, strict=True):
        n += 1
        line, column, end, message = f.line, f.column, f.end_column, f.message
        general = f.office or type(line) is not int or type(column) is not int or type(message) is not str
        if not general:
            if end is None:
                # `_region`: a cell spread over lines marks its first line; an empty cell, nothing.
                text = f.text
                if type(text) is str:
                    cut = text.find("\n")
                    end = column + (len(text) if cut < 0 else cut)
                else:
                    general = True
            elif type(end) is not int:
                general = True
        if not general:
            key = (f.code, f.severity, f.family, f.field)
            rule = rules.get(key)
            if rule is None and key not in rules:
                if len(rules) >= _TEXTS:
                    rules.clear()
                rule = rules[key] = _rule_parts(*key, index)
            key = (f.card_title, f.project_code, f.unit, f.path)
            if key != card_key:  # consecutive findings mostly share their card
                card_key = key
                card = _card_parts(*key, files)
                if card is not None:
                    place, card_closed, card_ended = card
            general = rule is None or card is None
        if general:
            out.append(_SEP_ITEM + _indented(result(f, index.get(f.code, -1), fp), _ITEM))
        else:
            head, opening = rule  # type: ignore[misc]
            msg = messages.get(message)
            if msg is None:
                if len(messages) >= _TEXTS:
                    messages.clear()
                msg = messages[message] = _enc(message)[:-1]  # the card's suffix closes the quotes
            # Appended in parts, joined once with the batch: a result's own string was a copy more.
            numbers = f"{line}{_START_COLUMN}{column}{_END_LINE}{line}{_END_COLUMN}{end}{_FINGERPRINT}"
            related = f.related
            if related:
                block = blocks.get(id(related))
                if block is None or block[0] is not related:
                    if len(blocks) >= _BLOCKS:
                        blocks.clear()
                    items = []
                    for i, r in enumerate(related, start=1):
                        hit = places.get(id(r))
                        if hit is None or hit[0] is not r:
                            if len(places) >= _PLACES:
                                places.clear()
                            hit = places[id(r)] = (r, _related_rest(r, files))
                        items.append(f"{_I12}{{\n{_I14}\"id\": {i},\n{_I14}{hit[1]}")
                    block = blocks[id(related)] = (related, _RELATED + ",\n".join(items) + _END_RELATED)
                out += (head, msg, place, numbers, _enc(fp), opening, card_closed, block[1], _END_RESULT)
            else:
                out += (head, msg, place, numbers, _enc(fp), opening, card_ended)
        if n == _BATCH:
            if first:
                out[0] = out[0][len(",\n"):]
                first = False
            yield "".join(out)
            out.clear()
            n = 0
    if n:
        if first:
            out[0] = out[0][len(",\n"):]
        yield "".join(out)


def _rule_parts(code: object, severity: object, family: object, field: object,
                index: dict[str, int]) -> tuple[str, str] | None:
    """A result's text up to its message's text, and from its fingerprint's to the card's lines of
    its `properties`; `None`: not a template's (or without family and field, whose `properties`
    may be `{}`), for the general writer."""
    rule_index = index.get(code, -1)  # type: ignore[call-overload]
    lines = _property_lines(("family", family), ("field", field))
    if type(code) is not str or type(rule_index) is not int or not lines:
        return None
    head = (f"{_SEP_ITEM}{{\n{_I10}\"ruleId\": {_enc(code)},\n{_I10}\"ruleIndex\": {rule_index},\n"
            f"{_I10}\"level\": {_enc(LEVELS.get(severity, 'warning'))},\n"
            f"{_I10}\"message\": {{\n{_I12}\"text\": ")
    return head, f"{_PROPERTIES}{{{lines[1:]}"  # type: ignore[index]


def _artifact_text(path: str, files: dict[str, str]) -> str:
    """`artifactLocation` at its depth in a result's location and in a related location (the same),
    kept in `files`."""
    made = files.get(path)
    if made is None:
        if len(files) >= _PLACES:
            files.clear()
        made = files[path] = _indented(dict(_artifact_location(path)), _I16)
    return made


def _card_parts(card_title: object, project_code: object, unit: object, path: object,
                files: dict[str, str]) -> tuple[str, str, str] | None:
    """What a result's card and file make of its text: from the end of the message's text (its card
    suffix, then the closing quote) to the region's start line; the card's lines of `properties`
    and the end of them; the same and the end of the result. `None`: not a template's."""
    if (type(card_title) is not str and card_title is not None) or type(path) is not str:
        return None
    title = _enc(card_title) if card_title else ""
    card_lines = _property_lines(("projectCode", project_code), ("unit", unit))
    if card_lines is None:
        return None
    if title:
        card_lines = f",\n{_I12}\"card\": {title}{card_lines}"
    # `_enc(f" ({card_title})")[1:]`: the escaping is character by character.
    suffix = f" ({title[1:-1]})\"" if title else '"'
    place = f"{suffix}{_AFTER_MESSAGE}{_artifact_text(path, files)}{_REGION}"
    closed = card_lines + _END_PROPERTIES
    return place, closed, closed + _END_RESULT


def _property_lines(*pairs: tuple[str, object]) -> str | None:
    """The lines of a result's `properties` the pairs with a value make, each after a comma
    (`None`: a value not a string, for the general writer, since keys of equal values share
    their text)."""
    out = []
    for k, v in pairs:
        if v is not None and type(v) is not str:
            return None
        if v:
            out.append(f",\n{_I12}\"{k}\": {_enc(v)}")
    return "".join(out)


def _related_rest(r: Related, files: dict[str, str]) -> str:
    """A related location's text after its id (the id, its first key, counts the finding's places)."""
    message = r.message or (f"card: {r.card_title}" if r.card_title else "related location")
    if (r.office or type(r.line) is not int or type(r.column) is not int or type(r.path) is not str
            or type(message) is not str):
        head = f"{{\n{_I14}\"id\": 1,\n{_I14}"
        return _indented(_related(1, r), _I12)[len(head):]
    return (f"\"physicalLocation\": {{\n{_I16}\"artifactLocation\": {_artifact_text(r.path, files)},\n"
            f"{_I16}\"region\": {{\n{_I18}\"startLine\": {r.line},\n{_I18}\"startColumn\": {r.column}\n"
            f"{_I16}}}\n{_I14}}},\n{_I14}\"message\": {{\n{_I16}\"text\": {_enc(message)}\n"
            f"{_I14}}}\n{_I12}}}")
