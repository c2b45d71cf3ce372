"""The serial tail of a run (`lint.check.finish`): documents' findings come settled from
`check_document` and only the cross-document findings are merged in; the result must be what a
plain deduplication and sort of every finding gives."""

from __future__ import annotations

import random

import pytest

from lint.check import DocResult, _tied_equal, check_document, finish, settle
from lint.rules import select_rules
from lint.rules.base import Finding, Related
from tests.conftest import MARKDOWN, OCR, WORD, parsed


def plain(findings: list[Finding], overrides: dict[str, str] | None = None) -> list[Finding]:
    """The tail as it was: every finding, overrides applied, the first of equals kept, sorted."""
    from lint.check import _with_severity

    findings = [_with_severity(f, overrides) for f in findings] if overrides else list(findings)
    return sorted(dict.fromkeys(findings), key=Finding.sort_key)


def _raw(doc, rules, settings) -> list[Finding]:
    """A document's per-document findings in the order the rules yield them, unsettled."""
    from lint.rules.base import Context

    ctx = Context(document=doc, budget_year=settings.get("budget_year") or doc.budget_year, settings=settings)
    return [f for r in rules if not hasattr(r, "check_collected") for f in r.check_document(doc, ctx)]


@pytest.mark.parametrize("overrides", [{}, {"CP101": "error", "placeholder": "info"}])
def test_finish_over_the_corpus_equals_a_plain_sort_of_everything(overrides):
    settings = {"budget_year": 2024, "severity": overrides}
    rules = [r() for r in select_rules()]
    docs = [parsed(p) for p in (OCR, MARKDOWN, WORD)]
    results = [check_document(d, rules, settings) for d in docs]
    for d, r in zip(docs, results, strict=True):
        assert r.findings == plain(_raw(d, rules, settings), overrides)  # settled in check_document
    cross = [f for rule in rules if hasattr(rule, "check_collected")
             for f in rule.check_collected([i for r in results for i in r.collected.get(rule.code, ())], settings)]
    assert cross  # the corpus has copies between cards, so the merge is exercised
    everything = [f for d in docs for f in _raw(d, rules, settings)] + cross
    assert finish(list(reversed(results)), rules, settings) == plain(everything, overrides)


def _finding(rng: random.Random, path: str, lines: int = 4, fields: tuple = (None, "goal_text")) -> Finding:
    related = (Related(path, 3, 1, 1, "t"),) if rng.random() < 0.3 else ()
    return Finding(rng.choice("AB"), "n", "f", rng.choice(("warning", "error")), rng.choice("xy"), path,
                   rng.randint(1, lines), rng.randint(1, 2), field=rng.choice(fields), related=related)


@pytest.mark.parametrize("lines", [4, 40])
def test_merged_equals_settle_of_both_lists_property_style(lines, monkeypatch):
    """Ties, equal findings on both sides and on one side, empty sides: over random small lists.
    All three ways through `_merged`: no settled finding on the line, some on it but none with the
    leading fields, some with them (the whole key decides; counted)."""
    import lint.check as check

    tied = []
    monkeypatch.setattr(check, "_tied_equal", lambda *args: tied.append(1) or _tied_equal(*args))
    rng = random.Random(8)
    for _ in range(3000):
        a = settle([_finding(rng, "p", lines) for _ in range(rng.randint(0, 12))], {})
        b = settle([_finding(rng, "p", lines) for _ in range(rng.randint(0, 6))]
                   + rng.sample(a, min(len(a), rng.choice((0, 2)))), {})
        merged = check._merged(a, b)
        assert merged == plain(a + b)
        # The same objects in the same order, not only equal ones: a tie keeps the first (a's).
        assert [id(f) for f in merged] == [id(f) for f in dict.fromkeys(plain(a + b))]
    assert 300 < len(tied) < 10_000


# Fields None (which the sort key reads as "") in some findings, and in none: `settle` then takes
# the keys by a getter of the fields.
@pytest.mark.parametrize("fields", [(None, "goal_text"), ("", "goal_text")])
def test_settle_is_the_plain_dedup_and_sort_property_style(fields):
    """Equal findings, ties that are not equal, overrides: the same objects as the first of equals,
    sorted stably, over random small lists."""
    rng = random.Random(11)
    unique = 0
    for _ in range(3000):
        found = [_finding(rng, rng.choice("pq"), fields=fields) for _ in range(rng.randint(0, 14))]
        found += [rng.choice(found) for _ in range(rng.randint(0, 3))] if found else []
        rng.shuffle(found)
        assert [id(f) for f in settle(found, {})] == [id(f) for f in plain(found)]
        assert settle(iter(found), {"A": "info"}) == plain(found, {"A": "info"})
        unique += len(set(map(Finding.sort_key, found))) == len(found)
    # Both ways through `settle`: lists with no two sort keys alike (taken in order at once) and
    # lists with ties to look through.
    assert 300 < unique < 2700


def test_finish_with_a_path_checked_twice_or_a_finding_at_no_document():
    """Two results of one path are deduplicated across each other (the general path); a cross
    finding at a path without a result still comes out, in order."""
    rng = random.Random(3)

    class Cross:
        code = "XX"

        def check_collected(self, items, settings):
            return items

    extra = [_finding(rng, "<run>"), _finding(rng, "a")]
    a1 = settle([_finding(rng, "a") for _ in range(8)], {})
    a2 = settle([_finding(rng, "a") for _ in range(8)] + a1[:3], {})
    z = settle([_finding(rng, "z") for _ in range(5)], {})
    results = [DocResult("a", a1, {"XX": extra}), DocResult("z", z), DocResult("a", a2)]
    assert finish(results, [Cross()], {}) == plain(a1 + z + a2 + extra)
    results = [DocResult("z", z), DocResult("a", a1, {"XX": extra})]
    assert finish(results, [Cross()], {}) == plain(a1 + z + extra)


def test_finding_hash_agrees_with_equality():
    rng = random.Random(5)
    found = [_finding(rng, rng.choice("pq")) for _ in range(2000)]
    for f, g in zip(found, found[1:], strict=False):
        if f == g:
            assert hash(f) == hash(g)
    assert len(set(found)) == len(dict.fromkeys(found)) == len({tuple(vars_of(f)) for f in found})


def vars_of(f: Finding) -> list:
    import dataclasses

    return [getattr(f, fl.name) for fl in dataclasses.fields(f)]


def test_card_outlines_come_back_from_a_worker_whole():
    import pickle

    from lint.check import CardOutline

    for outline in (CardOutline(3, "3、门卫经费", "门卫经费", 120), CardOutline(None, "", "", None)):
        back = pickle.loads(pickle.dumps(outline))
        assert back == outline and type(back) is CardOutline
