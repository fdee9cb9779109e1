"""Relevance benchmark through the CLI: MRR@10, Success@1, Success@10 and empty results per query file.

Usage:
    python bench/relevance.py                       # the dev set in ../shared/dev-eval
    python bench/relevance.py --corpus DIR --qrels qrels.tsv queries1.tsv queries2.tsv
    python bench/relevance.py --save before.json    # also keep each query's reciprocal rank
    python bench/relevance.py --against before.json # and compare with that run, query by query

Query files hold `id<TAB>text` lines; the qrels file `id<TAB>relevant file name`
lines (several per id allowed). The corpus is indexed into a temporary folder
with `newssearch index`, and each query file runs through
`newssearch query --batch FILE --trec`, exactly as a user would run them.
Nothing is copied into the repository.

A change to analysis or ranking moves a few queries up and a few down; whether
the sum is more than chance is what `--against` answers: for each query file it
prints the change in MRR@10, how many queries went up and down, and a 95%
interval of the change from a paired bootstrap over the queries. An interval
that holds 0 is a change these queries cannot tell from noise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newssearch.errors import QueryFileError
from newssearch.search.batch import read_batch_file

DEV_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "dev-eval"
DEPTH = 10
RESAMPLES = 10_000
NEWSSEARCH = [sys.executable, "-m", "newssearch"]


def read_tsv(path: Path) -> list[tuple[str, str]]:
    """`id<TAB>value` lines, read as `newssearch query --batch` reads them (any encoding it takes)."""
    return [(query.id, query.text.strip()) for query in read_batch_file(path)]


def read_qrels(rows: list[tuple[str, str]]) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = defaultdict(set)
    for query_id, name in rows:
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


def reciprocal_ranks(
    ranking: dict[str, list[str]], queries: list[tuple[str, str]], qrels: dict[str, set[str]]
) -> dict[str, float]:
    """Each query's 1/rank of its first relevant article in the top DEPTH (0 when there is none)."""
    ranks = {}
    for query_id, _ in queries:
        relevant = qrels.get(query_id, set())
        ranks[query_id] = 0.0
        for rank, article_id in enumerate(ranking.get(query_id, [])[:DEPTH], start=1):
            if Path(article_id).name in relevant:
                ranks[query_id] = 1 / rank
                break
    return ranks


def evaluate(ranking: dict[str, list[str]], queries: list[tuple[str, str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    return summarize(reciprocal_ranks(ranking, queries, qrels), ranking, queries)


def summarize(
    ranks: dict[str, float], ranking: dict[str, list[str]], queries: list[tuple[str, str]]
) -> dict[str, float]:
    """MRR@10, Success@1, Success@10 and the share of empty results, from each query's reciprocal rank."""
    reciprocal = [ranks[query_id] for query_id, _ in queries]
    empty = sum(not ranking.get(query_id) for query_id, _ in queries)
    n = len(queries) or 1
    return {
        "MRR@10": sum(reciprocal) / n,
        "S@1": sum(value == 1 for value in reciprocal) / n,
        "S@10": sum(value > 0 for value in reciprocal) / n,
        "empty": empty / n,
        "n": n,
    }


@dataclass(frozen=True)
class Comparison:
    """How a run's MRR@10 differs from a baseline's over the queries both ran."""

    delta: float
    better: int
    worse: int
    low: float  # the 95% bootstrap interval of delta
    high: float


def compare(baseline: dict[str, float], run: dict[str, float], resamples: int = RESAMPLES) -> Comparison:
    """The change in MRR@10 from `baseline` to `run` (reciprocal ranks by query id), with a paired
    bootstrap interval: queries are drawn with replacement, each keeping both of its figures."""
    shared = sorted(baseline.keys() & run.keys())
    if not shared:
        return Comparison(0.0, 0, 0, 0.0, 0.0)
    changes = np.array([run[query_id] - baseline[query_id] for query_id in shared])
    draws = np.random.default_rng(0).integers(0, len(changes), size=(resamples, len(changes)))
    means = changes[draws].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return Comparison(float(changes.mean()), int((changes > 0).sum()), int((changes < 0).sum()), float(low), float(high))


def comparison_line(comparison: Comparison) -> str:
    verdict = "within noise" if comparison.low <= 0 <= comparison.high else "beyond noise"
    return (
        f"{comparison.delta:+.3f} MRR@10 ({comparison.better} up, {comparison.worse} down; "
        f"95% interval {comparison.low:+.3f} .. {comparison.high:+.3f}: {verdict})"
    )


def read_saved(path: Path) -> dict[str, dict[str, float]]:
    """A run written by --save: reciprocal ranks by query id, by query file."""
    saved = json.loads(path.read_text("utf-8"))
    if not isinstance(saved, dict) or not all(
        isinstance(ranks, dict) and all(isinstance(value, (int, float)) for value in ranks.values())
        for ranks in saved.values()
    ):
        raise ValueError("not a run written by --save")
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=DEV_EVAL / "corpus")
    parser.add_argument("--qrels", type=Path, default=DEV_EVAL / "qrels.tsv")
    parser.add_argument("--save", type=Path, help="write each query's reciprocal rank to this JSON file")
    parser.add_argument("--against", type=Path, help="compare with a run written by --save")
    parser.add_argument("queries", type=Path, nargs="*")
    args = parser.parse_args()
    query_files = args.queries or [DEV_EVAL / f"{name}.tsv" for name in ("headline", "keywords", "lemma", "latin")]
    if not args.corpus.is_dir():
        print(f"relevance: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    try:
        baseline = read_saved(args.against) if args.against else {}
    except (OSError, ValueError) as error:
        print(f"relevance: cannot read {args.against}: {error}", file=sys.stderr)
        return 2
    tables: dict[Path, list[tuple[str, str]]] = {}
    for path in [args.qrels, *query_files]:
        try:
            tables[path] = read_tsv(path)
        except OSError as error:
            print(f"relevance: cannot read {path}: {error.strerror or error}", file=sys.stderr)
            return 2
        except QueryFileError as error:
            print(f"relevance: {error}", file=sys.stderr)
            return 2
    qrels = read_qrels(tables[args.qrels])
    query_sets = [(path, tables[path]) for path in query_files]
    saved: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        index_dir = Path(temporary) / "index"
        started = time.monotonic()
        build(args.corpus, index_dir)
        print(f"indexed {args.corpus} in {time.monotonic() - started:.1f} s")
        print(f"{'queries':<12} {'n':>5} {'MRR@10':>7} {'S@1':>6} {'S@10':>6} {'empty':>6}")
        for path, queries in query_sets:
            started = time.monotonic()
            ranking = run_queries(index_dir, path)
            saved[path.stem] = reciprocal_ranks(ranking, queries, qrels)
            figures = summarize(saved[path.stem], ranking, queries)
            print(
                f"{path.stem:<12} {figures['n']:>5} {figures['MRR@10']:>7.3f} {figures['S@1']:>6.3f} "
                f"{figures['S@10']:>6.3f} {figures['empty']:>6.1%}   ({time.monotonic() - started:.1f} s)"
            )
            if path.stem in baseline:
                print(f"{'':<12} against {args.against.name}: {comparison_line(compare(baseline[path.stem], saved[path.stem]))}")
    if args.save:
        args.save.write_text(json.dumps(saved, indent=1, sort_keys=True), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
