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

from newssearch.analysis.normalize import normalize
from newssearch.analysis.tokenizer import iter_words

SHINGLE = 5
SKETCH = 64


def signature(text: str) -> bytes:
    words = [normalize(match.group()) for match in iter_words(text)]
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = heapq.nsmallest(SKETCH, {zlib.crc32(shingle.encode("utf-8")) for shingle in shingles if shingle})
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
