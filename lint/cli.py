"""The `jxlint` command: parse, check, rules, explain.

Exit codes (as ruff): 0 clean; 1 findings at or above `--fail-on`; 2 usage error or unreadable input.
When both happen in `check`, findings win (1): the run did complete and found real defects; the
unreadable files are still named on stderr and reported as `IN001` findings.
A configuration error or an unreadable `--baseline` is a usage error (2) before anything is checked;
with `--baseline` only new findings count; `--write-baseline` records and exits 0 (2 on unreadable input).
"""

from __future__ import annotations

import sys

import click

from lint import __version__

FORMATS_PARSE = ("json", "csv", "table")
FORMATS_CHECK = ("text", "json", "sarif", "github", "junit")
FAIL_ON = ("error", "warning", "info", "never")


def _err(message: str) -> None:
    click.echo(f"jxlint: error: {message}", err=True)


class _Inputs:
    """What `parse`, `check` and `scorecard` share about their inputs: the guards' limits, the walk of
    the paths, notes on stderr, the progress bar, and the unreadable inputs (kept, sorted by path,
    so reports do not depend on the order of the arguments)."""

    def __init__(self, paths: tuple[str, ...], include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
                 quiet: bool = False, limit: tuple[str, ...] = (),
                 config_limits: dict[str, float] | None = None) -> None:
        from lint.load import Progress, expand_paths
        from lint.readers.guards import Limits, parse_limit_options

        try:  # --limit over the config file's [limits] over the defaults
            self.limits = Limits.from_table({**(config_limits or {}), **parse_limit_options(limit)})
        except ValueError as exc:
            _err(str(exc))
            sys.exit(2)
        self.paths, self.quiet = paths, quiet
        self._errors: list = []
        targets = list(expand_paths(list(paths), include, exclude, on_skip=self.skipped))
        self.files = [path for path, problem in targets if problem is None]
        self.progress = Progress(len(self.files), quiet)
        for path, problem in targets:
            if problem is not None:
                self.failed(path, problem)

    def skipped(self, path: str, reason: str) -> None:
        if not self.quiet:
            click.echo(f"jxlint: note: skipped {path}: {reason}", err=True)

    def failed(self, path: str, error) -> None:
        """Report an unreadable input at once; a folder's file without cards (a README beside the
        documents) is only a note, but a file the user named was expected to hold cards."""
        from lint.errors import NotACardDocument

        self.progress.clear()
        if isinstance(error, NotACardDocument) and path not in self.paths:
            self.skipped(path, error.message)
            return
        self._errors.append(error.detach())  # kept to the end: must not keep the file's bytes alive
        _err(str(error))

    @property
    def errors(self) -> list:
        return sorted(self._errors, key=lambda e: (e.path, e.message))


def _load_all(paths: tuple[str, ...], layout: str | None, **inputs):
    """Parse every input; bad inputs are reported on stderr and the rest still parsed."""
    from lint.load import load_or_error

    run = _Inputs(paths, **inputs)
    docs = []
    for path in run.files:
        run.progress.step(path)
        doc, error = load_or_error(path, layout, run.limits)
        if doc is None:
            run.failed(path, error)
        else:
            docs.append(doc)
    run.progress.clear()
    return docs, run.errors


def _check_all(paths: tuple[str, ...], layout: str | None, rules, settings: dict, jobs: int,
               dictionaries: dict, **inputs):
    """Read and check every input, `jobs` files at a time; bad inputs reported on stderr as they
    come, the rest still checked. Returns findings, per-document results and input errors, both in
    path order."""
    from lint.check import check_paths

    run = _Inputs(paths, **inputs)

    def on_result(path: str, result, error) -> None:
        if error is None:
            run.progress.step(path)
        else:
            run.failed(path, error)

    findings, results = check_paths(run.files, rules, settings, layout=layout, jobs=jobs, limits=run.limits,
                                    dictionaries=dictionaries, on_result=on_result)
    run.progress.clear()
    return findings, results, run.errors


def _keep_heap_out_of_collections() -> None:
    """What the check made (records, findings) lives until the report is written: frozen, the
    cyclic collector does not walk it again while the report is made. The check leaves its young
    generations full (it runs with rare collections), and at 1000× the first collections of the
    report walked them for 0.9 s of its 4.4 s. Unfrozen when the command ends (tests, library use)."""
    import gc

    gc.freeze()
    click.get_current_context().call_on_close(gc.unfreeze)


