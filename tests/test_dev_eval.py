"""Search quality on the development set in ../shared/dev-eval (skipped when it is absent).

A floor, not a target: it catches a change that breaks Bulgarian analysis or
ranking. bench/relevance.py prints the full figures.
"""

from __future__ import annotations

import sys
from collections import defaultdict

import pytest

from newssearch.index import build_index
from tests.conftest import DEV_EVAL, REPO

pytestmark = pytest.mark.skipif(not (DEV_EVAL / "qrels.tsv").exists(), reason="no ../shared/dev-eval")


def test_keyword_queries_find_the_article_near_the_top(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import relevance
    finally:
        sys.path.pop(0)
    qrels: dict[str, set[str]] = defaultdict(set)
    for query_id, name in relevance.read_tsv(DEV_EVAL / "qrels.tsv"):
        qrels[query_id].add(name)
    build_index([DEV_EVAL / "corpus"], tmp_path / "index")
    figures = relevance.evaluate(tmp_path / "index", relevance.read_tsv(DEV_EVAL / "keywords.tsv"), qrels)
    assert figures["MRR@10"] >= 0.72
    assert figures["empty"] <= 0.02
