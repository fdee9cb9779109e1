"""What reading Latin-typed queries as Cyrillic costs per query.

Usage:
    python bench/transliteration.py INDEX_DIR [QUERY_FILE]    # default: ../shared/dev-eval/latin.tsv

Prints the median, 95th percentile and worst time of the Latin -> Cyrillic
rewrite (the vocabulary walk), and of whole searches with and without it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from newssearch.search import IndexSearcher
from newssearch.search.transliterate import rewrite_latin_words

DEFAULT_QUERIES = Path(__file__).resolve().parent.parent.parent / "shared" / "dev-eval" / "latin.tsv"


def timed(function, items) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for item in items:
        started = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def summary(name: str, times: list[float]) -> str:
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return f"{name:<28} median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms   max {times[-1]:7.2f} ms"


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    index_dir = Path(sys.argv[1])
    query_file = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_QUERIES
    queries = [line.partition("\t")[2] or line for line in query_file.read_text("utf-8").splitlines() if line.strip()]
    with IndexSearcher(index_dir) as searcher:
        vocabulary = searcher.vocabulary()
        print(f"{len(queries)} queries from {query_file}")
        print(summary("rewrite only", timed(lambda q: rewrite_latin_words(q, vocabulary), queries)))
        print(summary("search, --no-translit", timed(lambda q: searcher.search(q, translit=False), queries)))
        print(summary("search, transliterated", timed(lambda q: searcher.search(q), queries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
