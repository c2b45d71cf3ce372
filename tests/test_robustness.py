"""Property tests: random and mutated input never makes the reader, parser or rules raise.

Every input is either parsed (possibly into zero cards) or refused with an InputError.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.check import run_rules
from lint.errors import InputError
from lint.parse.document import parse_text
from lint.readers.decode import decode_bytes
from tests.conftest import MARKDOWN, OCR, WORD

SOURCES = {p: p.read_text(encoding="utf-8").splitlines() for p in (OCR, MARKDOWN, WORD)}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated_corpus(draw):
    """A window of a real document with lines dropped, duplicated, split at tabs or truncated."""
    path = draw(st.sampled_from(sorted(SOURCES)))
    lines = SOURCES[path]
    start = draw(st.integers(0, len(lines) - 1))
    window = list(lines[start:start + draw(st.integers(1, 400))])
    for _ in range(draw(st.integers(0, 12))):
        if not window:
            break
        i = draw(st.integers(0, len(window) - 1))
        op = draw(st.sampled_from(["drop", "dup", "tab", "cut", "junk", "blank"]))
        if op == "drop":
            del window[i]
        elif op == "dup":
            window.insert(i, window[i])
        elif op == "tab":
            window[i] = "\t" + window[i].replace("\t", "\t\t", 1)
        elif op == "cut":
            window[i] = window[i][: draw(st.integers(0, max(0, len(window[i]))))]
        elif op == "junk":
            window[i] = window[i] + draw(st.text(max_size=20))
        else:
            window.insert(i, "")
    return path, "\n".join(window)


@SETTINGS
@given(mutated_corpus())
def test_mutated_corpus_parses_and_checks(case):
    path, text = case
    for layout in (None, "word", "markdown", "ocr"):
        doc = parse_text(text, str(path), layout)
        run_rules([doc])


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("\t\n 项目编码名称预算数一级指标二级三级绩效目标表产出数量满意度≥≤%12345.月底")),
               max_size=600))
def test_random_table_text(text):
    doc = parse_text(text, "random.txt")
    run_rules([doc])


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_are_decoded_or_refused(data):
    try:
        text = decode_bytes(data, "x.bin")
    except InputError as exc:
        assert str(exc).startswith("x.bin: ")
        return
    run_rules([parse_text(text, "x.bin")])


def test_text_with_many_control_characters_is_refused_as_binary():
    # A real card line, then the same line with a control character after every character: more
    # than 1% of the sample (and more than 8) are controls other than whitespace.
    line = "产出指标\t数量指标\t召开会议次数\t≥2次\n"
    assert decode_bytes(line.encode("utf-8"), "ok.txt") == line
    noisy = "".join(ch + "\x07" for ch in line)
    with pytest.raises(InputError, match=r"^bad\.txt: binary file \(control characters\)"):
        decode_bytes(noisy.encode("utf-8"), "bad.txt")
    # A few stray controls (a pasted \x01, form feeds and vertical tabs of a Word export) are text.
    few = line * 20 + "\x01" * 8 + "\f\v" * 50
    assert decode_bytes(few.encode("utf-8"), "few.txt") == few
