"""Relevance benchmark: MRR@10, Success@1, Success@10 and empty results per query file.

Usage:
    python bench/relevance.py                       # the dev set in ../shared/dev-eval
    python bench/relevance.py --corpus DIR --qrels qrels.tsv queries1.tsv queries2.tsv

Query files hold `id<TAB>text` lines; the qrels file `id<TAB>relevant file name`
lines (several per id allowed). The corpus is indexed into a temporary folder
with newssearch's own indexer; nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from newssearch.index import build_index
from newssearch.search import search

DEV_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "dev-eval"
DEPTH = 10


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            key, _, value = line.partition("\t")
            rows.append((key.strip(), value.strip()))
    return rows


def evaluate(index_dir: Path, queries: list[tuple[str, str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    reciprocal, success1, success10, empty = 0.0, 0, 0, 0
    for query_id, text in queries:
        result = search(index_dir, text, limit=DEPTH)
        if not result.hits:
            empty += 1
        relevant = qrels.get(query_id, set())
        for hit in result.hits:
            if Path(hit.id).name in relevant:
                reciprocal += 1 / hit.rank
                success1 += hit.rank == 1
                success10 += 1
                break
    n = len(queries) or 1
    return {"MRR@10": reciprocal / n, "S@1": success1 / n, "S@10": success10 / n, "empty": empty / n, "n": n}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=DEV_EVAL / "corpus")
    parser.add_argument("--qrels", type=Path, default=DEV_EVAL / "qrels.tsv")
    parser.add_argument("queries", type=Path, nargs="*")
    args = parser.parse_args()
    query_files = args.queries or [DEV_EVAL / f"{name}.tsv" for name in ("headline", "keywords", "lemma", "latin")]
    if not args.corpus.is_dir():
        print(f"relevance: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    qrels: dict[str, set[str]] = defaultdict(set)
    for query_id, name in read_tsv(args.qrels):
        qrels[query_id].add(name)
    with tempfile.TemporaryDirectory() as temporary:
        index_dir = Path(temporary) / "index"
        started = time.monotonic()
        report = build_index([args.corpus], index_dir)
        print(f"indexed {report.articles} articles in {time.monotonic() - started:.1f} s")
        print(f"{'queries':<12} {'n':>5} {'MRR@10':>7} {'S@1':>6} {'S@10':>6} {'empty':>6}")
        for path in query_files:
            started = time.monotonic()
            figures = evaluate(index_dir, read_tsv(path), qrels)
            print(
                f"{path.stem:<12} {figures['n']:>5} {figures['MRR@10']:>7.3f} {figures['S@1']:>6.3f} "
                f"{figures['S@10']:>6.3f} {figures['empty']:>6.1%}   ({time.monotonic() - started:.1f} s)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
