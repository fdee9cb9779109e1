"""Batch query files: one query per line, `id<TAB>text` (a line without a tab is its own text, numbered)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class BatchQuery:
    id: str
    text: str


def read_batch(lines: Iterable[str]) -> Iterator[BatchQuery]:
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        query_id, tab, text = line.partition("\t")
        if tab:
            yield BatchQuery(query_id.strip() or str(number), text)
        else:
            yield BatchQuery(str(number), line)
