"""Hand-made hostile and broken inputs: each is refused with one line naming the file, what is wrong
and what to do, fast and without inflating anything; the run goes on (docs/robustness.md)."""

from __future__ import annotations

import io
import os
import sys
import time
import tracemalloc
import zipfile

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.errors import InputError
from lint.load import expand_paths, load_document
from lint.readers.guards import Limits
from tests.conftest import MARKDOWN, WORD
from tests.robustness.conftest import office_bytes
from tests.robustness.hostile import (
    billion_laughs,
    huge_directory,
    lying_zip,
    pdf_flate_bomb,
    pdf_form_laughs,
    pdf_pages,
    replace_member,
    zip_bomb,
)

SHEET = "xl/worksheets/sheet1.xml"
BODY = "word/document.xml"


def refused(path, limits: Limits | None = None) -> str:
    """The one-line reason `path` is refused (the test fails if it is read)."""
    with pytest.raises(InputError) as err:
        load_document(str(path), limits=limits or Limits())
    assert err.value.path == str(path) and "\n" not in err.value.message
    return err.value.message


def member(kind: str, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(office_bytes(kind))) as z:
        return z.read(name).decode("utf-8")


# -- zip bombs -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "name"), [("docx", BODY), ("xlsx", SHEET)])
def test_zip_bomb_refused_from_the_central_directory(tmp_path, kind, name):
    # 1 GB of spaces in a 1 MB member: refused on the declared total, before anything is inflated.
    path = tmp_path / f"bomb.{kind}"
    path.write_bytes(zip_bomb(office_bytes(kind), name, 1024))
    tracemalloc.start()
    start = time.monotonic()
    message = refused(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert message == ("zip bomb guard: members would inflate to 1.0 GB (limit 200 MB); "
                       "if the file is genuine raise limits.max-unzipped-mb")
    assert time.monotonic() - start < 2 and peak < 16 * 2**20


@pytest.mark.parametrize(("kind", "name"), [("docx", BODY), ("xlsx", SHEET)])
def test_small_bomb_refused_by_its_ratio(tmp_path, kind, name):
    # 50 MB inflated is under the total, but a 50 KB member that becomes 50 MB is not an Office part.
    path = tmp_path / f"bomb.{kind}"
    path.write_bytes(zip_bomb(office_bytes(kind), name, 50))
    message = refused(path)
    assert message.startswith(f"zip bomb guard: member {name} would inflate 1,0")
    assert message.endswith("MB, limit 100×); if the file is genuine raise limits.max-zip-ratio")


def test_declared_sizes_alone_are_enough_to_refuse(tmp_path):
    path = tmp_path / "lying.docx"
    path.write_bytes(lying_zip(office_bytes("docx"), BODY, 3_000_000_000))
    assert refused(path).startswith("zip bomb guard: members would inflate to 2.8 GB (limit 200 MB)")


def test_xml_parsed_whole_is_limited(tmp_path):
    # python-docx holds about 25 bytes per byte of XML: 20 MB of valid rows would cost 500 MB.
    xml = member("docx", BODY)
    start, end = xml.index("<w:tbl>"), xml.index("</w:tbl>") + len("</w:tbl>")
    table = xml[start:end]
    xml = xml[:start] + table * (20 * 2**20 // len(table.encode())) + xml[end:]
    path = tmp_path / "long.docx"
    path.write_bytes(replace_member(office_bytes("docx"), BODY, xml.encode()))
    message = refused(path, Limits(max_zip_ratio=10**5))  # it compresses 300×: the ratio guard would stop it first
    assert message.startswith(f"XML size guard: 21 MB of XML to parse whole ({BODY}: 20 MB; limit 16 MB)")
    assert message.endswith("raise limits.max-xml-mb")


def test_too_many_members(tmp_path):
    src = io.BytesIO(office_bytes("xlsx"))
    with zipfile.ZipFile(src, "a") as z:
        for n in range(30):
            z.writestr(f"customXml/item{n}.xml", "<a/>")
    path = tmp_path / "many.xlsx"
    path.write_bytes(src.getvalue())
    assert refused(path, Limits(max_zip_members=20)).startswith("zip bomb guard: 39 members (limit 20)")
    load_document(str(path))  # within the default limit it reads


@pytest.mark.parametrize(("declared", "problem"), [
    (0xFFFF, "zip bomb guard: 65,535 members (limit 10,000)"),
    (1, "zip bomb guard: a central directory of 12 MB, room for over 10,000 members (limit 10,000)")])
def test_huge_central_directory_refused_from_its_end_record(tmp_path, declared, problem):
    # 200,000 entries: zipfile alone would take seconds and ~100 MB (1.2 million: 82 s, 526 MB).
    path = tmp_path / "dir.docx"
    path.write_bytes(huge_directory(200_000, declared))
    start = time.monotonic()
    assert refused(path).startswith(problem)
    assert time.monotonic() - start < 0.5


def test_limits_can_be_raised_for_a_genuine_file(tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(zip_bomb(office_bytes("xlsx"), "xl/media/padding.bin", 3))  # 3 MB of spaces, unused
    assert "max-zip-ratio" in refused(path)
    assert len(load_document(str(path), limits=Limits(max_zip_ratio=5000)).cards) == 2


# -- XML entities ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "name"), [("docx", BODY), ("xlsx", SHEET), ("docx", "[Content_Types].xml"),
                                            ("xlsx", "xl/workbook.xml")])
def test_billion_laughs_refused_before_the_xml_parser(tmp_path, kind, name):
    path = tmp_path / f"laughs.{kind}"
    path.write_bytes(billion_laughs(office_bytes(kind), name))
    assert refused(path) == (
        f"XML entity guard: member {name} declares a DTD (<!DOCTYPE or <!ENTITY), which Office files never do; "
        "refused to prevent entity expansion: open and save it again in Word/Excel/WPS")


def test_utf16_dtd_is_seen_too(tmp_path):
    xml = '<?xml version="1.0" encoding="UTF-16"?>' + "<!DOCTYPE x [<!ENTITY a 'b'>]>" + member("docx", BODY)[55:]
    path = tmp_path / "u16.docx"
    path.write_bytes(replace_member(office_bytes("docx"), BODY, xml.encode("utf-16")))
    assert refused(path).startswith(f"XML entity guard: member {BODY} declares a DTD")


def test_libraries_do_not_expand_entities_either(tmp_path):
    """Behind the guard: what python-docx (lxml, resolve_entities=False) and openpyxl (expat with its
    amplification limit) do with a billion laughs. Both refuse; the reader turns it into one line."""
    from lint.readers.docx import read_docx
    from lint.readers.xlsx import read_xlsx

    for kind, name, read in (("docx", BODY, read_docx), ("xlsx", SHEET, read_xlsx)):
        data = billion_laughs(office_bytes(kind), name)
        with pytest.raises(InputError) as err:
            read(io.BytesIO(data), f"x.{kind}")
        assert err.value.message.startswith(("not a readable", "cannot read")), err.value.message


def test_an_svg_image_with_a_doctype_is_not_refused(tmp_path):
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    src = io.BytesIO(office_bytes("docx"))
    with zipfile.ZipFile(src, "a") as z:
        z.writestr("word/media/logo.svg", svg)
    path = tmp_path / "logo.docx"
    path.write_bytes(src.getvalue())
    assert len(load_document(str(path)).cards) == 1


# -- damaged packages ------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_truncated_package(tmp_path, kind):
    data = office_bytes(kind)
    for cut in (len(data) // 2, len(data) - 30, 100):
        path = tmp_path / f"cut{cut}.{kind}"
        path.write_bytes(data[:cut])
        message = refused(path)
        assert message.startswith(f"not a readable .{kind} file") and "save it again" in message


def test_damaged_member_is_named(tmp_path):
    data = bytearray(office_bytes("xlsx"))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(SHEET)
    start = info.header_offset + 30 + len(SHEET) + 10
    data[start:start + 40] = bytes(40)  # zeros inside the compressed sheet: CRC or inflate fails
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    assert refused(path).startswith(f"not a readable .xlsx file (member {SHEET}: ")


def test_missing_main_part(tmp_path):
    path = tmp_path / "nobody.docx"
    path.write_bytes(replace_member(office_bytes("docx"), BODY, None))
    assert refused(path).startswith("not a readable .docx file (")


def test_encrypted_office_file(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    assert refused(path) == ("password-protected (encrypted) or old-format Office file, not a .xlsx package: "
                             "remove the password and save it as .xlsx")


def docx_with_grid_span(path, value: str):
    """The corpus .docx with its first table cell spanning `value` grid columns."""
    xml = member("docx", BODY)
    at = xml.index("<w:tcPr>")
    xml = xml[:at] + f'<w:tcPr><w:gridSpan w:val="{value}"/>' + xml[at + 8:]
    path.write_bytes(replace_member(office_bytes("docx"), BODY, xml.encode()))
    return path


def test_cell_spanning_a_billion_columns(tmp_path):
    path = docx_with_grid_span(tmp_path / "span.docx", "1000000000")
    assert refused(path).startswith("too many cells (over 1,000,000,0")


def test_sheet_row_numbered_ten_to_the_twelfth(tmp_path):
    # openpyxl yields an empty row for every row number skipped: this took forever before the guard.
    xml = member("xlsx", SHEET)
    end = xml.rindex("</sheetData>")
    xml = xml[:end] + '<row r="1000000000000"><c r="A1000000000000" t="inlineStr"><is><t>x</t></is></c></row>' + xml[end:]
    path = tmp_path / "far.xlsx"
    path.write_bytes(replace_member(office_bytes("xlsx"), SHEET, xml.encode()))
    start = time.monotonic()
    assert refused(path).startswith("too many cells (over 500,001, limit 500,000)")
    assert time.monotonic() - start < 10


def test_bad_attribute_value(tmp_path):
    path = docx_with_grid_span(tmp_path / "attr.docx", "many")
    assert refused(path).startswith("cannot read the .docx file (ValueError: ")


# -- sizes and cells -------------------------------------------------------------------------------
def test_file_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(WORD.read_bytes())
    assert refused(path, Limits(max_file_mb=0.1)) == (
        "file too large (121 KB, limit 102 KB): if the file is genuine raise limits.max-file-mb")


@pytest.mark.parametrize("sep", ["\t", "\n", "\r", "\u2028"])
def test_text_cells_counted_before_splitting(tmp_path, sep):
    path = tmp_path / "tabs.txt"
    path.write_bytes(("项目名称" + sep * 600_000).encode())
    assert refused(path).startswith("too many cells (600,000, limit 500,000)")


# -- PDF -------------------------------------------------------------------------------------------
def test_empty_pdf(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert refused(path) == "empty file: no document to read"


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_pages([""]))
    assert refused(path).startswith("PDF has no text layer (a scanned image?)")


def test_pdf_page_limit(tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf_pages(["a", "b", "c"]))
    assert refused(path, Limits(max_pdf_pages=2)).startswith("PDF has over 2 pages (limit limits.max-pdf-pages)")


def test_pdf_stream_bomb(tmp_path):
    path = tmp_path / "flate.pdf"
    path.write_bytes(pdf_flate_bomb(64))
    tracemalloc.start()
    message = refused(path, Limits(max_unzipped_mb=16))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert message == ("decompression bomb guard: the PDF's streams would decode to over 16 MB (limit 16 MB); "
                       "if the file is genuine raise limits.max-unzipped-mb")
    assert peak < 48 * 2**20


def test_pdf_forms_drawing_forms_hit_the_object_limit(tmp_path):
    path = tmp_path / "forms.pdf"
    path.write_bytes(pdf_form_laughs())  # 10^9 glyphs from 3 KB
    message = refused(path, Limits(max_pdf_page_objects=2000))
    assert message.startswith("page 1 draws over 2,000 characters, lines and forms")


def test_pdf_watchdog_stops_a_slow_read(tmp_path):
    path = tmp_path / "forms.pdf"
    path.write_bytes(pdf_form_laughs())
    for seconds in (0.3, 0.4, 0.5):  # the interrupt lands somewhere else each time
        start = time.monotonic()
        message = refused(path, Limits(max_pdf_seconds=seconds, max_pdf_page_objects=10**8))
        assert time.monotonic() - start < seconds + 2
        assert message.startswith("PDF reading stopped after ") and f"at page 1 of 1 (limit {seconds:g} s)" in message


def test_watchdog_never_fires_after_a_read(tmp_path):
    path = tmp_path / "card.pdf"
    path.write_bytes(office_bytes("pdf"))
    assert load_document(str(path)).cards  # warm up: pdfplumber's import is not what is timed
    # A budget generous enough for a loaded CI machine; the point is what happens after the read.
    for _ in range(3):
        assert load_document(str(path), limits=Limits(max_pdf_seconds=2.0)).cards
    time.sleep(2.3)  # a timer left running would raise in this thread by now
    assert sum(range(10**5)) > 0


# -- folders, links, permissions ----------------------------------------------------------------
def test_symlink_loops(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    loop = "symbolic link loop (too many levels of symbolic links): fix or remove the link"
    assert [(p, e and e.message) for p, e in expand_paths([str(tmp_path / "a.txt")])] == [(str(tmp_path / "a.txt"), loop)]
    folder = tmp_path / "sub"
    folder.mkdir()
    (folder / "x.md").symlink_to("y.md")
    (folder / "y.md").symlink_to("x.md")
    (folder / "up").symlink_to("..")  # a folder link to its parent: not followed
    (folder / "doc.md").write_bytes(MARKDOWN.read_bytes())
    r = CliRunner().invoke(main, ["check", str(folder), "--select", "IN001", "-q"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert r.stderr.splitlines() == [f"jxlint: error: {folder / 'x.md'}: {loop}", f"jxlint: error: {folder / 'y.md'}: {loop}"]
    assert "in 44 card(s) of 1 file(s); 2 file(s) could not be read." in r.stdout


def test_broken_link(tmp_path):
    (tmp_path / "gone.docx").symlink_to(tmp_path / "nowhere.docx")
    assert refused(tmp_path / "gone.docx") == "broken symbolic link (its target does not exist): fix or remove the link"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything; simulated below")
def test_unreadable_folder_and_file_for_real(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "doc.md").write_bytes(MARKDOWN.read_bytes())
    secret = tmp_path / "secret.md"
    secret.write_bytes(MARKDOWN.read_bytes())
    (tmp_path / "ok.md").write_bytes(MARKDOWN.read_bytes())
    locked.chmod(0)
    secret.chmod(0)
    try:
        r = CliRunner().invoke(main, ["check", str(tmp_path), "-q", "--select", "IN001"])
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [  # in walk order: the folder's files, then its subfolders
        f"jxlint: error: {secret}: permission denied: make it readable for this user, or leave it out",
        f"jxlint: error: {locked}: cannot list the folder: permission denied: make it readable for this user, or leave it out"]
    assert "of 1 file(s); 2 file(s) could not be read." in r.stdout


def test_unreadable_folder_and_file_simulated(tmp_path, monkeypatch):
    """The same as root (CI): the walk's listing and the file's open raise PermissionError."""
    import lint.readers.guards as guards

    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "doc.md").write_bytes(MARKDOWN.read_bytes())
    secret = tmp_path / "secret.md"
    secret.write_bytes(MARKDOWN.read_bytes())
    (tmp_path / "ok.md").write_bytes(MARKDOWN.read_bytes())
    real_scandir, real_open = os.scandir, open

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    def fake_open(path, *args, **kwargs):
        if os.fspath(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(secret))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(guards, "open", fake_open, raising=False)
    # --jobs 1: the fakes are patched into this process only.
    r = CliRunner().invoke(main, ["check", str(tmp_path), "-q", "--select", "IN001", "--jobs", "1"])
    assert r.exit_code == 2
    # stderr names the folder when the walk fails and the file when it is read; the report is in
    # path order.
    assert sorted(r.stderr.splitlines()) == sorted([
        f"jxlint: error: {secret}: permission denied: make it readable for this user, or leave it out",
        f"jxlint: error: {locked}: cannot list the folder: permission denied: make it readable for this user, or leave it out"])
    assert "of 1 file(s); 2 file(s) could not be read." in r.stdout
    # A folder that cannot be listed at all is an error, not "holds no documents".
    assert [(p, e.message) for p, e in expand_paths([str(locked)])] == [
        (str(locked), "cannot list the folder: permission denied: make it readable for this user, or leave it out")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_pipe_inside_a_folder_is_skipped_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "doc.md").write_bytes(MARKDOWN.read_bytes())
    notes = []
    got = list(expand_paths([str(tmp_path)], on_skip=lambda p, why: notes.append((p, why))))
    assert got == [(str(tmp_path / "doc.md"), None)]
    assert notes == [(str(tmp_path / "pipe.txt"), "not a regular file (a pipe, socket or device)")]


def test_a_device_named_on_the_command_line_is_refused():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    assert refused("/dev/zero") == "not a regular file (a device or socket): give a file instead"


def test_a_shot_landing_as_the_watchdog_is_stopped_does_not_leave_it_running(monkeypatch):
    """The watchdog's exception can land just as the read ends, at the call that stops it; the stop
    must still happen, or the timer fires into this thread every 50 ms for the rest of the process
    (a later, unrelated test then hangs). Simulated: the first stop() call is hit by the shot."""
    from lint.readers import pdfguard

    dogs = []
    real_stop = pdfguard._Watchdog.stop

    def stop(self):
        dogs.append(self)
        if len(dogs) == 1:
            raise pdfguard._Timeout()  # as if delivered on entering stop()
        return real_stop(self)

    monkeypatch.setattr(pdfguard._Watchdog, "stop", stop)
    assert pdfguard.read_bounded("x.pdf", Limits(max_pdf_seconds=60), lambda budget: "read") == "read"
    assert len(dogs) == 2 and dogs[0] is dogs[1]
    dogs[0].thread.join(1.0)
    assert dogs[0].stopped.is_set() and not dogs[0].thread.is_alive()
