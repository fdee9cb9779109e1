"""Make the index equal to its sources: a new generation, built in full or updated from the
current one, swapped in only when complete."""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import multiprocessing.util
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import IndexWriter

from newssearch import __version__
from newssearch.corpus import SourceFile, plan_sources, read_source_file
from newssearch.corpus.articles import lead_of
from newssearch.errors import IndexBuildError, IndexDamagedError, SourceError
from newssearch.index import storage
from newssearch.index.codec import ArrayCodec, write_text_dictionary
from newssearch.index.manifest import (
    Changes,
    FileEntry,
    Manifest,
    compare,
    file_key,
    read_manifest,
    source_keys,
    write_manifest,
)
from newssearch.index.pool import grouped_pool
from newssearch.index.lemma_table import write_lemma_table
from newssearch.index.term_map import write_term_map
from newssearch.index.schema import DERIVED_FIELDS, FORMAT, build_schema
from newssearch.index.summed import write_summed_postings
from newssearch.models import Article, IndexReport, Skip

# Called after each file with (bytes read, bytes in all, articles indexed so far).
ProgressCallback = Callable[[int, int, int], None]

WRITER_MEMORY_MB = 256
MAX_PROCS = 2
DICTIONARY_SAMPLE = 300  # articles whose words make the stored text's compression dictionary
PARALLEL_MIN_BYTES = 4 * 2**20  # below this, starting worker processes costs more than it saves
PR_SET_PDEATHSIG = 1  # prctl(2): a signal for this process when its parent dies


def build_index(
    sources: list[Path],
    index_dir: Path,
    *,
    full: bool = False,
    strict: bool = False,
    on_progress: ProgressCallback | None = None,
) -> IndexReport:
    """Make the index at `index_dir` equal to its sources.

    Incremental unless `full` (or the index is missing, of another version, or
    was built from other sources): only new and changed files are read, and the
    articles of changed and deleted files are removed. Either way the result is
    a new generation, swapped in when complete: on any failure (no articles, an
    exception, Ctrl-C; with `strict`, any file or record that cannot be
    indexed) the previous index keeps answering.
    """
    started = time.monotonic()
    files, skips = plan_sources(sources)
    with storage.write_lock(index_dir):
        current = storage.current_generation(index_dir)
        previous = None if full or current is None else manifest_of(current, sources)
        if previous is None:
            manifest = Manifest(sources=source_keys(sources))
            changes = Changes(changed=files, deleted=[])
            build_dir = storage.new_build_dir(index_dir)
        else:
            manifest = previous
            changes = compare(manifest, files)
            if not changes.changed and not changes.deleted:
                if strict:  # the files skipped before are still not in the index
                    _refuse_skips(skips + _recorded_skips(manifest))
                return _report(index_dir, manifest, skips, started, sources, updated=False)
            build_dir = storage.clone_build_dir(index_dir, current)  # type: ignore[arg-type]
        try:
            # The workers of a parallel writer start during writing, and keep both.
            with grouped_pool(), _without_cycle_collection():
                if previous is None:
                    codec = write_text_dictionary(build_dir, _sample_texts(files))
                    writer = _writer(whoosh_index.create_in(str(build_dir), build_schema()), files, codec)
                else:
                    # One process: updates are usually small, and Whoosh's parallel
                    # writer is only exercised here for building from scratch.
                    ix = _open_for_update(build_dir, index_dir)
                    writer = ix.writer(limitmb=WRITER_MEMORY_MB, compound=False, codec=_codec_of(ix))
                try:
                    if changes.deleted:
                        # One searcher for all: without it Whoosh opens a new one per deletion,
                        # which made an update of 1,000 files in a 100k index take many minutes.
                        with writer.searcher() as searcher:
                            for key in changes.deleted:
                                for article_id in manifest.files.pop(key).ids:
                                    writer.delete_by_term("id", article_id, searcher=searcher)
                    encodings = _add_articles(writer, changes.changed, manifest, on_progress)
                    if strict:  # files left as they were count too: a run before may have skipped them
                        _refuse_skips(skips + _recorded_skips(manifest))
                    if not any(entry.ids for entry in manifest.files.values()):
                        names = ", ".join(str(source) for source in sources)
                        raise SourceError(f"no articles found in {names}; the index was left unchanged")
                    writer.commit()
                except BaseException:
                    writer.cancel()  # also stops the worker processes of a parallel writer
                    raise
            write_manifest(build_dir, manifest)
            articles = sum(len(entry.ids) for entry in manifest.files.values())
            with whoosh_index.open_dir(str(build_dir)).reader() as reader:
                # Whoosh's parallel writer commits without the segment of a worker that failed.
                if reader.doc_count() != articles:
                    raise IndexBuildError(
                        f"indexing lost articles ({reader.doc_count()} of {articles} written; "
                        "a worker process failed, see above); the index was left unchanged"
                    )
                write_term_map(build_dir, reader.lexicon("exact"))
                write_lemma_table(build_dir)
                write_summed_postings(build_dir, reader, DERIVED_FIELDS)
            meta = {
                "newssearch": __version__,
                "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "articles": articles,
                "sources": [str(source) for source in sources],
            }
            storage.publish(index_dir, build_dir, meta)
        except BaseException as error:
            storage.discard(build_dir)
            if isinstance(error, OSError) and storage.current_generation(index_dir) == current:
                raise _failed_write(error, index_dir, current) from error
            raise
    return _report(index_dir, manifest, skips, started, sources, updated=True, encodings=encodings)


