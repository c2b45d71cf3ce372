from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from lint.similarity import jaccard, near_duplicate_groups, normalize_text, subject_nouns, tokens

ROOT = Path(__file__).resolve().parents[2]


def test_normalize_masks_numbers_years_and_template():
    a = normalize_text("1.目标内容 1 根据石人社规[2021]2 号文规定，按时贴息。")
    b = normalize_text("1.根据石人社规[2019]2号文规定,按时贴息")
    # Brackets go before numbers are masked, so `[2021]2` is one number.
    assert a == b == "#根据石人社规#号文规定按时贴息"


def test_jieba_user_dictionary_keeps_domain_subjects_whole():
    assert "门卫" in tokens("群众对门卫工作整体满意度")
    assert tokens("县委办劳务派遣人员经费")[:2] == ("县委办", "劳务派遣")
    assert subject_nouns("门卫安保经费")[0] == "门卫"
    assert subject_nouns("2021年省级残疾人事业发展补助资金")[0] == "残疾人"


def test_groups_identical_and_near_sets_but_not_distinct_ones():
    base = frozenset(range(100))
    near = frozenset(range(5, 100))  # Jaccard 0.95
    other = frozenset(range(1000, 1100))
    assert near_duplicate_groups([base, other, near, base, frozenset()], 0.8) == [[0, 2, 3]]


@given(st.lists(st.frozensets(st.integers(0, 30), max_size=12), max_size=25), st.floats(0.5, 1.0))
def test_every_grouped_pair_chain_is_verified(sets, threshold):
    # Soundness: each member of a group is linked to another member by a verified similarity.
    for group in near_duplicate_groups(sets, threshold):
        for i in group:
            assert any(jaccard(sets[i], sets[j]) >= threshold for j in group if j != i)


def test_jieba_is_loaded_only_when_a_copy_paste_rule_runs():
    code = (
        "import sys\n"
        "from lint.check import run_rules\n"
        "from lint.rules import select_rules\n"
        "from lint.parse.document import parse_text\n"
        "from lint.readers import read_text\n"
        "doc = parse_text(read_text('tests/data/corpus/004_067c5885c1f51251.txt'), 'x')\n"
        "run_rules([doc], select_rules(['PH']))\n"
        "assert 'jieba' not in sys.modules, 'jieba loaded by a non copy-paste run'\n"
        "run_rules([doc], select_rules(['CP']))\n"
        "assert 'jieba' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
