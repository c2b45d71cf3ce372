"""Copy-paste rules (CP101–CP105) on real cards of the shared corpus. Expected lines and columns were
read from the source text by hand (`sed -n LINEp`), not from the code under test."""

from __future__ import annotations

import pytest

from lint.check import run_rules
from lint.model import Document, Paragraph
from lint.rules import get_rule
from tests.conftest import MARKDOWN, OCR, WORD, parsed


def run(code: str, docs: list[Document], **settings) -> list:
    rule = get_rule(code)
    assert rule is not None
    return run_rules(docs, [rule], settings)


def corpus() -> list[Document]:
    return [parsed(OCR), parsed(MARKDOWN), parsed(WORD)]


def at(findings, path, line):
    return [f for f in findings if f.path == str(path) and f.line == line]


# -- CP101 copied goal -----------------------------------------------------------------------
def test_cp101_startup_loan_cards_of_002_are_one_group():
    found = run("CP101", corpus())
    # 002 card 33: `<b>绩效目标</b>` + TAB, the goal starts at column 13 of line 1664.
    (f,) = at(found, MARKDOWN, 1664)
    assert (f.code, f.column, f.card_seq, f.field) == ("CP101", 13, 33, "goal_text")
    assert "card 29 创业担保贷款财政贴息资金" in f.message
    # The 2021 and 2019 石人社规 numbers differ only in a number: the whole group of seven cards.
    assert {r.line for r in f.related} == {1586, 1646, 1682, 1700, 1718}
    assert "and 5 more" in f.message
    seqs = {x.card_seq for x in found if x.path == str(MARKDOWN) and "创业担保贷款" in x.message}
    assert seqs == {29, 32, 33, 34, 35, 36, 37}


def test_cp101_reform_office_copies_state_security_goal_in_004():
    found = run("CP101", corpus())
    (f,) = at(found, WORD, 1319)  # card 11 改革办专项经费, goal cell `\t1.强化安全防范…`
    assert (f.column, f.card_seq) == (2, 11)
    assert f.message.startswith("绩效目标 is the same as the goal of card 6 国安办专项经费")
    assert [(r.line, r.card_seq) for r in f.related] == [(802, 6)]


def test_cp101_shared_first_sentence_is_not_a_copy():
    # 004 cards 2, 7, 8 all start `坚持做到应修必修…` but go on differently.
    found = run("CP101", corpus())
    assert not [f for f in found if f.path == str(WORD) and f.card_seq in (2, 7, 8)]
    # 004 cards 9 and 19: two units' 贫困学生救助专项经费, different goals: no finding.
    assert not [f for f in found if f.path == str(WORD) and f.card_seq in (9, 19)]
    # 002 short one-phrase goals (`保障就业工作正常开展`, card 28) are never compared.
    assert not [f for f in found if f.path == str(MARKDOWN) and f.card_seq in (24, 28, 40, 42)]


def test_cp101_threshold_is_configurable():
    # Cards 27 and 44 of 004 (two units' labour-dispatch goals) are 94% alike (character bigrams;
    # the pair scores 0.937, while the next most similar pair of the corpus, 3 and 27, scores 0.68).
    assert at(run("CP101", corpus()), WORD, 3023)
    assert not at(run("CP101", corpus(), copy_paste_threshold=0.95), WORD, 3023)


def test_cp101_across_documents_names_the_other_file():
    word = parsed(WORD)
    other = word.model_copy(update={"path": "other/004_copy.txt", "department": "另一个单位"})
    found = run("CP101", [word, other])
    (f,) = at(found, WORD, 1625)  # card 14's goal; card 16 and both copies of the other file match
    assert f.card_seq == 14
    assert any(r.path == "other/004_copy.txt" and r.line == 1625 for r in f.related)


# -- CP102 copied grid -----------------------------------------------------------------------
def test_cp102_one_finding_per_group():
    found = run("CP102", corpus())
    loans = [f for f in found if f.path == str(MARKDOWN) and "card 32" in f.message]
    assert len(loans) == 1  # once for the group, not once per pair (7 cards → 21 pairs)
    (f,) = loans
    assert (f.line, f.card_seq, f.field) == (1577, 29, "title")
    assert "6 other card(s)" in f.message
    assert {r.card_seq for r in f.related} == {32, 33, 34, 35, 36}  # five shown, "and 1 more"
    assert "and 1 more" in f.message


def test_cp102_science_association_grids_of_004():
    found = run("CP102", corpus())
    (f,) = at(found, WORD, 3093)  # card 29 科技服务能力建设经费 title line
    assert [r.card_seq for r in f.related] == [30, 31, 32]


def test_cp102_boilerplate_rows_are_not_a_copy():
    # 004 cards 9 and 19 share a name; 004 cards 1 and 3 share only `0`-description rows.
    found = run("CP102", corpus())
    involved = {f.card_seq for f in found if f.path == str(WORD)} | {
        r.card_seq for f in found for r in f.related if r.path == str(WORD)}
    assert not involved & {1, 3, 9, 19}


# -- CP103 foreign subject -------------------------------------------------------------------
def test_cp103_gatehouse_satisfaction_in_labour_dispatch_card():
    found = run("CP103", corpus())
    (f,) = at(found, WORD, 553)
    assert (f.code, f.column, f.card_seq, f.field) == ("CP103", 2, 3, "description")
    assert "'门卫'" in f.message and "card 1 门卫安保经费" in f.message
    assert [(r.line, r.card_seq) for r in f.related] == [(252, 1)]
    # Card 27 统战部劳务派遣人员工资 carries the same pasted row (line 3088).
    assert [x.card_seq for x in at(found, WORD, 3088)] == [27]


