from __future__ import annotations

from lint.model import Card, Document
from lint.text import compact


def card_record(card: Card, squeeze: bool = False) -> dict:
    """A card's parsed values, without positions (line numbers and locs differ by format).

    `squeeze` compares text without whitespace: a PDF has no paragraph marks, so where a cell's
    text wraps is layout, not content."""
    data = card.model_dump(exclude={"locs", "line"})
    for ind in data["indicators"]:
        ind.pop("locs")
        ind.pop("line")
    return _squeeze(data) if squeeze else data


def _squeeze(value):
    if isinstance(value, str):
        return compact(value)
    if isinstance(value, dict):
        return {k: _squeeze(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_squeeze(v) for v in value]
    return value


def assert_same_records(office: Document, text: Document, squeeze: bool = False) -> None:
    assert len(office.cards) == len(text.cards)
    for got, want in zip(office.cards, text.cards, strict=True):
        assert card_record(got, squeeze) == card_record(want, squeeze), want.title
    assert (office.department, office.budget_year) == (text.department, text.budget_year)
