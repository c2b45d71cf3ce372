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
