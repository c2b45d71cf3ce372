"""Text similarity for the copy-paste rules (CP1xx): normalisation, jieba segmentation, shingles,
MinHash signatures and an LSH index that groups near-duplicates in about linear time.

Texts are compared as character-bigram shingles, which need no segmenter. CP103 confirms a candidate
subject's word boundaries as jieba (domain dictionary only) would cut the text (`is_word`): by
jieba's dictionary route and HMM worked out here, on jieba's data files, so that a run does not
import jieba (90 M instructions); `tokens`, jieba itself, is the reference the tests compare with
and the fallback if those files are not as expected.

Grouping (`near_duplicate_groups`): identical shingle sets are merged first (a dict), then every
distinct set gets a MinHash signature (one-permutation hashing) cut into bands; sets that agree on a band land in the same
bucket. Each bucket keeps at most a few representatives and a newcomer is verified (exact Jaccard)
against those only, then joined with union-find. So each set costs bands × representatives
comparisons, never a comparison with every other set: a group of ten thousand copies is found with
ten thousand comparisons, not fifty million.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
import threading
from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import cache, lru_cache
from itertools import chain, groupby, repeat
from math import log
from pathlib import Path
from typing import Any

from lint.dicts import follows_lists, load_list, load_sections
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
    out = compact(text)
    # (The template words only where their literal is: a `sub` costs a few thousand instructions
    # even where it finds nothing, and every cell of every grid row comes through here.)
    if "目标内容" in out:
        out = _TEMPLATE.sub("", out)
    out = _PUNCT.sub("", out)
    # Goal numbering (`1.`, `2、`) is a number like any other once punctuation is gone.
    return _NUMBER.sub(NUM, out)


def normalize_years(text: str) -> str:
    """Compact text with only the years (1900–2099) replaced: for 'unchanged apart from the year'."""
    out = compact(text)
    # A year starts with its literal `19` or `20`: most texts have neither, and skip the `sub`.
    return _YEAR.sub("Y", out) if "19" in out or "20" in out else out


# -- jieba with the domain dictionary, loaded lazily ---------------------------------------
# jieba's own dictionary costs about a second to load (and its part-of-speech table as much again),
# more than the whole check of a document. The copy-paste rules compare character shingles and need
# word boundaries only to confirm a candidate subject (CP103): for that jieba runs on our domain
# dictionary (dictionaries/jieba_userdict.txt and the stopwords), with its HMM for unknown words.
_LOCK = threading.Lock()
_MISSING = object()


@follows_lists
@cache
def _tokenizer() -> Any:
    import sys

    # jieba imports pkg_resources only to open its own data files and falls back to plain open()
    # without it; pkg_resources alone takes 150 ms to import, three quarters of jieba's start.
    saved = sys.modules.get("pkg_resources", _MISSING)
    if saved is _MISSING:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail
    try:
        import jieba  # imported here: runs without a CP103 candidate to confirm never load it
    finally:
        if saved is _MISSING:
            del sys.modules["pkg_resources"]

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    # Set the prefix dictionary directly: Tokenizer(dictionary=path) would write a cache file.
    tok.FREQ, tok.total = _prefix_dict()
    tok.initialized = True
    return tok


def dictionary_entries() -> dict[str, int]:
    """The domain words and their frequencies: `jieba_userdict.txt` (with a run's extra entries,
    1000 where it gives none) and the stopwords."""
    entries: dict[str, int] = {}
    for line in load_list("jieba_userdict.txt"):
        parts = line.split()
        entries[parts[0]] = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1000
    for word in stopwords():
        entries.setdefault(word, 1000)
    return entries


@follows_lists
@cache
def _prefix_dict() -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary of the domain entries (`jieba_userdict.txt` with a run's extra
    entries, and the stopwords) and their total frequency: what `Tokenizer.gen_pfdict` makes of
    them written one `word freq` a line in sorted order, built here so that `_route` needs no jieba.
    A word's frequency; each shorter prefix of a word not itself an entry, 0."""
    freq: dict[str, int] = {}
    total = 0
    for word, f in sorted(dictionary_entries().items()):
        freq[word] = f
        total += f
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq, total


