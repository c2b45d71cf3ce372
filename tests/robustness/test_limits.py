"""Limits from `[limits]` in the configuration and from `--limit KEY=VALUE`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from lint import config as cfg
from lint.cli import main
from lint.readers.guards import DEFAULT_LIMITS, LIMIT_KEYS, Limits, parse_limit_options
from tests.conftest import WORD


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_every_key_has_a_default_and_a_range_that_holds_it():
    for key, (attr, low, high) in LIMIT_KEYS.items():
        assert low <= getattr(DEFAULT_LIMITS, attr) <= high, key
    assert Limits.from_table({"max-cells": 1000.0, "max-file-mb": 1.5}) == Limits(max_cells=1000, max_file_mb=1.5)


def test_config_file_limits_and_command_line_over_them(tmp_path):
    (tmp_path / "jxlint.toml").write_text("[limits]\nmax-cells = 300\n", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_bytes(WORD.read_bytes())
    r = run("check", str(doc), "--fail-on", "never")
    assert r.exit_code == 2
    assert r.stderr == (f"jxlint: error: {doc}: too many cells (9,551, limit 300): not one disclosure? "
                        "split the file, or if the file is genuine raise limits.max-cells\n")
    r = run("check", str(doc), "--fail-on", "never", "--limit", "max-cells=20000")
    assert r.exit_code == 0 and "in 48 card(s) of 1 file(s)." in r.stdout


@pytest.mark.parametrize(("table", "problem"), [
    ({"max-cels": 3}, "key 'limits.max-cels': unknown limit 'max-cels' (did you mean 'max-cells'?)"),
    ({"max-cells": 3}, "key 'limits.max-cells': limit 'max-cells' must be a number from 100 to 100,000,000, not 3"),
    ({"max-file-mb": "big"}, "key 'limits.max-file-mb': limit 'max-file-mb' must be a number from 0.001 to 4,096, "
                             "not 'big'"),
])
def test_bad_limits_in_the_file(tmp_path, table, problem):
    with pytest.raises(cfg.ConfigError) as err:
        cfg.parse_table({"limits": table}, tmp_path / "jxlint.toml", "")
    assert str(err.value) == f"{tmp_path / 'jxlint.toml'}: {problem}"


def test_bad_limit_options():
    for option, problem in (("max-cells", "expected KEY=VALUE, e.g. max-file-mb=100"),
                            ("max-cells=many", "'many' is not a number"),
                            ("max-pdf-pages=0", "limit 'max-pdf-pages' must be a number from 1 to 1,000,000, not 0")):
        with pytest.raises(ValueError) as err:
            parse_limit_options([option])
        assert str(err.value) == f"--limit {option}: {problem}"


def test_every_reading_command_takes_limit_and_a_bad_one_is_a_usage_error():
    for command in ("check", "parse", "scorecard"):
        r = run(command, str(WORD), "--limit", "max-file-mb=0.01")
        assert r.exit_code == 2 and "file too large (121 KB, limit 10 KB)" in r.stderr, command
        r = run(command, str(WORD), "--limit", "nope=1")
        assert r.exit_code == 2 and r.stderr.startswith("jxlint: error: --limit nope=1: unknown limit 'nope'")
