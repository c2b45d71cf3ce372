"""Shared helpers for the output-format, configuration and baseline tests."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lint.cli import main
from tests.conftest import WORD

# 004 card 10 (10.保密工作经费绩效目标表, 项目编码 13062421SC8NAGDQCDS6F) says `涉密` in its goal (line 1210,
# `1.涉密` after a tab) and in all three text cells of its nine indicator rows (lines 1224-1282, each
# `\t涉密`): 1 + 9 × 3 = 28 PH001 findings, read off the file by hand.
PH001_WORD = 28
PH001_NAME_LINES = [1224, 1231, 1238, 1245, 1252, 1259, 1266, 1273, 1280]
CARD10 = "10.保密工作经费绩效目标表"
CARD10_CODE = "13062421SC8NAGDQCDS6F"


def run(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def copy_word(folder: Path, name: str = "word.txt", transform=None) -> Path:
    text = WORD.read_text(encoding="utf-8")
    if transform:
        text = transform(text)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
