"""Batch query files: one query per line, `id<TAB>text` (a line without a tab is its own text, numbered)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newssearch.corpus.decoding import UndecodableError, decode_bytes
from newssearch.errors import QueryFileError

BYTE_ORDER_MARK = "\ufeff"


@dataclass(frozen=True)
class BatchQuery:
    id: str
    text: str


def read_batch(lines: Iterable[str]) -> Iterator[BatchQuery]:
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if number == 1:
            line = line.removeprefix(BYTE_ORDER_MARK)  # Windows editors begin UTF-8 files with one
        if not line.strip():
            continue
        query_id, tab, text = line.partition("\t")
        if tab:
            yield BatchQuery(query_id.strip() or str(number), text)
        else:
            yield BatchQuery(str(number), line)


def read_batch_file(path: Path) -> list[BatchQuery]:
    """The queries of a file in any encoding an article file may have (UTF-8 with or
    without a BOM, UTF-16, windows-1251): query lists come from the same tools as archives."""
    try:
        text = decode_bytes(path.read_bytes()).text
    except UndecodableError as error:
        raise QueryFileError(f"{path}: not a query file ({error})") from None
    return list(read_batch(io.StringIO(text, newline=None)))  # line breaks as in a file read as text: \n, \r\n, \r