def _default_jobs() -> int:
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _input_options(func):
    """--include/--exclude/--quiet/--limit, shared by the commands that read documents."""
    func = click.option("--limit", multiple=True, metavar="KEY=VALUE",
                        help="Raise or lower a guard for this run, e.g. max-file-mb=100 (docs/robustness.md); "
                             "repeatable.")(func)
    func = click.option("-q", "--quiet", is_flag=True, help="No progress bar and no notes on stderr.")(func)
    func = click.option("--exclude", multiple=True, metavar="GLOB",
                        help="Inside folders, skip files (and folders) matching GLOB; repeatable.")(func)
    func = click.option("--include", multiple=True, metavar="GLOB",
                        help="Inside folders, read only files matching GLOB (e.g. '*.docx'); repeatable.")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jxlint")
def main() -> None:
    """jxlint: lint Chinese performance-target tables (绩效目标表)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_input_options
@click.option("--format", "fmt", type=click.Choice(FORMATS_PARSE), default="json", show_default=True)
@click.option("--layout", type=click.Choice(("word", "markdown", "ocr")), default=None,
              help="Force the text layout instead of detecting it.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
def parse(paths: tuple[str, ...], fmt: str, layout: str | None, output: str | None, **inputs) -> None:
    """Parse documents into cards and indicator records (PATH may be a folder, or - for stdin)."""
    from lint.report.records import records_csv, records_json, records_table

    docs, errors = _load_all(paths, layout, **inputs)
    render = {"json": records_json, "csv": records_csv, "table": records_table}[fmt]
    _write(render(docs), output)
    sys.exit(2 if errors else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_input_options
@click.option("--format", "fmt", type=click.Choice(FORMATS_CHECK), default="text", show_default=True,
              help="Output format (docs/formats.md).")
@click.option("--select", default=None, help="Comma-separated codes, prefixes or families to run (replaces the config's).")
@click.option("--extend-select", default="", help="Comma-separated codes, prefixes or families to add.")
@click.option("--ignore", default="", help="Comma-separated codes, prefixes or families to skip.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that makes the exit code 1 (default: the config's, else error).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this jxlint.toml or pyproject.toml instead of searching from the checked paths upwards.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False, writable=True),
              default=None, help="Record today's findings in this file (docs/baseline.md), then exit 0.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule produced instead of the findings.")
@click.option("--budget-year", type=int, default=None, help="Override the budget year of every document.")
@click.option("--layout", type=click.Choice(("word", "markdown", "ocr")), default=None)
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Files read and checked in parallel (default: the number of CPUs).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None)
def check(paths: tuple[str, ...], fmt: str, select: str | None, extend_select: str, ignore: str,
          fail_on: str | None, config_path: str | None, baseline_path: str | None,
          write_baseline_path: str | None, statistics: bool, budget_year: int | None, layout: str | None,
          jobs: int | None, output: str | None, **inputs) -> None:
    """Check documents and report findings as `path:line:col: CODE [severity] message`."""
    from lint import config as cfg
    from lint.baseline import BaselineError, load_baseline, split_new, write_baseline
    from lint.rules.base import severity_rank

    if statistics and fmt not in ("text", "json"):
        _err("--statistics works with --format text or json")
        sys.exit(2)
    cli_select = _split(select) if select is not None else None
    try:
        for option, values in (("--select", cli_select or []), ("--extend-select", _split(extend_select)),
                               ("--ignore", _split(ignore))):
            for v in values:
                if not cfg.is_selector(v):
                    raise cfg.ConfigError(f"{option}: unknown rule selector '{v}' (see `jxlint rules`)")
        config = cfg.load(list(paths), config_path)
        baseline = load_baseline(baseline_path) if baseline_path else None
    except (cfg.ConfigError, BaselineError) as exc:
        _err(str(exc))
        sys.exit(2)
    rules = cfg.resolve_rules(config, cli_select, _split(extend_select), _split(ignore))
    fail_on = fail_on or config.fail_on or "error"
    settings = config.settings()
    if budget_year:
        settings["budget_year"] = budget_year

    from lint.check import rare_collections

    # Frozen while collections are still rare: when check_paths set the usual thresholds back,
    # the next allocation made the collector walk everything the check had left young (99 ms of a
    # 7 s 100x run, all of it serial with --jobs).
    with rare_collections():
        findings, docs, errors = _check_all(paths, layout, rules, settings, jobs or _default_jobs(),
                                            config.dictionaries, config_limits=config.limits, **inputs)
        _keep_heap_out_of_collections()
    if config.per_file_ignores or config.per_project_ignores:  # a pass over every finding only then
        findings = [f for f in findings if not config.is_ignored(f)]
    cards = sum(len(d.cards) for d in docs)
    messages = [str(e) for e in errors]

    if write_baseline_path:
        write_baseline(findings, write_baseline_path)
        click.echo(f"jxlint: wrote {len(findings)} finding(s) to baseline {write_baseline_path}", err=True)
        sys.exit(2 if errors else 0)
    notes: tuple[str, ...] = ()
    baselined = None
    if baseline is not None:
        findings, baselined, gone = split_new(findings, baseline)
        notes = (f"{baselined} finding(s) hidden by baseline {baseline_path}"
                 + (f"; {gone} baseline entr{'y' if gone == 1 else 'ies'} no longer found" if gone else "") + ".",)

    failing = fail_on != "never" and any(severity_rank(f.severity) >= severity_rank(fail_on) for f in findings)
    if errors and fmt in ("text", "json", "github"):
        # Unreadable files are findings too (IN001), so a report never looks cleaner than the run was.
        from lint.rules.in001_input_error import input_finding

        findings = sorted([*findings, *(input_finding(e) for e in errors)], key=lambda f: f.sort_key())
    _write(_render(fmt, statistics, findings, docs, errors, rules, cards, messages, notes, baselined, fail_on,
                   binary=output is not None or _binary_stdout() is not None), output)
    sys.exit(1 if failing else 2 if errors else 0)


def _render(fmt, statistics, findings, docs, errors, rules, cards, messages, notes, baselined, fail_on,
            binary=False):
    """The report as a string or an iterable of strings (every format is written as it is made);
    with `binary`, the text and JSON reports as pieces of UTF-8 (`_write` takes both)."""
    from lint.report.findings import iter_json, iter_json_bytes, iter_text, iter_text_bytes, summary_line

    if statistics:
        from lint.report.statistics import format_statistics, format_statistics_json

        if fmt == "json":
            return format_statistics_json(findings)
        return format_statistics(findings, "\n".join((summary_line(findings, len(docs), cards, messages), *notes)))
    if fmt == "json":
        return (iter_json_bytes if binary else iter_json)(findings, len(docs), cards, messages, baselined=baselined)
    if fmt == "sarif":
        from lint.report.sarif import iter_sarif

        return iter_sarif(findings, rules, messages)
    if fmt == "github":
        from lint.report.github import format_github, iter_github

        if binary:
            return iter_github(findings, len(docs), cards, messages, notes=notes)
        return format_github(findings, len(docs), cards, messages, notes=notes)
    if fmt == "junit":
        from lint.report.junit import iter_junit

        return iter_junit(findings, docs, [(e.path, str(e)) for e in errors], fail_on)
    return (iter_text_bytes if binary else iter_text)(findings, len(docs), cards, messages, notes=notes)


@main.command()
def rules() -> None:
    """List every rule: code, name, family, default severity."""
    from tabulate import tabulate

    from lint.rules import all_rules

    rows = [(r.code, r.name, r.family, r.severity, r.summary()) for r in all_rules()]
    click.echo(tabulate(rows, headers=("code", "name", "family", "severity", "summary"), disable_numparse=True))


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print a rule's documentation: what it checks, why, a bad and a good example."""
    from lint.rules import get_rule

    rule = get_rule(code)
    if rule is None:
        _err(f"unknown rule '{code}' (see `jxlint rules`)")
        sys.exit(2)
    click.echo(f"{rule.code} {rule.name} [{rule.family}, {rule.severity}]\n")
    click.echo(rule.doc())


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_input_options
@click.option("--by", type=click.Choice(("department", "unit", "document")), default="unit", show_default=True,
              help="Group cards by reporting unit (from the card, else the document's department), "
                   "department or document.")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "markdown", "json", "html")), default="table",
              show_default=True)
