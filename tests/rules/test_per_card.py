"""`Context.per_card`: facts several rules ask of a card, worked out once per document check."""

from __future__ import annotations

from lint.check import check_document
from lint.model import Card, Document, Indicator
from lint.rules import get_rule
from lint.rules._cardrows import level1s
from lint.rules.base import Context, title_ref


def test_worked_out_once_per_card_within_a_document_check(word_doc):
    calls: list[Card] = []

    def rows(card: Card) -> list[Indicator]:
        calls.append(card)
        return list(card.indicators)

    ctx = Context(document=word_doc, memo={})
    a, b = word_doc.cards[0], word_doc.cards[1]
    assert ctx.per_card(rows, a) is ctx.per_card(rows, a)
    assert ctx.per_card(rows, b) == list(b.indicators)
    assert calls == [a, b]
    # Another fact of the same card is its own entry.
    assert ctx.per_card(level1s, a) == level1s(a)


def test_without_a_memo_every_call_works_it_out_again():
    # A Context made outside check_document (tests change a card and check it again) keeps nothing.
    card = Card(indicators=[Indicator(level1="产出指标", level2="数量指标")])
    ctx = Context(document=Document(path="x.txt", layout="text", cards=[card]))
    assert ctx.per_card(level1s, card) == ["产出指标"]
    card.indicators[0].level1 = "效益指标"
    assert ctx.per_card(level1s, card) == ["效益指标"]


def test_cross_document_rules_share_one_title_reference(word_doc):
    result = check_document(word_doc, [get_rule("CP102")(), get_rule("CP105")()], {"budget_year": 2024})
    grid, year = result.collected["CP102"], result.collected["CP105"]
    assert len(grid) == len(year) == len(word_doc.cards)
    assert all(g[0] is y[0] for g, y in zip(grid, year, strict=True))
    # The same reference a fresh card_ref would give.
    ctx = Context(document=word_doc, budget_year=2024)
    assert [g[0] for g in grid] == [title_ref(word_doc, c, ctx) for c in word_doc.cards]
