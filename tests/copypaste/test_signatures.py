"""CP101's MinHash signatures are made where a card is checked (`collect`), packed as bytes, and
the grouping at the end of the run reads them, and the shingle sets' sizes, instead of making
them: the groups must be those the sets themselves give. The shingles are read from the text's
UTF-16 units: they must be the hashes of the character pairs."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint import similarity
from lint.similarity import (
    _EMPTY,
    ShingleList,
    jaccard,
    minhash,
    near_duplicate_groups,
    normalize_text,
    packed_minhash,
    shingle_signature,
    stable_hash,
)
from tests.conftest import MARKDOWN, OCR, WORD, parsed


def _pairs(norm: str) -> frozenset[int]:
    """The definition: the stable hash of every pair of neighbouring characters (of the text itself
    when it is one character)."""
    if len(norm) < 2:
        return frozenset({stable_hash(norm)}) if norm else frozenset()
    return frozenset(stable_hash(norm[i:i + 2]) for i in range(len(norm) - 1))


@pytest.mark.parametrize("pairs", [5, 1 << 16])
def test_shingles_are_the_pairs_hashes_over_every_cell_and_odd_characters(cells, pairs, monkeypatch):
    # Every cell of the corpus and of a 10× copy, normalised as goals are, and texts with characters
    # outside the BMP (two UTF-16 units), odd and even lengths; the caches of pairs holding five and
    # emptied all the time, or holding them all.
    monkeypatch.setattr(similarity, "_PAIRS", pairs)
    similarity._char_shingles.cache_clear()
    rng = random.Random(4)
    alphabet = "#a1中文的是保障工作\u4e00\u9fff\uffff\u00e9😀𠀋"
    texts = [normalize_text(c) for c in sorted(cells)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9))) for _ in range(3000)]
    assert sum(len(t) > 40 for t in texts) > 100
    for text in texts:
        assert similarity._char_shingles(text, 2) == _pairs(text), text
    similarity._char_shingles.cache_clear()


def test_a_lone_surrogate_fails_as_the_pairs_do():
    for text in ("保障\udc80工作", "\ud800\udc00", "ab\udfff"):
        with pytest.raises(UnicodeEncodeError):
            _pairs(text)
        with pytest.raises(UnicodeEncodeError):
            similarity._char_shingles(text, 2)


def _words(packed: bytes) -> list[int]:
    from array import array

    return list(array("Q", packed))


@given(st.frozensets(st.integers(0, (1 << 64) - 1), max_size=90), st.sampled_from([1, 2, 8, 16, 32, 64]))
def test_packed_minhash_is_minhash_value_for_value(values, count):
    # A value of a bin as it is; a borrowed one, m + d * 2**64, as m | d << (64 - log2 count).
    packed = packed_minhash(values, count)
    if not values:
        assert packed == b""
        return
    shift = 64 - (count.bit_length() - 1)
    expected = [v if v < _EMPTY else (v % _EMPTY) | (v // _EMPTY) << shift for v in minhash(values, count)]
    assert _words(packed) == expected


def test_bands_of_packed_signatures_agree_where_the_values_agree():
    # Sets drawn from a few values agree on many bands, with and without borrowed bins.
    rng = random.Random(9)
    pool = [rng.getrandbits(64) for _ in range(40)]
    agreed = 0
    for _ in range(2000):
        a, b = (frozenset(rng.sample(pool, rng.randint(1, 40))) for _ in range(2))
        pa, pb, sa, sb = packed_minhash(a, 32), packed_minhash(b, 32), minhash(a, 32), minhash(b, 32)
        for band in range(8):
            same = pa[band * 32:(band + 1) * 32] == pb[band * 32:(band + 1) * 32]
            assert same == (sa[band * 4:(band + 1) * 4] == sb[band * 4:(band + 1) * 4])
            agreed += same
    assert agreed > 500


def test_packed_minhash_wants_a_power_of_two():
    with pytest.raises(ValueError):
        packed_minhash({1, 2, 3}, 24)


def _random_norms(rng: random.Random) -> list[str]:
    words = ["保障门卫工作正常开展确保安全", "做好上传下达工作发现问题及时整改", "坚决遏制重特大事故发生", "短", "", "#",
             "确保电子政务内网正常运转和基础设施的正常运转"]
    norms = []
    for _ in range(rng.randint(0, 40)):
        text = rng.choice(words) + rng.choice(["", "#", "做好", "确保基础设施", "##"])
        if rng.random() < 0.3:  # a near copy: one character changed
            k = rng.randrange(len(text) or 1)
            text = text[:k] + "改" + text[k + 1:]
        norms.append(text)
    return norms


def test_nonempty_tells_the_empty_sets_of_a_shingle_list():
    rng = random.Random(2)
    for _ in range(300):
        norms = _random_norms(rng)
        for min_chars in (0, 1, 2, 15, 20):
            sets = ShingleList(norms, min_chars)
            assert [sets.nonempty(i) for i in range(len(norms))] == [bool(sets[i]) for i in range(len(norms))]


def _signed(norms: list[str]) -> tuple[list[bytes], list[int]]:
    made = [shingle_signature(norm, 32) for norm in norms]
    return [sig for sig, _ in made], [size for _, size in made]


def test_groups_from_signatures_and_sizes_equal_those_from_the_sets():
    rng = random.Random(21)
    for _ in range(300):
        norms = _random_norms(rng)
        signatures, sizes = _signed(norms)
        for min_chars in (0, 15):
            sets = ShingleList(norms, min_chars)
            for threshold in (0.5, 0.85, 1.0):
                expected = near_duplicate_groups([sets[i] for i in range(len(norms))], threshold)
                assert near_duplicate_groups(sets, threshold, signatures=signatures, sizes=sizes) == expected
                assert near_duplicate_groups(sets, threshold, signatures=signatures) == expected


@given(st.lists(st.frozensets(st.integers(0, 12), min_size=1, max_size=10), max_size=40), st.floats(0.3, 1.0))
def test_sizes_only_spare_comparisons_that_cannot_reach_the_threshold(sets, threshold):
    # Jaccard and containment never exceed the smaller size over the larger.
    def containment(a, b):
        return len(a & b) / max(len(a), len(b))

    sizes = list(map(len, sets))
    for similarity_of in (jaccard, containment):
        assert near_duplicate_groups(sets, threshold, similarity=similarity_of, sizes=sizes) == \
            near_duplicate_groups(sets, threshold, similarity=similarity_of)


def test_signatures_need_a_keyed_list():
    with pytest.raises(TypeError):
        near_duplicate_groups([frozenset({1})], 0.8, signatures=[b""])


def test_cp101_groups_on_the_corpus_are_those_of_the_goals_sets():
    """What CP101 collects of each card (the normalised goal, its signature and its number of
    shingles) gives the groups the goals' shingle sets give, on the corpus as it is and with every
    goal repeated in a second copy of each document (equal goals, one signature read)."""
    from lint.rules import get_rule
    from lint.rules.base import Context

    rule = get_rule("CP101")()
    goals = []
    for doc in [parsed(OCR), parsed(MARKDOWN), parsed(WORD)] * 2:
        goals += [goal for _, goal in rule.collect(doc, Context(document=doc))]
    for norm, sig, size in goals:
        assert (sig, size) == (packed_minhash(similarity._char_shingles(norm, 2), 32),
                               len(similarity._char_shingles(norm, 2)))
    sets = ShingleList([norm for norm, _, _ in goals], 15)
    groups = near_duplicate_groups(sets, 0.85, signatures=[g[1] for g in goals], sizes=[g[2] for g in goals])
    assert len(groups) > 10
    assert groups == near_duplicate_groups([sets[i] for i in range(len(goals))], 0.85)
