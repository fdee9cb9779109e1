"""Search quality on the development set in ../shared/dev-eval (skipped when it is absent).

A floor, not a target: it catches a change that breaks Bulgarian analysis or
ranking. bench/relevance.py prints the full figures.
"""

from __future__ import annotations

import sys
import pytest

from tests.conftest import DEV_EVAL, REPO

pytestmark = pytest.mark.skipif(not (DEV_EVAL / "qrels.tsv").exists(), reason="no ../shared/dev-eval")


@pytest.mark.slow
def test_keyword_queries_through_the_cli_find_the_article_near_the_top(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import relevance
    finally:
        sys.path.pop(0)
    relevance.build(DEV_EVAL / "corpus", tmp_path / "index")
    queries = DEV_EVAL / "keywords.tsv"
    ranking = relevance.run_queries(tmp_path / "index", queries)
    figures = relevance.evaluate(ranking, relevance.read_tsv(queries), relevance.read_qrels(DEV_EVAL / "qrels.tsv"))
    assert figures["MRR@10"] >= 0.72
    assert figures["empty"] <= 0.02
