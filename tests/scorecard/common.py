"""Findings built by hand on real 004 cards, for scores that do not depend on which rules exist yet."""

from __future__ import annotations

from lint.model import Document
from lint.rules.base import Finding
from tests.conftest import card_at

# Reporting units of 004, read from the `2010xx<name>` line above each card (13+6+3+3+2+4+6+10+1 = 48).
UNITS_004 = {
    "中国共产党阜平县委员会本级": 13,
    "中国共产主义青年团阜平县委员会": 6,
    "阜平县文学艺术界联合会": 3,
    "中共阜平县委县直机关工作委员会": 3,
    "中国共产党阜平县委员会统战部": 2,
    "阜平县科学技术协会": 4,
    "阜平县妇女联合会": 6,
    "河北省阜平县残疾人联合会": 10,
    "阜平县工商业联合会": 1,
}


def make(doc: Document, title_line: int, family: str, severity: str, code: str, line_offset: int = 10) -> Finding:
    """A finding of `code` on the 004 card whose title is on `title_line`."""
    card = card_at(doc, title_line)
    return Finding(code=code, name=code.lower(), family=family, severity=severity, message=f"{code} here",
                   path=doc.path, line=title_line + line_offset, column=2, card_seq=card.seq,
                   card_title=card.title, unit=card.reporting_unit)


def constructed(doc: Document) -> list[Finding]:
    """Findings spread over four units and five families (expected scores in the tests, by hand)."""
    return [
        # 妇联 card 33 (line 3501, 1.8万元): 1 error unit mismatch + 3 warning vague values → 81.6
        make(doc, 3501, "unit_mismatch", "error", "UM001"),
        *(make(doc, 3501, "vague_value", "warning", "VV001", k) for k in (20, 30, 40)),
        # 妇联 card 34 (line 3610, 1.5万元): 2 warning copy-paste → 94
        make(doc, 3610, "copy_paste", "warning", "CP001", 20),
        make(doc, 3610, "copy_paste", "warning", "CP001", 30),
        # 妇联 card 35 (line 3720, 0.7万元): 1 info stale year → 99.4
        make(doc, 3720, "stale_year", "info", "SY001"),
        # 工商联 card 49 (line 5188, 0.5万元): 2 error budget + 1 error operator → 65.5
        make(doc, 5188, "budget_inconsistency", "error", "BU001", 5),
        make(doc, 5188, "budget_inconsistency", "error", "BU001", 6),
        make(doc, 5188, "illogical_operator", "error", "IO001", 40),
        # 文联 card 21 (line 2320, 3.8万元): 5 error structure → 70
        *(make(doc, 2320, "structure", "error", "ST001", k) for k in (40, 50, 60, 70, 80)),
        # 文联 card 22 (line 2429, 5.0万元): 1 warning placeholder → 94
        make(doc, 2429, "placeholder", "warning", "PH002"),
        # 科协 card 29 (line 3093, 0.5万元): 1 warning of a family not in the weight table → 96
        make(doc, 3093, "brand_new_family", "warning", "ZZ001"),
    ]
