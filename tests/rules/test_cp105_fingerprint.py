"""CP105's card fingerprint (a hash of the goal's and the rows' cached hashes) groups cards exactly
as the card's whole text with the years masked does."""

from __future__ import annotations

from operator import attrgetter

from benchmarks.synth_files import write_corpus
from lint.load import expand_paths, load_document
from lint.model import Card, Indicator
from lint.rules.cp105_unchanged_year import _fingerprint
from lint.similarity import is_substantive, normalize_years
from lint.text import compact
from tests.conftest import MARKDOWN, OCR, WORD, parsed

_ROW = attrgetter("level2", "name", "description", "value", "basis")


def _text_key(card: Card) -> str | None:
    """The fingerprint as it was: the card's text itself, years masked."""
    if not compact(card.goal_text) or not any(is_substantive(i.name, i.description) for i in card.indicators):
        return None
    rows = ("\x1f".join(map(normalize_years, _ROW(i))) for i in card.indicators)
    return "\x1e".join([normalize_years(card.goal_text), *rows])


def test_fingerprints_group_cards_as_their_text_does(tmp_path):
    write_corpus(3, tmp_path)
    docs = [parsed(WORD), parsed(MARKDOWN), parsed(OCR), *(load_document(p) for p, _ in expand_paths([str(tmp_path)]))]
    by_text: dict[str | None, set] = {}
    by_print: dict[int | None, set] = {}
    for card in (c for d in docs for c in d.cards):
        key, fp = _text_key(card), _fingerprint(card)
        assert (key is None) == (fp is None)
        by_text.setdefault(key, set()).add(fp)
        by_print.setdefault(fp, set()).add(key)
    assert all(len(v) == 1 for v in by_text.values()) and all(len(v) == 1 for v in by_print.values())
    assert len(by_text) > 100


def test_only_the_years_may_differ():
    row = Indicator(level2="数量指标", name="培训人数2024年", description="参加培训的人数统计", value="100人")
    card = Card(goal_text="2024年完成培训任务", indicators=[row])
    moved = Card(goal_text="2025年完成培训任务", indicators=[Indicator(**{**_fields(row), "name": "培训人数2025年"})])
    other = Card(goal_text="2025年完成培训任务", indicators=[Indicator(**{**_fields(row), "value": "101人"})])
    assert _fingerprint(card) == _fingerprint(moved) != _fingerprint(other)


def _fields(ind: Indicator) -> dict:
    return {f: getattr(ind, f) for f in ("level2", "name", "description", "value", "basis")}
