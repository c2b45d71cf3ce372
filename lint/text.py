"""Normalisation of Chinese table text for matching. Originals are kept for messages."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_EXTRA = str.maketrans({"≧": "≥", "≦": "≤", "〜": "~", "～": "~", "—": "-", "–": "-", "－": "-"})
# `str.translate` looks every character up in the table (a dict lookup and a KeyError each): it
# runs only on texts holding one of the table's characters, found by one regex scan.
_EXTRA_CHARS = re.compile("[" + "".join(map(chr, _EXTRA)) + "]")
# `normalize` replaces the full-width forms the tables use most (`（），：；％`) by their NFKC form
# first. Replacing a character by its NFKD (here its NFKC) form leaves the NFKC of the text as it
# was, and a text whose other characters are all NFKC passes unicodedata's quick check instead of
# being recomposed character by character (1,000–2,000 instructions a character, measured twice).
# OCR splits decimals: `7580. 94`, `2. 80`.
_SPLIT_DECIMAL = re.compile(r"(\d)\s*\.\s+(\d)")
_TAGS = re.compile(r"</?(?:b|p|i|u|em|strong|span|br)\s*/?>", re.IGNORECASE)


# Runs of anything but CJK unified ideographs. None of those ideographs changes under NFKC, has a
# combining class or composes with a neighbour, so NFKC can be applied between them alone: CPython's
# composition step costs about a thousand instructions for each character it is given, and most
# characters of these documents are ideographs (tests/test_text_nfkc.py checks every code point).
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


def _nfkc_run(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m[0])


def _nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, applied only to the runs between ideographs. (Most
    texts need none: `normalize` asks unicodedata's quick check before it calls this.)"""
    return _NOT_HAN.sub(_nfkc_run, text)


# Cached: rules normalise the same cells again and again (every rule looks at the labels, and
# pasted cards repeat whole texts). Bounded, so a province-wide run keeps flat memory.
@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Full-width forms to ASCII (NFKC), ≧/≦ to ≥/≤, split decimals joined, whitespace collapsed."""
    # Whitespace is collapsed first: NFKC makes whitespace of whitespace (the ideographic space, a
    # no-break space) and never joins it to a neighbour, so collapsing before gives what collapsing
    # after does, and only a text NFKC changes needs collapsing again (`¨` is a space and a mark).
    # (str.split() splits at the characters `\s` matches, both are str.isspace, without a regex.)
    out = " ".join(text.split())
    if not out.isascii():  # (NFKC and the table change no ASCII character)
        # The common full-width forms (above), each replaced only where a search finds it: a loop
        # of six `replace` calls was half of the function's bytecodes.
        if "（" in out:
            out = out.replace("（", "(")
        if "）" in out:
            out = out.replace("）", ")")
        if "，" in out:
            out = out.replace("，", ",")
        if "：" in out:
            out = out.replace("：", ":")
        if "；" in out:
            out = out.replace("；", ";")
        if "％" in out:
            out = out.replace("％", "%")
        # (Most texts pass unicodedata's quick check, here without the call of `_nfkc`.)
        if not unicodedata.is_normalized("NFKC", out):
            nfkc = _nfkc(out)
            if nfkc != out:
                out = " ".join(nfkc.split())
        if _EXTRA_CHARS.search(out) is not None:
            out = out.translate(_EXTRA)
    # A split decimal point is followed by whitespace, which is a single space by now: the regex only
    # where it can match (most cells hold no ". "), and `sub` only where it does (with a template,
    # `sub` calls into the `re` module's Python code first, match or not).
    if ". " in out and _SPLIT_DECIMAL.search(out) is not None:
        out = _SPLIT_DECIMAL.sub(r"\1.\2", out)
    return out


@lru_cache(maxsize=1 << 16)
def compact(text: str) -> str:
    """`normalize` without any whitespace: for matching labels such as `其中: 财政 资金`."""
    return normalize(text).replace(" ", "")  # normalize() leaves no whitespace but single spaces


def strip_tags(text: str) -> str:
    """Remove the inline HTML tags (`<b>`, `<p>`) of Markdown exports."""
    return _TAGS.sub("", text) if "<" in text else text  # most text has none: skip the regex
