from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint.similarity import (
    _emission,
    _hmm_model,
    _hmm_words,
    _prefix_dict,
    _route,
    char_shingles,
    dictionary_entries,
    goal_shingles,
    is_word,
    jaccard,
    near_duplicate_groups,
    normalize_text,
    stable_hash,
    subject_candidates,
    tokens,
)
from lint.text import compact

ROOT = Path(__file__).resolve().parents[2]


def test_normalize_masks_numbers_years_and_template():
    a = normalize_text("1.目标内容 1 根据石人社规[2021]2 号文规定，按时贴息。")
    b = normalize_text("1.根据石人社规[2019]2号文规定,按时贴息")
    # Brackets go before numbers are masked, so `[2021]2` is one number.
    assert a == b == "#根据石人社规#号文规定按时贴息"


def test_jieba_user_dictionary_keeps_domain_subjects_whole():
    assert "门卫" in tokens("群众对门卫工作整体满意度")
    assert tokens("县委办劳务派遣人员经费")[:2] == ("县委办", "劳务派遣")
    # A substring across two words is not a word of the text.
    assert "卫安" not in tokens("门卫安保经费")


def test_subject_candidates_the_same_for_names_differing_in_notes_and_width():
    # Full-width digits and brackets, a spaced name, another county's note: `2024年` and the note
    # are cut, `费` is a stopword, so 度党刊征订 is left in each (read by hand).
    expected = ("度党刊征订", "度党刊征", "度党刊", "度党")
    assert subject_candidates("２０２４年度党刊征订费（青山）") == expected
    assert subject_candidates("2024年度 党刊征订费(白山)") == expected
    assert subject_candidates("门卫安保经费【２０２３】") == ("门卫安保", "门卫安", "门卫")


def test_subject_candidates_cut_numbers_brackets_and_stopwords():
    assert subject_candidates("门卫安保经费") == ("门卫安保", "门卫安", "门卫")
    assert subject_candidates("县委办劳务派遣人员经费") == ("劳务派遣", "劳务派", "劳务")
    assert subject_candidates("2021年省级残疾人事业发展补助资金（东城）") == ("残疾人", "残疾")
    assert subject_candidates("专项经费") == ()


def test_goal_shingles_ignore_numbers_and_skip_short_goals():
    a = goal_shingles("1.根据石人社规[2021]2号文规定，按时足额发放创业担保贷款贴息资金。", 15)
    b = goal_shingles("1.根据石人社规[2019]5号文规定,按时足额发放创业担保贷款贴息资金", 15)
    assert a and a == b
    assert goal_shingles("保障就业工作正常开展", 15) == frozenset()  # 10 characters
    assert jaccard(char_shingles("强化安全防范责任"), char_shingles("强化安全防范措施")) == 5 / 9


@pytest.mark.parametrize("pairs", [3, 1 << 16])
def test_shingles_are_the_hashes_of_the_character_pairs(word_doc, pairs, monkeypatch):
    # The pairs' hashes are cached: a goal hashed after others shares their pairs, and must get the
    # very hashes an uncached blake2b of each of its pairs gives (MinHash and grouping depend on them);
    # also when the cache of pairs holds three and is emptied all the time.
    import lint.similarity as similarity

    monkeypatch.setattr(similarity, "_PAIRS", pairs)
    similarity._char_shingles.cache_clear()
    goals = [card.goal_text for card in word_doc.cards if card.goal_text]
    for goal in goals + goals[:3]:
        norm = normalize_text(goal)
        assert char_shingles(goal) == frozenset(stable_hash(norm[i:i + 2]) for i in range(len(norm) - 1))


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


