"""Property tests on office files: genuine .docx/.xlsx/.pdf files with bytes flipped, cut, deleted or
inserted, zip members deleted, renamed or their XML mangled, and random bytes under office names.
Whatever comes in, the reader, parser and rules either read it or refuse it with one InputError
line naming the file; no other exception escapes and no rule fails on what was read.

Counts (hypothesis `max_examples` per test) are listed in docs/robustness.md.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.check import run_rules
from lint.errors import InputError
from lint.load import load_document
from lint.readers.guards import Limits
from tests.robustness.conftest import office_bytes

# Short PDF budget: a mutation that sends pdfminer into a long loop is stopped (and reported) fast.
LIMITS = Limits(max_pdf_seconds=5)


def examples(n: int):
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True)


def read_or_refuse(tmp: Path, name: str, data: bytes) -> None:
    """The property: parsed (and every rule runs cleanly on it) or refused in one line."""
    path = tmp / name
    path.write_bytes(data)
    try:
        doc = load_document(str(path), limits=LIMITS)
    except InputError as exc:
        assert exc.path == str(path)
        assert exc.message and "\n" not in exc.message and "Traceback" not in exc.message
        return
    assert doc.cards
    findings = run_rules([doc])
    failed = [f.message for f in findings if f.code == "IN001"]
    assert not failed, failed  # a rule that raised is reported as IN001 by run_rules


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mutations")


# -- byte-level mutations ------------------------------------------------------------------------
@st.composite
def mutated_bytes(draw, kind: str) -> bytes:
    data = bytearray(office_bytes(kind))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        op = draw(st.sampled_from(["flip", "cut", "delete", "insert", "duplicate", "zero"]))
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del data[i:]
        elif op == "delete":
            del data[i:i + draw(st.integers(1, 2000))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
        elif op == "duplicate":
            j = draw(st.integers(i, min(len(data), i + 4000)))
            data[i:i] = data[i:j]
        else:
            data[i:i + draw(st.integers(1, 400))] = bytes(min(len(data) - i, 400))
    return bytes(data)


@examples(60)
@given(data=mutated_bytes("docx"))
def test_mutated_docx_bytes(tmp, data):
    read_or_refuse(tmp, "m.docx", data)


@examples(60)
@given(data=mutated_bytes("xlsx"))
def test_mutated_xlsx_bytes(tmp, data):
    read_or_refuse(tmp, "m.xlsx", data)


@examples(30)
@given(data=mutated_bytes("pdf"))
def test_mutated_pdf_bytes(tmp, data):
    pytest.importorskip("reportlab")
    read_or_refuse(tmp, "m.pdf", data)


# -- member-level mutations: the zip stays valid, its content does not -----------------------------
_JUNK = ["<w:tbl>", "</w:tr>", "<w:tc>", '<w:gridSpan w:val="9999"/>', '<w:vMerge w:val="restart"/>',
         "<row r=\"0\">", '<c r="ZZZ9" t="s"><v>99999</v></c>', '<c r="A1" t="n"><v>x</v></c>',
         "&amp;", "&#0;", "\x00", "<![CDATA[", "<?pi?>", "项目名称", "\t", "<!-- -->", "</sheetData>"]


@st.composite
def mutated_members(draw, kind: str) -> bytes:
    src = office_bytes(kind)
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    names = sorted(members)
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(names))
        op = draw(st.sampled_from(["delete", "rename", "empty", "xml", "xml", "xml"]))
        if op == "delete":
            members.pop(name, None)
        elif op == "rename" and name in members:
            members[name + draw(st.sampled_from(["x", ".bak", "/"]))] = members.pop(name)
        elif op == "empty" and name in members:
            members[name] = b""
        elif name in members:
            text = members[name].decode("utf-8", "replace")  # random edits: mostly broken XML
            for _ in range(draw(st.integers(1, 5))):
                i = draw(st.integers(0, len(text)))
                edit = draw(st.sampled_from(["junk", "delete", "duplicate"]))
                if edit == "junk":
                    text = text[:i] + draw(st.sampled_from(_JUNK)) + text[i:]
                elif edit == "delete":
                    text = text[:i] + text[i + draw(st.integers(1, 300)):]
                else:
                    text = text[:i] + text[i:i + draw(st.integers(1, 3000))] * 2 + text[i:]
            members[name] = text.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@examples(80)
@given(data=mutated_members("docx"))
def test_mangled_docx_members(tmp, data):
    read_or_refuse(tmp, "z.docx", data)


@examples(80)
@given(data=mutated_members("xlsx"))
def test_mangled_xlsx_members(tmp, data):
    read_or_refuse(tmp, "z.xlsx", data)


# -- structured mutations: valid XML, odd documents ----------------------------------------------
# Whole elements, matched with their own end tag (a cell inside a row is not taken for the row).
_ELEMENTS = {"docx": ("word/document.xml", r"<w:(tr|tc|p|tbl)\b[^>/]*>.*?</w:\1>", r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)"),
             "xlsx": ("xl/worksheets/sheet1.xml", r"<(row|c)\b[^>/]*>.*?</\1>", r"(<t(?: [^>]*)?>)([^<]*)(</t>)")}
_TEXTS = st.one_of(st.text(max_size=40), st.sampled_from(["", "涉密", "≥95%", "产出指标", "数量指标", "绩效目标表", "12月底",
                                                          "项目名称", "0", "1.目标内容1"]),
                   st.integers(1, 20000).map(lambda n: "长" * n))


def _xml_text(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n" or " " <= ch < "\ufffe" and not 0xD800 <= ord(ch) <= 0xDFFF) \
        .replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def structured(draw, kind: str) -> bytes:
    """Whole elements (rows, cells, paragraphs) deleted, repeated up to 40 times or swapped, cell
    texts replaced (empty, placeholder, 20,000 characters): the XML stays well-formed."""
    import re

    name, element, text_node = _ELEMENTS[kind]
    src = office_bytes(kind)
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        xml = z.read(name).decode("utf-8")
    for _ in range(draw(st.integers(1, 6))):
        spans = [m.span() for m in re.finditer(element, xml, re.S)]
        texts = [m.span(2) for m in re.finditer(text_node, xml)]  # the text of <w:t>, <t>
        op = draw(st.sampled_from(["delete", "repeat", "swap", "text", "text"]))
        if op == "text" and texts:
            a, b = draw(st.sampled_from(texts))
            xml = xml[:a] + _xml_text(draw(_TEXTS)) + xml[b:]
        elif spans:
            a, b = draw(st.sampled_from(spans))
            if op == "delete":
                xml = xml[:a] + xml[b:]
            elif op == "repeat" and len(xml) < 150_000:  # a few hundred rows at most: keeps the test fast
                xml = xml[:a] + xml[a:b] * draw(st.integers(2, 40)) + xml[b:]
            else:
                c, d = draw(st.sampled_from(spans))
                if b <= c:
                    xml = xml[:a] + xml[c:d] + xml[b:c] + xml[a:b] + xml[d:]
    from tests.robustness.hostile import replace_member

    return replace_member(src, name, xml.encode("utf-8"))


@examples(40)
@given(data=structured("docx"))
def test_structured_docx_mutations(tmp, data):
    read_or_refuse(tmp, "s.docx", data)


@examples(60)
@given(data=structured("xlsx"))
def test_structured_xlsx_mutations(tmp, data):
    read_or_refuse(tmp, "s.xlsx", data)


# -- random bytes under office names and with office magic -----------------------------------------
@examples(150)
@given(name=st.sampled_from(["r.docx", "r.xlsx", "r.pdf", "r.txt", "r"]),
       head=st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"]),
       body=st.binary(max_size=3000))
def test_random_bytes_under_office_names(tmp, name, head, body):
    read_or_refuse(tmp, name, head + body)
