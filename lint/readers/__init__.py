"""Readers: bytes → text → rows of cells with positions. No knowledge of cards here."""

from lint.readers.decode import decode_bytes, read_text
from lint.readers.rows import Cell, Row, detect_layout, split_rows

__all__ = ["Cell", "Row", "decode_bytes", "detect_layout", "read_text", "split_rows"]
