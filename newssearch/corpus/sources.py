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
from typing import BinaryIO

from newssearch.corpus.articles import UNREADABLE_DATE, first_sentence, parse_date, split_date_header
from newssearch.corpus.decoding import UndecodableError, decode_bytes
from newssearch.errors import SourceError
from newssearch.models import Article, Skip

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# A news article is rarely over 100 KB; bigger files are dumps or mistakes. Their first
# part is indexed (with a warning) so that memory and query-time snippets stay bounded.
MAX_ARTICLE_BYTES = 2 * 2**20
# A JSON Lines record must be read whole to be parsed; past this it is skipped unread.
MAX_LINE_BYTES = 64 * 2**20


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
            if source.is_symlink():  # it exists as a link, to nothing it can reach
                raise SourceError(f"source is a broken link or a symlink loop: {source} -> {os.readlink(source)}")
            raise SourceError(f"source not found: {source}")
        if source.is_dir():
            _plan_directory(source, files, skips)
        elif source.is_file():
            files.append(_plan_file(source, path_text(source.name), source.suffix.lower() in JSONL_SUFFIXES))
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
        skips.append(Skip(path_text(error.filename or root), f"unreadable folder ({error.strerror})"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=True):
        try:
            stat = os.stat(dirpath)
        except OSError as error:  # removed or made unreadable while we walk
            on_error(error)
            dirnames[:] = []
            continue
        if (stat.st_dev, stat.st_ino) in seen_dirs:
            dirnames[:] = []
            skips.append(Skip(path_text(dirpath), "symlink loop"))
            continue
        seen_dirs.add((stat.st_dev, stat.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.lower().endswith(".txt") or name.startswith("."):
                continue
            path = Path(dirpath, name)
            relative = path_text(path.relative_to(root).as_posix())
            if not path.is_file():
                skips.append(Skip(path_text(path), _why_not_a_file(path)))
                continue
            files.append(_plan_file(path, relative, False))


def _why_not_a_file(path: Path) -> str:
    """A named pipe or device is never opened: reading one could wait forever."""
    if path.exists():
        return "not a regular file"
    return "broken link" if path.is_symlink() else "removed while listing"


def path_text(path: Path | str) -> str:
    """A file name as text that can be printed and stored: bytes that are not UTF-8
    (names from old archives) are written as \\xNN, so two such names stay apart."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _plan_file(path: Path, article_id: str, is_jsonl: bool) -> SourceFile:
    try:
        stat = path.stat()
    except OSError:
        return SourceFile(path=path, article_id=article_id, size=0, is_jsonl=is_jsonl)
    return SourceFile(path=path, article_id=article_id, size=stat.st_size, is_jsonl=is_jsonl, mtime_ns=stat.st_mtime_ns)


def read_source_file(source: SourceFile) -> Iterator[Article | Skip]:
    """The file's articles; a Skip for each file or record left out, and one for each
    article cut to MAX_ARTICLE_BYTES or given a date that cannot be read (that article is indexed too)."""
    if source.is_jsonl:
        yield from _read_jsonl(source)
    else:
        yield from _read_text_article(source)


def _truncation(location: str) -> Skip:
    megabytes = MAX_ARTICLE_BYTES // 2**20
    return Skip(location, f"over {megabytes} MB (its first {megabytes} MB indexed)")


def _read_text_article(source: SourceFile) -> Iterator[Article | Skip]:
    location = path_text(source.path)
    try:
        with source.path.open("rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        yield Skip(location, f"unreadable ({error.strerror})")
        return
    truncated = len(data) > MAX_ARTICLE_BYTES
    try:
        decoded = decode_bytes(data[:MAX_ARTICLE_BYTES], complete=not truncated)
    except UndecodableError as error:
        yield Skip(location, str(error))
        return
    date, body, unreadable = split_date_header(decoded.text)
    if not body:
        yield Skip(location, "empty")
        return
    if truncated:
        yield _truncation(location)
    if unreadable:
        yield Skip(location, UNREADABLE_DATE)
    yield Article(
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
        yield Skip(path_text(source.path), f"unreadable ({error.strerror})")
        return
    with handle:
        number = 0
        while raw := handle.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                _skip_rest_of_line(handle)
                yield Skip(f"{path_text(source.path)}:{number}", f"line over {MAX_LINE_BYTES // 2**20} MB")
            elif raw.strip():
                yield from _parse_jsonl_line(raw, number, source.path)


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while (chunk := handle.readline(1 << 20)) and not chunk.endswith(b"\n"):
        pass


def _parse_jsonl_line(raw: bytes, number: int, path: Path) -> Iterator[Article | Skip]:
    location = f"{path_text(path)}:{number}"
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        yield Skip(location, "not JSON")
        return
    if not isinstance(record, dict):
        yield Skip(location, "not a JSON object")
        return
    body = record.get("body")
    if not isinstance(body, str) or not body.strip():
        yield Skip(location, "no body")
        return
    body = body.strip()
    encoded = body.encode("utf-8", errors="replace")
    if len(encoded) > MAX_ARTICLE_BYTES:
        body = encoded[:MAX_ARTICLE_BYTES].decode("utf-8", errors="ignore")
        yield _truncation(location)
    record_id = record.get("id")
    article_id = str(record_id) if isinstance(record_id, (str, int)) and str(record_id) else str(number)
    title = record.get("title")
    has_title = isinstance(title, str) and bool(title.strip())
    url = record.get("url") if isinstance(record.get("url"), str) else None
    given_date = record.get("date")
    date = parse_date(given_date)
    if date is None and given_date is not None and str(given_date).strip():
        yield Skip(location, UNREADABLE_DATE)
    yield Article(
        id=article_id,
        path=location,
        title=" ".join(title.split()) if has_title else first_sentence(body),
        body=body,
        date=date,
        url=url,
        title_from_source=has_title,
    )
