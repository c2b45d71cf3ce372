from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from lint.model import Card, Document, Indicator
from lint.parse.levels import canonical
from lint.rules.base import Context, Finding, Rule, related_card
from lint.similarity import subject_nouns, tokens
from lint.text import compact


class ForeignSubject(Rule):
    """A row names the subject of another project of the same unit, and nothing else in this card does.

    **What it checks.** The subject of a project is the first noun of its name, segmented by jieba
    (`门卫安保经费` → `门卫`; money, activity and level words of `dictionaries/copypaste_stopwords.txt`
    do not count). A row of card C is reported when its 三级指标 or description contains the subject
    word S of another project P of the same unit (same department, any document of the run) and:
    C's own name, goal and 资金用途 do not contain S; no card other than P's has S in its name,
    goal or 资金用途 (S belongs to P alone); and P itself has a row of the same 二级 with S that is
    not the same row (P's grid really is about S, and the row is not simply one copied to both).

    **Why a reviewer cares.** It is the trace of a grid pasted from another project and not fully
    edited: the indicator measures someone else's work (相关性).

    **Bad** (004 card 3, 县委办劳务派遣人员经费, line 553): the satisfaction row of a labour-dispatch
    card asks about the gatehouse, the subject of card 1 门卫安保经费:

        服务对象满意度指标 | 群众满意度 | 群众对门卫工作整体满意度 | ≥95百分比

    **Good** (004 card 1, 门卫安保经费, line 346): the same subject in its own card:

        服务对象满意度指标 | 本单位人员对门卫工作的满意率 | 对门卫工作的满意程度 | ≥90百分比

    Scope: subjects are compared within one unit (its documents of all years checked together),
    not across units: another county's 门卫 project says nothing about this unit's cards.
    """

    code = "CP103"
    name = "foreign-subject"
    family = "copy_paste"
    severity = "warning"
    message = "{label} '{text}' names '{subject}', the subject of {other}, which this card's name, goal and 资金用途 never mention"

    _LABELS = {"name": "三级指标", "description": "绩效指标描述"}

    def check_run(self, documents: list[Document], settings: dict[str, Any]) -> Iterator[Finding]:
        units: dict[str, list[Document]] = defaultdict(list)
        for doc in documents:
            units[compact(doc.department or "") or doc.path].append(doc)
        for docs in units.values():
            yield from self._check_unit(docs, settings)

    def _check_unit(self, docs: list[Document], settings: dict[str, Any]) -> Iterator[Finding]:
        cards = [(doc, card) for doc in docs for card in doc.cards]
        identity = {id(card): _identity(card) for _, card in cards}
        owners: dict[str, list[tuple[Document, Card]]] = defaultdict(list)
        for doc, card in cards:
            nouns = subject_nouns(card.project_name or card.title)
            if nouns:
                owners[nouns[0]].append((doc, card))
        # Words that name a subject of one project only, and that no other card claims.
        claimed: dict[str, list[tuple[Document, Card]]] = {}
        for word, owning in owners.items():
            if len({compact(c.project_name or c.title) for _, c in owning}) != 1:
                continue
            own_ids = {id(c) for _, c in owning}
            if any(word in identity[id(c)] for _, c in cards if id(c) not in own_ids):
                continue
            claimed[word] = owning
        if not claimed:
            return
        contexts = {id(doc): Context(document=doc, settings=settings) for doc in docs}
        for doc, card in cards:
            for ind in card.indicators:
                for fieldname in ("name", "description"):
                    text = getattr(ind, fieldname)
                    for word in dict.fromkeys(tokens(text)):
                        owning = claimed.get(word)
                        if not owning or word in identity[id(card)]:
                            continue
                        evidence = [(od, oc, row) for od, oc in owning if oc is not card
                                    for row in [_evidence_row(oc, ind, word)] if row is not None]
                        if not evidence:
                            continue
                        od, oc, row = evidence[0]
                        yield self.finding(
                            contexts[id(doc)], card, field=fieldname, indicator=ind,
                            label=self._LABELS[fieldname], subject=word,
                            other=f"card {oc.seq} {oc.project_name or oc.title}" + ("" if od is doc else f" of {od.path}"),
                            related=[related_card(od, oc, "title", f"its row: {row.name} | {row.description}")],
                        )
                        break  # one subject per cell is enough evidence


def _identity(card: Card) -> str:
    return compact(" ".join((card.title, card.project_name, card.goal_text, card.fund_use)))


def _evidence_row(owner: Card, ind: Indicator, word: str) -> Indicator | None:
    """A row of the owner, same 二级, naming `word`, and not the very row found in the other card."""
    level2 = canonical(ind.level2)
    same = (compact(ind.name), compact(ind.description))
    for row in owner.indicators:
        if canonical(row.level2) != level2 or (compact(row.name), compact(row.description)) == same:
            continue
        if word in compact(row.name + row.description):
            return row
    return None
