from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import add, attrgetter, itemgetter, not_

from lint.model import Card, Document, Indicator
from lint.parse.levels import canonical
from lint.rules._docrows import doc_rows
from lint.rules.base import Context, Finding, Rule, related_card
from lint.similarity import is_word, subject_candidates
from lint.text import compact


class ForeignSubject(Rule):
    """A row names the subject of another project of the same unit, and nothing else in this card does.

    **What it checks.** The candidate subjects of a project are the pieces of its name left when
    numbers, bracketed notes and the money, activity and level words of
    `dictionaries/copypaste_stopwords.txt` are cut out (`门卫安保经费` → `门卫`, `安保`, `门卫安保` …).
    A row of card C is reported when its 三级指标 or description contains a subject S of another
    project P of the same document and: C's own name, goal
    and 资金用途 do not contain S; no card other than P's has S in its name, goal or 资金用途 (S
    belongs to P alone); S is a word both in the row and in P's name (jieba with the domain
    dictionary `dictionaries/jieba_userdict.txt` confirms the word boundaries, so `卫安` of
    `门卫安保` never counts); and P itself has a row of the same 二级 with S that is not the same row
    (P's grid really is about S, and the row is not simply one copied to both). The longest such S
    is reported, one per cell.

    **Why a reviewer cares.** It is the trace of a grid pasted from another project and not fully
    edited: the indicator measures someone else's work (相关性).

    **Bad** (004 card 3, 县委办劳务派遣人员经费, line 553): the satisfaction row of a labour-dispatch
    card asks about the gatehouse, the subject of card 1 门卫安保经费:

        服务对象满意度指标 | 群众满意度 | 群众对门卫工作整体满意度 | ≥95百分比

    **Good** (004 card 1, 门卫安保经费, line 346): the same subject in its own card:

        服务对象满意度指标 | 本单位人员对门卫工作的满意率 | 对门卫工作的满意程度 | ≥90百分比

    Scope: subjects are compared within one document, the unit's submission: another county's
    门卫 project says nothing about this unit's cards, and a per-document check streams (a
    province-wide run never holds more than one document's cards for this rule).
    """

    code = "CP103"
    name = "foreign-subject"
    family = "copy_paste"
    severity = "warning"
    message = "{label} '{text}' names '{subject}', the subject of {other}, which this card's name, goal and 资金用途 never mention"

    _LABELS = {"name": "三级指标", "description": "绩效指标描述"}
    _FIELDS = ("name", "description")

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        cards = doc.cards
        names = [compact(card.project_name or card.title) for card in cards]
        owners: dict[str, set[int]] = defaultdict(set)
        for k, card in enumerate(cards):
            for word in subject_candidates(card.project_name or card.title):
                owners[word].add(k)
        # A subject belongs to one project name and appears in no other card's name, goal or 资金用途.
        # (Nearly every word has one owner: only the others need their owners' names compared.)
        single = [word for word, own in owners.items() if len(own) == 1 or len({names[k] for k in own}) == 1]
        if not single:
            return
        dr = doc_rows(doc, ctx)
        card_of = dr.card_of
        # Only a subject named in a cell outside its own cards can give a finding (`_subject_in`
        # skips it in its own), one in seven: the costlier test, that no other card's name, goal or
        # 资金用途 holds it, is made for those alone.
        outside = _named_outside(single, owners, dr.rows, card_of)
        if not outside:
            return
        holders = _texts_with(list(outside), list(map(_identity, cards)))
        claimed: dict[str, set[int]] = {}
        hits: set[int] = set()
        for word, rest in outside.items():
            own = owners[word]
            if holders[word] <= own:  # no card outside its owners holds it
                claimed[word] = own
                hits.update(rest)
        if not hits:
            return
        by_first: dict[str, list[str]] = defaultdict(list)
        for word in sorted(claimed, key=lambda w: (-len(w), w)):  # longest first
            by_first[word[:2]].append(word)
        doc_cards = [(doc, card) for card in cards]
        for i in sorted(hits):  # the order of cards, rows and fields (name, then description)
            r, f = divmod(i, 2)
            fieldname = self._FIELDS[f]
            k = card_of[r]
            card = cards[k]
            ind = dr.rows[r]
            hit = self._subject_in(getattr(ind, fieldname), ind, k, by_first, claimed, doc_cards)
            if hit is None:
                continue
            word, od, oc, row = hit
            yield self.finding(
                ctx, card, field=fieldname, indicator=ind,
                label=self._LABELS[fieldname], subject=word,
                other=f"card {oc.seq} {oc.project_name or oc.title}",
                related=[related_card(od, oc, "title", f"its row: {row.name} | {row.description}")],
            )

    @staticmethod
    def _subject_in(text: str, ind: Indicator, k: int, by_first: dict[str, list[str]], claimed: dict[str, set[int]],
                    cards: list[tuple[Document, Card]]) -> tuple[str, Document, Card, Indicator] | None:
        """The longest claimed subject of another card that this cell names as a word, with the owner
        and the owner's own row about it; None when there is none."""
        text = compact(text)
        found = [w for i in range(len(text) - 1) for w in by_first.get(text[i:i + 2], ()) if text.startswith(w, i)]
        for word in sorted(set(found), key=lambda w: (-len(w), w)):
            own = claimed[word]
            if k in own:
                continue
            for j in sorted(own):
                od, oc = cards[j]
                row = _evidence_row(oc, ind, word)
                if row is not None:
                    break
            else:
                continue
            # Confirm word boundaries, only now (the owner's evidence row is the cheaper test): `门卫`
            # in 门卫工作, not `卫安` in 门卫安保.
            owner = cards[min(own)][1]
            if is_word(word, text) and is_word(word, owner.project_name or owner.title):
                return word, od, oc, row
        return None


