"""The index directory: generations, the CURRENT pointer, the writer lock.

Layout of an index directory:

    CURRENT        name of the generation that answers queries
    gen-<n>/       a complete Whoosh index plus newssearch.json (its metadata)
    build-<n>/     a generation being built; never read by queries
    .lock          held by the one `index` run allowed at a time

A build writes a new generation beside the current one and then replaces
CURRENT atomically, so a failed or killed build leaves the previous index
answering. The previous generation is kept until the next build, for queries
that opened it just before the swap.
"""

from __future__ import annotations

import fcntl
import json
import os
import pickle
import shutil
import struct
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from newssearch.errors import IndexBuildError, IndexDamagedError, IndexLockedError, IndexMissingError
from newssearch.index.schema import FORMAT

CURRENT = "CURRENT"
META = "newssearch.json"
LOCK = ".lock"
GENERATION_PREFIX = "gen-"
BUILD_PREFIX = "build-"

REBUILD_HINT = "run `newssearch index --full` to rebuild it"


# What Whoosh raises when an index file is truncated or altered under it.
READ_ERRORS = (EOFError, OSError, struct.error, zlib.error, pickle.UnpicklingError, UnicodeDecodeError)


@contextmanager
def damage_reported(index_dir: Path) -> Iterator[None]:
    """Turn Whoosh's errors on damaged files into one message that says how to recover."""
    try:
        yield
    except READ_ERRORS:
        raise IndexDamagedError(f"index at {index_dir} is damaged: {REBUILD_HINT}") from None


@dataclass(frozen=True)
class OpenIndex:
    """A Whoosh index opened at one generation, with that generation's metadata."""

    whoosh: whoosh_index.Index
    directory: Path
    meta: dict[str, Any]

    def searcher(self, **options: Any) -> Any:
        """A Whoosh searcher; opening one reads every segment's term index, where damage shows first."""
        try:
            return self.whoosh.searcher(**options)
        except Exception:  # Whoosh reports a damaged index with many exception types
            raise IndexDamagedError(f"index at {self.directory.parent} is damaged: {REBUILD_HINT}") from None


def open_index(index_dir: Path) -> OpenIndex:
    # A build may swap CURRENT and delete an old generation between our reading
    # CURRENT and opening its files; reading CURRENT again settles it.
    for attempt in range(3):
        generation = _current_generation(index_dir)
        try:
            return _open_generation(generation)
        except FileNotFoundError:
            if attempt == 2:
                raise IndexDamagedError(f"index at {index_dir} is damaged: {REBUILD_HINT}") from None
    raise AssertionError("unreachable")


def _current_generation(index_dir: Path) -> Path:
    try:
        name = (index_dir / CURRENT).read_text("utf-8").strip()
    except FileNotFoundError:
        raise IndexMissingError(f"no index at {index_dir}: run `newssearch index` first") from None
    except OSError as error:
        raise IndexDamagedError(f"cannot read index at {index_dir}: {error.strerror}") from None
    if not name.startswith(GENERATION_PREFIX) or "/" in name:
        raise IndexDamagedError(f"index at {index_dir} is damaged: {REBUILD_HINT}")
    return index_dir / name


def _open_generation(directory: Path) -> OpenIndex:
    try:
        meta = json.loads((directory / META).read_text("utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError):
        raise IndexDamagedError(f"index at {directory.parent} is damaged: {REBUILD_HINT}") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise IndexDamagedError(
            f"index at {directory.parent} was built by another version of newssearch: {REBUILD_HINT}"
        )
    try:
        ix = whoosh_index.open_dir(str(directory))
    except FileNotFoundError:
        raise
    except Exception:  # Whoosh reports a damaged index with many exception types
        raise IndexDamagedError(f"index at {directory.parent} is damaged: {REBUILD_HINT}") from None
    return OpenIndex(whoosh=ix, directory=directory, meta=meta)


@contextmanager
def write_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's writer lock; fail at once, naming the holder, if another run has it."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexBuildError(f"cannot build an index at {index_dir}: it is a file, not a folder")
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            raise IndexLockedError(
                f"index at {index_dir} is being built by another newssearch process (pid {holder}); "
                "wait for it to finish"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def new_build_dir(index_dir: Path) -> Path:
    """A fresh directory for a new generation; call with the write lock held."""
    for stale in index_dir.glob(BUILD_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a killed run
    build_dir = index_dir / f"{BUILD_PREFIX}{time.time_ns()}"
    build_dir.mkdir()
    return build_dir


def current_generation(index_dir: Path) -> Path | None:
    """The generation queries read now, or None when there is none (or it is unreadable)."""
    name = _read_current_name(index_dir)
    if not name or not name.startswith(GENERATION_PREFIX) or "/" in name:
        return None
    generation = index_dir / name
    return generation if generation.is_dir() else None


def generation_format(generation: Path) -> int | None:
    try:
        meta = json.loads((generation / META).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return meta.get("format") if isinstance(meta, dict) else None


def clone_build_dir(index_dir: Path, generation: Path) -> Path:
    """A new build directory holding the generation's files as hard links.

    Whoosh never rewrites a segment file (a commit writes new segments and a new
    table of contents), so the clone can be updated while the original keeps
    answering queries.
    """
    build_dir = new_build_dir(index_dir)
    for path in generation.iterdir():
        if path.is_file() and path.name != META and not path.name.endswith("WRITELOCK"):
            os.link(path, build_dir / path.name)
    return build_dir


def publish(index_dir: Path, build_dir: Path, meta: dict[str, Any]) -> Path:
    """Make a finished build the current generation; call with the write lock held."""
    write_atomically(build_dir / META, json.dumps({"format": FORMAT, **meta}, ensure_ascii=False, indent=2))
    _fsync_dir(build_dir)
    generation = index_dir / (GENERATION_PREFIX + build_dir.name[len(BUILD_PREFIX):])
    os.rename(build_dir, generation)
    previous = _read_current_name(index_dir)
    write_atomically(index_dir / CURRENT, generation.name + "\n")
    _fsync_dir(index_dir)
    for old in index_dir.glob(GENERATION_PREFIX + "*"):
        if old.name not in (generation.name, previous):
            shutil.rmtree(old, ignore_errors=True)
    return generation


def discard(build_dir: Path) -> None:
    shutil.rmtree(build_dir, ignore_errors=True)


def _read_current_name(index_dir: Path) -> str | None:
    try:
        return (index_dir / CURRENT).read_text("utf-8").strip()
    except OSError:
        return None


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write a new file and rename it over `path`: a reader sees the old content or the new, and a
    hard link to the old file (a generation cloned for an update) keeps the old content."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(content.encode("utf-8") if isinstance(content, str) else content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
