"""Rules with a document pass (`check_document` through `lint.rules._docrows`) keep `check_card` as
the reference: over every card of the corpus and of a synthetic corpus (every copy another unit and
other texts), the document pass gives the very findings of `check_card` card by card, in order."""

from __future__ import annotations

import copy
from itertools import chain

import pytest

from benchmarks.synth_files import write_corpus
from lint.load import expand_paths, load_document
from lint.model import Card, Document, Indicator
from lint.rules import all_rules
from lint.rules._docrows import DocRows
from lint.rules.base import Context, Rule
from tests.conftest import MARKDOWN, OCR, WORD, parsed

DOCUMENT_PASS = sorted(r.code for r in all_rules()
                       if r.check_document is not Rule.check_document and r.check_card is not Rule.check_card)


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Document]:
    folder = tmp_path_factory.mktemp("synth")
    write_corpus(2, folder)
    synthetic = [load_document(p) for p, _ in expand_paths([str(folder)])]
    corpus = [parsed(WORD), parsed(MARKDOWN), parsed(OCR)]
    return [*corpus, *synthetic, *map(_flipped, corpus), _mangled(parsed(WORD))]


def _mangled(doc: Document) -> Document:
    """The document with a few structures broken (the corpus has none): a card without its 效益
    rows, a 数量 row under 效益指标, an unknown 二级."""
    doc = copy.deepcopy(doc)
    doc.path += " (mangled)"
    a, b, c = doc.cards[1:4]
    a.indicators = [i for i in a.indicators if "效益" not in i.level1]
    b.indicators[0].level1, b.indicators[0].level2, b.indicators[0].level1_inferred = "效益指标", "数量指标", False
    c.indicators[0].level2 = "工作质效"
    return doc


_FLIP = {"≥": "≤", "≤": "≥", ">": "<", "<": ">"}


def _flipped(doc: Document) -> Document:
    """The document with every operator turned round and every percentage 20 lower: rows the corpus
    lacks (a floor on a failure rate, a low satisfaction target) for the rules that look for them."""
    doc = copy.deepcopy(doc)
    doc.path += " (flipped)"
    for card in doc.cards:
        for ind in card.indicators:
            pv = ind.parsed
            pv.op = _FLIP.get(pv.op, pv.op)  # type: ignore[arg-type]
            if pv.kind == "percent" and pv.number is not None:
                pv.number -= 20
    return doc


def test_the_rules_with_a_document_pass():
    assert {"PH001", "PH002", "PH003", "PH004", "ST006", "VG001"} <= set(DOCUMENT_PASS)


@pytest.mark.parametrize("code", DOCUMENT_PASS)
def test_document_pass_is_check_card_over_the_cards(documents, code):
    rule = next(r for r in all_rules() if r.code == code)()
    total = 0
    for doc in documents:
        for memo in ({}, None):  # shared facts of a document check, and none (a Context made elsewhere)
            ctx = Context(document=doc, budget_year=doc.budget_year, memo=memo)
            fast = list(rule.check_document(doc, ctx))
            slow = list(chain.from_iterable(rule.check_card(c, Context(document=doc, budget_year=doc.budget_year))
                                            for c in doc.cards))
            assert fast == slow
        total += len(fast)
    assert total > 0  # the corpus has findings of each of these rules


def test_doc_rows_line_up_with_the_cards():
    a, b, c = Indicator(name="a"), Indicator(name="b"), Indicator(name="c")
    doc = Document(path="x", layout="markdown", cards=[Card(indicators=[a, b]), Card(indicators=[]), Card(indicators=[c])])
    dr = DocRows(doc)
    assert dr.rows == [a, b, c] and dr.card_of == [0, 0, 2]


def test_cell_verdicts_are_the_rules_own_judges(documents):
    from lint.rules._docrows import (
        BARE_UNIT,
        CELL_FIELDS,
        EMPTY,
        REDACTED,
        STAND_IN,
        TEMPLATE,
        cell_verdicts,
        row_verdict,
    )
    from lint.rules.ph001_redacted import redaction_judge
    from lint.rules.ph002_template_leftover import _template_hit
    from lint.rules.ph003_stand_in_text import stand_in_words
    from lint.rules.ph004_empty_cell import bare_unit
    from lint.text import compact

    verdict, packed = cell_verdicts(), row_verdict()
    seen = set()
    for doc in documents:
        for card in doc.cards:
            for ind in card.indicators:
                texts = tuple(getattr(ind, f) for f in CELL_FIELDS)
                assert packed(texts) == sum(verdict(t) << (5 * k) for k, t in enumerate(texts))
                seen.update(texts)
    for text in seen | {"", " ", "涉密", "1.目标内容1", "万元", "０", "——"}:
        v = verdict(text)
        if not compact(text):
            assert v == EMPTY
            continue
        assert bool(v & REDACTED) == redaction_judge()(text)
        assert bool(v & TEMPLATE) == (_template_hit(text) is not None)
        assert bool(v & STAND_IN) == (compact(text) in stand_in_words())
        assert bool(v & BARE_UNIT) == bare_unit(text)
        assert not v & EMPTY
    assert len(seen) > 1000


