"""Near-duplicate signatures: a bottom-k MinHash sketch of an article's word 5-grams.

The same agency story republished by several outlets shares nearly all its
5-word shingles, so the share of hashes two sketches have in common estimates
how much of their text they share (Broder's resemblance). One hash function
and the k smallest values keep signing cheap at index time.
"""

from __future__ import annotations

import heapq
import zlib
from array import array

from newssearch.analysis.analyzer import normalized_words

SHINGLE = 5
SKETCH = 64


def signature(text: str) -> bytes:
    # Signed for every article at index time: C-level map and zip over the words.
    words = normalized_words(text)
    if len(words) < SHINGLE:
        shingles = {" ".join(words)} if words else set()
    else:
        shingles = set(map(" ".join, zip(*(words[start:] for start in range(SHINGLE)))))
    hashes = heapq.nsmallest(SKETCH, set(map(zlib.crc32, map(str.encode, shingles))))
    return array("I", hashes).tobytes()


def sketch_of(signature_bytes: bytes) -> frozenset[int]:
    return frozenset(array("I", signature_bytes))


def resemblance(a: frozenset[int], b: frozenset[int]) -> float:
    """Estimated share of shingles two texts have in common, 0 to 1, from their sketches."""
    shared = a & b
    if not shared:
        return 0.0
    union_bottom = heapq.nsmallest(SKETCH, a | b)
    return sum(1 for value in union_bottom if value in shared) / len(union_bottom)
