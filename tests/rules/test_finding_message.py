"""A finding's message by `base._sayer` (a function of the values made once per template) must be
what `template.format_map(values)` gives, error or text: over every rule's template and over
random templates; `Rule.finding_of` (by position) must build the finding `Rule.finding` builds."""

from __future__ import annotations

import random

import pytest

from lint.model import Card, Document, Indicator
from lint.rules import select_rules
from lint.rules.base import _SAY_BY_FIELDS, Context, Related, Rule, _sayer


def _outcome(say, values: dict) -> tuple[str, str]:
    try:
        return "text", say(values)
    except Exception as exc:  # the same error, of the same type and message
        return type(exc).__name__, str(exc)


_VALUES = [
    {"text": "涉密", "name": "群众满意度", "label": "绩效指标描述", "term": "提高", "advice": "给出数值",
     "where": "for 'x'", "what": "a count", "tail": "维修", "detail": "", "why": 3, "amount": 1.5,
     "budget": 10, "count": 0, "other": None, "word": True},
    {"text": "", "name": "", "label": "{x}", "term": "a}b", "advice": "%s", "where": "\\", "what": "'",
     "tail": "\n", "detail": 2.0, "why": "", "amount": -1, "budget": 1e20, "count": "", "other": [1],
     "word": "中"},
]


@pytest.mark.parametrize("rule", select_rules(), ids=lambda r: r.code)
def test_every_rules_template_says_what_format_map_says(rule: type[Rule]) -> None:
    template = rule.message
    say = _sayer(template)
    fields = {k for k in _VALUES[0]} | {"orig_level2", "level2", "match", "rest", "quoted", "budget_year",
                                        "floor", "missing", "required", "present", "level1", "parent", "hint",
                                        "fiscal", "total", "ratio", "how", "more", "rows", "others", "year",
                                        "first", "subject"}
    for values in _VALUES:
        full = {k: values.get(k, f"<{k}>") for k in fields}
        assert _outcome(say, full) == _outcome(template.format_map, full), template
    # The rules' templates are all plain `{key}` fields: up to three, a function of their own.
    fields_in = template.count("{")
    assert (getattr(say, "__name__", "") == "format_map") == (fields_in >= len(_SAY_BY_FIELDS))


def test_random_templates_say_what_format_map_says_property_style() -> None:
    """Literals, escaped braces, fields with and without conversions and specs, positional and
    attribute fields, broken braces: the result or the error is format_map's."""
    rng = random.Random(9)
    atoms = ["a", "中", " ", "'", "\\", "{", "}", "{{", "}}", "{x}", "{y}", "{中文}", "{x!r}", "{y:>4}", "{x:{y}}",
             "{0}", "{}", "{x.real}", "{z[0]}", "{missing}", "{x!z}", "{y:.1f}", "!", ":", "%s"]
    values = {"x": "文本", "y": 2.5, "中文": 7, "z": [1], "missing_not": 0}
    made = {"compiled": 0, "format_map": 0}
    for _ in range(5_000):
        template = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 9)))
        say = _sayer(template)
        made["format_map" if getattr(say, "__name__", "") == "format_map" else "compiled"] += 1
        assert _outcome(say, values) == _outcome(template.format_map, values), template
    assert made["compiled"] > 500 and made["format_map"] > 500  # both kinds were compared


def test_up_to_three_fields_by_function_more_by_format_map() -> None:
    for n in range(len(_SAY_BY_FIELDS) + 2):
        template = "·".join(f"{{k{i}}}" for i in range(n)) + "。"
        values = {f"k{i}": i * 1.5 for i in range(n)}
        say = _sayer(template)
        assert say(values) == template.format_map(values)
        assert (getattr(say, "__name__", "") == "format_map") == (n >= len(_SAY_BY_FIELDS))


class _Probe(Rule):
    code, name, family, severity, message = "XX998", "probe", "structure", "info", "{text} / {name} / {extra}"


def test_finding_of_is_finding_by_keywords() -> None:
    ind = Indicator(level1="产出指标", level2="数量指标", name="培训人次", value="≥100人次", line=12)
    card = Card(seq=2, title="", project_name="培训经费", reporting_unit=None, line=10, indicators=[ind])
    doc = Document(path="a.txt", layout="word", department="县教育局", cards=[card])
    ctx = Context(doc)
    rule = _Probe()
    rel = Related("b.txt", 3, 1, 1, "t")
    cases = [
        ({"field": "value", "indicator": ind}, (ind, "value", {}), {}),
        ({"field": "value", "indicator": ind, "text": "", "severity": "error"}, (ind, "value", {}),
         {"text": "", "severity": "error"}),
        ({"field": "name", "indicator": ind, "related": [rel], "place": (14, 3, ())}, (ind, "name", {}),
         {"related": (rel,), "place": (14, 3, ())}),
        ({"field": "project_name", "name": "n"}, (None, "project_name", {"name": "n"}), {}),
        ({"field": "project_name", "name": "n", "place": (9, 2, (("table", 1),))},
         (None, "project_name", {"name": "n"}), {"place": (9, 2, (("table", 1),))}),
        ({"field": "value", "indicator": ind, "name": "given"}, (ind, "value", {"name": "given"}), {}),
    ]
    for kw, (indicator, field, values), extra in cases:
        a = rule.finding(ctx, card, extra=1, **kw)
        b = rule.finding_of(ctx, card, indicator, field, {"extra": 1, **values}, **extra)
        assert a == b and type(a.related) is tuple
    assert rule.finding(ctx, card, field="name", indicator=ind, extra=0, place=(14, 3, ())).line == 14
