"""Sources: a folder of `.txt` articles (recursive), one `.txt` file, or a JSON Lines file.

Reading is split in two so that `index` can show progress: `plan_sources` lists
the files (cheap, and fails early on a source that does not exist), then
`read_source_file` yields each file's articles. A bad file or record never
stops the run: it comes out as a `Skip` with a reason.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newssearch.corpus.articles import first_sentence, parse_date, split_date_header
from newssearch.corpus.decoding import UndecodableError, decode_bytes
from newssearch.errors import SourceError
from newssearch.models import Article, Skip

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True)
class SourceFile:
    path: Path
    article_id: str  # id of a .txt file's article (JSON Lines records carry their own)
    size: int
    is_jsonl: bool = False
    mtime_ns: int = 0

    def fingerprint(self) -> str:
        """A content hash, for telling a touched file from a changed one."""
        digest = hashlib.sha1()
        with self.path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()


def plan_sources(sources: list[Path]) -> tuple[list[SourceFile], list[Skip]]:
    """List every file the sources hold, in a stable order; raise if a source itself is unusable."""
    files: list[SourceFile] = []
    skips: list[Skip] = []
    for source in sources:
        if not source.exists():
            raise SourceError(f"source not found: {source}")
        if source.is_dir():
            _plan_directory(source, files, skips)
        elif source.is_file():
            files.append(_plan_file(source, source.name, source.suffix.lower() in JSONL_SUFFIXES))
        else:
            raise SourceError(f"source is not a file or folder: {source}")
    return files, skips


def _plan_directory(root: Path, files: list[SourceFile], skips: list[Skip]) -> None:
    try:
        os.listdir(root)
    except OSError as error:
        raise SourceError(f"cannot read source {root}: {error.strerror}") from None
    seen_dirs: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        skips.append(Skip(str(error.filename or root), f"unreadable folder ({error.strerror})"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=True):
        stat = os.stat(dirpath)
        if (stat.st_dev, stat.st_ino) in seen_dirs:
            dirnames[:] = []
            skips.append(Skip(dirpath, "symlink loop"))
            continue
        seen_dirs.add((stat.st_dev, stat.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.lower().endswith(".txt") or name.startswith("."):
                continue
            path = Path(dirpath, name)
            relative = path.relative_to(root).as_posix()
            if not path.is_file():
                skips.append(Skip(str(path), "broken link"))
                continue
            files.append(_plan_file(path, relative, False))


def _plan_file(path: Path, article_id: str, is_jsonl: bool) -> SourceFile:
    try:
        stat = path.stat()
    except OSError:
        return SourceFile(path=path, article_id=article_id, size=0, is_jsonl=is_jsonl)
    return SourceFile(path=path, article_id=article_id, size=stat.st_size, is_jsonl=is_jsonl, mtime_ns=stat.st_mtime_ns)


def read_source_file(source: SourceFile) -> Iterator[Article | Skip]:
    if source.is_jsonl:
        yield from _read_jsonl(source)
    else:
        yield _read_text_article(source)


def _read_text_article(source: SourceFile) -> Article | Skip:
    location = str(source.path)
    try:
        data = source.path.read_bytes()
    except OSError as error:
        return Skip(location, f"unreadable ({error.strerror})")
    try:
        decoded = decode_bytes(data)
    except UndecodableError as error:
        return Skip(location, str(error))
    date, body = split_date_header(decoded.text)
    if not body:
        return Skip(location, "empty")
    return Article(
        id=source.article_id,
        path=location,
        title=first_sentence(body),
        body=body,
        date=date,
        encoding=decoded.encoding,
    )


def _read_jsonl(source: SourceFile) -> Iterator[Article | Skip]:
    try:
        handle = source.path.open("rb")
    except OSError as error:
        yield Skip(str(source.path), f"unreadable ({error.strerror})")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield _parse_jsonl_line(raw, number, source.path)


def _parse_jsonl_line(raw: bytes, number: int, path: Path) -> Article | Skip:
    location = f"{path}:{number}"
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return Skip(location, "not JSON")
    if not isinstance(record, dict):
        return Skip(location, "not a JSON object")
    body = record.get("body")
    if not isinstance(body, str) or not body.strip():
        return Skip(location, "no body")
    body = body.strip()
    record_id = record.get("id")
    article_id = str(record_id) if isinstance(record_id, (str, int)) and str(record_id) else str(number)
    title = record.get("title")
    has_title = isinstance(title, str) and bool(title.strip())
    url = record.get("url") if isinstance(record.get("url"), str) else None
    return Article(
        id=article_id,
        path=location,
        title=" ".join(title.split()) if has_title else first_sentence(body),
        body=body,
        date=parse_date(record.get("date")),
        url=url,
        title_from_source=has_title,
    )
