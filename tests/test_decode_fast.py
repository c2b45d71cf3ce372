"""`_looks_binary` counts control characters without a regex scan (`_control_count`): the count must be
what the regex finds, for every character and for mixed strings."""

from __future__ import annotations

import random

from lint.readers.decode import _CONTROLS, _control_count


def test_every_character() -> None:
    texts = [f"a{chr(c)}项{chr(c)}" for c in range(0x110000)]
    assert [_control_count(t) for t in texts] == [len(_CONTROLS.findall(t)) for t in texts]


def test_mixed_strings() -> None:
    rng = random.Random(3)
    pool = [chr(c) for c in range(0x21)] + ["a", "项", "\x7f", "\x85", "\u2028", "\U0001f600", "\ufeff"]
    for _ in range(5000):
        text = "".join(rng.choices(pool, k=rng.randint(0, 40)))
        assert _control_count(text) == len(_CONTROLS.findall(text)), repr(text)


def test_empty_is_what_strip_leaves_nothing_of() -> None:
    # decode_bytes tells an empty file by `isspace` instead of `strip()`: the same for bytes and text.
    data = [b""] + [bytes([a, b]) for a in range(256) for b in (a, 32, 65)]
    assert [not d or d.isspace() for d in data] == [not d.strip() for d in data]
    texts = [""] + [chr(c) + x for c in range(0x110000) for x in ("", " ")]
    assert [not t or t.isspace() for t in texts] == [not t.strip() for t in texts]
