"""The `jxlint` command: parse, check, rules, explain.

Exit codes (as ruff): 0 clean; 1 findings at or above `--fail-on`; 2 usage error or unreadable input.
When both happen in `check`, findings win (1): the run did complete and found real defects; the
unreadable files are still named on stderr and reported as `IN001` findings.
"""

from __future__ import annotations

import sys

import click

from lint import __version__

FORMATS_PARSE = ("json", "csv", "table")
FORMATS_CHECK = ("text", "json")


def _err(message: str) -> None:
    click.echo(f"jxlint: error: {message}", err=True)


def _load_all(paths: tuple[str, ...], layout: str | None, include: tuple[str, ...] = (),
              exclude: tuple[str, ...] = (), quiet: bool = False):
    """Parse every input; bad inputs are reported on stderr and the rest still parsed."""
    from lint.errors import InputError
    from lint.load import Progress, expand_paths, load_document

    docs = []
    errors: list[InputError] = []

    def skipped(path: str, reason: str) -> None:
        if not quiet:
            click.echo(f"jxlint: note: skipped {path}: {reason}", err=True)

    targets = list(expand_paths(list(paths), include, exclude, on_skip=skipped))
    progress = Progress(sum(1 for _, problem in targets if problem is None), quiet)

    def report(err: InputError) -> None:
        errors.append(err)
        progress.clear()
        _err(str(err))

    for path, problem in targets:
        if problem is not None:
            report(problem)
            continue
        progress.step(path)
        try:
            docs.append(load_document(path, layout))
        except InputError as exc:
            report(exc)
        except Exception as exc:  # a parser bug must not hide the other files' results
            report(InputError(path, f"internal error while parsing ({type(exc).__name__}: {exc})"))
    progress.clear()
    return docs, errors


def _input_options(func):
    """--include/--exclude/--quiet, shared by the commands that read documents."""
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
@click.option("--format", "fmt", type=click.Choice(FORMATS_CHECK), default="text", show_default=True)
@click.option("--select", default="", help="Comma-separated codes, prefixes or families to run.")
@click.option("--ignore", default="", help="Comma-separated codes, prefixes or families to skip.")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info", "never")), default="error",
              show_default=True, help="Lowest severity that makes the exit code 1.")
@click.option("--budget-year", type=int, default=None, help="Override the budget year of every document.")
@click.option("--layout", type=click.Choice(("word", "markdown", "ocr")), default=None)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None)
def check(paths: tuple[str, ...], fmt: str, select: str, ignore: str, fail_on: str,
          budget_year: int | None, layout: str | None, output: str | None, **inputs) -> None:
    """Check documents and report findings as `path:line:col: CODE [severity] message`."""
    from lint.check import run_rules
    from lint.report.findings import format_json, format_text
    from lint.rules import select_rules
    from lint.rules.base import severity_rank

    rules = select_rules(_split(select), _split(ignore))
    docs, errors = _load_all(paths, layout, **inputs)
    settings = {"budget_year": budget_year} if budget_year else {}
    findings = run_rules(docs, rules, settings)
    cards = sum(len(d.cards) for d in docs)
    messages = [str(e) for e in errors]
    out = (format_json if fmt == "json" else format_text)(findings, len(docs), cards, messages)
    _write(out, output)
    failing = fail_on != "never" and any(severity_rank(f.severity) >= severity_rank(fail_on) for f in findings)
    sys.exit(1 if failing else 2 if errors else 0)


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


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _write(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
