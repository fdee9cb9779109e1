"""What an index generation was built from: per source file, its size, mtime, hash and article ids.

The next `index` compares the sources with it to re-read only new and changed
files and to delete the articles of changed and vanished ones.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newssearch.corpus import SourceFile
from newssearch.index.storage import write_atomically

MANIFEST = "manifest.json.gz"  # a file name, size, time and hash per source file: compresses ~5x


@dataclass
class FileEntry:
    size: int
    mtime_ns: int
    sha1: str
    ids: list[str] = field(default_factory=list)
    skips: list[tuple[str, str]] = field(default_factory=list)  # (location, reason) of records not indexed


@dataclass
class Manifest:
    sources: list[str]
    files: dict[str, FileEntry] = field(default_factory=dict)


@dataclass(frozen=True)
class Changes:
    changed: list[SourceFile]  # new or modified: to (re)read
    deleted: list[str]  # manifest keys of files that are gone or modified: their articles go


def file_key(path: Path) -> str:
    return os.path.abspath(path)


def source_keys(sources: list[Path]) -> list[str]:
    return [file_key(source) for source in sources]


def read_manifest(generation: Path) -> Manifest | None:
    """None when the generation has no readable manifest: the caller rebuilds in full."""
    try:
        data = json.loads(gzip.decompress((generation / MANIFEST).read_bytes()).decode("utf-8"))
        files = {
            key: FileEntry(**{**entry, "skips": [tuple(skip) for skip in entry["skips"]]})
            for key, entry in data["files"].items()
        }
        return Manifest(sources=list(data["sources"]), files=files)
    except (OSError, EOFError, ValueError, KeyError, TypeError):  # gzip: BadGzipFile is an OSError
        return None


def write_manifest(directory: Path, manifest: Manifest) -> None:
    data = {"sources": manifest.sources, "files": {key: asdict(entry) for key, entry in manifest.files.items()}}
    # ASCII: a file name that is not UTF-8 (kept by Python as lone surrogates) round-trips as \udcNN.
    # Replaced, not rewritten: in an update it is a hard link to the current generation's manifest.
    write_atomically(directory / MANIFEST, gzip.compress(json.dumps(data).encode("ascii"), compresslevel=6, mtime=0))


def compare(manifest: Manifest, files: list[SourceFile]) -> Changes:
    """Size and mtime decide quickly; the content hash decides when they differ (a touched file is unchanged)."""
    changed: list[SourceFile] = []
    deleted: list[str] = []
    planned = set()
    for file in files:
        key = file_key(file.path)
        planned.add(key)
        entry = manifest.files.get(key)
        if entry is None:
            changed.append(file)
        elif entry.size == file.size and entry.mtime_ns == file.mtime_ns:
            continue
        elif entry.size == file.size and _same_content(file, entry):
            entry.mtime_ns = file.mtime_ns
        else:
            changed.append(file)
            deleted.append(key)
    deleted.extend(key for key in manifest.files if key not in planned)
    return Changes(changed=changed, deleted=deleted)


def _same_content(file: SourceFile, entry: FileEntry) -> bool:
    try:
        return file.fingerprint() == entry.sha1
    except OSError:
        return False
