"""Array scoring ranks exactly as Whoosh's matchers do, and the lazy ranking orders like a full sort."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from itertools import islice, product
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newssearch.search.parse as parse_module
import newssearch.search.ranking as ranking_module
import newssearch.search.searcher as searcher_module
from newssearch.index import build_index
from newssearch.search import IndexSearcher
from newssearch.search.dates import expand_date_spans
from newssearch.search.parse import COARSE_FIELDS, parse_query, word_plan
from newssearch.search.ranking import COMPLETE_SHARE, CONFIRMED_TOGETHER, FIRST_SORTED, Ranking
from tests.conftest import index_of, write_corpus

WORDS = (
    "министър председател среща срещата срещи правителство бюджет бюджета депутати парламент "
    "помощ хуманитарна европейски съюз цени ток тока избори изборите отбор мач футбол война мир "
    "промяна промяната промени промените"  # промени: промяна's plural, read by the dictionary as a verb
).split()


def write_articles(root: Path, count: int, seed: int) -> None:
    """Articles of random lengths and word mixes: BM25 scores spread out, ties are rare."""
    rng = random.Random(seed)
    for number in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 80))]
        date = f" date 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} " if number % 7 else ""
        (root / f"gen{seed}_{number:03d}.txt").write_text(date + " ".join(words) + ".", encoding="utf-8")


@pytest.fixture(scope="module")
def updated_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index updated once: two segments, the first with deleted articles."""
    root = tmp_path_factory.mktemp("ranking")
    source = write_corpus(root / "corpus")
    write_articles(source, 60, seed=1)
    index_dir = root / "index"
    build_index([source], index_dir)
    for name in ("gen1_003.txt", "gen1_010.txt"):
        (source / name).unlink()
    (source / "gen1_020.txt").write_text(" date 2025-05-05 министър председател среща бюджет.", encoding="utf-8")
    write_articles(source, 15, seed=2)
    assert build_index([source], index_dir).updated
    return index_dir


QUERIES = [
    "министър председател",
    "среща",
    "срещата на министрите",
    "хуманитарна помощ примирие",
    "цени на тока date:2025-03..2025-09",
    "избори несъществуващадума",
    "министър министъра",
    # phrases and hyphenated words: matched and scored on the arrays too
    '"министър председател" бюджет',
    "министър-председател",
    '"хуманитарна помощ" "европейски съюз"',
    '"цени на тока" избори',
    "война-мир date:2025-03..2025-09",
    # more than a few words: each weighed by how common it is in Bulgarian at large
    "министър председател среща бюджет депутати",
    # a lemma and a form that the dictionary gives to different words (analysis.homographs)
    "промяна бюджет",
    "промени избори",
]
OPTIONS = [{}, {"sort": "newest"}, {"sort": "oldest"}, {"since": "2025-06"}, {"until": "2025-04-15", "sort": "newest"}]


def answers(searcher: IndexSearcher, query: str, options: dict[str, str]) -> tuple[list[str], list[float], int, object]:
    result = searcher.search(query, limit=200, snippets=False, collapse=False, timeline=True, **options)
    return [hit.id for hit in result.hits], [hit.score for hit in result.hits], result.total, result.timeline


def without_prefixes(parsed):
    """The plan without the prefix fields' leaves and groups: Whoosh's matchers find nothing in
    those fields (no article writes them; the array path derives them, see tests/index/test_arrays.py)."""
    plan = word_plan(parsed)
    if plan is None:
        return None
    kept = [index for index, group in enumerate(plan.groups) if group.terms[0][0] not in COARSE_FIELDS]
    renumber = {old: new for new, old in enumerate(kept)}
    return replace(
        plan,
        leaves=tuple(leaf for leaf in plan.leaves if leaf[0] not in COARSE_FIELDS),
        groups=tuple(plan.groups[index] for index in kept),
        words=tuple(frozenset(renumber.get(key, key) if isinstance(key, int) else key for key in word) for word in plan.words),
    )


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("query", QUERIES)
def test_array_scoring_ranks_and_scores_as_whoosh_does(updated_index, query, options, monkeypatch):
    # The share rule reads scores before the lazily confirmed proximity bonuses, which
    # Whoosh's own scores include: with every complete article first, both must agree.
    monkeypatch.setattr(ranking_module, "COMPLETE_SHARE", 0.0)
    with IndexSearcher(updated_index) as searcher:
        parsed = parse_query(expand_date_spans(query), searcher._searcher.schema, searcher._term_map.entry)
        assert word_plan(parsed) is not None  # the array path runs
        monkeypatch.setattr(searcher_module, "word_plan", without_prefixes)
        ids, scores, total, timeline = answers(searcher, query, options)
        monkeypatch.setattr(searcher_module, "word_plan", lambda parsed: None)
        whoosh_ids, whoosh_scores, whoosh_total, whoosh_timeline = answers(searcher, query, options)
    assert total == whoosh_total and total > 0
    assert ids == whoosh_ids
    assert all(math.isclose(ours, theirs, rel_tol=1e-9) for ours, theirs in zip(scores, whoosh_scores))
    assert timeline == whoosh_timeline