def test_cached_structure_verdicts_are_the_per_row_ones(documents):
    # ST001 and ST002 cache what a card lacks by its (一级, 二级) cells: the same as worked out row by row.
    from lint.parse import levels
    from lint.rules._cardrows import level1s, level_pairs, short_level
    from lint.rules.st001_missing_level1 import _missing
    from lint.rules.st002_missing_output_level2 import _output_gap

    gaps = 0
    for doc in documents:
        for card in doc.cards:
            present = level1s(card)
            assert _missing(level_pairs(card))[0] == tuple(r for r in levels.required()["level1"] if r not in present)
            gap = _output_gap(level_pairs(card))
            if "产出指标" not in present:
                assert gap is None
                continue
            rows = [k for k, l1 in enumerate(present) if l1 == "产出指标"]
            required = [r for r in levels.required()["output_level2"] if r != "成本指标" or "成本指标" not in present]
            have = {levels.canonical(card.indicators[k].level2) for k in rows}
            missing = tuple(r for r in required if r not in have)
            if not missing:
                assert gap is None
                continue
            gaps += 1
            assert gap == (rows[0], missing, tuple(short_level(r) for r in required if r in have),
                           "error" if len(missing) == len(required) else None)
    assert gaps > 0


@pytest.mark.parametrize("extra", ["", "1.", "（2）；", " 1、\n2、", "1.保障运转", "——", "目标", "12 。"])
def test_goal_skeleton_by_fullmatch_is_the_substitution(documents, extra):
    import re

    from lint.rules.st005_empty_goal import _SKELETON, _has_words
    from lint.text import compact

    for text in {c.goal_text for d in documents for c in d.cards} | {extra, extra * 3}:
        assert _has_words(text) == bool(re.sub(_SKELETON, "", compact(text)))


def _spend_plan_oracle(spend_plan: dict, ocr: bool):
    """BI003's verdict worked out afresh for one card (the code before it was cached per plan)."""
    from itertools import pairwise

    from lint.rules._kinds import budget_settings

    periods = [str(p) for p in budget_settings()["periods"]]
    plan = [(p, spend_plan[p]) for p in periods if spend_plan.get(p) is not None]
    plan += [(p, v) for p, v in spend_plan.items() if p not in periods and v is not None]
    if not plan:
        return None
    over = next(((p, v) for p, v in plan if v > 100 + 1e-9), None)
    if over:
        return over[0], "error"
    if plan[-1][1] < 100 - 1e-9 and (not ocr or all(p in spend_plan for p in periods)):
        return plan[-1][0], None
    return next(((p1, None) for (_, v0), (p1, v1) in pairwise(plan) if v1 < v0 - 1e-9), None)


def test_spend_plan_verdict_cached_per_plan_is_the_card_one(documents):
    from lint.rules.bi003_spend_plan import _verdict

    plans = [dict(c.spend_plan) for d in documents for c in d.cards if c.spend_plan]
    plans += [{"一季度": 30.0, "二季度": 20.0}, {"一季度": 120.0}, {"12月底": 90.0}, {"二季度": None, "x": 50.0}]
    for plan in plans:
        for ocr in (False, True):
            got = _verdict(tuple(plan.items()), ocr)
            assert ((got[0], got[2]) if got else None) == _spend_plan_oracle(plan, ocr)
    assert len(plans) > 50


