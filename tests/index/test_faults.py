"""Faults during `index`, caused for real: kill -9 at chosen moments, a write limit, readers racing a build.

A killed or failed run must leave an index that answers exactly as before (or as
after, once the new generation is published), and the next run must clean up
and succeed.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from newssearch.index import storage
from newssearch.search import search
from tests.conftest import REPO, write_corpus

QUERIES = ["бюджета", "среща", "помощ примирие", "футбол", '"хуманитарна помощ"', "министър", "статия"]

# Runs `newssearch ARGS` with one function wrapped to kill the process (SIGKILL, no
# clean-up of any kind) on its Nth call.
KILLER = textwrap.dedent(
    """
    import importlib, os, signal, sys
    module_name, attribute, nth = sys.argv[1].rsplit(":", 2)
    owner = importlib.import_module(module_name)
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    original, calls = getattr(owner, name), [0]
    def killer(*args, **kwargs):
        calls[0] += 1
        if calls[0] >= int(nth):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    setattr(owner, name, killer)
    sys.argv = ["newssearch", *sys.argv[2:]]
    from newssearch.cli import main
    main()
    """
)

# (function to kill in, on which call, whether the new generation was published by then)
KILL_POINTS = [
    ("newssearch.index.builder:read_source_file:2", False),  # reading articles
    ("whoosh.filedb.structfile:StructFile.close:2", False),  # Whoosh writing the segment
    ("newssearch.index.builder:write_manifest:1", False),  # segment committed, not yet a generation
    ("newssearch.index.storage:write_atomically:3", False),  # generation renamed, CURRENT not yet replaced (1: manifest, 2: metadata)
    ("newssearch.index.storage:_fsync_dir:2", True),  # CURRENT replaced, old generations not yet removed
]


def answers(index_dir: Path) -> dict[str, list[str]]:
    return {query: [hit.id for hit in search(index_dir, query, limit=50).hits] for query in QUERIES}


def index_command(corpus: Path, index_dir: Path, *extra: str) -> list[str]:
    return ["index", "--quiet", "--source", str(corpus), "--index", str(index_dir), *extra]


def run_killed(fault: str, args: list[str], marker: str) -> None:
    environment = {**os.environ, "NEWSSEARCH_FAULT_RUN": marker}
    process = subprocess.run([sys.executable, "-c", KILLER, fault, *args], cwd=REPO, env=environment,
                             capture_output=True, timeout=300)  # fmt: skip
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()


def processes_of(marker: str) -> list[int]:
    """Processes still alive from a killed run (its worker processes inherit the marker)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                environment = Path(f"/proc/{entry}/environ").read_bytes()
                state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if f"NEWSSEARCH_FAULT_RUN={marker}".encode() in environment.split(b"\0") and state != "Z":
                found.append(int(entry))
    return found


def change_corpus(corpus: Path) -> None:
    (corpus / "politika" / "parlament.txt").unlink()
    (corpus / "sviat" / "pomosht.txt").write_text(" date 2025-09-02 Помощта беше удвоена след срещата.", "utf-8")
    (corpus / "nova.txt").write_text(" date 2025-11-01 Министърът представи нова статия за бюджета.", "utf-8")


@pytest.fixture
def scenario(tmp_path):
    """An index of the test corpus, then the corpus changed; with the answers before and after."""
    corpus = write_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    from newssearch.index import build_index

    build_index([corpus], index_dir)
    before = answers(index_dir)
    change_corpus(corpus)
    build_index([corpus], tmp_path / "reference", full=True)
    after = answers(tmp_path / "reference")
    assert before != after
    return corpus, index_dir, before, after


@pytest.mark.parametrize("full", [False, True], ids=["incremental", "full"])
@pytest.mark.parametrize("fault, published", KILL_POINTS, ids=[point[0].split(":", 1)[1] for point in KILL_POINTS])
def test_kill_9_leaves_an_index_answering_as_before_or_after_and_the_next_run_recovers(
    scenario, fault, published, full
):
    corpus, index_dir, before, after = scenario
    run_killed(fault, index_command(corpus, index_dir, *(["--full"] if full else [])), uuid.uuid4().hex)
    assert answers(index_dir) == (after if published else before)

    process = subprocess.run([sys.executable, "-m", "newssearch", *index_command(corpus, index_dir)],
                             cwd=REPO, capture_output=True)  # fmt: skip
    assert process.returncode == 0, process.stderr.decode()
    assert answers(index_dir) == after
    assert not list(index_dir.glob(storage.BUILD_PREFIX + "*"))
    assert len(list(index_dir.glob(storage.GENERATION_PREFIX + "*"))) <= 2


