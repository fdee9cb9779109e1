"""The postings of a derived field's frequent terms, summed when a segment is built.

A derived field (the prefix field: exact words cut to their first letters) is
summed at query time from the postings of every word that cuts to the query
word's prefix. For a frequent prefix that is a hundred lists or more, and on a
large archive it took half the time of a query of two frequent words. Summing
those prefixes once per segment, after the segment is written, costs about a
second per 50,000 articles; the rare prefixes stay summed at query time, which
keeps the files small (4% of the index). Each file belongs to one segment (segments are
never rewritten), so an update sums only its new segments.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from itertools import takewhile
from pathlib import Path
from typing import Any

import numpy as np

from newssearch.analysis.lemmatize import truncate_word
from newssearch.index.arrays import SUMS_HEADER, SUMS_MAGIC, SUMS_TABLE, summed_in_segment, sums_file
from newssearch.index.codec import narrowest

# A prefix is summed at build time when this many of a segment's words cut to it:
# below that, reading its lists at query time costs less than a millisecond.
MIN_WORDS = 8


def write_summed_postings(folder: Path, reader: Any, derived: Mapping[str, tuple[str, int]]) -> None:
    """Write the sums of each segment of an index (a Whoosh reader) that has none yet.

    `derived` maps each derived field to its source field and the length its words are cut to.
    """
    for segment, _ in reader.leaf_readers():
        for fieldname, (source, length) in derived.items():
            path = folder / sums_file(segment._segment.segment_id(), fieldname)
            if not path.exists():  # an update's clone keeps the sums of the segments it shares
                _write_segment_sums(path, segment, source, length)


def _write_segment_sums(path: Path, segment: Any, source: str, length: int) -> None:
    entries: list[tuple[bytes, int, int, int, bytes, bytes]] = []
    chunks: list[bytes] = []
    written = 0
    for key in _frequent_prefixes(segment._terms, source, length):
        docs, weights = summed_in_segment(segment, 0, key.decode("utf-8"), source, length, None)
        gaps = np.diff(docs)
        gaps = gaps.astype(_little_endian(narrowest([int(gaps.max(initial=0))])))  # gaps < articles < 2**32
        integral = bool(np.all(weights == np.floor(weights))) and weights.max() < 2**32
        weights = weights.astype(_little_endian(narrowest([int(weights.max())])) if integral else np.float64)
        types = (gaps.dtype.str[1:].encode(), weights.dtype.str[1:].encode())  # "u1", "f8"...
        entries.append((key, int(docs[0]), len(docs), written, *types))
        for chunk in (gaps.tobytes(), weights.tobytes()):
            chunks.append(chunk)
            written += len(chunk)
    table = np.array(entries, dtype=SUMS_TABLE)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        handle.write(SUMS_HEADER.pack(SUMS_MAGIC, len(table), written))
        handle.write(table.tobytes())
        handle.writelines(chunks)
    os.replace(temporary, path)


def _frequent_prefixes(terms: Any, source: str, length: int) -> list[bytes]:
    """The prefixes that many of the source field's words cut to, in byte order."""
    words = Counter(
        truncate_word(word_bytes.decode("utf-8"), length).encode("utf-8")
        for (_, word_bytes), _ in takewhile(lambda item: item[0][0] == source, terms.items_from(source, b""))
    )
    size = SUMS_TABLE["term"].itemsize
    return sorted(key for key, count in words.items() if count >= MIN_WORDS and len(key) <= size and b"\0" not in key)


def _little_endian(typecode: str) -> np.dtype:
    return np.dtype(typecode).newbyteorder("<")