@pytest.mark.parametrize("extra", [["门卫"], ["门卫安保", "门卫", "满意"], ["工作", "工作完成", "资金"], []])
def test_cp103_cells_outside_the_owners_are_plain_containment(documents, extra):
    # CP103 finds the cells naming a subject outside its owners' cards through each row's cached
    # two-character pieces: the same cells as testing every cell for every word.
    from lint.rules._docrows import DocRows
    from lint.rules.cp103_foreign_subject import _named_outside
    from lint.similarity import subject_candidates
    from lint.text import compact

    total = 0
    for doc in documents:
        owners: dict[str, set[int]] = {}
        for k, c in enumerate(doc.cards):
            for w in [*subject_candidates(c.project_name or c.title), *extra]:
                owners.setdefault(w, set()).add(k)
        words = sorted(owners)
        dr = DocRows(doc)
        cells = [compact(t) for i in dr.rows for t in (i.name, i.description)]
        slow = {w: {i for i, cell in enumerate(cells) if w in cell and dr.card_of[i // 2] not in owners[w]}
                for w in words}
        assert _named_outside(words, owners, dr.rows, dr.card_of) == {w: s for w, s in slow.items() if s}
        total += sum(map(len, slow.values()))
    assert total > 0


def test_cp103_is_its_definition_over_the_documents(documents):
    # The reference: every word of a single project name that no other card's name, goal or 资金用途
    # holds (`_texts_with`, tested against containment), looked for in every cell of the document.
    from lint.rules.cp103_foreign_subject import ForeignSubject, _identity, _texts_with
    from lint.similarity import subject_candidates
    from lint.text import compact

    rule = ForeignSubject()
    total = 0
    for doc in documents:
        cards = [(doc, c) for c in doc.cards]
        names = [compact(c.project_name or c.title) for c in doc.cards]
        owners: dict[str, set[int]] = {}
        for k, c in enumerate(doc.cards):
            for w in subject_candidates(c.project_name or c.title):
                owners.setdefault(w, set()).add(k)
        single = [w for w, own in owners.items() if len({names[k] for k in own}) == 1]
        holders = _texts_with(single, [_identity(c) for c in doc.cards])
        claimed = {w: owners[w] for w in single if holders[w] <= owners[w]}
        by_first: dict[str, list[str]] = {}
        for w in sorted(claimed, key=lambda w: (-len(w), w)):
            by_first.setdefault(w[:2], []).append(w)
        expected = []
        for k, c in enumerate(doc.cards):
            for ind in c.indicators:
                for field in ("name", "description"):
                    hit = rule._subject_in(getattr(ind, field), ind, k, by_first, claimed, cards)
                    if hit is not None:
                        expected.append((c.seq, getattr(ind, field), field, hit[0], hit[2].seq))
        got = [(f.card_seq, f.text, f.field, f.message.split("names '")[1].split("'")[0], f.related[0].card_seq)
               for f in rule.check_document(doc, Context(document=doc, memo={}))]
        assert got == expected
        total += len(got)
    assert total > 0


def test_row_facts_are_the_predicates(documents):
    # The bits the IO/UM document passes pick rows by are the predicates their check_card asks.
    from lint.rules import _kinds as k

    rows = [i for d in documents for c in d.cards for i in c.indicators]
    for ind in rows:
        facts, name, pv = k.row_facts(ind), ind.name, ind.parsed
        assert bool(facts & k.RATE) == k.is_rate_name(name)
        assert bool(facts & k.COUNT_NAME) == k.is_count_name(name)
        assert bool(facts & k.SATISFACTION) == k.is_satisfaction(name)
        assert bool(facts & k.REVERSED) == k.is_reversed(name)
        assert bool(facts & k.UNBOUNDED) == k.is_unbounded_share(name)
        assert bool(facts & k.NEGATIVE) == (k.direction(name) == "negative")
        assert bool(facts & k.POSITIVE) == (k.direction(name) == "positive")
        assert bool(facts & k.FLOOR) == (pv.op in ("≥", ">"))
        assert bool(facts & k.CEILING) == (pv.op in ("≤", "<"))
        assert bool(facts & k.PERCENT) == (pv.kind == "percent")
        assert bool(facts & k.COUNT) == (pv.kind == "count")
        assert bool(facts & k.MONEY) == (pv.kind == "money")
        assert bool(facts & k.NUMBER) == (pv.kind == "number")
    assert len(rows) > 1000 and {k.row_facts(i) & k.NEGATIVE for i in rows} == {0, k.NEGATIVE}
    from lint.rules._docrows import DocRows, fact_groups

    for doc in documents:
        groups = fact_groups(DocRows(doc))
        assert sorted(r for g in groups.values() for r in g) == list(range(sum(len(c.indicators) for c in doc.cards)))
        assert all(k.row_facts(DocRows(doc).rows[r]) == facts for facts, g in groups.items() for r in g)
