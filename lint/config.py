"""Configuration: `[tool.jxlint]` in `pyproject.toml`, or the top level of a `jxlint.toml`.

Discovery starts at the folder of the checked paths (their common folder when there are several, the
working folder for stdin) and walks upwards; in each folder `jxlint.toml` wins over `pyproject.toml`,
and a `pyproject.toml` without a `[tool.jxlint]` table is passed over. `--config FILE` skips discovery.
The keys are documented in docs/configuration.md; an unknown key is an error that names it.

Rule selection is resolved in layers, as ruff does: the configuration file, then the command line.
A layer's `select` (when given) replaces the rules chosen so far; its `extend-select` adds to them and
its `ignore` removes from them. So `--select PH001` on the command line runs PH001 even if the file
ignores it, and a file's `ignore` applies when the command line selects nothing.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lint.rules import all_rules, select_rules
from lint.rules.base import FAMILIES, SEVERITIES, Finding, Rule

CONFIG_FILES = ("jxlint.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")

# Thresholds: config key → (settings key the rules read, lowest, highest allowed value).
# A rule that reads a new setting adds its key here (and to docs/configuration.md).
THRESHOLDS: dict[str, tuple[str, float, float]] = {
    "copy-paste-threshold": ("copy_paste_threshold", 0.0, 1.0),
    "copy-paste-min-chars": ("copy_paste_min_chars", 1, 100000),
    "copy-paste-grid-threshold": ("copy_paste_grid_threshold", 0.0, 1.0),
    "copy-paste-grid-min-rows": ("copy_paste_grid_min_rows", 1, 1000),
    "copy-paste-max-related": ("copy_paste_max_related", 1, 1000),
    "copy-paste-paragraph-threshold": ("copy_paste_paragraph_threshold", 0.0, 1.0),
    "copy-paste-paragraph-min-chars": ("copy_paste_paragraph_min_chars", 1, 100000),
    "satisfaction-floor": ("satisfaction_floor", 0.0, 100.0),
}

KEYS = (
    "select", "ignore", "extend-select", "severity", "fail-on", "per-file-ignores",
    "per-project-ignores", "thresholds", "dictionaries", "limits",
)


class ConfigError(Exception):
    """A configuration problem, reported to the user as one line naming the file and the key."""


@dataclass
class Config:
    path: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    per_project_ignores: dict[str, list[str]] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    dictionaries: dict[str, list[Path]] = field(default_factory=dict)
    # What one input may cost (lint.readers.guards.LIMIT_KEYS): config key → value.
    limits: dict[str, float] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """The folder relative paths in the file are resolved against."""
        return self.path.parent if self.path else Path.cwd()

    def settings(self) -> dict[str, Any]:
        """What rules see through `Context.settings`."""
        out: dict[str, Any] = dict(self.thresholds)
        if self.severity:
            out["severity"] = dict(self.severity)
        if self.dictionaries:
            out["dictionaries"] = {k: [str(p) for p in v] for k, v in self.dictionaries.items()}
        return out

    def is_ignored(self, f: Finding) -> bool:
        """Whether a per-file or per-project ignore covers this finding."""
        for pattern, selectors in self.per_file_ignores.items():
            if _path_matches(f.path, pattern, self.root) and _covers(f, selectors):
                return True
        if f.project_code:
            for pattern, selectors in self.per_project_ignores.items():
                if fnmatch.fnmatchcase(f.project_code, pattern) and _covers(f, selectors):
                    return True
        return False


# -- discovery -----------------------------------------------------------------------------------
def discover(paths: list[str], start: Path | None = None) -> Path | None:
    """The configuration file that applies to `paths`, or None."""
    folder = start or _common_folder(paths)
    for d in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = d / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _common_folder(paths: list[str]) -> Path:
    real = [Path(p).resolve() for p in paths if p != "-" and Path(p).exists()]
    if not real:
        return Path.cwd().resolve()
    folders = [p if p.is_dir() else p.parent for p in real]
    return Path(os.path.commonpath([str(f) for f in folders]))


def _has_tool_table(path: Path) -> bool:
    try:
        data = _read_toml(path)
    except ConfigError:
        return True  # a broken pyproject.toml is reported rather than silently skipped
    return "jxlint" in data.get("tool", {})


def load(paths: list[str], explicit: str | None = None) -> Config:
    """The configuration for a run: `explicit` if given, else the discovered file, else defaults."""
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
        return load_file(p)
    found = discover(paths)
    return load_file(found) if found else Config()


def load_file(path: Path) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml" or "tool" in data:
        table, where = data.get("tool", {}).get("jxlint", {}), "[tool.jxlint]"
    else:
        table, where = data, ""
    return parse_table(table, path, where)


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None


# -- validation ----------------------------------------------------------------------------------
def parse_table(table: dict, path: Path, where: str = "[tool.jxlint]") -> Config:
    """Validate a configuration table; every problem is a ConfigError naming the file and key."""
    cfg = Config(path=path.resolve())

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: {where + ' ' if where else ''}key '{key}': {problem}")

    for key in table:
        if key not in KEYS:
            raise fail(key, "unknown key" + _did_you_mean(key, KEYS))
    if "select" in table:
        cfg.select = _selectors(table["select"], "select", fail)
    cfg.extend_select = _selectors(table.get("extend-select", []), "extend-select", fail)
    cfg.ignore = _selectors(table.get("ignore", []), "ignore", fail)
    if "fail-on" in table:
        value = table["fail-on"]
        if value not in FAIL_ON:
            raise fail("fail-on", f"must be one of {', '.join(FAIL_ON)}, not {value!r}")
        cfg.fail_on = value
    for target, value in _table(table, "severity", fail).items():
        if not _is_rule_code(target) and target.lower() not in FAMILIES:
            raise fail(f"severity.{target}", "not a rule code or family" + _did_you_mean(target, _codes_and_families()))
        if value not in SEVERITIES:
            raise fail(f"severity.{target}", f"must be one of {', '.join(SEVERITIES)}, not {value!r}")
        cfg.severity[target.upper() if _is_rule_code(target) else target.lower()] = value
    for key, attr in (("per-file-ignores", "per_file_ignores"), ("per-project-ignores", "per_project_ignores")):
        for pattern, sel in _table(table, key, fail).items():
            getattr(cfg, attr)[pattern] = _selectors(sel, f"{key}.{pattern}", fail)
    for name, value in _table(table, "thresholds", fail).items():
        if name not in THRESHOLDS:
            raise fail(f"thresholds.{name}", "unknown threshold" + _did_you_mean(name, THRESHOLDS))
        setting, low, high = THRESHOLDS[name]
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise fail(f"thresholds.{name}", f"must be a number from {low:g} to {high:g}, not {value!r}")
        cfg.thresholds[setting] = float(value)
    from lint.readers.guards import check_limit

    for name, value in _table(table, "limits", fail).items():
        try:
            cfg.limits[name] = check_limit(name, value)
        except ValueError as exc:
            raise fail(f"limits.{name}", str(exc)) from None
    builtin = _builtin_lists()
    for name, files in _table(table, "dictionaries", fail).items():
        if name not in builtin:
            raise fail(f"dictionaries.{name}", "not a word list in dictionaries/" + _did_you_mean(name, builtin))
        files = [files] if isinstance(files, str) else files
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise fail(f"dictionaries.{name}", "must be a file name or a list of file names")
        resolved = [(cfg.root / f).resolve() for f in files]
        for f, r in zip(files, resolved, strict=True):
            if not r.is_file():
                raise fail(f"dictionaries.{name}", f"file not found: {f}")
        cfg.dictionaries[name] = resolved
    return cfg


def _table(table: dict, key: str, fail) -> dict:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise fail(key, "must be a table")
    return value


def _selectors(value: Any, key: str, fail) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(key, "must be a list of rule codes, prefixes or families")
    for v in value:
        if not is_selector(v):
            raise fail(key, f"unknown rule selector '{v}'")
    return list(value)


def is_selector(value: str) -> bool:
    """A code, a code prefix of an existing rule, a rule name, a family, or ALL."""
    v = value.strip()
    return bool(v) and (v.upper() == "ALL" or v.lower() in FAMILIES or bool(select_rules([v])))


def _is_rule_code(value: str) -> bool:
    return any(r.code == value.upper() for r in all_rules())


def _codes_and_families() -> list[str]:
    return [r.code for r in all_rules()] + list(FAMILIES)


def _builtin_lists() -> list[str]:
    from lint.dicts import dictionaries_dir

    return sorted(p.name for p in dictionaries_dir().glob("*.txt"))


def _did_you_mean(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


# -- applying it ---------------------------------------------------------------------------------
def resolve_rules(
    config: Config, select: list[str] | None, extend_select: list[str], ignore: list[str]
) -> list[type[Rule]]:
    """The rules to run: the file's layer, then the command line's (see the module docstring)."""
    chosen = set(all_rules())
    for sel, ext, ign in ((config.select, config.extend_select, config.ignore), (select, extend_select, ignore)):
        if sel is not None:
            chosen = set(select_rules(sel))
        chosen |= set(select_rules(ext)) if ext else set()
        chosen -= set(select_rules(ign)) if ign else set()
    return [r for r in all_rules() if r in chosen]


def _covers(f: Finding, selectors: list[str]) -> bool:
    for s in selectors:
        s = s.strip()
        if s.upper() == "ALL" or f.code.startswith(s.upper()) or s.lower() in (f.family, f.name):
            return True
    return False


def _path_matches(path: str, pattern: str, root: Path) -> bool:
    """`pattern` without a slash matches the file name; with one, the path relative to the config."""
    p = Path(path)
    if "/" not in pattern:
        return fnmatch.fnmatchcase(p.name, pattern)
    try:
        rel = p.resolve().relative_to(root).as_posix()
    except ValueError:
        rel = p.as_posix()
    return fnmatch.fnmatchcase(rel, pattern.removeprefix("./"))
