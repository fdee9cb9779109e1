"""Query benchmark: cold start of the command and warm latency, against plain Whoosh in the same run.

Usage:
    python bench/indexing.py /tmp/corpus100k --keep /tmp/ix100k
    python bench/query.py /tmp/ix100k/newssearch /tmp/ix100k/whoosh [--runs 7]
        [--headlines ../shared/dev-eval/headline.tsv]

Run it with the Python of an install made as the README's first command makes it (`pip install .`):
an editable install (`pip install -e`) loads a path finder at every start, some 25 ms of a cold query.

Prints the median wall time of fresh `newssearch query` processes (JSON and
terminal output) and of a minimal plain-Whoosh script that opens its index and
prints the top 10 ids, taking turns; then the warm latency (p50, p95, max) of newssearch over a
fixed query set, with snippets, in one process. With --headlines (a query file, `id<TAB>text`),
also the warm latency of those pasted headlines, of the ones with a quoted phrase or a
hyphenated word, and of plain Whoosh searching their words OR-ed.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Words and pairs common in Bulgarian news (and in bench/make_corpus.py's corpus), from frequent to rarer.
QUERIES = [
    "правителство", "министър", "избори", "президент", "България", "закон", "пари", "съд", "война",
    "министър председател", "народно събрание", "цени на тока", "общински съвет", "здравна каса",
    "европейски съюз", "полиция", "училище", "болница", "пътища", "бюджет", "депутати", "икономика",
    "образование", "футбол", "времето", "прокуратура", "енергетика", "земеделие", "туризъм", "култура",
]  # fmt: skip

PLAIN_WHOOSH = """
import sys
from whoosh import index
from whoosh.qparser import QueryParser
ix = index.open_dir(sys.argv[1])
with ix.searcher() as searcher:
    query = QueryParser("body", ix.schema).parse(sys.argv[2])
    for hit in searcher.search(query, limit=10):
        print(hit["id"])
"""


def cold(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall seconds of fresh processes of each command.

    The commands take turns, so that a slow phase of a shared machine slows them all alike; the first
    round only warms the page cache and writes the bytecode of modules changed since it was last
    written, as a user's first run does: with PYTHONDONTWRITEBYTECODE set, every run would compile
    them again, and only newssearch's modules, not the installed Whoosh's, are ever out of date.
    """
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for attempt in range(runs + 1):
        for name, command in commands.items():
            started = time.monotonic()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=environment)
            if attempt:
                times[name].append(time.monotonic() - started)
    return {name: statistics.median(spent) for name, spent in times.items()}


def warm(index_dir: Path, queries: list[str], rounds: int) -> list[float]:
    from newssearch.search import IndexSearcher

    latencies = []
    with IndexSearcher(index_dir) as searcher:
        for query in queries:  # first pass: caches, lazy loads
            searcher.search(query)
        for _ in range(rounds):
            for query in queries:
                started = time.perf_counter()
                searcher.search(query, limit=10, snippets=True)
                latencies.append(time.perf_counter() - started)
    return sorted(latencies)


def warm_whoosh(index_dir: Path, queries: list[str], rounds: int) -> list[float]:
    """Plain Whoosh's latency for the same queries, their words OR-ed in the body field."""
    from whoosh import index
    from whoosh.qparser import OrGroup, QueryParser

    latencies = []
    with index.open_dir(str(index_dir)).searcher() as searcher:
        parser = QueryParser("body", searcher.schema, group=OrGroup)
        parsed = [parser.parse(query) for query in queries]
        for query in parsed:
            searcher.search(query, limit=10)
        for _ in range(rounds):
            for query in parsed:
                started = time.perf_counter()
                [hit["id"] for hit in searcher.search(query, limit=10)]
                latencies.append(time.perf_counter() - started)
    return sorted(latencies)


def figures(latencies: list[float]) -> str:
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[min(len(latencies) - 1, round(len(latencies) * 0.95))]
    return f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("newssearch_index", type=Path)
    parser.add_argument("whoosh_index", type=Path)
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per cold measurement")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the query set for warm latency")
    parser.add_argument("--headlines", type=Path, help="a query file (id<TAB>text) of pasted headlines to time too")
    args = parser.parse_args()
    query = "министър председател"
    # -P: the installed package, also when run from a checkout (whose sources may not be compiled).
    ours = [sys.executable, "-P", "-m", "newssearch", "query", query, "--index", str(args.newssearch_index)]
    medians = cold(
        {
            "whoosh": [sys.executable, "-c", PLAIN_WHOOSH, str(args.whoosh_index), query],
            "json": [*ours, "--json"],
            "terminal": ours,
        },
        args.runs,
    )
    cold_whoosh, cold_json, cold_terminal = medians["whoosh"], medians["json"], medians["terminal"]
    print(f"cold, median of {args.runs} fresh processes, query {query!r}:")
    print(f"  plain Whoosh script      {cold_whoosh * 1000:7.0f} ms")
    print(f"  newssearch query --json  {cold_json * 1000:7.0f} ms   = {cold_json / cold_whoosh:.2f} x plain Whoosh")
    print(f"  newssearch query         {cold_terminal * 1000:7.0f} ms   = {cold_terminal / cold_whoosh:.2f} x plain Whoosh")
    latencies = warm(args.newssearch_index, QUERIES, args.rounds)
    print(f"warm, {len(latencies)} queries with snippets (top 10): {figures(latencies)}")
    if args.headlines:
        lines = args.headlines.read_text(encoding="utf-8").splitlines()
        headlines = [line.split("\t", 1)[1] for line in lines if "\t" in line]
        phrased = [text for text in headlines if re.search(r'["„“]|\w-\w', text)]
        print(f"warm, {len(headlines)} pasted headlines from {args.headlines}:")
        print(f"  newssearch, with snippets (top 10)      {figures(warm(args.newssearch_index, headlines, 1))}")
        print(f"  {len(phrased)} with a phrase or hyphenated word    {figures(warm(args.newssearch_index, phrased, 1))}")
        print(f"  plain Whoosh, words OR-ed (top 10)      {figures(warm_whoosh(args.whoosh_index, headlines, 1))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
