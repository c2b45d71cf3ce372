"""`near_duplicate_groups` over a `ShingleList` makes the set of only the first of equal texts: the
groups must be those of the same sets given as a plain list."""

from __future__ import annotations

import random

from lint.similarity import ShingleList, near_duplicate_groups


def test_groups_of_a_shingle_list_equal_those_of_its_sets():
    rng = random.Random(21)
    words = ["保障门卫工作正常开展确保安全", "做好上传下达工作发现问题及时整改", "坚决遏制重特大事故发生", "短", "",
             "确保电子政务内网正常运转和基础设施的正常运转"]
    for _ in range(300):
        norms = []
        for _ in range(rng.randint(0, 40)):
            text = rng.choice(words) + rng.choice(["", "#", "做好", "确保基础设施"])
            if rng.random() < 0.3:  # a near copy: one character changed
                k = rng.randrange(len(text) or 1)
                text = text[:k] + "改" + text[k + 1:]
            norms.append(text)
        for min_chars in (0, 15):
            shingles = ShingleList(norms, min_chars)
            for threshold in (0.5, 0.85, 1.0):
                assert near_duplicate_groups(shingles, threshold) == \
                    near_duplicate_groups([shingles[i] for i in range(len(norms))], threshold)


def test_groups_of_packed_hashes_equal_those_of_their_sets():
    """CP102 keeps a grid as its row hashes packed (`pack_digests`); `PackedSets` tells equal grids
    apart by their bytes. The groups, and each set made back, must be those of the plain sets."""
    from lint.similarity import PackedSets, pack_digests

    rng = random.Random(22)
    pool = [rng.getrandbits(64) for _ in range(12)] + [0, (1 << 64) - 1]
    for _ in range(300):
        sets = []
        for _ in range(rng.randint(0, 30)):
            if sets and rng.random() < 0.3:  # a copy, its hashes in another order
                sets.append(frozenset(sorted(rng.choice(sets), reverse=True)))
            else:
                sets.append(frozenset(rng.sample(pool, rng.choice([0, 1, 4, 5, 6, 8]))))
        packed = PackedSets([pack_digests(h.to_bytes(8, "big") for h in s) for s in sets])
        assert [packed[i] for i in range(len(sets))] == sets
        assert len({packed.norms[i] for i in range(len(sets))}) == len(set(sets))  # equal sets, equal bytes
        for threshold in (0.5, 0.65, 1.0):
            assert near_duplicate_groups(packed, threshold) == near_duplicate_groups(sets, threshold)
