"""Relevance benchmark through the CLI: MRR@10, Success@1, Success@10 and empty results per query file.

Usage:
    python bench/relevance.py                       # the dev set in ../shared/dev-eval
    python bench/relevance.py --corpus DIR --qrels qrels.tsv queries1.tsv queries2.tsv

Query files hold `id<TAB>text` lines; the qrels file `id<TAB>relevant file name`
lines (several per id allowed). The corpus is indexed into a temporary folder
with `newssearch index`, and each query file runs through
`newssearch query --batch FILE --trec`, exactly as a user would run them.
Nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

DEV_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "dev-eval"
DEPTH = 10
NEWSSEARCH = [sys.executable, "-m", "newssearch"]


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            key, _, value = line.partition("\t")
            rows.append((key.strip(), value.strip()))
    return rows


def read_qrels(path: Path) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = defaultdict(set)
    for query_id, name in read_tsv(path):
        qrels[query_id].add(name)
    return qrels


def build(corpus: Path, index_dir: Path) -> None:
    subprocess.run([*NEWSSEARCH, "index", "--quiet", "--source", str(corpus), "--index", str(index_dir)], check=True)


def run_queries(index_dir: Path, query_file: Path) -> dict[str, list[str]]:
    """The ranked article ids per query id, from `newssearch query --batch --trec`."""
    done = subprocess.run(
        [*NEWSSEARCH, "query", "--batch", str(query_file), "--trec", "--limit", str(DEPTH), "--index", str(index_dir)],
        capture_output=True,
        text=True,
    )
    if done.returncode == 2:
        raise SystemExit(f"relevance: newssearch failed: {done.stderr.strip()}")
    ranking: dict[str, list[str]] = defaultdict(list)
    for line in done.stdout.splitlines():
        query_id, _, article_id, _rank, _score, _tag = line.split()
        ranking[query_id].append(article_id)
    return ranking


def evaluate(ranking: dict[str, list[str]], queries: list[tuple[str, str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    reciprocal, success1, success10, empty = 0.0, 0, 0, 0
    for query_id, _ in queries:
        ids = ranking.get(query_id, [])
        empty += not ids
        relevant = qrels.get(query_id, set())
        for rank, article_id in enumerate(ids[:DEPTH], start=1):
            if Path(article_id).name in relevant:
                reciprocal += 1 / rank
                success1 += rank == 1
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
    qrels = read_qrels(args.qrels)
    with tempfile.TemporaryDirectory() as temporary:
        index_dir = Path(temporary) / "index"
        started = time.monotonic()
        build(args.corpus, index_dir)
        print(f"indexed {args.corpus} in {time.monotonic() - started:.1f} s")
        print(f"{'queries':<12} {'n':>5} {'MRR@10':>7} {'S@1':>6} {'S@10':>6} {'empty':>6}")
        for path in query_files:
            started = time.monotonic()
            figures = evaluate(run_queries(index_dir, path), read_tsv(path), qrels)
            print(
                f"{path.stem:<12} {figures['n']:>5} {figures['MRR@10']:>7.3f} {figures['S@1']:>6.3f} "
                f"{figures['S@10']:>6.3f} {figures['empty']:>6.1%}   ({time.monotonic() - started:.1f} s)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