@follows_lists
@lru_cache(maxsize=1 << 14)  # bounded: a province-wide run must keep flat memory
def tokens(text: str) -> tuple[str, ...]:
    """jieba words of `compact(text)` (domain dictionary + HMM). Cached per distinct text."""
    with _LOCK:
        tok = _tokenizer()
    return tuple(w for w in tok.lcut(compact(text), HMM=True) if w.strip())


def is_word(word: str, text: str) -> bool:
    """`word in tokens(text)`, without jieba wherever it can be.

    jieba cuts a run of Chinese (and Latin, digit) characters along the most probable route through
    its dictionary (`_route`): a dictionary word of two characters or more on the route is a token
    as it is; characters the route takes one by one are gathered into runs, and a run of two or
    more that is not itself a dictionary word goes to the HMM, whose words are pieces of that run.
    So a word of two characters or more is a token if the route takes it, is not one if no such run
    contains it, and only otherwise is the HMM asked (`_hmm_words`: jieba's HMM, its tables read
    from jieba's data files; jieba itself only if they cannot be read)."""
    if len(word) < 2:  # a single character can be a token outside the runs (punctuation, a run in the dictionary)
        return word in tokens(text)
    words, runs = _route(text)
    if word in words:
        return True
    holding = [run for run in runs if word in run]
    if not holding:
        return False
    try:
        return any(word in _hmm_words(run) for run in holding)
    except _NoModel:
        return word in tokens(text)


# jieba's `re_han_default`: the blocks its `cut` segments (the rest is yielded character by character).
_HAN_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)", re.U)


