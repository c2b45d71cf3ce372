"""Cards of absurd shapes: no indicator rows, hundreds or thousands of rows, a 1 MB cell. Every rule
runs on them in bounded, linear time (CP001/CP002 were quadratic: 2,000 rows took 56 s)."""

from __future__ import annotations

import time

import pytest

from lint.check import run_rules
from lint.parse.document import parse_text
from lint.rules import all_rules
from tests.conftest import MARKDOWN

LINES = MARKDOWN.read_text(encoding="utf-8").splitlines()
TITLE = "### 1、组织人社运转保障工作经费绩效目标表"
HEAD = LINES[1035:1044]  # 单位 line, 项目编码 … the grid header (002 card 1)
ROWS = LINES[1044:1051]  # its seven indicator rows


def card(rows: int, cell: tuple[int, int] | None = None, size: int = 0) -> str:
    """002 card 1 with `rows` indicator rows (its own seven, varied), optionally one cell (row,
    column) or the goal (row -1) grown to `size` characters."""
    body = []
    for i in range(rows):
        cells = ROWS[i % len(ROWS)].split("\t")
        cells[2] += str(i)  # distinct names: no row is a copy of another
        body.append(cells)
    head = list(HEAD)
    if cell is not None:
        r, c = cell
        if r < 0:
            head = [ln.replace("1.保障组织人社工作正常开展。", "1." + "保障工作正常开展" * (size // 8)) for ln in head]
        else:
            body[r][c] = "指标描述" * (size // 4)
    return "\n".join([TITLE, "", *head, *("\t".join(cells) for cells in body)])


def checked(text: str, seconds: float, longest: int = 0) -> float:
    start = time.monotonic()
    doc = parse_text(text, "shape.txt")
    assert len(doc.cards) == 1
    (parsed,) = doc.cards
    cells = [parsed.goal_text, *(t for i in parsed.indicators for t in (i.name, i.description, i.value))]
    assert max(map(len, cells)) >= longest  # the huge cell reached the card
    findings = run_rules([doc], all_rules())
    assert not [f for f in findings if f.code == "IN001"]  # no rule failed
    took = time.monotonic() - start
    assert took < seconds, took
    return took


def test_card_without_indicator_rows():
    doc = parse_text(card(0), "none.txt")
    assert doc.cards[0].indicators == []
    assert {f.code for f in run_rules([doc])} >= {"ST008"}


@pytest.mark.parametrize("rows", [500, 2000])
def test_card_with_hundreds_and_thousands_of_rows(rows):
    checked(card(rows), seconds=0.01 * rows)  # 2,000 rows: about 1.5 s (56 s before)


def test_rows_cost_linear_time():
    # Warm up caches (dictionaries, jieba), then compare: quadratic work would be 16 times, not 4.
    checked(card(50), seconds=60)
    small = min(checked(card(400), seconds=20) for _ in range(2))
    large = checked(card(1600), seconds=40)
    assert large < 10 * small + 0.5


@pytest.mark.parametrize(("where", "size"), [((0, 3), 1_000_000), ((2, 4), 300_000), ((1, 2), 300_000),
                                             ((-1, 0), 200_000)])
def test_a_huge_cell(where, size):
    # A 1 MB description; a value and a name of 300,000 characters; a goal of 200,000 (jieba segments
    # it for the copy-paste rules: ~1 s; 1 MB takes 6 s, linear).
    checked(card(7, where, size), seconds=30, longest=size - 8)
