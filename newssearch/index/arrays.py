"""The index's postings, lengths and columns as arrays, for ranking every match at once.

Whoosh walks a posting list one article at a time through Python matchers; a
query that matches half of a 100k archive spends nearly all its time there. This
reader decodes each posting list block by block with C-level calls (pickle,
numpy; zlib for positions) into arrays of global article numbers and term frequencies, so
the ranker can score them with array arithmetic.

It reads the blocks of `codec.ArrayCodec` inside Whoosh 2.7's segment files
(which is why the project pins whoosh==2.7.4); `tests/index/test_arrays.py`
checks every decoded list against Whoosh's own matcher.
"""

from __future__ import annotations

import io
import mmap
import pickle
import struct
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC
from whoosh.columns import NumericColumn
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from newssearch.analysis.lemmatize import truncate_word
from newssearch.index.codec import BYTE_LENGTHS, decode_numbers, has_values, packed_values

_BLOCK_LENGTH = struct.Struct(">i")  # Whoosh's StructFile.read_int: big-endian; negative marks the last block

# A segment's summed postings of a derived field's frequent terms (written by index/summed.py):
# the magic, the number of terms and the data's length, a table of the terms in byte order, then
# each term's id gaps and weights in the narrowest types that hold them.
SUMS_MAGIC = b"NSSUMS1\n"
SUMS_HEADER = struct.Struct("<8sIxxxxQ")
SUMS_TABLE = np.dtype(
    [("term", "S20"), ("first", "<u4"), ("count", "<u4"), ("offset", "<u8"), ("gaps", "S2"), ("weights", "S2")]
)


PackedValues = tuple[Sequence[int], bytes]  # each posting's byte length, and the bytes joined
# The positions of a block's (or an inlined list's) postings: their number, and how to unpack them.
PositionsPart = tuple[int, Callable[[], PackedValues]]


class EncodedPositions(Sequence[bytes]):
    """Each posting's encoded positions, inflated a block at a time when first asked for:
    a query confirms proximity for a few hundred of tens of thousands of postings.

    `kept` lists the postings this sequence holds (those of live articles), or None for all.
    """

    def __init__(self, parts: Sequence[PositionsPart], kept: np.ndarray | None = None) -> None:
        self._parts = parts
        self._firsts = [0, *accumulate(count for count, _ in parts)]  # each part's first posting
        self._kept = kept
        self._unpacked: dict[int, tuple[np.ndarray, bytes]] = {}

    def __len__(self) -> int:
        return self._firsts[-1] if self._kept is None else len(self._kept)

    def __getitem__(self, index: int) -> bytes:  # type: ignore[override]
        posting = index if self._kept is None else int(self._kept[index])
        part = bisect_right(self._firsts, posting) - 1
        if part not in self._unpacked:
            lengths, data = self._parts[part][1]()
            self._unpacked[part] = (np.cumsum(np.asarray(lengths, dtype=np.int64)), data)
        ends, data = self._unpacked[part]
        number = posting - self._firsts[part]
        return data[int(ends[number - 1]) if number else 0 : int(ends[number])]

    def kept(self, keep: np.ndarray) -> EncodedPositions:
        """The positions of the postings `keep` marks."""
        return EncodedPositions(self._parts, np.flatnonzero(keep) if self._kept is None else self._kept[keep])


@dataclass(frozen=True)
class Postings:
    """One term's posting list over the whole index, deleted articles left out."""

    docs: np.ndarray  # int64 article numbers, ascending
    weights: np.ndarray  # float64 term frequencies
    values: Sequence[bytes] | None  # encoded positions per posting, when asked for
    doc_frequency: int  # for the idf: Whoosh counts deleted articles until their segment is merged

    @property
    def empty(self) -> bool:
        return not len(self.docs)


PostingsKey = tuple[str, str, bool]  # field, term, with positions
_NO_POSTINGS = Postings(np.zeros(0, dtype=np.int64), np.zeros(0), (), 0)


def sums_file(segment_id: str, fieldname: str) -> str:
    """Named like the segment's own files, so that Whoosh deletes it with the segment."""
    return f"{segment_id}.{fieldname}.sums"