@follows_lists
@lru_cache(maxsize=1 << 12)  # bounded; texts asked about recur (the owner's name, pasted cells)
def _route(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Of `compact(text)` as jieba's `Tokenizer.cut(HMM=True)` segments it, before its HMM: the
    words of two characters or more its dictionary route takes, and the runs of single characters it
    gives the HMM. The same steps as jieba's `get_DAG`, `calc` and `__cut_DAG`, on `_prefix_dict`
    (tests/copypaste/test_similarity.py compares `is_word` with `tokens` over every corpus text)."""
    freq, total = _prefix_dict()
    logtotal = log(total)
    words: set[str] = set()
    runs: list[str] = []
    for block in _HAN_BLOCK.split(compact(text)):
        if not block or not _HAN_BLOCK.match(block):
            continue
        n = len(block)
        # The words of the dictionary starting at each character (jieba's DAG: at least the character).
        dag: list[list[int]] = []
        for k in range(n):
            ends = []
            i = k
            frag = block[k]
            while i < n and frag in freq:
                if freq[frag]:
                    ends.append(i)
                i += 1
                frag = block[k:i + 1]
            dag.append(ends or [k])
        route: list[tuple[float, int]] = [(0, 0)] * (n + 1)  # jieba's int zeros: the same sums
        for idx in range(n - 1, -1, -1):
            route[idx] = max((log(freq.get(block[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x)
                             for x in dag[idx])
        x = 0
        run = ""
        while x < n:
            y = route[x][1] + 1
            if y - x == 1:
                run += block[x]
            else:
                if len(run) > 1 and not freq.get(run):
                    runs.append(run)
                run = ""
                words.add(block[x:y])
            x = y
        if len(run) > 1 and not freq.get(run):
            runs.append(run)
    return frozenset(words), tuple(runs)


# -- jieba's HMM (jieba.finalseg), its emission table read per character ------------------------
# Importing jieba.finalseg builds its emission table, a dict literal of 35,224 entries: 53 M
# instructions (90 M with jieba's own import), a fifth of a one-document check, for the few
# characters of the runs `is_word` asks about. The table is jieba's `prob_emit.py`, one entry a line
# (`'\u4e00': -3.65…,`), each state's entries sorted by code point: a character's entry is found by
# bisection on the file's text, and the arithmetic below is finalseg's, step for step
# (tests/copypaste/test_similarity.py compares `_hmm_words` with `finalseg.cut` and the table read
# here with jieba's).
_MIN_FLOAT = -3.14e100  # finalseg.MIN_FLOAT: a character the state never emits
_PREV_STATUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}  # finalseg.PrevStatus
_HMM_HAN = re.compile(r"([\u4E00-\u9FD5]+)")  # finalseg.re_han
_HMM_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # finalseg.re_skip


class _NoModel(Exception):
    """jieba's HMM files are not as expected: ask jieba itself."""


def _hmm_model() -> tuple[dict[str, float], dict[str, dict[str, float]], str, dict[str, tuple[int, int]]]:
    """finalseg's start and transition probabilities, the text of its emission table, and where
    each state's entries are in it (from the first entry's line to the newline ending the last)."""
    model = _read_hmm_model()
    if model is None:
        raise _NoModel
    return model


@cache  # (a failure too: the files are read once)
def _read_hmm_model() -> tuple[dict[str, float], dict[str, dict[str, float]], str, dict[str, tuple[int, int]]] | None:
    import ast
    import importlib.util

    spec = importlib.util.find_spec("jieba")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "finalseg"
    try:
        start = ast.literal_eval((folder / "prob_start.py").read_text("utf-8").partition("P=")[2])
        trans = ast.literal_eval((folder / "prob_trans.py").read_text("utf-8").partition("P=")[2])
        text = (folder / "prob_emit.py").read_text("utf-8")
    except (OSError, ValueError, SyntaxError):
        return None
    heads = [text.find(f"'{state}': {{") for state in "BEMS"]
    if -1 in heads or heads != sorted(heads):
        return None
    # (Not split into lines: 35,000 strings would cost as much as the import this avoids.)
    spans = {}
    for state, begin, end in zip("BEMS", heads, [*heads[1:], len(text)], strict=True):
        last = text.rfind("\n", begin, end)
        spans[state] = (begin, last if last >= 0 else end)
    return start, trans, text, spans


@lru_cache(maxsize=1 << 14)  # bounded: characters × 4 states
def _emission(state: str, char: str) -> float:
    """finalseg's `emit_P[state].get(char, MIN_FLOAT)`: the entry found by bisection on the lines of
    the state's part of `prob_emit.py`."""
    _, _, text, spans = _hmm_model()
    lo, hi = spans[state]
    key = f"{ord(char):04x}"
    try:
        while lo < hi:  # the lines from `lo` (a line's start) to `hi` (a newline or the end)
            mid = (lo + hi) // 2
            newline = text.rfind("\n", lo, mid)
            begin = lo if newline < 0 else newline + 1  # the line holding `mid`
            end = text.find("\n", begin, hi)
            end = hi if end < 0 else end
            at = text.index("\\u", begin, end) + 2
            found = text[at:at + 4]
            if found < key:
                lo = end + 1
            elif found > key:
                hi = begin
            else:
                if text[at + 4:at + 7] != "': ":
                    raise _NoModel
                return float(text[at + 7:end].rstrip(",}"))
    except ValueError as exc:  # a line not as expected
        raise _NoModel from exc
    return _MIN_FLOAT


@lru_cache(maxsize=1 << 12)  # bounded; the runs asked about recur (an owner's name, pasted cells)
def _hmm_words(run: str) -> tuple[str, ...]:
    """`tuple(jieba.finalseg.cut(run))`."""
    out: list[str] = []
    for block in _HMM_HAN.split(run):
        if _HMM_HAN.match(block):
            out.extend(_hmm_cut(block))
        else:
            out.extend(x for x in _HMM_SKIP.split(block) if x)
    return tuple(out)


def _hmm_cut(sentence: str) -> list[str]:
    """finalseg's `__cut`: the words of its Viterbi path (B begins a word, E ends it, S is one)."""
    start_p, trans_p, _, _ = _hmm_model()
    # finalseg.viterbi(sentence, 'BMES', start_P, trans_P, emit_P)
    v: list[dict[str, float]] = [{}]
    path: dict[str, list[str]] = {}
    for y in "BMES":
        v[0][y] = start_p[y] + _emission(y, sentence[0])
        path[y] = [y]
    for t in range(1, len(sentence)):
        v.append({})
        newpath = {}
        for y in "BMES":
            em_p = _emission(y, sentence[t])
            prob, state = max([(v[t - 1][y0] + trans_p[y0].get(y, _MIN_FLOAT) + em_p, y0) for y0 in _PREV_STATUS[y]])
            v[t][y] = prob
            newpath[y] = path[state] + [y]
        path = newpath
    _, state = max((v[len(sentence) - 1][y], y) for y in "ES")
    pos_list = path[state]
    words: list[str] = []
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i]
        if pos == "B":
            begin = i
        elif pos == "E":
            words.append(sentence[begin:i + 1])
            nexti = i + 1
        elif pos == "S":
            words.append(char)
            nexti = i + 1
    if nexti < len(sentence):
        words.append(sentence[nexti:])
    return words


