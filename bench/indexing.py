"""Indexing benchmark: newssearch against plain Whoosh on the same corpus, in one run.

Usage:
    python bench/make_corpus.py /tmp/corpus100k --articles 100000
    python bench/indexing.py /tmp/corpus100k [--procs 2] [--keep /tmp/ix100k]

Prints, for each engine: wall time, articles/s, MB/s, peak RSS of the whole
process tree, index bytes / corpus bytes; then newssearch / plain Whoosh
throughput, and the time of a second `newssearch index` after 1% of the files
changed (compare with the full build). --keep leaves both indexes in a folder
(whoosh/, newssearch/) for bench/query.py.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def corpus_size(corpus: Path) -> tuple[int, int]:
    files = [path for path in corpus.rglob("*.txt")]
    return len(files), sum(path.stat().st_size for path in files)


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak tree RSS of a command."""
    started = time.monotonic()
    process = subprocess.Popen(command)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if process.wait() != 0:
        raise SystemExit(f"indexing: {' '.join(command)} failed")
    done.set()
    sampler.join()
    return time.monotonic() - started, peak


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def generation_bytes(index_dir: Path) -> int:
    """The size of the generation queries read. The folder can hold one more: a build keeps the
    generation before it until the next build, for queries still reading it (an index kept from
    an earlier run of this benchmark, or one of another format, would count twice)."""
    from newssearch.index.storage import current_generation

    generation = current_generation(index_dir)
    if generation is None:
        raise SystemExit(f"indexing: no index at {index_dir}")
    return directory_bytes(generation)


def report(name: str, seconds: float, peak: int, index_bytes: int, articles: int, corpus_bytes: int) -> None:
    print(
        f"{name:<14} {seconds:8.1f} s {articles / seconds:9.0f} art/s {corpus_bytes / 1e6 / seconds:7.2f} MB/s "
        f"{peak / 2**20:8.0f} MiB peak  index/corpus {index_bytes / corpus_bytes:5.2f}"
    )


def touch_one_percent(corpus: Path) -> int:
    files = sorted(corpus.rglob("*.txt"))[::100]
    for path in files:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\nПоправка: статията е обновена.\n")
    return len(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the indexes here and keep them")
    args = parser.parse_args()
    articles, corpus_bytes = corpus_size(args.corpus)
    print(f"corpus: {articles} articles, {corpus_bytes / 1e6:.1f} MB, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as temporary:
        place = args.keep or Path(temporary)
        whoosh_index = place / "whoosh"
        seconds, peak = measure([sys.executable, str(BENCH / "plain_whoosh.py"), str(args.corpus), str(whoosh_index),
                                 "--procs", str(args.procs)])  # fmt: skip
        report("plain Whoosh", seconds, peak, directory_bytes(whoosh_index), articles, corpus_bytes)
        whoosh_seconds = seconds

        ours = place / "newssearch"
        command = [sys.executable, "-m", "newssearch", "index", "--quiet", "--source", str(args.corpus), "--index", str(ours)]
        seconds, peak = measure([*command, "--full"])
        report("newssearch", seconds, peak, generation_bytes(ours), articles, corpus_bytes)
        print(f"throughput newssearch / plain Whoosh: {whoosh_seconds / seconds:.2f}")

        changed = touch_one_percent(args.corpus)
        again, _ = measure(command)
        print(f"after changing {changed} files (1%): {again:.1f} s = {again / seconds:.0%} of the full build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
