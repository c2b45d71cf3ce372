"""A synthetic corpus for benchmarks: the shared documents of tests/data/corpus copied N times, every
copy a different unit, with perturbed project names, numbers and goal sentences.

Deterministic (seeded). Each copy keeps the real layout of its cards (so copy-paste groups of the
real documents stay groups) and adds realistic variation: a place prefix in project names, other
figures in goals and values, and now and then a goal sentence swapped with one of another card.
"""

from __future__ import annotations

import random
import re

from lint.model import Document
from lint.parse.document import parse_text
from lint.readers import read_text

PLACES = ("东城", "西城", "南关", "北台", "河口", "山前", "新桥", "柳林", "石门", "青山", "白水", "红旗")
_NUM = re.compile(r"\d+(?:\.\d+)?")


def load_corpus(paths: list[str]) -> list[Document]:
    return [parse_text(read_text(p), p) for p in paths]


def _renumber(text: str, rnd: random.Random) -> str:
    return _NUM.sub(lambda m: str(max(1, int(float(m.group()) * rnd.uniform(0.5, 1.5)))), text)


def synthesize(base: list[Document], copies: int, seed: int = 7) -> list[Document]:
    """`copies` × the cards of `base` (1 returns the originals)."""
    if copies <= 1:
        return list(base)
    rnd = random.Random(seed)
    sentences = [s for d in base for c in d.cards for s in re.split(r"(?<=[。；;])", c.goal_text) if len(s) > 8]
    out: list[Document] = []
    for k in range(copies):
        place = f"{PLACES[k % len(PLACES)]}{k}"
        for doc in base:
            cards = []
            for card in doc.cards:
                c = card.model_copy(deep=True)
                # A suffix, not a prefix: the subject of a name is its first noun (CP103).
                c.project_name = f"{c.project_name}（{place}）"
                c.title = f"{c.title}（{place}）"
                goal = _renumber(c.goal_text, rnd)
                if rnd.random() < 0.3 and sentences:
                    goal += rnd.choice(sentences)
                c.goal_text = goal
                for ind in c.indicators:
                    ind.value = _renumber(ind.value, rnd)
                    ind.description = _renumber(ind.description, rnd)
                cards.append(c)
            out.append(doc.model_copy(update={
                "path": f"synthetic/{k:04d}/{doc.path.rsplit('/', 1)[-1]}",
                "department": f"{place}{doc.department or ''}",
                "narrative": list(doc.narrative),
                "cards": cards,
            }))
    return out
