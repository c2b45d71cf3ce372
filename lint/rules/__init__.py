"""The rule registry. Every module here named like `ph001_*.py` holds one rule class; adding a rule is
adding one module (and its tests). Rules are listed in code order."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

from lint.rules.base import Context, Finding, Related, Rule

_MODULE = re.compile(r"^[a-z]{2}\d{3}_\w+$")


@cache
def all_rules() -> tuple[type[Rule], ...]:
    found: list[type[Rule]] = []
    for info in pkgutil.iter_modules(__path__):
        if not _MODULE.match(info.name):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                found.append(obj)
    codes = [r.code for r in found]
    dupes = {c for c in codes if codes.count(c) > 1}
    if dupes:
        raise RuntimeError(f"duplicate rule codes: {sorted(dupes)}")
    return tuple(sorted(found, key=lambda r: r.code))


def get_rule(code: str) -> type[Rule] | None:
    code = code.upper()
    return next((r for r in all_rules() if r.code == code or r.name == code.lower()), None)


def select_rules(select: list[str] | None = None, ignore: list[str] | None = None) -> list[type[Rule]]:
    """Codes or code prefixes (`PH`, `UM001`), or family names, as ruff's --select/--ignore."""

    def matches(rule: type[Rule], pattern: str) -> bool:
        p = pattern.strip()
        return rule.code.startswith(p.upper()) or p.lower() in (rule.family, rule.name) or p.upper() == "ALL"

    rules = [r for r in all_rules() if not select or any(matches(r, s) for s in select)]
    return [r for r in rules if not ignore or not any(matches(r, s) for s in ignore)]


__all__ = ["Context", "Finding", "Related", "Rule", "all_rules", "get_rule", "select_rules"]