class SegmentSums:
    """The summed postings a segment holds for a derived field's frequent terms.

    A missing or unreadable file holds nothing: the terms are then summed at query
    time, as for an index built before these files.
    """

    def __init__(self, path: Path | None) -> None:
        self._data: mmap.mmap | None = None
        self._table = np.zeros(0, dtype=SUMS_TABLE)
        if path is None:
            return
        try:
            with path.open("rb") as handle:
                data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # ValueError: an empty file
            return
        magic, count, data_length = SUMS_HEADER.unpack_from(data) if len(data) >= SUMS_HEADER.size else (b"", 0, 0)
        table_end = SUMS_HEADER.size + count * SUMS_TABLE.itemsize
        if magic == SUMS_MAGIC and len(data) == table_end + data_length:
            self._data = data
            self._table = np.frombuffer(data, dtype=SUMS_TABLE, count=count, offset=SUMS_HEADER.size)
            self._data_start = table_end

    def get(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The segment's article numbers holding the term and their summed weights; None if not stored."""
        key = term.encode("utf-8")
        index = int(np.searchsorted(self._table["term"], key))
        if index == len(self._table) or self._table["term"][index] != key:
            return None
        entry = self._table[index]
        count = int(entry["count"])
        try:
            gaps_type, weights_type = (np.dtype("<" + entry[name].decode()) for name in ("gaps", "weights"))
            start = self._data_start + int(entry["offset"])
            gaps = np.frombuffer(self._data, dtype=gaps_type, count=count - 1, offset=start)
            weights = np.frombuffer(self._data, dtype=weights_type, count=count, offset=start + gaps.nbytes)
        except (TypeError, ValueError, UnicodeDecodeError):  # a damaged entry: summed at query time instead
            return None
        docs = np.empty(count, dtype=np.int64)
        docs[0] = entry["first"]
        np.cumsum(gaps, out=docs[1:])
        docs[1:] += docs[0]
        return docs, weights.astype(np.float64)


class ArrayReader:
    """Array views of one opened Whoosh searcher; lengths and columns are read once and kept.

    `derived` names fields no article writes, each searched through another
    field's words cut to a length (prefix: exact words cut to their first
    letters): their postings are what the field would hold, summed from the
    other field's at query time, which spares the index a copy of every posting.
    Frequent terms, summed once per segment when it was built, are read from
    `folder` (the index's).
    """

    def __init__(
        self, searcher: Searcher, derived: Mapping[str, tuple[str, int]] | None = None, folder: Path | None = None
    ) -> None:
        self._searcher = searcher
        self._derived = dict(derived or {})
        self._folder = folder  # where the segments' sums are (index/summed.py); None: summed here
        self._segments = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self.doc_count_all = searcher.doc_count_all()
        self._lengths: dict[str, np.ndarray] = {}
        self._columns: dict[str, np.ndarray] = {}
        self._sums: dict[tuple[int, str], SegmentSums] = {}
        live = np.ones(self.doc_count_all, dtype=bool)
        for segment, offset in self._segments:
            deleted = list(segment._perdoc.deleted_docs()) if segment.has_deletions() else []
            live[np.asarray(deleted, dtype=np.int64) + offset] = False
        self.live = live

    def postings(
        self, fieldname: str, text: str, *, positions: bool = False, memo: dict[PostingsKey, Postings] | None = None
    ) -> Postings:
        """A term's postings; `memo` keeps the lists one query reads, which its derived
        fields read again (a query word's exact form is one of the words of its prefix)."""
        key = (fieldname, text, positions)
        if memo is not None and key in memo:
            return memo[key]
        if fieldname in self._derived:
            found = self._derived_postings(fieldname, text, *self._derived[fieldname], memo)
        else:
            found = self._stored_postings(fieldname, text, positions)
        if memo is not None:
            memo[key] = found
        return found

    def _stored_postings(self, fieldname: str, text: str, positions: bool) -> Postings:
        docs: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        parts: list[PositionsPart] = []
        frequency = 0
        for segment, offset in self._segments:
            found = _segment_postings(segment, fieldname, text, positions)
            if found is not None:
                docs.append(found[0] + offset)
                weights.append(found[1])
                parts.extend(found[2])
                frequency += found[3]
        if not docs:
            return _NO_POSTINGS
        all_docs = np.concatenate(docs)
        all_weights = np.concatenate(weights)
        values = EncodedPositions(parts) if parts else None
        keep = self.live[all_docs]
        if keep.all():
            return Postings(all_docs, all_weights, values, frequency)
        return Postings(all_docs[keep], all_weights[keep], None if values is None else values.kept(keep), frequency)

    def _derived_postings(
        self, fieldname: str, text: str, source: str, length: int, memo: dict[PostingsKey, Postings] | None
    ) -> Postings:
        docs: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for number, (segment, offset) in enumerate(self._segments):
            # A frequent term was summed when the segment was built; any other is summed here.
            summed = self._segment_sums(number, fieldname).get(text)
            if summed is None:
                summed = summed_in_segment(segment, offset, text, source, length, memo)
            docs.append(summed[0] + offset)
            weights.append(summed[1])
        all_docs = np.concatenate(docs)
        keep = self.live[all_docs]
        return Postings(all_docs[keep], np.concatenate(weights)[keep], None, int(np.count_nonzero(keep)))

    def _segment_sums(self, number: int, fieldname: str) -> SegmentSums:
        key = (number, fieldname)
        if key not in self._sums:
            segment_id = self._segments[number][0]._segment.segment_id()  # type: ignore[attr-defined]
            self._sums[key] = SegmentSums(self._folder / sums_file(segment_id, fieldname) if self._folder else None)
        return self._sums[key]

    def average_length(self, fieldname: str) -> float:
        """Whoosh's average length of the field over all articles (1 for an empty field)."""
        source = self._derived.get(fieldname, (fieldname, 0))[0]
        return self._searcher.avg_field_length(source) or 1

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each article's length in `fieldname` as Whoosh's scorer sees it (a byte-coded approximation)."""
        if fieldname in self._derived:
            return self.lengths(self._derived[fieldname][0])  # cutting words keeps their number
        if fieldname not in self._lengths:
            coded = self._numeric_column(f"_{fieldname}_len", LENGTHS_COLUMN)
            self._lengths[fieldname] = np.array(BYTE_LENGTHS, dtype=np.float64)[coded.astype(np.intp)]
        return self._lengths[fieldname]

    def column(self, fieldname: str) -> np.ndarray:
        """A numeric column's raw values for every article (the date column: see index.stats.UNDATED)."""
        if fieldname not in self._columns:
            column_type = self._segments[0][0].schema[fieldname].column_type
            self._columns[fieldname] = self._numeric_column(fieldname, column_type)
        return self._columns[fieldname]

    def _numeric_column(self, name: str, column_type: NumericColumn) -> np.ndarray:
        parts = [
            _column_values(segment._perdoc._cached_reader(name, column_type), column_type, segment.doc_count_all())
            for segment, _ in self._segments
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _column_values(reader: object, column_type: NumericColumn, doc_count: int) -> np.ndarray:
    """A fixed-width numeric column read in one go, its default filled in past the stored values."""
    dtype = np.dtype(column_type._typecode)
    values = np.full(doc_count, column_type._default, dtype=dtype)
    if reader is not None:  # None: no article of the segment has a value
        stored = min(reader._count, doc_count)  # type: ignore[attr-defined]
        raw = reader._dbfile.get(reader._basepos, stored * dtype.itemsize)  # type: ignore[attr-defined]
        values[:stored] = np.frombuffer(raw, dtype=dtype.newbyteorder(">"))
    return values


def summed_in_segment(
    segment: object, offset: int, text: str, source: str, length: int, memo: dict[PostingsKey, Postings] | None
) -> tuple[np.ndarray, np.ndarray]:
    """The segment's articles (numbered within it) holding a source word that cuts to `text`, with
    the sum of those words' weights."""
    docs: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    weights: list[np.ndarray] = [np.zeros(0)]
    start = text.encode("utf-8")
    # The segment's words that start with the prefix are read in one ordered
    # scan of its term index, not looked up one by one.
    terms = segment._terms  # type: ignore[attr-defined]
    for (found_field, word_bytes), info in terms.items_from(source, start):
        if found_field != source or not word_bytes.startswith(start):
            break
        word = word_bytes.decode("utf-8")
        if truncate_word(word, length) != text:
            continue
        known = memo.get((source, word, False)) if memo is not None else None
        if known is not None:  # the whole index's list, already read: this segment's part
            low, high = np.searchsorted(known.docs, (offset, offset + segment.doc_count_all()))  # type: ignore[attr-defined]
            docs.append(known.docs[low:high] - offset)
            weights.append(known.weights[low:high])
            continue
        found = info_postings(terms, info, positions=False)
        docs.append(found[0])
        weights.append(found[1])
    # An article holds the prefix where its sum is not 0: every posting weighs at least 1.
    sums = np.bincount(np.concatenate(docs), weights=np.concatenate(weights))
    present = np.flatnonzero(sums)
    return present, sums[present]


def _segment_postings(
    segment: object, fieldname: str, text: str, positions: bool
) -> tuple[np.ndarray, np.ndarray, list[PositionsPart], int] | None:
    """A segment's ids, weights, positions (when asked) and document frequency (deleted articles included)."""
    terms = segment._terms  # type: ignore[attr-defined]
    try:
        info = terms.term_info(fieldname, segment._text_to_bytes(fieldname, text))  # type: ignore[attr-defined]
    except (KeyError, TermNotFound):
        return None
    return (*info_postings(terms, info, positions), info.doc_frequency())


def info_postings(
    terms: object, info: object, positions: bool
) -> tuple[np.ndarray, np.ndarray, list[PositionsPart]]:
    """The postings a term entry holds or points to."""
    if info.is_inlined():  # type: ignore[attr-defined]
        ids, weights, values = info.inlined_postings()  # type: ignore[attr-defined]
        packed = ([len(value) for value in values], b"".join(values)) if positions and values[0] is not None else None
        parts = [(len(ids), lambda: packed)] if packed else []
        return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64), parts
    offset, length = info.extent()  # type: ignore[attr-defined]
    length = length[0] if isinstance(length, tuple) else length  # Whoosh keeps it as a 1-tuple
    return _decode_blocks(terms._postfile.get(offset, length), positions)  # type: ignore[attr-defined]


def _decode_blocks(data: bytes, positions: bool) -> tuple[np.ndarray, np.ndarray, list[PositionsPart]]:
    """A posting list in ArrayCodec's blocks: ids, weights and (when asked) each posting's positions."""
    if data[:4] != WHOOSH3_HEADER_MAGIC:
        raise pickle.UnpicklingError("not a Whoosh posting list")
    view = memoryview(data)
    # Gaps between ids, each block's first id made relative to the previous block's
    # last, so that one cumulative sum decodes the whole list.
    gaps: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    parts: list[PositionsPart] = []
    previous_last = 0
    position = 4
    while position < len(data):
        (size,) = _BLOCK_LENGTH.unpack_from(data, position)
        position += 4
        last_block = size < 0
        size = abs(size)
        block = io.BytesIO(view[position : position + size])
        count, last_id, *_ = pickle.load(block)  # the block's statistics, for Whoosh's skipping
        contents = pickle.loads(view[position + block.tell() : position + size])
        first, id_type, coded_gaps, coded_weights = decode_numbers(contents, count)
        gaps.append(np.array([first - previous_last]))
        gaps.append(np.frombuffer(coded_gaps, dtype=id_type))
        if isinstance(coded_weights, float):
            weights.append(np.full(count, coded_weights))
        else:
            weights.append(np.frombuffer(coded_weights[1], dtype=coded_weights[0]))
        if positions and has_values(contents):
            parts.append((count, partial(packed_values, contents, count)))
        previous_last = last_id
        position += size
        if last_block:
            break
    return np.cumsum(np.concatenate(gaps), dtype=np.int64), np.concatenate(weights).astype(np.float64), parts
