"""SARIF results are written from templates and parts kept while they recur (`results_text`): over
every finding of the corpus and the samples, perturbed and shuffled ones and crafted odd ones, they
must be what the general writer makes of each result's dict, in any share of the findings."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from lint.baseline import fingerprint, fingerprints, numbered_fingerprints
from lint.check import run_rules
from lint.report.findings import _indented
from lint.report.sarif import _ITEM, format_sarif, result, results_text
from lint.rules import all_rules
from lint.rules.base import Finding, Related
from tests.conftest import CORPUS, parsed

SAMPLES = Path(__file__).parents[2] / "samples"
OFFICE = (("table", 2), ("row", 5), ("cell", 3))
SHEET = (("sheet", "表1 \"预算\""), ("ref", "C12"))
ODD_TEXTS = ("", "\n", "第一行\n第二行", "引号\"与\\反斜杠", "\t控制\x01\x1f字符", "𠀀𝌆😀 非BMP",
             "\u2028分隔\u2029", "\ud800孤立代理")


def _corpus_findings() -> list[Finding]:
    paths = sorted(CORPUS.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
    assert len(paths) >= 6
    return run_rules([parsed(p) for p in paths], settings={"budget_year": 2024})


def _odd_findings(real: list[Finding]) -> list[Finding]:
    """Findings and related places the corpus does not hold: office positions, texts that must be
    escaped, None where a string usually is, numbers of other types, paths that must be quoted."""
    rng = random.Random(9)
    base = next(f for f in real if f.related)
    plain = next(f for f in real if not f.related)
    related = (
        Related("a b/表.txt", 3, 1, 2, "2、门卫"),
        Related("/abs/路径 x.txt", 7, 4, None, "", "shares \"3\" of 4 rows\n"),
        Related("c.docx", 0, 0, 1, "卡", "", OFFICE),
        Related("d.xlsx", 0, 0, None, "", "同\t", SHEET),
        Related("e.txt", True, 2, 1, "𠀀"),  # a bool is not an int to the JSON writer
    )
    out = []
    for text in ODD_TEXTS:
        out += [
            dataclasses.replace(plain, message=text or "m", text=text, end_column=None),
            dataclasses.replace(plain, card_title=text, project_code=text or None, unit=text or None),
            dataclasses.replace(base, field=text or None, family=text,
                                path=f"x/{text}.txt".replace("\ud800", "")),
            dataclasses.replace(plain, message=f"{text}\"", related=(rng.choice(related),), office=OFFICE),
            dataclasses.replace(base, related=tuple(rng.sample(related, 3)), message=text + "末"),
        ]
    out += [
        dataclasses.replace(plain, office=SHEET),
        dataclasses.replace(plain, card_title=None, project_code=None, unit=None, field=None,  # type: ignore[arg-type]
                            family=""),
        dataclasses.replace(plain, line=True),
        dataclasses.replace(plain, column=2.5),  # type: ignore[arg-type]
        dataclasses.replace(plain, end_column=True),
        dataclasses.replace(plain, end_column=None, text=None),  # type: ignore[arg-type]
        dataclasses.replace(plain, end_column=None, text=""),
        dataclasses.replace(plain, unit=3, card_title=0),  # type: ignore[arg-type]
        dataclasses.replace(plain, unit=True),  # type: ignore[arg-type]
        dataclasses.replace(plain, field=1),  # type: ignore[arg-type]
        dataclasses.replace(plain, code="ZZ999", severity="fatal"),  # a rule the index lacks
        dataclasses.replace(plain, code=None),  # type: ignore[arg-type]
        dataclasses.replace(plain, path="C:\\win\\表 1.txt"),
        dataclasses.replace(plain, path="/abs/100% 表#1.txt"),
        dataclasses.replace(plain, related=[related[0], related[2]]),  # type: ignore[arg-type]
        dataclasses.replace(plain, related=(related[1],) * 3),
    ]
    # Neighbours that share all but one part, as in a report, and the same with all parts shared.
    return [g for f in out for g in (f, plain, f, dataclasses.replace(f, line=f.line), base)]


def _all_findings() -> list[Finding]:
    real = _corpus_findings()
    return real + random.Random(5).sample(real, len(real)) + _odd_findings(real)


def _fingerprints(findings: list[Finding]) -> list[str]:
    """Numbered fingerprints, and made-up ones (with characters to escape) where a finding has
    none (a lone surrogate cannot be encoded): `results_text` takes whatever it is given."""
    out = []
    for i, f in enumerate(findings):
        try:
            out.append(numbered_fingerprints([f])[0])
        except (TypeError, AttributeError, UnicodeEncodeError):
            out.append(f"made up \"{i}\\")
    return out


def _general(findings: list[Finding], fps: list[str], index: dict[str, int]) -> str:
    return ",\n".join(_ITEM + _indented(result(f, index.get(f.code, -1), fp), _ITEM)
                      for f, fp in zip(findings, fps, strict=True))


INDEX = {r.code: i for i, r in enumerate(all_rules())}


@pytest.mark.parametrize("room", [2, None])
def test_results_text_is_the_general_writers_text(room, monkeypatch):
    """Also with room for only two of each kept part, so the keeping is forgotten often."""
    import lint.report.sarif as sarif

    if room is not None:
        for name in ("_PLACES", "_BLOCKS", "_TEXTS"):
            monkeypatch.setattr(sarif, name, room)
    findings = _all_findings()
    assert {"CP101", "CP102"} <= {f.code for f in findings if f.related}  # related places, shared
    assert len(findings) > 4 * sarif._BATCH
    fps = _fingerprints(findings)
    pieces = list(results_text(findings, fps, INDEX))
    assert len(pieces) > 4
    assert all(p.startswith(",\n") for p in pieces[1:])
    assert "".join(pieces) == _general(findings, fps, INDEX)


def test_a_share_of_the_findings_gives_its_share_of_the_text():
    findings = _all_findings()
    fps = _fingerprints(findings)
    cuts = sorted({0, len(findings), *random.Random(3).sample(range(len(findings)), 6)})
    shares = ["".join(results_text(findings[a:b], fps[a:b], INDEX))
              for a, b in zip(cuts, cuts[1:], strict=False)]
    assert ",\n".join(shares) == "".join(results_text(findings, fps, INDEX))
    assert list(results_text([], [], INDEX)) == []


def test_odd_findings_make_a_report_json_reads_back():
    """The crafted findings through `format_sarif`: the report is the JSON of what it says."""
    odd = _odd_findings(_corpus_findings())
    findings = [f for f, fp in zip(odd, _fingerprints(odd), strict=True)
                if f.code is not None and fp.endswith(":1")]
    assert len(findings) > 100
    text = format_sarif(findings, list(all_rules()), [])
    doc = json.loads(text)
    assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    results = doc["runs"][0]["results"]
    assert len(results) == len(findings)
    assert any("logicalLocations" in r["locations"][0] for r in results)
    assert any("\n" in r["message"]["text"] for r in results)


@pytest.mark.parametrize("room", [2, None])
def test_fingerprints_of_a_report_are_each_findings_fingerprint(room, monkeypatch):
    """`fingerprints` hashes on from the card's state and keeps finding parts (with room for two
    of them too, so the keeping is forgotten often)."""
    import lint.baseline as baseline

    if room is not None:
        monkeypatch.setattr(baseline, "_PARTS", room)
    every = _all_findings()
    findings = [f for f, fp in zip(every, _fingerprints(every), strict=True) if not fp.startswith("made up")]
    expected = [fingerprint(f) for f in findings]
    assert list(fingerprints(findings)) == expected
    seen: dict[str, int] = {}
    numbered = []
    for fp in expected:
        seen[fp] = seen.get(fp, 0) + 1
        numbered.append(f"{fp}:{seen[fp]}")
    assert numbered_fingerprints(findings) == numbered
    assert max(seen.values()) > 1