def test_pages_of_an_array_ranking_neither_overlap_nor_leave_gaps(updated_index):
    with IndexSearcher(updated_index) as searcher:
        whole = [hit.id for hit in searcher.search("министър среща", limit=63, snippets=False).hits]
        paged = [
            hit.id
            for offset in range(0, 63, 7)
            for hit in searcher.search("министър среща", limit=7, offset=offset, snippets=False).hits
        ]
    assert paged == whole


def leading(complete: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The articles ranked before the rest: every word, and a score near the best."""
    return complete & (scores >= COMPLETE_SHARE * scores.max())


def test_an_article_with_every_word_leads_only_while_its_score_is_near_the_best():
    scores = np.array([10.0, 9.0, 6.0, 8.0])  # article 2 has every word but scores far below the best
    complete = np.array([False, True, True, False])
    assert [docnum for docnum, _ in Ranking(np.arange(4), scores, complete=complete)] == [1, 0, 3, 2]


@given(
    st.lists(
        st.tuples(st.booleans(), st.sampled_from([0.5, 1.0, 1.5, 2.0]), st.sampled_from([0.0, 0.25, 1.0]), st.booleans()),
        min_size=1,
        max_size=40,
    )
)
def test_a_lazily_confirmed_ranking_orders_like_a_full_sort(rows):
    complete = np.array([row[0] for row in rows])
    scores = np.array([row[1] for row in rows])
    bonus = np.array([row[2] for row in rows])
    confirmed = {docnum for docnum, row in enumerate(rows) if row[3]}
    checked: list[int] = []

    def confirm(pair: int, docnums: np.ndarray) -> np.ndarray:
        checked.extend(docnums.tolist())
        return np.array([docnum in confirmed for docnum in docnums.tolist()], dtype=bool)

    ranking = Ranking(np.arange(len(rows)), scores, complete=complete, bonus=(bonus,), confirm=confirm)
    final = [score + (extra if docnum in confirmed else 0.0) for docnum, (score, extra) in enumerate(zip(scores, bonus))]
    leads = leading(complete, scores)
    expected = sorted(range(len(rows)), key=lambda docnum: (not leads[docnum], -final[docnum], docnum))
    assert [docnum for docnum, _ in ranking] == expected
    assert sorted(checked) == [docnum for docnum, extra in enumerate(bonus) if extra]  # each once, only with a bonus
    first = next(iter(Ranking(np.arange(len(rows)), scores, complete=complete, bonus=(bonus,), confirm=confirm)))
    assert first[0] == expected[0]


def test_the_top_of_a_long_ranking_confirms_few_bonuses():
    size = 20 * CONFIRMED_TOGETHER
    scores = np.linspace(2.0, 1.0, size)  # far apart compared with the bonus
    checked: list[int] = []

    def confirm(pair: int, docnums: np.ndarray) -> np.ndarray:
        checked.extend(docnums.tolist())
        return np.ones(len(docnums), dtype=bool)

    ranking = Ranking(np.arange(size), scores, bonus=(np.full(size, 1e-4),), confirm=confirm)
    top = list(islice(ranking, 10))
    assert [docnum for docnum, _ in top] == list(range(10))
    assert top[0][1] == scores[0] + 1e-4
    assert len(checked) <= 2 * CONFIRMED_TOGETHER


@given(st.integers(4 * FIRST_SORTED + 1, 30 * FIRST_SORTED), st.integers(0, 2**32 - 1), st.integers(1, 60))
def test_a_long_ranking_orders_like_a_full_sort(size, seed, distinct):
    # Past 4 * FIRST_SORTED matches the order is found by partitioning, in parts four times
    # larger each (three parts past 20 * FIRST_SORTED); few distinct scores make ties.
    rng = np.random.default_rng(seed)
    complete = rng.random(size) < 0.3
    scores = rng.integers(0, distinct, size) / 7
    ranking = Ranking(np.arange(size), scores, complete=complete)
    leads = leading(complete, scores)
    expected = sorted(range(size), key=lambda docnum: (not leads[docnum], -scores[docnum], docnum))
    assert [docnum for docnum, _ in ranking] == expected


def test_a_word_nearly_every_article_holds_weighs_next_to_nothing(tmp_path):
    # Ten of eleven articles hold "министър", one holds "реформа": in the article with both, once each,
    # the common word must add a small fraction of what the telling word adds (Whoosh's own idf: .37).
    topics = ("бюджет", "пенсии", "болници", "пътища", "данъци", "тока", "армията", "съда", "изборите")
    articles = {f"{number}.txt": f"Министър говори за {topic} днес." for number, topic in enumerate(topics)}
    articles["both.txt"] = "Министър говори за реформа днес."
    articles["other.txt"] = "Футболният мач завърши наравно."
    with IndexSearcher(index_of(tmp_path, articles)) as searcher:
        common, telling = (
            next(hit.score for hit in searcher.search(word, snippets=False).hits if hit.id == "both.txt")
            for word in ("министър", "реформа")
        )
    assert 0 < common < 0.1 * telling


def test_a_pasted_headline_weighs_its_everyday_words_below_its_rare_ones(tmp_path):
    # Each article holds one of the query's words once; the one with the rare word is longer,
    # so by the archive's figures alone (the same idf) the everyday word's article ranks first.
    articles = {
        "everyday.txt": "Хора дойдоха.",
        "rare.txt": "Реципрочно отвърнаха вчера следобед.",
        "other.txt": "Футболният мач завърши наравно.",
    }
    with IndexSearcher(index_of(tmp_path, articles)) as searcher:
        keywords = [hit.id for hit in searcher.search("хора реципрочно", snippets=False).hits]
        headline = [hit.id for hit in searcher.search("Хора реципрочно дръпнаха щепсела", snippets=False).hits]
    assert keywords == ["everyday.txt", "rare.txt"]  # a few keywords are all telling: not weighed
    assert headline == ["rare.txt", "everyday.txt"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=4, max_size=8, unique=True))
def test_weighing_a_long_query_by_commonness_reorders_but_never_adds_or_drops_a_match(updated_index, monkeypatch, words):
    query = " ".join(words)
    with IndexSearcher(updated_index) as searcher:
        weighed = searcher.search(query, limit=500, snippets=False, collapse=False)
        monkeypatch.setattr(parse_module, "COMMONNESS_POWER", 0.0)
        unweighed = searcher.search(query, limit=500, snippets=False, collapse=False)
        monkeypatch.undo()
    assert weighed.total == unweighed.total > 0
    assert {hit.id for hit in weighed.hits} == {hit.id for hit in unweighed.hits}
    assert sorted(hit.score for hit in weighed.hits) != sorted(hit.score for hit in unweighed.hits)


@given(
    st.lists(st.lists(st.integers(0, 60), max_size=12).map(lambda found: sorted(set(found))), min_size=2, max_size=4),
    st.integers(1, 45),
)
def test_words_stand_in_order_exactly_when_some_chain_of_their_positions_does(word_positions, slop):
    # The definition, tried on every choice of one position per word.
    def chained(chosen: tuple[int, ...]) -> bool:
        return all(0 < later - earlier <= slop for earlier, later in zip(chosen, chosen[1:]))

    assert ranking_module._in_order(tuple(word_positions), slop) == any(map(chained, product(*word_positions)))