def test_cp103_subject_in_its_own_card_is_fine():
    found = run("CP103", corpus())
    # 004 card 1's own 门卫 rows (lines 332 ff.), and card 16's row copied from card 14 as a whole.
    assert not [f for f in found if f.path == str(WORD) and f.card_seq in (1, 16)]
    assert len(found) == 2


# -- CP104 repeated paragraph ----------------------------------------------------------------
def test_cp104_repeated_goal_paragraph():
    word = parsed(WORD)
    narrative = list(word.narrative)
    pasted = next(p for p in narrative if p.line == 187)  # 机关工委绩效目标 paragraph
    doc = word.model_copy(update={"narrative": narrative + [Paragraph(text=pasted.text.replace("负责人", "负责同志"), line=9999)]})
    (f,) = run("CP104", [doc])
    assert (f.line, f.field, f.related[0].line) == (9999, "narrative", 187)


def test_cp104_real_narratives_have_no_repeat():
    # 004 lines 205/207 share a sentence; 002 repeats the short heading `绩效指标:` 21 times.
    assert run("CP104", corpus()) == []


# -- CP105 unchanged across years ------------------------------------------------------------
def _next_year(doc: Document, bump_value: bool = False) -> Document:
    cards = []
    for card in doc.cards:
        c = card.model_copy(deep=True)
        c.goal_text = c.goal_text.replace("2021", "2022").replace("2019", "2020")
        if bump_value and c.seq == 29:
            c.indicators[3].value = "≤2.00 万元"
        cards.append(c)
    return doc.model_copy(update={"path": "next/002_2025.txt", "budget_year": 2025, "cards": cards})


def test_cp105_card_unchanged_apart_from_year():
    md = parsed(MARKDOWN)
    found = run("CP105", [md, _next_year(md)])
    f = next(x for x in found if x.card_seq == 29)
    assert (f.path, f.line, f.severity) == ("next/002_2025.txt", 1577, "info")
    assert f.related[0].path == str(MARKDOWN) and f.related[0].line == 1577
    assert all(x.path == "next/002_2025.txt" for x in found)


def test_cp105_changed_target_is_not_reported():
    md = parsed(MARKDOWN)
    found = run("CP105", [md, _next_year(md, bump_value=True)])
    assert not [x for x in found if x.card_seq == 29]
    assert run("CP105", [md]) == []


def test_cp101_leaves_other_years_of_the_same_unit_to_cp105():
    md = parsed(MARKDOWN)
    found = run("CP101", [md, _next_year(md)])
    assert not [r for f in found for r in f.related if r.path != f.path]


# Copies of the corpus in units and years that repeat, so that groups run past their heads and some
# copies are of one unit in two years (not matched with each other); in the second list, units that
# come only past the heads, in two years (matched by their goal alone: no head card is theirs).
@pytest.mark.parametrize("units", [
    [("县委办", 2024), ("县委办", 2023), ("县财政局", 2024), (None, None), ("县委办", 2024), ("县财政局", 2025),
     ("县委办", None)] * 2,
    [("县委办", 2024), ("县委办", 2023), ("县财政局", 2024), (None, None)] * 2
    + [("县教育局", 2024), ("县教育局", 2023), ("县卫健委", 2025), ("县委办", 2025), ("县教育局", None)] * 2,
])
def test_cp101_cards_past_a_groups_head_match_as_the_definition_says(units):
    """A card past the head of a group matches among the group's first cards, worked out once per
    (unit, goal), or per goal for a unit none of the head's cards has: each finding must name what
    the definition gives, the first `4 × max_related` cards of the group other than itself, looked
    at one by one."""
    import dataclasses

    from lint.rules.base import Context
    from lint.rules.cp101_copied_goal import _matching
    from lint.similarity import ShingleList, near_duplicate_groups
    from lint.text import compact

    rule = get_rule("CP101")()
    items = []
    for n, (dept, year) in enumerate(units):
        for doc in corpus():
            ctx = Context(document=doc, budget_year=2024)
            for ref, goal in rule.collect(doc, ctx):
                items.append((dataclasses.replace(ref, path=f"{n}/{ref.path}", department=dept, budget_year=year),
                              goal))
    settings = {"copy_paste_max_related": 2}
    found = {(f.path, f.line): f for f in rule.check_collected(items, settings)}
    sets = ShingleList([goal[0] for _, goal in items], 15)
    unit = {j: (bool(ref.department), compact(ref.department or ""), ref.budget_year) for j, (ref, _) in enumerate(items)}
    groups = near_duplicate_groups(sets, 0.85)
    assert max(map(len, groups)) > 4 * 2 + 1  # some cards are past their group's head
    expected = {}
    for group in groups:
        for i in group:
            matches = _matching(i, [j for j in group if j != i][:8], unit, sets, 0.85, 2)
            if matches:
                ref = items[i][0]
                expected[ref.path, ref.line] = [(items[j][0].path, items[j][0].line) for _, j in matches]
    assert len(expected) > 100
    assert {k: [(r.path, r.line) for r in f.related] for k, f in found.items()} == expected
