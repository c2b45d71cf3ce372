"""Text similarity for the copy-paste rules (CP1xx): normalisation, jieba segmentation, shingles,
MinHash signatures and an LSH index that groups near-duplicates in about linear time.

jieba is imported and its dictionary loaded once, lazily, the first time a copy-paste rule asks for
tokens: runs that do not select a copy-paste rule never pay for it (about a second).

Grouping (`near_duplicate_groups`): identical shingle sets are merged first (a dict), then every
distinct set gets a MinHash signature cut into bands; sets that agree on a band land in the same
bucket. Each bucket keeps at most a few representatives and a newcomer is verified (exact Jaccard)
against those only, then joined with union-find. So each set costs bands × representatives
comparisons, never a comparison with every other set: a group of ten thousand copies is found with
ten thousand comparisons, not fifty million.
"""

from __future__ import annotations

import hashlib
import logging
import random
import re
import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import cache
from typing import Any

from lint.dicts import dictionaries_dir, load_list
from lint.text import compact

# -- normalisation ---------------------------------------------------------------------------
# Numbers (amounts, counts, years, document numbers) are replaced by one placeholder so that a card
# pasted with other figures or another year still matches.
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# Template leftovers in goals: `1.目标内容 1`.
_TEMPLATE = re.compile(r"目标内容\s*\d*")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
NUM = "#"


def normalize_text(text: str) -> str:
    """Compact text without template words and punctuation, every number as `#`."""
    out = _PUNCT.sub("", _TEMPLATE.sub("", compact(text)))
    # Goal numbering (`1.`, `2、`) is a number like any other once punctuation is gone.
    return _NUMBER.sub(NUM, out)


def normalize_years(text: str) -> str:
    """Compact text with only the years (1900–2099) replaced: for 'unchanged apart from the year'."""
    return _YEAR.sub("Y", compact(text))


# -- jieba, loaded once ----------------------------------------------------------------------
_LOCK = threading.Lock()


@cache
def _tokenizer() -> Any:
    import jieba  # heavy: imported here so that other rules never load it

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    tok.load_userdict(str(dictionaries_dir() / "jieba_userdict.txt"))
    return tok


def jieba_loaded() -> bool:
    """Whether the jieba dictionary has been loaded in this process (for tests of laziness)."""
    return _tokenizer.cache_info().currsize > 0


_TOKEN_CACHE: dict[str, tuple[str, ...]] = {}
_CACHE_LIMIT = 200_000


def tokens(text: str) -> tuple[str, ...]:
    """jieba words of `normalize_text(text)`, numbers kept as `#`. Cached per text: the same goal or
    row text recurs across rules and pasted cards."""
    key = normalize_text(text)
    hit = _TOKEN_CACHE.get(key)
    if hit is not None:
        return hit
    with _LOCK:
        tok = _tokenizer()
    words = tuple(w for w in tok.lcut(key, HMM=True) if w.strip())
    if len(_TOKEN_CACHE) < _CACHE_LIMIT:
        _TOKEN_CACHE[key] = words
    return words


@cache
def stopwords() -> frozenset[str]:
    return frozenset(compact(w) for w in load_list("copypaste_stopwords.txt"))