def _failed_write(error: OSError, index_dir: Path, current: Path | None) -> IndexBuildError:
    """A write that failed (a full disk, a file size limit), said with what became of the index:
    the error alone names a file of the discarded build."""
    kept = "the index was left unchanged" if current else "no index was made"
    return IndexBuildError(f"indexing stopped: {error.strerror or error}; {kept} (at {index_dir})")


def _refuse_skips(skips: list[Skip]) -> None:
    if skips:
        first = skips[0]
        raise SourceError(
            f"{len(skips)} file(s) or record(s) could not be indexed (first: {first.location}: {first.reason}); "
            "the index was left unchanged (--strict)"
        )


def _open_for_update(build_dir: Path, index_dir: Path) -> whoosh_index.Index:
    try:
        return whoosh_index.open_dir(str(build_dir))
    except Exception:  # Whoosh reports damaged files with many exception types
        raise IndexDamagedError(f"index at {index_dir} is damaged: {storage.REBUILD_HINT}") from None


def manifest_of(generation: Path, sources: list[Path]) -> Manifest | None:
    """The generation's manifest when an incremental update can start from it."""
    if storage.generation_format(generation) != FORMAT:
        return None
    manifest = read_manifest(generation)
    if manifest is None or manifest.sources != source_keys(sources):
        return None
    return manifest


def _report(
    index_dir: Path,
    manifest: Manifest,
    skips: list[Skip],
    started: float,
    sources: list[Path],
    *,
    updated: bool,
    encodings: list[tuple[str, str]] | None = None,
) -> IndexReport:
    return IndexReport(
        index_dir=str(index_dir),
        articles=sum(len(entry.ids) for entry in manifest.files.values()),
        skips=tuple(skips + _recorded_skips(manifest)),
        seconds=time.monotonic() - started,
        sources=tuple(str(source) for source in sources),
        updated=updated,
        encodings=tuple(encodings or ()),
    )


def _recorded_skips(manifest: Manifest) -> list[Skip]:
    """What the manifest's files left out when they were read (in this run or one before)."""
    return [Skip(location, reason) for entry in manifest.files.values() for location, reason in entry.skips]


