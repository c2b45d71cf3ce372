from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter
from typing import Any

from lint.model import Document
from lint.rules.base import CardRef, Context, Finding, Related, Rule, card_ref
from lint.similarity import ShingleList, jaccard, near_duplicate_groups, normalize_text, shingle_signature
from lint.text import compact


class CopiedGoal(Rule):
    """The 绩效目标 is (nearly) the same text as another card's, in this document or another one of the run.

    **What it checks.** Every card's goal text, normalised (punctuation removed, every number and
    year one placeholder, `目标内容` template words dropped), compared as character-bigram shingles
    (Jaccard ≥ `copy_paste_threshold`, default 0.85) with the goals of every card of every
    document checked in the run. Goals of fewer than `copy_paste_min_chars` (default 15) characters
    besides numbers are skipped: `保障就业工作正常开展` is short, not copied. Candidates come from a MinHash/LSH index, so
    a province-wide run costs about linear time. Each card of a group gets one finding naming the
    others (at most `copy_paste_max_related`, default 5). Cards of one unit in documents of different
    budget years are left to CP105.

    **Why a reviewer cares.** A goal copied into another project says nothing about that project:
    its indicators cannot follow from it (相关性), and it is the defect reviewers complain about most.

    **Bad** (004 card 11, 改革办专项经费, line 1319, the goal of card 6 国安办专项经费 word for word):

        1.强化安全防范责任和措施落实。 2.做好上传下达工作，发现安全生产问题及时整改。 3.坚决遏制重特大事故发生。

    (002 cards 32–37, the 创业担保贷款贴息 funds of 2023 and 2024, differ only in the number of
    the 石人社规 document.)

    **Good** (004 card 7, 电子政务内网维护费): it shares its first sentence `坚持做到应修必修…` with
    cards 2 and 8, but its other sentences are its own:

        1.坚持做到应修必修修必修好修必节约能修补。 2.确保电子政务内网正常运转。 3.确保基础设施的正常运转。
    """

    code = "CP101"
    name = "copied-goal"
    family = "copy_paste"
    severity = "warning"
    message = "绩效目标 is {how} the goal of {other}{more}"

    def collect(self, doc: Document, ctx: Context) -> list[tuple[CardRef, tuple[str, bytes, int]]]:
        # The normalised goal and its MinHash signature (`_goal`): the signature is made here, where
        # the card is checked (in parallel with --jobs), not at the end of the run, which one process
        # does alone. Not the shingles: a string is a tenth of the memory of a set of hashes, and the
        # shingles are made again (cached) only for the goals the grouping compares.
        return [(card_ref(doc, card, "goal_text", ctx.budget_year), _goal(card.goal_text)) for card in doc.cards]

    def check_collected(self, items: list[tuple[CardRef, tuple[str, bytes, int]]], settings: dict[str, Any],
                        ) -> Iterator[Finding]:
        threshold = float(settings.get("copy_paste_threshold", 0.85))
        min_chars = int(settings.get("copy_paste_min_chars", 15))
        max_related = int(settings.get("copy_paste_max_related", 5))
        goals = list(map(_SECOND, items))
        sets = ShingleList(list(map(_FIRST, goals)), min_chars)
        for group in near_duplicate_groups(sets, threshold, bands=_BANDS, rows=_ROWS,
                                           signatures=list(map(_SECOND, goals)), sizes=list(map(_THIRD, goals))):
            others = len(group) - 1
            more = f" (and {others - 1} more card(s) with a near-identical goal)" if others > 1 else ""
            # The cards of a group of copies mostly name the same few others: what a finding says
            # besides where it is (the match, its related places) is made once per distinct match
            # list, and each related place once.
            said: dict[tuple, tuple[str, tuple[Related, ...]]] = {}
            related_to: dict[tuple[int, float], Related] = {}
            # Per card of the group, what `same_unit_other_year` compares, worked out once.
            unit = {j: (bool(items[j][0].department), compact(items[j][0].department or ""),
                        items[j][0].budget_year) for j in group}
            limit = 4 * max_related
            head = group[:limit + 1]
            last_head = head[-1]  # (the group is in index order)
            # Bounded look-up: a group of thousands of copies costs a few checks per card. A card
            # looks at the first `limit` cards of the group other than itself, in group (index)
            # order: past the head those are the same cards for every card, so what a card there
            # matches follows from its unit and its goal, and is worked out once for each of those.
            # Its unit matters only where it can leave a head card out (one of the head's units with
            # a year, `same_unit_other_year`): any other card's matches follow from its goal alone.
            candidates = head[:limit]
            head_units = {unit[j][1] for j in candidates if unit[j][2] is not None}
            # Past the head, per (unit, goal) or goal: the matches, the most similar, and what the
            # finding says when that card is in the card's file and when not.
            outside: dict[tuple, list[Any]] = {}
            norms = sets.norms
            for i in group:
                ref = items[i][0]
                if i <= last_head:
                    entry = _entry(_matching(i, [j for j in head if j != i][:limit], unit, sets, threshold,
                                             max_related))
                else:
                    mine = unit[i]
                    seen = (mine if mine[0] and mine[2] is not None and mine[1] in head_units else None, norms[i])
                    entry = outside.get(seen)  # type: ignore[assignment]
                    if entry is None:
                        entry = outside[seen] = _entry(_matching(i, candidates, unit, sets, threshold, max_related))
                matches, best_sim, best = entry[0], entry[1], entry[2]
                if not matches:
                    continue
                same_file = items[best][0].path == ref.path
                hit = entry[3 + same_file]
                if hit is None:
                    # What the finding says besides where it is: once per distinct match list (and
                    # whether the most similar card is in the same file).
                    key = (*matches, same_file)
                    hit = said.get(key)
                    if hit is None:
                        related = []
                        for sim, j in matches:
                            r = related_to.get((j, sim))
                            if r is None:
                                r = related_to[j, sim] = items[j][0].related(
                                    "same goal" if sim == 1.0 else f"goal {sim:.0%} the same")
                            related.append(r)
                        how = "the same as" if best_sim == 1.0 else f"{best_sim:.0%} the same as"
                        hit = said[key] = (self.message.format(how=how, other=_name(ref, items[best][0]), more=more),
                                           tuple(related))
                    entry[3 + same_file] = hit
                yield self.finding_said(ref, *hit)