# -- shingles and similarity -----------------------------------------------------------------
def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (Python's `hash` of a str is salted)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def shingles(words: Sequence[str], size: int = 2) -> frozenset[int]:
    """Hashed word n-grams (`size` words); a text shorter than `size` words is its own shingle."""
    if len(words) < size:
        return frozenset({stable_hash("\x1f".join(words))}) if words else frozenset()
    return frozenset(stable_hash("\x1f".join(words[i:i + size])) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    """Shared elements over the larger set: 5 of 6 rows in common is 0.83 whichever side."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


# -- MinHash / LSH grouping ------------------------------------------------------------------
_PRIME = (1 << 61) - 1


@cache
def _permutations(count: int) -> tuple[tuple[int, int], ...]:
    rnd = random.Random(20240601)  # fixed seed: deterministic signatures and output
    return tuple((rnd.randrange(1, _PRIME), rnd.randrange(0, _PRIME)) for _ in range(count))


def minhash(items: Iterable[int], count: int) -> tuple[int, ...]:
    values = list(items)
    return tuple(min((a * v + b) % _PRIME for v in values) for a, b in _permutations(count))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            # The smaller index stays the root, so groups come out in input order.
            self.parent[max(ri, rj)] = min(ri, rj)


def near_duplicate_groups(
    sets: Sequence[frozenset[int]],
    threshold: float,
    *,
    similarity: Callable[[frozenset[int], frozenset[int]], float] = jaccard,
    bands: int = 8,
    rows: int = 4,
    representatives: int = 3,
) -> list[list[int]]:
    """Indices of `sets` grouped by near-duplication (`similarity` ≥ `threshold`), groups of two or
    more only, each group and the list in input order. Empty sets are never grouped.

    Candidates come from LSH buckets (`bands` × `rows` MinHash values); a candidate is confirmed
    with the exact `similarity`. Linear in len(sets) for fixed bands and representatives.
    """
    n = len(sets)
    uf = _UnionFind(n)
    # 1. Identical sets: one dict pass.
    first_of: dict[frozenset[int], int] = {}
    distinct: list[int] = []
    for i, s in enumerate(sets):
        if not s:
            continue
        j = first_of.setdefault(s, i)
        if j == i:
            distinct.append(i)
        else:
            uf.union(j, i)
    # 2. Near-identical sets: LSH buckets with a few verified representatives each.
    count = bands * rows
    buckets: dict[tuple[int, Hashable], list[int]] = {}
    for i in distinct:
        sig = minhash(sets[i], count)
        for band in range(bands):
            key = (band, sig[band * rows:(band + 1) * rows])
            reps = buckets.setdefault(key, [])
            matched = False
            for r in reps:
                if uf.find(r) == uf.find(i):
                    matched = True
                    break
                if similarity(sets[r], sets[i]) >= threshold:
                    uf.union(r, i)
                    matched = True
                    break
            if not matched and len(reps) < representatives:
                reps.append(i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        if sets[i]:
            groups.setdefault(uf.find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


# -- card features shared by the copy-paste rules ------------------------------------------
def goal_shingles(text: str, min_words: int) -> frozenset[int]:
    """Word-bigram shingles of a goal text, or an empty set when the text has fewer than `min_words`
    content words (a one-phrase goal like `保障就业工作正常开展` is too short to call a copy)."""
    words = [w for w in tokens(text) if w != NUM]
    if len(words) < min_words:
        return frozenset()
    return shingles(words)


@cache
def placeholder_words() -> frozenset[str]:
    from lint.dicts import load_sections

    sections = load_sections("placeholders.txt")
    return frozenset(compact(w) for k in ("redacted", "template", "empty") for w in sections.get(k, ()))


def row_key(level2: str, name: str, description: str) -> str:
    """A row of the grid as (二级, 三级, description), numbers as `#`, for comparing grids."""
    return "\x1f".join((compact(level2), normalize_text(name), normalize_text(description)))


def is_substantive(name: str, description: str) -> bool:
    """A row with a real name and description (not `0`, `涉密`, empty): only such rows count as
    evidence of a copied grid, since every card of a bureau shares its `成本控制 | 0` rows."""
    empty = placeholder_words()
    desc, nm = compact(description), compact(name)
    return bool(desc) and desc not in empty and bool(nm) and nm not in empty and len(desc) >= 4


def same_unit_other_year(unit_a: str | None, year_a: int | None, unit_b: str | None, year_b: int | None) -> bool:
    """Two documents of one unit for different budget years: a card repeated between them is a
    continuing project (CP105's business), not a copy between projects."""
    return bool(unit_a) and compact(unit_a or "") == compact(unit_b or "") and None not in (year_a, year_b) \
        and year_a != year_b


_NOUN_TAGS = frozenset({"n", "nz", "nt", "ns", "nr", "nrt", "nw", "j", "l"})


@cache
def _word_tags() -> dict[str, str]:
    """Part of speech of the dictionary words (jieba's dict.txt and our user dictionary). Read once
    here instead of importing jieba.posseg, which builds a second tag table for its own tokenizer."""
    tok = _tokenizer()
    tags: dict[str, str] = {}
    with tok.get_dict_file() as fh:
        main_dict = fh.name
    for path in (main_dict, str(dictionaries_dir() / "jieba_userdict.txt")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 3 and not line.startswith("#"):
                    tags[parts[0]] = parts[2]
    return tags


@cache
def subject_nouns(name: str) -> tuple[str, ...]:
    """The nouns of a project name that can name its subject, in order: `门卫安保经费` → (门卫, 安保).
    Numbers, document references and the words of `copypaste_stopwords.txt` are left out."""
    stop, tags = stopwords(), _word_tags()
    out: list[str] = []
    for word in tokens(name):
        # Words jieba does not know (found by its HMM) have no tag: never a subject, for precision.
        if tags.get(word) in _NOUN_TAGS and len(word) >= 2 and word not in stop and NUM not in word and word not in out:
            out.append(word)
    return tuple(out)