@pytest.mark.slow
def test_kill_9_of_a_parallel_build_leaves_no_worker_behind(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(120):  # over the 4 MB that switch on the worker processes
        (corpus / f"{number}.txt").write_text(f"Статия {number}. " + "Дълъг текст за бюджета. " * 1500, "utf-8")
    index_dir = tmp_path / "index"
    shutil.copytree(write_corpus(tmp_path / "small"), corpus / "small")
    marker = uuid.uuid4().hex
    run_killed("newssearch.index.builder:read_source_file:60", index_command(corpus, index_dir), marker)
    deadline = time.monotonic() + 30
    while processes_of(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_of(marker) == []
    assert subprocess.run([sys.executable, "-m", "newssearch", *index_command(corpus, index_dir)],
                          cwd=REPO, capture_output=True).returncode == 0  # fmt: skip
    assert search(index_dir, "бюджета").total == 121  # 120 long articles and one of the small corpus


def limit_file_size() -> None:
    """Every write past 2 KB fails, as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


def index_with_writes_failing(corpus: Path, index_dir: Path, *extra: str) -> str:
    """Run `index` with writes failing; its stderr, once it exited 2 with one line."""
    process = subprocess.run([sys.executable, "-m", "newssearch", *index_command(corpus, index_dir, *extra)],
                             cwd=REPO, capture_output=True, preexec_fn=limit_file_size)  # fmt: skip
    err = process.stderr.decode()
    assert process.returncode == 2
    assert err.startswith("newssearch: indexing stopped: File too large;") and err.count("\n") == 1, err
    return err


def test_a_write_that_fails_leaves_the_old_index_and_says_why(scenario):
    corpus, index_dir, before, _ = scenario
    listing = sorted(os.listdir(index_dir))
    assert "the index was left unchanged" in index_with_writes_failing(corpus, index_dir, "--full")
    assert answers(index_dir) == before
    assert sorted(os.listdir(index_dir)) == listing


def test_a_first_build_whose_writes_fail_says_no_index_was_made(tmp_path):
    index_dir = tmp_path / "index"
    assert "no index was made" in index_with_writes_failing(write_corpus(tmp_path / "corpus"), index_dir)
    assert storage.current_generation(index_dir) is None
    assert not [path for path in index_dir.iterdir() if path.is_dir()]  # no build left behind


@pytest.mark.slow
def test_queries_running_during_a_rebuild_always_succeed(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    for number in range(300):
        (corpus / f"extra-{number}.txt").write_text(f"Друга статия {number} за времето и пътищата.", "utf-8")
    index_dir = tmp_path / "index"
    from newssearch.index import build_index

    build_index([corpus], index_dir)
    expected = answers(index_dir)
    command = [sys.executable, "-m", "newssearch", *index_command(corpus, index_dir, "--full")]
    rebuilds = [subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE) for _ in range(1)]
    checked = 0
    while rebuilds[-1].poll() is None or checked < 3:
        assert answers(index_dir) == expected
        checked += 1
        if rebuilds[-1].poll() is not None and len(rebuilds) < 3:
            assert rebuilds[-1].returncode == 0, rebuilds[-1].stderr.read().decode()
            rebuilds.append(subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE))
    assert all(rebuild.wait() == 0 for rebuild in rebuilds)
    assert checked >= 3


@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete", "current"])
def test_damaged_index_files_give_one_line_and_full_recovers(tmp_path, damage):
    corpus = write_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    newssearch = [sys.executable, "-m", "newssearch"]
    subprocess.run([*newssearch, *index_command(corpus, index_dir)], cwd=REPO, check=True)
    generation = storage.current_generation(index_dir)
    assert generation is not None
    files = sorted(path for path in generation.iterdir() if path.suffix in (".seg", ".toc", ".trm", ".pst"))
    for path in files:
        if damage == "truncate":
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
        elif damage == "garbage":
            data = bytearray(path.read_bytes())
            data[len(data) // 2 :] = os.urandom(len(data) - len(data) // 2)
            path.write_bytes(bytes(data))
        elif damage == "delete":
            path.unlink()
    if damage == "current":
        (index_dir / "CURRENT").write_text("gen-../../etc\n")
    query = subprocess.run([*newssearch, "query", "бюджета", "--index", str(index_dir), "--json"], cwd=REPO,
                           capture_output=True, text=True)  # fmt: skip
    assert query.returncode == 2, query.stdout
    assert query.stderr.startswith("newssearch: index at ") and query.stderr.count("\n") == 1, query.stderr
    assert "damaged" in query.stderr and "newssearch index --full" in query.stderr
    subprocess.run([*newssearch, *index_command(corpus, index_dir, "--full")], cwd=REPO, check=True)
    assert json.loads(subprocess.run([*newssearch, "query", "бюджета", "--index", str(index_dir), "--json"],
                                     cwd=REPO, capture_output=True).stdout)["total"] == 1  # fmt: skip