def _entry(matches: list[tuple[float, int]]) -> list[Any]:
    """[matches, similarity and index of the most similar (the first of equals; matches are in index
    order), what is said when it is in another file, in the same file (filled in when needed)]."""
    best_sim, best = matches[0] if matches else (0.0, -1)
    for sim, j in matches:
        if sim > best_sim:
            best_sim, best = sim, j
    return [matches, best_sim, best, None, None]


_BANDS, _ROWS = 8, 4  # the LSH index: `near_duplicate_groups`'s own, the signatures made to fit
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


# Goals recur (pasted cards, a programme's cards across units): each distinct goal text is normalised
# (three regex passes) once, and each distinct normalised goal gets its signature once in a process
# (numbers make texts differ that normalise alike: 2,019 distinct of 12,700 cards at 100×). The
# one tuple is every such card's feature, so equal goals cost their memory once in this process.
# Bounded, so a province-wide run keeps flat memory.
@lru_cache(maxsize=1 << 14)
def _goal(text: str) -> tuple[str, bytes, int]:
    """(`normalize_text(text)`, its `shingle_signature` for the LSH index: the signature and the
    number of shingles)."""
    return _signed(normalize_text(text))


@lru_cache(maxsize=1 << 14)
def _signed(norm: str) -> tuple[str, bytes, int]:
    return norm, *shingle_signature(norm, _BANDS * _ROWS)


def _matching(i: int, candidates: list[int], unit: dict[int, tuple[bool, str, int | None]], sets: ShingleList,
              threshold: float, max_related: int) -> list[tuple[float, int]]:
    """Up to `max_related` (similarity, index) of the `candidates` that card `i` matches, in order."""
    matches: list[tuple[float, int]] = []
    norms = sets.norms
    has_unit, dept, year = unit[i]
    for j in candidates:
        if has_unit and year is not None:  # `same_unit_other_year(ref, other)`, inline
            _, other_dept, other_year = unit[j]
            if dept == other_dept and other_year is not None and year != other_year:
                continue
        # Equal normalised goals (most copies) are similarity 1 without building their sets.
        sim = 1.0 if norms[i] == norms[j] else jaccard(sets[i], sets[j])
        if sim >= threshold:
            matches.append((sim, j))
        if len(matches) == max_related:
            break
    return matches


def _name(ref: CardRef, other: CardRef) -> str:
    where = "" if other.path == ref.path else f" of {other.path}"
    return f"card {other.seq} {other.name}{where}"