@click.option("--select", default="", help="Comma-separated codes, prefixes or families to run.")
@click.option("--ignore", default="", help="Comma-separated codes, prefixes or families to skip.")
@click.option("--worst", type=click.IntRange(0), default=3, show_default=True,
              help="How many worst cards to list per group.")
@click.option("--width", type=click.IntRange(40), default=80, show_default=True,
              help="Terminal width the table must fit (display columns).")
@click.option("--budget-year", type=int, default=None, help="Override the budget year of every document.")
@click.option("--layout", type=click.Choice(("word", "markdown", "ocr")), default=None)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None)
def scorecard(paths: tuple[str, ...], by: str, fmt: str, select: str, ignore: str, worst: int, width: int,
              budget_year: int | None, layout: str | None, output: str | None, **inputs) -> None:
    """Score each unit's cards from their findings and rank the units (formula: docs/scoring.md)."""
    from lint.check import run_rules
    from lint.report import scorecard as sc
    from lint.rules import select_rules

    rules = select_rules(_split(select), _split(ignore))
    docs, errors = _load_all(paths, layout, **inputs)
    settings = {"budget_year": budget_year} if budget_year else {}
    card = sc.build_scorecard(docs, run_rules(docs, rules, settings), by=by, worst=worst)
    if fmt == "html":
        from lint.report.html import render_html

        out = render_html(card)
    elif fmt == "table":
        out = sc.render_table(card, width)
    else:
        out = {"csv": sc.render_csv, "markdown": sc.render_markdown, "json": sc.render_json}[fmt](card)
    _write(out, output)
    sys.exit(2 if errors else 0)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _write(text, output: str | None) -> None:
    """Write a report given as one string or as pieces (written as they come); pieces may be
    strings or UTF-8 bytes."""
    chunks = (text,) if isinstance(text, str) else text
    if output:
        # Binary, so that bytes go out as they are; strings encoded as the text file did (UTF-8,
        # newlines untranslated, errors strict).
        with open(output, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk if type(chunk) is bytes else chunk.encode("utf-8"))
    else:
        binary = None
        for chunk in chunks:
            if type(chunk) is bytes:
                if binary is None:
                    binary = _binary_stdout()
                    if binary is not None:
                        sys.stdout.flush()  # what was written as text goes first
                if binary is None:
                    sys.stdout.write(chunk.decode("utf-8"))
                else:
                    binary.write(chunk)
            else:
                if binary is not None:
                    binary.flush()
                sys.stdout.write(chunk)
        if binary is not None:
            binary.flush()
        sys.stdout.flush()