_NAME_AND_DESCRIPTION = attrgetter("name", "description")


def _texts_with(words: list[str], texts: list[str]) -> dict[str, set[int]]:
    """For each word, the indices of the `texts` that contain it.

    A text holding a word holds its first two characters, and the candidate subjects of a name are
    its prefixes (门卫安保, 门卫安, 门卫): the texts holding the two characters are found once for all
    the words that start with them, by `str.find` in all texts joined (C speed), not by scanning
    every text for every word; only those few texts are then tested for the longer words. The texts
    hold no newline (compacted), so no match spans two of them."""
    by_start: dict[str, list[str]] = defaultdict(list)
    for word in words:
        by_start[word[:2]].append(word)
    joined = "\n".join(texts)
    starts = [0, *accumulate(map((1).__add__, map(len, texts[:-1])))]  # each text and its newline
    out: dict[str, set[int]] = {}
    for start, group in by_start.items():
        with_start = _cards_with(start, joined, starts)
        for word in group:
            out[word] = with_start if word == start else {k for k in with_start if word in texts[k]}
    return out


def _named_outside(words: list[str], owners: dict[str, set[int]], rows: list[Indicator],
                   card_of: list[int]) -> dict[str, set[int]]:
    """The words (of two characters or more) that a cell of `rows` outside their `owners` (cards)
    contains, compacted, with those cells, numbered `2 * row + field` (name 0, description 1); row
    `r` is in card `card_of[r]`. `_texts_with` of the rows' names and descriptions, less the
    owners' cells: a row is looked at in Python only if its two cells together hold the first two
    characters of a word (a set test on the row's pieces, cached per row: rows recur); the others,
    nearly all, are passed over by C-level `map`s."""
    # Each word with its owners and whether it is its own first two characters, by those characters.
    by_start: dict[str, list[tuple[str, set[int], bool]]] = defaultdict(list)
    for word in words:
        by_start[word[:2]].append((word, owners[word], len(word) == 2))
    starts = frozenset(by_start)
    out: dict[str, set[int]] = {}
    pieces = list(map(_row_pieces, map(_NAME_AND_DESCRIPTION, rows)))
    for r in compress(count(), map(not_, map(starts.isdisjoint, map(_UNION, pieces)))):
        k = card_of[r]
        union, (name, in_name), (description, in_description) = pieces[r]
        # The row's starts found once, then each cell asked for each of them (a set look-up): one
        # intersection a row, not one a cell, and an owner's row passed over before its cells.
        for start in starts.intersection(union):
            for word, own, short in by_start[start]:
                if k in own:
                    continue
                if start in in_name and (short or word in name):
                    if word in out:
                        out[word].add(2 * r)
                    else:
                        out[word] = {2 * r}
                if start in in_description and (short or word in description):
                    if word in out:
                        out[word].add(2 * r + 1)
                    else:
                        out[word] = {2 * r + 1}
    return out


_UNION = itemgetter(0)


@lru_cache(maxsize=1 << 14)  # bounded: at 100× 18,527 distinct rows (of four cells), fewer of two
def _row_pieces(texts: tuple[str, str]) -> tuple[frozenset[str], tuple[str, frozenset[str]], tuple[str, frozenset[str]]]:
    """Of a row's (name, description): the two-character pieces of both (of each cell compacted,
    not across them), and each cell compacted with its pieces."""
    name, description = compact(texts[0]), compact(texts[1])
    a, b = _pairs(name), _pairs(description)
    return a | b, (name, a), (description, b)


@lru_cache(maxsize=1 << 14)  # bounded: at 100× 2,805 distinct names and descriptions
def _pairs(text: str) -> frozenset[str]:
    """Every two consecutive characters of `text`."""
    return frozenset(map(add, text, text[1:]))


def _cards_with(word: str, joined: str, starts: list[int]) -> set[int]:
    """The indices of the texts joined in `joined` (starting at `starts`) that contain `word`
    (texts of cards or of cells)."""
    found: set[int] = set()
    at = joined.find(word)
    while at >= 0:
        k = bisect_right(starts, at) - 1
        found.add(k)
        # On to the next text: one occurrence is enough to know the text holds the word.
        nxt = starts[k + 1] if k + 1 < len(starts) else len(joined)
        at = joined.find(word, nxt)
    return found


def _identity(card: Card) -> str:
    # The same as compact() of the fields joined by spaces (a space composes with nothing and is
    # removed), from the fields' compact(), which other rules have mostly made already.
    return "".join(map(compact, (card.title, card.project_name, card.goal_text, card.fund_use)))


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