@follows_lists
@cache
def stopwords() -> frozenset[str]:
    return frozenset(compact(w) for w in load_list("copypaste_stopwords.txt"))


# -- shingles and similarity -----------------------------------------------------------------
def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (Python's `hash` of a str is salted)."""
    return int.from_bytes(stable_digest(text), "big")


def stable_digest(text: str) -> bytes:
    """`stable_hash(text)` as its 8 bytes, big-endian."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()


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
_EMPTY = 1 << 64  # above every bin value: shingles are 64-bit hashes


def minhash(items: Iterable[int], count: int) -> tuple[int, ...]:
    """A `count`-value MinHash signature by one-permutation hashing: each shingle (already a uniform
    64-bit hash) goes to bin `v % count` and each bin keeps its least `v // count`. One pass over
    the set instead of `count` (32 modular hashes per shingle cost a third of a copy-paste run).
    An empty bin borrows the nearest non-empty bin to its right, offset by the distance
    ("densification", Shrivastava 2017), so two sets still agree on a value with probability
    about their Jaccard similarity."""
    mins = _min_bins(items, count)
    if _EMPTY not in mins or min(mins) == _EMPTY:
        return tuple(mins)
    return tuple(_borrowed(mins, lambda m, d: m + d * _EMPTY))


def _borrowed(mins: list[int], value: Callable[[int, int], int]) -> list[int]:
    """`mins` with each empty bin given `value(m, d)` of the nearest non-empty bin `m` to its right
    (wrapping), `d` bins away; at least one bin is not empty."""
    count = len(mins)
    out = list(mins)
    for i in range(count):
        if mins[i] == _EMPTY:
            d = 1
            while mins[(i + d) % count] == _EMPTY:
                d += 1
            out[i] = value(mins[(i + d) % count], d)
    return out


def _min_bins(items: Iterable[int], count: int) -> list[int]:
    """Each bin's least `v // count` of the values `v` with `v % count` equal to its number (`_EMPTY`
    for a bin no value goes to)."""
    mins = [_EMPTY] * count
    for v in items:
        b = v % count
        h = v // count
        if h < mins[b]:
            mins[b] = h
    return mins


def packed_minhash(items: Iterable[int], count: int) -> bytes:
    """`minhash(items, count)` packed as `count` 8-byte words (this machine's byte order), `b""` for
    an empty set; `count` a power of two. A signature is made where the card is checked (in parallel
    with `--jobs`) and kept until the grouping at the end of the run: 256 bytes where the tuple of
    ints costs 1.3 KB. A value `m` of a bin is below `2**64 // count`, so a borrowed one, `m + d *
    2**64` in `minhash` (`d < count` bins to the right), fits in a word as `m | d << (64 - log2
    count)`: two signatures have equal words exactly where they have equal values, and a band of
    words is an LSH bucket key as the band of values is (tests/copypaste/test_signatures.py)."""
    if count <= 0 or count & (count - 1):
        raise ValueError(f"packed_minhash: {count} is not a power of two")
    mins = _min_bins(items, count)
    if _EMPTY in mins:
        if min(mins) == _EMPTY:
            return b""
        shift = 65 - count.bit_length()  # 64 - log2(count)
        mins = _borrowed(mins, lambda m, d: m | d << shift)
    return array("Q", mins).tobytes()


class _UnionFind:
    def __init__(self, n: int, parent: list[int] | None = None) -> None:
        """`n` singletons, or the forest `parent` gives (each index's parent, a root its own)."""
        self.parent = list(range(n)) if parent is None else parent

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
    signatures: Sequence[bytes] | None = None,
    sizes: Sequence[int] | None = None,
) -> list[list[int]]:
    """Indices of `sets` grouped by near-duplication (`similarity` ≥ `threshold`), groups of two or
    more only, each group and the list in input order. Empty sets are never grouped.

    Candidates come from LSH buckets (`bands` × `rows` MinHash values); a candidate is confirmed
    with the exact `similarity`. Linear in len(sets) for fixed bands and representatives.

    `signatures`, for a `KeyedSets`: each non-empty set's `packed_minhash(set, bands * rows)` made
    beforehand, read for the first of equal keys only. The same groups; a set is then made only
    where it is compared, not for its signature.

    `sizes`: each non-empty set's size (read as `signatures` are), for a `similarity` that never
    exceeds the smaller size over the larger (Jaccard, containment): a candidate whose size is too
    far from the newcomer's is passed over without a comparison, and its set is not made. Same
    groups: the ratio is compared in floating point as the similarity is, and rounding keeps order.
    """
    n = len(sets)
    keyed = isinstance(sets, KeyedSets)
    if signatures is not None and not keyed:
        raise TypeError("near_duplicate_groups: signatures go with a KeyedSets")
    # 1. Identical sets: each one's first equal, by one C-level pass over a dict. KeyedSets (a
    # ShingleList, keyed by its texts) are told apart by their keys, and only the first of equal keys
    # has its set made (pasted goals repeat, so that is a fraction of them); no set is kept alive.
    # The firsts are the union-find's parents: each set points at its first equal, a first at itself.
    first_of: dict[Hashable, int] = {}
    parent = list(map(first_of.setdefault, sets.norms if keyed else sets, range(n)))
    uf = _UnionFind(n, parent)
    # The firsts in index order (a dict keeps its keys' order), those of empty sets left out: those
    # sets are never grouped.
    distinct = [i for i in first_of.values() if sets.nonempty(i)] if keyed else \
        [i for i in first_of.values() if sets[i]]
    # 2. Near-identical sets: LSH buckets with a few verified representatives each, a dict per band.
    count = bands * rows
    width = rows if signatures is None else rows * 8  # a band's values, or its bytes
    band_of = [slice(band * width, (band + 1) * width) for band in range(bands)]
    buckets: list[dict[Hashable, list[int]]] = [{} for _ in range(bands)]
    find = uf.find
    made: dict[int, frozenset[int]] = {}  # the sets compared so far (a KeyedSets makes one at every access)
    size = 0
    for i in distinct:
        if signatures is None:
            mine = sets[i]  # (made once: a KeyedSets makes it at every access)
            sig: Sequence[Any] = minhash(mine, count)
        else:
            mine = None  # made at its first comparison, if any
            sig = signatures[i]
        if sizes is not None:
            size = sizes[i]
        root = i  # (a first is still its own root at its turn: only its turn joins it to others)
        # A representative found not similar enough in one band is not compared again in the next
        # one it shares with `i` (the same answer): most candidates an LSH band brings are such.
        unlike: set[int] = set()
        for bucket, key in zip(buckets, map(sig.__getitem__, band_of), strict=True):
            reps = bucket.get(key)
            if reps is None:  # (a new bucket: `i` its first representative)
                bucket[key] = [i]
                continue
            matched = False
            for r in reps:
                # (Its root without a `find` call where it is its own.)
                if (r if parent[r] == r else find(r)) == root:
                    matched = True
                    break
                if r in unlike:
                    continue
                unlike.add(r)  # (compared now: if alike, `r` has `i`'s root from here on)
                if sizes is not None:
                    other = sizes[r]
                    # Sizes too far apart for `similarity` to reach the threshold: no sets made.
                    if (other / size if other < size else size / other) < threshold:
                        continue
                if mine is None:
                    mine = made[i] = sets[i]
                theirs = made.get(r)
                if theirs is None:
                    theirs = made[r] = sets[r]
                if similarity(theirs, mine) >= threshold:
                    uf.union(r, i)
                    root = find(i)
                    matched = True
                    break
            if not matched and len(reps) < representatives:
                reps.append(i)
    # 3. The groups: each set's root (that of its first; -1 for an empty set), the sets sorted by it
    # (stable: in index order within a group) and cut where it changes, by C-level `sorted` and
    # `groupby`, not a loop over every set. A root is its group's least index (`union`), so the
    # groups come out in the order of their first sets.
    root_of = {i: find(i) for i in distinct}
    roots = list(map(root_of.get, parent, repeat(-1, n)))
    key = roots.__getitem__
    groups = [list(members) for root, members in groupby(sorted(range(n), key=key), key) if root >= 0]
    return [g for g in groups if len(g) > 1]


# -- card features shared by the copy-paste rules ------------------------------------------
def char_shingles(text: str, size: int = 2) -> frozenset[int]:
    """Hashed character n-grams of `normalize_text(text)`; numbers are one `#` character. Cached per
    distinct text (pasted goals recur). Chinese needs no segmentation for this: two goals that share
    most character bigrams share most words, and bigrams cost no dictionary load."""
    return _char_shingles(normalize_text(text), size)


@lru_cache(maxsize=1 << 14)  # bounded: a province-wide run must not keep every goal's shingles
def _char_shingles(norm: str, size: int) -> frozenset[int]:
    if len(norm) < size:
        return frozenset({stable_hash(norm)}) if norm else frozenset()
    if size == 2:
        # Each pair of neighbours as a 32-bit word of the text in UTF-16 (the pairs at even places
        # from the first unit, those at odd places from the second), looked up by that number: no
        # string is made and hashed per pair. 68 k instead of 120 k instructions for a goal of 66
        # characters (callgrind). Only where every character is one UTF-16 unit: a lone surrogate
        # (which UTF-16 refuses) or a character beyond the BMP (two units) takes the strings below.
        try:
            units = norm.encode("utf-16-le")
        except UnicodeEncodeError:
            units = b""
        n = len(units)
        if n == 2 * len(norm):
            return frozenset(map(_unit_pair_hash, chain(array("I", units[:n & ~3]),
                                                        array("I", units[2:2 + ((n - 2) & ~3)]))))
    return frozenset(map(_shingle_hash, [norm[i:i + size] for i in range(len(norm) - size + 1)]))


class _PairHashes(dict):
    """`stable_hash` of character pairs, each worked out once: a text's shingles are few distinct
    pairs, and the same pairs recur in every text. Looked up as a plain dict (`__getitem__`), which
    costs less than an `lru_cache` hit; emptied when full, so a province-wide run keeps flat memory."""

    def __missing__(self, pair: str) -> int:
        if len(self) >= _PAIRS:
            self.clear()
        value = self[pair] = stable_hash(pair)
        return value


class _UnitPairHashes(dict):
    """`stable_hash` of character pairs as `_PairHashes`, keyed by the pair's two UTF-16 units read
    as one native 32-bit word (`_char_shingles`)."""

    def __missing__(self, word: int) -> int:
        if len(self) >= _PAIRS:
            self.clear()
        # (The two units by `chr`: `to_bytes` and a UTF-16 decode cost 2 k instructions more a pair.)
        first, second = (word & 0xFFFF, word >> 16) if _LITTLE_ENDIAN else (word >> 16, word & 0xFFFF)
        value = self[word] = stable_hash(chr(first) + chr(second))
        return value


_PAIRS = 1 << 16
_shingle_hash = _PairHashes().__getitem__
_unit_pair_hash = _UnitPairHashes().__getitem__


def _min_chars_shingles(norm: str, min_chars: int) -> frozenset[int]:
    return _char_shingles(norm, 2) if _long_enough(norm, min_chars) else frozenset()


def _long_enough(norm: str, min_chars: int) -> bool:
    """Whether `norm` has `min_chars` characters besides numbers: a shorter goal is too short to
    call a copy."""
    return len(norm.replace(NUM, "")) >= min_chars


class KeyedSets(Sequence[frozenset[int]]):
    """Sets made on access from keys (`norms`), equal keys making equal sets: the grouping tells
    identical sets apart by their keys and makes the set of only the first of equal keys, and no
    set is kept alive."""

    norms: list[Hashable]

    def __len__(self) -> int:
        return len(self.norms)

    def nonempty(self, i: int) -> bool:
        """`bool(self[i])`, where a subclass can tell it without making the set."""
        return bool(self[i])


class ShingleList(KeyedSets):
    """The shingle sets of normalised texts, made on access: the grouping touches each set a few
    times, and keeping all of them would cost ten times the texts' memory."""

    def __init__(self, norms: list[str], min_chars: int) -> None:
        self.norms = norms  # type: ignore[assignment]
        self.min_chars = min_chars

    def __getitem__(self, i):  # type: ignore[override]
        return _min_chars_shingles(self.norms[i], self.min_chars)

    def nonempty(self, i: int) -> bool:
        norm = self.norms[i]
        return bool(norm) and _long_enough(norm, self.min_chars)  # as `_min_chars_shingles`


def shingle_signature(norm: str, count: int) -> tuple[bytes, int]:
    """`packed_minhash` of the shingles of `norm` (a `normalize_text`; `b""` for "") and their
    number: what `near_duplicate_groups` reads of a `ShingleList` given its `signatures` and
    `sizes`, the same whatever the list's `min_chars` (which only leaves a set empty)."""
    shingles = _char_shingles(norm, 2)
    return packed_minhash(shingles, count), len(shingles)


def pack_digests(digests: Iterable[bytes]) -> bytes:
    """`stable_digest`s as one bytes object, in order: a set of their hashes costs about ten times
    the memory (an int object each) and is slower to send between processes. Packed sorted, equal
    sets pack to equal bytes; the digests are joined as they are, no int made."""
    return b"".join(sorted(digests))


class PackedSets(KeyedSets):
    """The sets of `stable_hash`es that `pack_digests` packed, made on access."""

    def __init__(self, packed: list[bytes]) -> None:
        self.norms = packed  # type: ignore[assignment]

    def __getitem__(self, i):  # type: ignore[override]
        return _unpacked_hashes(self.norms[i])


# The grouping compares each set with a bucket's few representatives, and those recur: each is made
# once while it is in use. Keyed by the bytes (equal bytes, equal sets); bounded.
@lru_cache(maxsize=1 << 12)
def _unpacked_hashes(packed: bytes) -> frozenset[int]:
    values = array("Q", packed)
    if _LITTLE_ENDIAN:  # the digests are big-endian
        values.byteswap()
    return frozenset(values)


_LITTLE_ENDIAN = sys.byteorder == "little"
assert array("Q").itemsize == 8 and array("I").itemsize == 4  # noqa: S101  (as on every platform CPython runs on)


def goal_shingles(text: str, min_chars: int) -> frozenset[int]:
    """Character-bigram shingles of a goal text, or an empty set when the text has fewer than
    `min_chars` characters besides numbers and punctuation (a one-phrase goal like
    `保障就业工作正常开展` is too short to call a copy)."""
    return _min_chars_shingles(normalize_text(text), min_chars)


@follows_lists
@cache
def placeholder_words() -> frozenset[str]:
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


# -- project subjects (CP103) --------------------------------------------------------------
_BRACKETED = re.compile(r"[（(〔\[【][^）)〕\]】]*[）)〕\]】]")
_DIGITS_YEAR = re.compile(r"\d+(?:\.\d+)?年?")


@follows_lists
@cache
def _cut_words() -> tuple[str, ...]:
    """Words cut out of a project name before its subject is looked for, longest first: the
    stopwords and the organisations of the jieba user dictionary (`县委办` in 县委办劳务派遣人员经费)."""
    orgs = set()
    for line in load_list("jieba_userdict.txt"):
        parts = line.split()
        if len(parts) == 3 and parts[2] == "nt":
            orgs.add(parts[0])
    return tuple(sorted(stopwords() | orgs, key=lambda w: (-len(w), w)))


@follows_lists
@lru_cache(maxsize=1 << 14)  # bounded: project names are nearly all distinct
def subject_candidates(name: str, max_len: int = 6) -> tuple[str, ...]:
    """What could name a project's subject: the prefixes (2–`max_len` characters, longest first) of
    the first piece of its name left when bracketed notes, numbers, years, organisations and the
    words of `copypaste_stopwords.txt` are cut out: `门卫安保经费` → 门卫安保, 门卫安, 门卫;
    `县委办劳务派遣人员经费` → 劳务派遣, 劳务派, 劳务. Word boundaries are confirmed later, and only
    for a candidate found in a row of another card (`tokens`)."""
    return _subject_candidates(_DIGITS_YEAR.sub(" ", _BRACKETED.sub(" ", compact(name))), max_len)


# Names of one programme differ only in their notes and numbers across units and years (`党刊征订费
# （青山）`, `（白山）`): what is left of them after those are cut out is cached again.
@follows_lists
@lru_cache(maxsize=1 << 14)
def _subject_candidates(text: str, max_len: int) -> tuple[str, ...]:
    text = _PUNCT.sub(" ", text)
    for word in _cut_words():
        if word in text:
            text = text.replace(word, " ")
    chunks = text.split()
    if not chunks:
        return ()
    first = chunks[0]
    return tuple(first[:j] for j in range(min(len(first), max_len), 1, -1))
