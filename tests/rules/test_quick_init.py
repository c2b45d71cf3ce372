"""`quick_init`: the faster `__init__` of Finding, Related and CardRef must build the very record the
dataclass `__init__` would, keep the signature and defaults, and leave the record frozen."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from lint.rules.base import CardRef, Finding, Related, quick_init


def _twin(cls: type) -> type:
    """The same fields as `cls`, with the `__init__` `dataclass` writes."""
    fields = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    plain = [(name, tp, dataclasses.field(default=f.default)) if f.default is not dataclasses.MISSING
             else (name, tp) for name, tp, f in fields]
    return dataclasses.make_dataclass(f"{cls.__name__}Twin", plain, frozen=True, slots=True)


@pytest.mark.parametrize("cls", [Finding, Related, CardRef])
def test_signature_and_defaults_are_the_dataclass_ones(cls: type):
    def params(c: type) -> list[tuple]:
        return [(p.name, p.kind, p.default) for p in inspect.signature(c).parameters.values()]

    assert params(cls) == params(_twin(cls))


def test_every_field_set_positionally_and_by_keyword():
    office = (("sheet", "Sheet1"), ("ref", "C12"))
    rel = Related("b.xlsx", 7, 3, 4, "门卫经费", "same goal", office)
    values = ("CP101", "copied-goal", "copy_paste", "warning", "绩效目标 is the same", "a.txt", 12, 4, 20, 3,
              "门卫经费", "P001", "县委办", "安保人数", "goal_text", "保障门卫工作", (rel,), office)
    by_position = Finding(*values)
    by_keyword = Finding(**dict(zip(Finding.__match_args__, values, strict=True)))
    assert dataclasses.astuple(by_position) == dataclasses.astuple(by_keyword) == dataclasses.astuple(
        _twin(Finding)(*values))
    assert by_position == by_keyword and hash(by_position) == hash(by_keyword)
    # Built through a twin class with the same slots, and handed back as the record's own class.
    assert type(by_position) is Finding and type(by_keyword) is Finding and type(rel) is Related
    # Defaults: only the required fields given.
    short = Finding("PH001", "redacted-cell", "placeholder", "error", "m", "a.txt", 1, 1)
    assert dataclasses.astuple(short) == dataclasses.astuple(
        _twin(Finding)("PH001", "redacted-cell", "placeholder", "error", "m", "a.txt", 1, 1))
    assert short.related == () and short.office == () and short.card_title == ""


def test_the_record_stays_frozen():
    f = Finding("PH001", "redacted-cell", "placeholder", "error", "m", "a.txt", 1, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.line = 2  # type: ignore[misc]
    assert dataclasses.replace(f, line=2).line == 2 and f.line == 1


def test_refuses_a_class_whose_init_does_more():
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError):
        quick_init(WithFactory)


@pytest.mark.parametrize("cls", [Finding, Related, CardRef])
def test_make_builds_the_record_the_class_builds(cls: type):
    # `cls._make` (Rule.finding's constructor): the same fields, defaults and class, still frozen.
    names = cls.__match_args__
    required = [f for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    values = [f"v{i}" for i in range(len(names))]
    made, called = cls._make(*values), cls(*values)
    assert type(made) is cls and made == called and dataclasses.astuple(made) == dataclasses.astuple(called)
    assert dataclasses.astuple(cls._make(*values[:len(required)])) == dataclasses.astuple(cls(*values[:len(required)]))
    assert dataclasses.astuple(cls._make(**dict(zip(names, values, strict=True)))) == dataclasses.astuple(called)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.path = "x"
