import gc
import os
import threading

import pytest

from newssearch.errors import IndexBuildError, IndexDamagedError, IndexLockedError, IndexMissingError, SourceError
from newssearch.index import build_index, open_index
from newssearch.index import builder, storage
from newssearch.index.codec import ArrayFieldWriter
from newssearch.search import search


def test_build_reports_articles_and_skips(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    report = build_index([corpus], tmp_path / "index")
    assert report.articles == 6
    assert report.skip_counts() == {"empty": 1}


def test_failed_build_leaves_the_previous_index_answering(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    with pytest.raises(SourceError):
        build_index([tmp_path / "does-not-exist"], index_dir)
    assert search(index_dir, "бюджета").hits[0].id == "politika/parlament.txt"


def test_build_that_crashes_midway_leaves_the_previous_index_and_no_debris(corpus, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    before = sorted(os.listdir(index_dir))

    def explode(done, total, articles):
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        build_index([corpus], index_dir, full=True, on_progress=explode)
    assert sorted(os.listdir(index_dir)) == before
    assert search(index_dir, "бюджета").total == 1


def test_a_build_leaves_the_callers_garbage_collector_as_it_was(corpus, tmp_path, monkeypatch):
    # Indexing turns off the cycle collector while it writes; a program using the library gets it back.
    index_dir = tmp_path / "index"
    collecting_during = []
    build_index([corpus], index_dir, on_progress=lambda *_: collecting_during.append(gc.isenabled()))
    assert collecting_during and not any(collecting_during)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        build_index([corpus], index_dir, full=True, on_progress=lambda *_: _explode())
    assert gc.isenabled()
    gc.disable()
    try:
        build_index([corpus], index_dir, full=True)
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def _explode() -> None:
    raise RuntimeError("disk on fire")


def test_source_without_articles_does_not_replace_the_index(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SourceError, match="no articles"):
        build_index([empty], index_dir)
    assert search(index_dir, "бюджета").total == 1


def test_rebuild_replaces_the_index_and_keeps_one_previous_generation(corpus, tmp_path):
    index_dir = tmp_path / "index"
    for _ in range(3):
        build_index([corpus], index_dir, full=True)
    generations = [name for name in os.listdir(index_dir) if name.startswith("gen-")]
    assert len(generations) == 2


def test_leftovers_of_a_killed_build_are_cleaned_up(corpus, tmp_path):
    index_dir = tmp_path / "index"
    (index_dir / "build-123").mkdir(parents=True)
    build_index([corpus], index_dir)
    assert not [name for name in os.listdir(index_dir) if name.startswith("build-")]


def test_second_writer_is_refused_with_the_holders_pid(corpus, tmp_path):
    index_dir = tmp_path / "index"
    holding = threading.Event()
    release = threading.Event()

    def hold():
        with storage.write_lock(index_dir):
            holding.set()
            release.wait(10)

    # flock locks belong to the open file description, so a second open in another
    # thread conflicts just as another process would.
    thread = threading.Thread(target=hold)
    thread.start()
    try:
        holding.wait(10)
        with pytest.raises(IndexLockedError, match=f"pid {os.getpid()}"):
            build_index([corpus], index_dir)
    finally:
        release.set()
        thread.join()


def test_missing_index_is_reported(tmp_path):
    with pytest.raises(IndexMissingError, match="newssearch index"):
        open_index(tmp_path / "index")


def test_index_of_another_format_asks_for_a_rebuild(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    current = index_dir / (index_dir / "CURRENT").read_text().strip()
    (current / "newssearch.json").write_text('{"format": 0}')
    with pytest.raises(IndexDamagedError, match="another version"):
        open_index(index_dir)


def test_damaged_index_is_reported_not_raised_raw(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    current = index_dir / (index_dir / "CURRENT").read_text().strip()
    for name in os.listdir(current):
        if name.endswith(".toc"):
            (current / name).write_bytes(b"garbage")
    with pytest.raises(IndexDamagedError, match="damaged"):
        open_index(index_dir)


def test_truncated_segment_is_reported_as_damage(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    current = index_dir / (index_dir / "CURRENT").read_text().strip()
    for path in [*current.glob("*.trm"), *current.glob("*.pst")]:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(IndexDamagedError, match="damaged: run `newssearch index --full`"):
        search(index_dir, "бюджета")


def test_parallel_build_answers_like_a_single_process_build(corpus, tmp_path, monkeypatch):
    from newssearch.index import builder

    build_index([corpus], tmp_path / "single")
    monkeypatch.setattr(builder, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(builder.os, "cpu_count", lambda: 2)
    build_index([corpus], tmp_path / "parallel")
    for query in ["среща", "помощ примирие", "бюджета", '"хуманитарна помощ"']:
        single, parallel = search(tmp_path / "single", query), search(tmp_path / "parallel", query)
        assert [h.id for h in parallel.hits] == [h.id for h in single.hits]


def test_failed_parallel_build_stops_its_workers_and_keeps_the_old_index(corpus, tmp_path, monkeypatch):
    from newssearch.index import builder

    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    monkeypatch.setattr(builder, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(builder.os, "cpu_count", lambda: 2)

    def explode(done, total, articles):
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        build_index([corpus], index_dir, full=True, on_progress=explode)
    assert search(index_dir, "бюджета").total == 1


def test_strict_refuses_a_run_with_skips_and_keeps_the_old_index(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    (corpus / "binary.txt").write_bytes(b"\0\1")
    (corpus / "new.txt").write_text("Нова статия за бюджета.", encoding="utf-8")
    with pytest.raises(SourceError, match=r"1 file\(s\) or record\(s\) could not be indexed \(first: .*binary.txt: binary file\)"):
        build_index([corpus], index_dir, strict=True)
    assert "new.txt" not in [hit.id for hit in search(index_dir, "статия", limit=50, collapse=False).hits]
    assert build_index([corpus], index_dir).skip_counts() == {"binary file": 1}
    # Up to date now, with the binary file still left out: a strict run still refuses.
    with pytest.raises(SourceError, match="binary.txt: binary file"):
        build_index([corpus], index_dir, strict=True)
    (corpus / "other.txt").write_text("Друга статия.", encoding="utf-8")  # and so does one that reads only other files
    with pytest.raises(SourceError, match="binary.txt: binary file"):
        build_index([corpus], index_dir, strict=True)
    assert "new.txt" in [hit.id for hit in search(index_dir, "статия", limit=50, collapse=False).hits]


def test_queries_take_their_terms_from_the_index_without_loading_the_dictionary(corpus, tmp_path):
    from newssearch.analysis import lemmatize
    from newssearch.index.term_map import TERM_MAP, TermMap

    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    terms = TermMap(storage.current_generation(index_dir) / TERM_MAP)
    assert terms.get("срещата") == "среща" and terms.get("министри") == lemmatize.index_term("министри")
    assert terms.get("несъществуваща") is None and terms.get("") is None
    code = (
        "import sys; from pathlib import Path; from newssearch.search import search; "
        f"hits = search(Path({str(index_dir)!r}), 'срещата министрите').hits; "
        "print(hits[0].id, 'simplemma' in sys.modules)"
    )
    import subprocess
    import sys

    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["sviat/sreshta.txt", "False"]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the parallel writer needs two cores")
def test_a_failed_worker_process_fails_the_build_and_keeps_the_previous_index(corpus, tmp_path, monkeypatch):
    # Whoosh's parallel writer leaves out the segment of a worker that fails and commits the rest.
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    monkeypatch.setattr(builder, "PARALLEL_MIN_BYTES", 0)

    def broken_disk(*_args, **_kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(ArrayFieldWriter, "add_postings", broken_disk)  # runs in the forked workers
    with pytest.raises(IndexBuildError, match="lost articles"):
        build_index([corpus], index_dir, full=True)
    assert search(index_dir, "бюджета").hits[0].id == "politika/parlament.txt"
