"""Build a complete new index generation from the sources, then swap it in."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import IndexWriter

from newssearch import __version__
from newssearch.corpus import SourceFile, plan_sources, read_source_file
from newssearch.corpus.articles import lead_of
from newssearch.errors import SourceError
from newssearch.index import storage
from newssearch.index.schema import build_schema
from newssearch.models import Article, IndexReport, Skip

# Called after each file with (bytes read, bytes in all, articles indexed so far).
ProgressCallback = Callable[[int, int, int], None]

WRITER_MEMORY_MB = 256
MAX_PROCS = 2
PARALLEL_MIN_BYTES = 4 * 2**20  # below this, starting worker processes costs more than it saves


def build_index(
    sources: list[Path], index_dir: Path, *, on_progress: ProgressCallback | None = None
) -> IndexReport:
    """Rebuild the index at `index_dir` from `sources`.

    The previous index keeps answering queries until the new one is complete;
    on any failure (no articles, an exception, Ctrl-C) it stays the current one.
    """
    started = time.monotonic()
    files, skips = plan_sources(sources)
    with storage.write_lock(index_dir):
        build_dir = storage.new_build_dir(index_dir)
        try:
            writer = _writer(whoosh_index.create_in(str(build_dir), build_schema()), files)
            try:
                seen = _add_articles(writer, files, skips, on_progress)
                if not seen:
                    names = ", ".join(str(source) for source in sources)
                    raise SourceError(f"no articles found in {names}; the index was left unchanged")
                writer.commit()
            except BaseException:
                writer.cancel()  # also stops the worker processes of a parallel writer
                raise
            meta = {
                "newssearch": __version__,
                "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "articles": len(seen),
                "sources": [str(source) for source in sources],
            }
            storage.publish(index_dir, build_dir, meta)
        except BaseException:
            storage.discard(build_dir)
            raise
    return IndexReport(
        index_dir=str(index_dir),
        articles=len(seen),
        skips=tuple(skips),
        seconds=time.monotonic() - started,
        sources=tuple(str(source) for source in sources),
    )


def _writer(ix: whoosh_index.Index, files: list[SourceFile]) -> IndexWriter:
    """A parallel writer when there is enough to share between the cores.

    Whoosh's multiprocessing writer needs multisegment=True: its single-segment
    merge is known to crash.
    """
    procs = min(os.cpu_count() or 1, MAX_PROCS)
    if procs > 1 and sum(file.size for file in files) >= PARALLEL_MIN_BYTES:
        return ix.writer(procs=procs, multisegment=True, limitmb=WRITER_MEMORY_MB // procs)
    return ix.writer(limitmb=WRITER_MEMORY_MB)


def _add_articles(
    writer: IndexWriter, files: list[SourceFile], skips: list[Skip], on_progress: ProgressCallback | None
) -> dict[str, str]:
    """Add every article of the files; return the ids added, with where each came from."""
    total_bytes = sum(file.size for file in files)
    seen: dict[str, str] = {}
    done_bytes = 0
    for file in files:
        for item in read_source_file(file):
            if isinstance(item, Skip):
                skips.append(item)
            elif item.id in seen:
                skips.append(Skip(f"{item.path} (id {item.id} also in {seen[item.id]})", "duplicate id"))
            else:
                seen[item.id] = item.path
                writer.add_document(**_fields(item))
        done_bytes += file.size
        if on_progress:
            on_progress(done_bytes, total_bytes, len(seen))
    return seen


def _fields(article: Article) -> dict[str, object]:
    fields: dict[str, object] = {
        "id": article.id,
        "path": article.path,
        "headline": article.title,
        "body": article.body,
        "exact": article.body,
        "prefix": article.body,
        "lead": lead_of(article.body),
    }
    if article.title_from_source:
        fields["title"] = article.title
    if article.url:
        fields["url"] = article.url
    if article.date:
        fields["date"] = dt.datetime(article.date.year, article.date.month, article.date.day)
    return fields
