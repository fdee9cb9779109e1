"""`newssearch index` updates only what changed, and answers exactly like a full rebuild."""

from __future__ import annotations

import os

from newssearch.index import build_index
from newssearch.search import search

QUERIES = ["среща", "бюджета", "помощ примирие", "футбол", "книга", "нова статия", "изборите", '"хуманитарна помощ"']


def answers(index_dir):
    # Ids in order; scores may differ slightly while deleted articles still count
    # in Whoosh's term statistics (until their segment is merged).
    return {query: [h.id for h in search(index_dir, query, limit=20).hits] for query in QUERIES}


def test_unchanged_sources_leave_the_index_as_it_is(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    generation = (index_dir / "CURRENT").read_text()
    report = build_index([corpus], index_dir)
    assert not report.updated and report.articles == 6
    assert (index_dir / "CURRENT").read_text() == generation


def test_a_touched_but_unchanged_file_is_not_reindexed(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    path = corpus / "politika" / "parlament.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert not build_index([corpus], index_dir).updated


def test_incremental_update_answers_like_a_full_rebuild(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    # add, edit, rename, delete
    (corpus / "nova.txt").write_text(" date 2025-11-01 Нова статия за срещата на министрите.", encoding="utf-8")
    (corpus / "politika" / "parlament.txt").write_text("Парламентът отложи гласуването.", encoding="utf-8")
    os.rename(corpus / "sport" / "futbol.txt", corpus / "sport" / "mach.txt")
    os.remove(corpus / "kultura" / "kniga.txt")
    report = build_index([corpus], index_dir)
    assert report.updated and report.articles == 6
    build_index([corpus], tmp_path / "full", full=True)
    assert answers(index_dir) == answers(tmp_path / "full")
    assert search(index_dir, "бюджета").total == 0  # the edited article's old text is gone
    assert [h.id for h in search(index_dir, "футбол").hits] == ["sport/mach.txt"]


def test_other_sources_mean_a_full_rebuild(corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    build_index([corpus / "politika"], index_dir)
    assert {h.id for h in search(index_dir, "бюджета изборите").hits} == {"parlament.txt", "izbori.txt"}
    assert search(index_dir, "футбол").total == 0


def test_skipped_files_stay_counted_in_later_runs(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    (corpus / "nova.txt").write_text("Нова статия.", encoding="utf-8")
    assert build_index([corpus], index_dir).skip_counts() == {"empty": 1}


def test_update_of_a_damaged_index_asks_for_full_and_full_recovers(corpus, tmp_path):
    import pytest

    from newssearch.errors import IndexDamagedError

    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    current = index_dir / (index_dir / "CURRENT").read_text().strip()
    for toc in current.glob("*.toc"):
        toc.write_bytes(b"garbage")
    (corpus / "nova.txt").write_text("Нова статия.", encoding="utf-8")
    with pytest.raises(IndexDamagedError, match="--full"):
        build_index([corpus], index_dir)
    assert build_index([corpus], index_dir, full=True).articles == 7
    assert search(index_dir, "нова статия").hits[0].id == "nova.txt"


def test_an_update_sums_the_prefixes_of_its_new_segments_only(corpus, tmp_path, monkeypatch):
    from whoosh import index as whoosh_index

    from newssearch.index import summed
    from newssearch.index.storage import current_generation

    monkeypatch.setattr(summed, "MIN_WORDS", 1)  # every prefix summed at build time
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    before = {path.name: path.stat().st_ino for path in current_generation(index_dir).glob("*.sums")}
    (corpus / "nova.txt").write_text(" date 2025-11-01 Нова статия за срещата на министрите.", encoding="utf-8")
    build_index([corpus], index_dir)
    generation = current_generation(index_dir)
    after = {path.name: path.stat().st_ino for path in generation.glob("*.sums")}
    segments = {segment.segment_id() for segment in whoosh_index.open_dir(str(generation))._segments()}
    assert {name.split(".")[0] for name in after} == segments  # one per segment, none left of merged ones
    shared = after.keys() & before.keys()
    assert shared and all(after[name] == before[name] for name in shared)  # kept, not summed again
    summed_answers = {query: search(index_dir, query, limit=20).hits for query in QUERIES}
    for path in generation.glob("*.sums"):
        path.unlink()  # the same index, its prefixes summed at query time
    assert {query: search(index_dir, query, limit=20).hits for query in QUERIES} == summed_answers
