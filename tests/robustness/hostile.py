"""Hostile and broken files, built in the tests themselves: zip bombs, billion laughs, PDFs that
amplify, mutated office packages. Small on disk, fast to build (each well under a second)."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
          + "]>")


def replace_member(src: bytes, name: str, data: bytes | None) -> bytes:
    """The package with member `name` replaced by `data` (None: deleted)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(info, zin.read(info.filename))
            elif data is not None:
                zout.writestr(info, data)
    return out.getvalue()


def billion_laughs(src: bytes, member: str) -> bytes:
    """A DOCTYPE declaring ten levels of tenfold entities (10^9 `lol`s) prepended to a member's XML,
    and the top entity used in it."""
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        xml = z.read(member).decode("utf-8")
    end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
    body = xml[end:]
    tag_end = body.index(">", body.index("<") + 1) + 1  # after the root's start tag
    xml = xml[:end] + LAUGHS + body[:tag_end] + body[tag_end:].replace("<", "&lol9;<", 1)
    return replace_member(src, member, xml.encode("utf-8"))


def deflated_spaces(mb: int) -> tuple[bytes, int, int]:
    """`mb` MB of spaces as raw deflate data, with their CRC-32 and Adler-32, in milliseconds: one
    1 MB block is compressed once and ended with a full flush, which makes the compressed block
    independent of what came before, so it can simply be repeated."""
    block = b" " * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    raw = chunk * mb + zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # a final empty block
    crc, adler = 0, 1
    for _ in range(mb):
        crc, adler = zlib.crc32(block, crc), zlib.adler32(block, adler)
    return raw, crc, adler


def zip_bomb(src: bytes, member: str, inflated_mb: int) -> bytes:
    """The package with `member` replaced by `inflated_mb` MB of spaces, deflated about 1000 times
    (a genuine zip: sizes and CRC are right). Written stored, then its headers patched to deflate."""
    raw, crc, _ = deflated_spaces(inflated_mb)
    data = bytearray(replace_member(src, member, None))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        bomb = zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0))
        zout.writestr(bomb, raw, compress_type=zipfile.ZIP_STORED)
    data = bytearray(out.getvalue())
    size = (inflated_mb << 20).to_bytes(4, "little")
    local = data.rindex(b"PK\x03\x04")  # the bomb is the last member
    data[local + 8:local + 10] = (8).to_bytes(2, "little")  # method: deflate
    data[local + 14:local + 18] = crc.to_bytes(4, "little")
    data[local + 22:local + 26] = size
    central = data.rindex(b"PK\x01\x02")
    data[central + 10:central + 12] = (8).to_bytes(2, "little")
    data[central + 16:central + 20] = crc.to_bytes(4, "little")
    data[central + 24:central + 28] = size
    return bytes(data)


def lying_zip(src: bytes, member: str, declared: int) -> bytes:
    """The package with the uncompressed size recorded for `member` in the central directory raised
    to `declared` bytes (below 4 GB), as a hand-made bomb declares it; the data is unchanged."""
    data = bytearray(src)
    name = member.encode()
    at = 0
    while True:  # the central-directory header of `member`: signature, fixed fields, then the name
        at = data.index(b"PK\x01\x02", at + 1)
        n = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + n] == name:
            break
    data[at + 24:at + 28] = min(declared, 0xFFFFFFFE).to_bytes(4, "little")
    return bytes(data)


def huge_directory(entries: int, declared: int) -> bytes:
    """A zip of one tiny member whose central directory lists it `entries` times, with an end
    record declaring `declared` members: Python's zipfile would build an object per entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", b"<w:document/>")
    data = out.getvalue()
    start, end = data.index(b"PK\x01\x02"), data.index(b"PK\x05\x06")
    directory = data[start:end] * entries
    count = min(declared, 0xFFFF).to_bytes(2, "little")
    return (data[:start] + directory + b"PK\x05\x06" + bytes(4) + count + count
            + len(directory).to_bytes(4, "little") + start.to_bytes(4, "little") + bytes(2))


# -- PDF -----------------------------------------------------------------------------------------
def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered objects (1-based; object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_pages(texts: list[str]) -> bytes:
    """A plain PDF: one page per text, in Helvetica."""
    n = len(texts)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), _FONT]
    for i, text in enumerate(texts):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_stream(b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")))
    return _pdf(objects)


def pdf_flate_bomb(inflated_mb: int) -> bytes:
    """One page whose content stream inflates to `inflated_mb` MB (spaces: no objects, no text)."""
    raw, _, adler = deflated_spaces(inflated_mb)
    data = b"\x78\xda" + raw + adler.to_bytes(4, "big")  # zlib wrapping, as /FlateDecode wants
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]
    return _pdf(objects)


def pdf_form_laughs(levels: int = 9, fanout: int = 10) -> bytes:
    """The PDF billion laughs: form Xobject k draws form k-1 `fanout` times, form 0 draws one glyph,
    the page draws the top form: fanout**levels glyphs from a file of a few KB."""
    forms_start = 5  # objects 1–4: catalog, pages, page, font; then forms 0..levels, then page content
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"", _FONT]
    for k in range(levels + 1):
        if k == 0:
            body = b"BT /F1 12 Tf 72 720 Td (A) Tj ET"
            res = b"/Resources << /Font << /F1 4 0 R >> >>"
        else:
            body = b" ".join([b"/X Do"] * fanout)
            res = b"/Resources << /XObject << /X %d 0 R >> >>" % (forms_start + k - 1)
        objects.append(_stream(body, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] " + res))
    top = forms_start + levels
    content = len(objects) + 1
    objects[2] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                  b"/Resources << /XObject << /X %d 0 R >> >> /Contents %d 0 R >>" % (top, content))
    objects.append(_stream(b"/X Do"))
    return _pdf(objects)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