def _reference_groups(sets, threshold, bands=8, rows=4, representatives=3):
    """`near_duplicate_groups` as first written: every representative of every shared bucket
    compared again (no pair skipped), roots looked up afresh each time."""
    from lint.similarity import _UnionFind, minhash

    uf = _UnionFind(len(sets))
    first_of, distinct = {}, []
    for i, s in enumerate(sets):
        if s:
            j = first_of.setdefault(s, i)
            if j == i:
                distinct.append(i)
            else:
                uf.union(j, i)
    buckets = {}
    for i in distinct:
        sig = minhash(sets[i], bands * rows)
        for band in range(bands):
            reps = buckets.setdefault((band, sig[band * rows:(band + 1) * rows]), [])
            matched = False
            for r in reps:
                if uf.find(r) == uf.find(i) or jaccard(sets[r], sets[i]) >= threshold:
                    if uf.find(r) != uf.find(i):
                        uf.union(r, i)
                    matched = True
                    break
            if not matched and len(reps) < representatives:
                reps.append(i)
    groups = {}
    for i, s in enumerate(sets):
        if s:
            groups.setdefault(uf.find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


# Sets near each other (drawn from few values) share many LSH bands without being similar enough:
# the pairs the grouping skips after one comparison.
@given(st.lists(st.frozensets(st.integers(0, 12), min_size=3, max_size=10), max_size=40), st.floats(0.5, 1.0))
def test_grouping_equals_the_grouping_that_compares_every_shared_bucket(sets, threshold):
    assert near_duplicate_groups(sets, threshold) == _reference_groups(sets, threshold)


def test_jieba_is_not_loaded_to_confirm_cp103_candidates():
    code = (
        "import sys\n"
        "from lint.check import run_rules\n"
        "from lint.rules import select_rules\n"
        "from lint.parse.document import parse_text\n"
        "from lint.readers import read_text\n"
        "from lint.similarity import is_word\n"
        "doc = parse_text(read_text('tests/data/corpus/004_067c5885c1f51251.txt'), 'x')\n"
        "run_rules([doc], select_rules(['PH']))\n"
        "assert 'jieba' not in sys.modules, 'jieba loaded by a non copy-paste run'\n"
        "run_rules([doc], select_rules(['CP101', 'CP102', 'CP104']))\n"
        "assert 'jieba' not in sys.modules, 'character shingles need no segmenter'\n"
        "found = run_rules([doc], select_rules(['CP103']))\n"
        "assert any(f.code == 'CP103' for f in found)\n"
        "assert 'jieba' not in sys.modules, '门卫 (004) is a dictionary word on the route: no HMM to ask'\n"
        "assert not is_word('农村党', '享受待遇的农村党支部书记对力政策的满意度')\n"
        "assert 'jieba' not in sys.modules, '农村党 lies in a run the HMM cuts: its tables, not jieba'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_prefix_dictionary_is_what_jieba_builds_from_the_entries():
    import io

    import jieba

    data = "".join(f"{w} {f}\n" for w, f in sorted(dictionary_entries().items())).encode("utf-8")
    assert _prefix_dict() == jieba.Tokenizer.gen_pfdict(io.BytesIO(data))


def _corpus_texts() -> list[str]:
    from lint.parse.document import parse_text
    from lint.readers import read_text

    texts: set[str] = set()
    for path in sorted((ROOT / "tests/data/corpus").glob("*.txt")):
        doc = parse_text(read_text(str(path)), path.name)
        for card in doc.cards:
            texts.update((card.title, card.project_name or "", card.goal_text, card.fund_use))
            for ind in card.indicators:
                texts.update((ind.name, ind.description))
    return sorted(t for t in texts if t)


def test_is_word_agrees_with_jieba_tokens_on_every_corpus_text():
    # Every piece of two to six characters of every name, goal, 资金用途 and cell of the corpus
    # documents (dictionary words on the route, words the HMM makes, pieces across words), and a
    # few that are not in the text at all.
    checked = hmm = 0
    for text in _corpus_texts():
        cut = tokens(text)
        flat = compact(text)
        words = {flat[i:j] for i in range(len(flat)) for j in range(i + 2, min(i + 6, len(flat)) + 1)}
        words |= {"门卫", "劳务派遣", "卫安"}
        for word in words:
            assert is_word(word, text) == (word in cut), (word, text, cut)
            checked += 1
        hmm += any(len(w) > 1 and w not in _route(text)[0] for w in cut)
    assert checked > 50_000 and hmm > 100  # the HMM's words were among them


@given(st.text(alphabet="门卫安保经费工作群众对劳务派遣县委办人员文化交流社保中心1a、 ", max_size=16),
       st.text(alphabet="门卫安保经费工作劳务派遣文化社保1a", min_size=1, max_size=5))
def test_is_word_agrees_with_jieba_tokens_on_any_text(text, word):
    assert is_word(word, text) == (word in tokens(text))


def test_hmm_tables_read_from_jiebas_files_are_jiebas():
    from jieba import finalseg

    start, trans, _, _ = _hmm_model()
    assert start == finalseg.start_P and trans == finalseg.trans_P
    for state, table in finalseg.emit_P.items():
        for char, value in table.items():
            assert _emission(state, char) == value
    # Characters absent from a state's table: below, above and between its entries.
    for char in "\u2235\u4dff\ufffd!a":
        for state, table in finalseg.emit_P.items():
            assert char not in table and _emission(state, char) == finalseg.MIN_FLOAT


def test_hmm_words_are_finalseg_cut_on_every_run_of_the_corpus():
    from jieba import finalseg

    runs = {run for text in _corpus_texts() for run in _route(text)[1]}
    assert len(runs) > 500
    for run in runs:
        assert _hmm_words(run) == tuple(finalseg.cut(run)), run


@given(st.text(alphabet="门卫安保经费工作群众对劳务派遣县委办人员文化交流社保中心农村党支部书记享受待遇1a.%、", min_size=1, max_size=20))
def test_hmm_words_are_finalseg_cut_on_any_text(run):
    from jieba import finalseg

    assert _hmm_words(run) == tuple(finalseg.cut(run))


def test_is_word_asks_jieba_when_its_hmm_files_are_not_as_expected(monkeypatch):
    import lint.similarity as similarity

    monkeypatch.setattr(similarity, "_read_hmm_model", lambda: None)
    _hmm_words.cache_clear()
    _emission.cache_clear()
    # Both need the HMM (a run of single characters holds them): jieba's answers, through `tokens`.
    assert not is_word("农村党", "享受待遇的农村党支部书记对力政策的满意度")
    assert is_word("社保", "是否能够提高社保基金管理工作")
    assert "社保" in _route("是否能够提高社保基金管理工作")[1][0]
