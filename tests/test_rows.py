"""split_rows on short texts of each layout, expected cells worked out by hand: the cleaned text, and
the 1-based column of the cell's first character after spaces and tags. Covers each way a line's
cells are cleaned (plain, spaces only, tags or stray brackets)."""

from __future__ import annotations

from lint.readers.rows import split_rows


def cells(text: str, layout: str) -> list[list[tuple[str, int, int]]]:
    got, rows = split_rows(text, layout)
    assert got == layout
    for row in rows:
        assert row.texts == [c.text for c in row.cells]
    return [[(c.text, c.line, c.col) for c in row.cells] for row in rows]


def test_ocr_cells_close_gaps_and_drop_stray_brackets():
    text = "1\t一、一般公共预算拨款收入\t7580. 94\t项 目\t12 月底\n  离休干部人 数统计\t} 用\t巨好办 APP"
    assert cells(text, "ocr") == [
        # `7580. 94`: OCR splits decimals, the value parser joins them; only CJK/digit gaps close here.
        [("1", 1, 1), ("一、一般公共预算拨款收入", 1, 3), ("7580. 94", 1, 16), ("项目", 1, 25), ("12月底", 1, 29)],
        [("离休干部人数统计", 2, 3), ("用", 2, 13), ("巨好办 APP", 2, 17)],
    ]


def test_plain_ocr_line_keeps_empty_cells():
    assert cells("\t部门预算收支总表\t\t1", "ocr") == [[("", 1, 1), ("部门预算收支总表", 1, 2), ("", 1, 11),
                                                    ("1", 1, 12)]]


def test_markdown_cells_lose_tags_and_headings_their_marks():
    text = "### 1、经费绩效目标表\n<b>项目名称</b>\t  <b> 预算数</b>\t<p>1.保障</p> <p>2.开展</p>\t<b></b>"
    _, rows = split_rows(text, "markdown")
    assert [r.is_table for r in rows] == [False, True]
    assert cells(text, "markdown") == [
        [("1、经费绩效目标表", 1, 5)],
        [("项目名称", 2, 4), ("预算数", 2, 19), ("1.保障 2.开展", 2, 30), ("", 2, 58)],
    ]


def test_word_cells_one_per_line_and_long_text_over_blank_lines():
    text = "\t绩效目标\n\t1.第一\n2.第二\n\n3.第三\n\n\t\n\t资金 用途\n一、下一部分"
    assert cells(text, "word") == [
        [("绩效目标", 1, 2), ("1.第一\n2.第二\n3.第三", 2, 2)],
        [("", 7, 2), ("资金 用途", 8, 2)],
        [("一、下一部分", 9, 1)],
    ]