def _binary_stdout():
    """Standard output's byte stream when writing UTF-8 there is what writing text does (a UTF-8,
    strict stream with "\n" line ends), else None."""
    import codecs
    import os

    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if buffer is None or not encoding or os.linesep != "\n" or getattr(stream, "errors", None) != "strict":
        return None
    try:
        return buffer if codecs.lookup(encoding).name == "utf-8" else None
    except LookupError:
        return None


def run() -> None:
    """The `jxlint` program: `main`, then an exit that skips tearing the heap down.

    After a big check the interpreter would free every record and finding one by one before the
    process ends (0.4 s of a 12 s 100× run, all of it serial); the output is written and flushed by
    then, so the process ends at once, as mypy's `hard_exit` does. Tests call `main` itself; under a
    profiler or tracer (cProfile, coverage) the exit is the normal one, so that they write their
    results."""
    import os

    if sys.getprofile() is not None or sys.gettrace() is not None:
        main()
        return
    kept: list[BaseException] = []
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        # Kept: the exception's traceback holds the command's frame, whose locals (every finding
        # and result of the run) would otherwise be freed one by one when the `except` ends
        # (25-31 ms after a 100x check, serial).
        code = exc.code
        kept.append(exc)
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): printed, status 1
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`) or stream: nothing more to say there
            pass
    os._exit(code)


if __name__ == "__main__":  # `python -m lint.cli` as well as `python -m lint`
    run()