def _sample_texts(files: list[SourceFile]) -> list[str]:
    """Article texts from files spread over the corpus, for the stored text's compression dictionary."""
    step = max(1, len(files) // DICTIONARY_SAMPLE)
    texts: list[str] = []
    for file in files[::step]:
        texts.extend(item.body for item in read_source_file(file) if isinstance(item, Article))
        if len(texts) >= DICTIONARY_SAMPLE:
            break
    return texts[:DICTIONARY_SAMPLE]


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Indexing makes millions of small objects (the pool's postings) and no reference
    cycles: Python's cycle collector would walk the growing pool again and again,
    about a tenth of the time of a build. Memory is freed by reference counting as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _codec_of(ix: whoosh_index.Index) -> ArrayCodec:
    """An update's codec: the newest segment's, so that its dictionary fits the same corpus."""
    segments = ix._segments()
    codec = segments[-1].codec() if segments else None
    return codec if isinstance(codec, ArrayCodec) else ArrayCodec()


def _writer(ix: whoosh_index.Index, files: list[SourceFile], codec: ArrayCodec) -> IndexWriter:
    """A parallel writer when there is enough to share between the cores.

    Whoosh's multiprocessing writer needs multisegment=True: its single-segment
    merge is known to crash.
    """
    procs = min(os.cpu_count() or 1, MAX_PROCS)
    if procs > 1 and sum(file.size for file in files) >= PARALLEL_MIN_BYTES:
        return ix.writer(
            procs=procs, multisegment=True, limitmb=WRITER_MEMORY_MB // procs, compound=False, codec=codec
        )
    return ix.writer(limitmb=WRITER_MEMORY_MB, compound=False, codec=codec)


def _die_with_parent() -> None:
    """Whoosh's workers wait on their job queue forever: if `index` is killed (kill -9),
    the kernel must end them too rather than leave them hanging."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


# Runs in every process forked by multiprocessing from here on: Whoosh's index workers.
multiprocessing.util.register_after_fork(_die_with_parent, lambda _: _die_with_parent())


def _add_articles(
    writer: IndexWriter, files: list[SourceFile], manifest: Manifest, on_progress: ProgressCallback | None
) -> list[tuple[str, str]]:
    """Add every article of the files and record each file in the manifest; return the files
    decoded as other than plain UTF-8, with their encoding."""
    encodings: list[tuple[str, str]] = []
    owner = {article_id: key for key, entry in manifest.files.items() for article_id in entry.ids}
    total_bytes = sum(file.size for file in files)
    done_bytes = 0
    for file in files:
        key = file_key(file.path)
        entry = FileEntry(size=file.size, mtime_ns=file.mtime_ns, sha1=_fingerprint(file))
        for item in read_source_file(file):
            if isinstance(item, Skip):
                entry.skips.append((item.location, item.reason))
            elif item.id in owner:
                entry.skips.append((f"{item.path} (id {item.id} also in {owner[item.id]})", "duplicate id"))
            else:
                owner[item.id] = key
                entry.ids.append(item.id)
                writer.add_document(**_fields(item))
                if item.encoding != "utf-8":
                    encodings.append((item.path, item.encoding))
        manifest.files[key] = entry
        done_bytes += file.size
        if on_progress:
            on_progress(done_bytes, total_bytes, len(owner))
    return encodings


def _fingerprint(file: SourceFile) -> str:
    try:
        return file.fingerprint()
    except OSError:
        return ""  # unreadable: read_source_file reports it, and the next run tries again


def _fields(article: Article) -> dict[str, object]:
    fields: dict[str, object] = {
        "id": article.id,
        "path": article.path,
        "headline": article.title,
        "body": article.body,
        "exact": article.body,
        "lead": lead_of(article.body),
        "signature": article.body,  # the field makes the body's signature (schema.SignatureColumn)
    }
    if article.title_from_source:
        fields["title"] = article.title
    if article.url:
        fields["url"] = article.url
    if article.date:
        fields["date"] = dt.datetime(article.date.year, article.date.month, article.date.day)
    return fields
