"""Search quality on the development set in ../shared/dev-eval (skipped when it is absent).

A floor, not a target: it catches a change that breaks Bulgarian analysis or
ranking. bench/relevance.py prints the full figures.
"""

from __future__ import annotations

import pytest

from tests.conftest import DEV_EVAL, bench_module

pytestmark = pytest.mark.skipif(not (DEV_EVAL / "qrels.tsv").exists(), reason="no ../shared/dev-eval")


@pytest.mark.slow
def test_keyword_queries_through_the_cli_find_the_article_near_the_top(tmp_path):
    relevance = bench_module("relevance")
    relevance.build(DEV_EVAL / "corpus", tmp_path / "index")
    queries = DEV_EVAL / "keywords.tsv"
    ranking = relevance.run_queries(tmp_path / "index", queries)
    qrels = relevance.read_qrels(relevance.read_tsv(DEV_EVAL / "qrels.tsv"))
    figures = relevance.evaluate(ranking, relevance.read_tsv(queries), qrels)
    assert figures["MRR@10"] >= 0.72
    assert figures["empty"] <= 0.02
