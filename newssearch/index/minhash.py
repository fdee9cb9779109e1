"""Near-duplicate signatures: a bottom-k MinHash sketch of an article's word 5-grams.

The same agency story republished by several outlets shares nearly all its
5-word shingles, so the share of hashes two sketches have in common estimates
how much of their text they share (Broder's resemblance). One hash function
and the k smallest values keep signing cheap at index time: each word is
hashed once (CRC-32 of its UTF-8), and a shingle's hash mixes its five word
hashes, weighted by place, through the SplitMix64 finaliser, for all shingles
of an article at once.
"""

from __future__ import annotations

import heapq
import zlib
from array import array

import numpy as np

from newssearch.analysis.analyzer import normalized_words

SHINGLE = 5
SKETCH = 64
# Odd 64-bit multipliers, one per place in a shingle (so that word order counts).
_PLACE_WEIGHTS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD],
    dtype=np.uint64,
)


def signature(text: str) -> bytes:
    """The SKETCH smallest distinct shingle hashes (uint32) of a text; b"" for a text without words."""
    words = normalized_words(text)
    if not words:
        return b""
    word_hashes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    width = min(SHINGLE, len(words))  # a text shorter than a shingle is one shingle
    count = len(words) - width + 1
    hashes = word_hashes[:count] * _PLACE_WEIGHTS[0]  # uint64 arithmetic wraps around, as intended
    for place in range(1, width):
        hashes += word_hashes[place : place + count] * _PLACE_WEIGHTS[place]
    hashes ^= hashes >> np.uint64(30)
    hashes *= np.uint64(0xBF58476D1CE4E5B9)
    hashes ^= hashes >> np.uint64(27)
    hashes *= np.uint64(0x94D049BB133111EB)
    hashes ^= hashes >> np.uint64(31)
    return np.unique((hashes >> np.uint64(32)).astype(np.uint32))[:SKETCH].tobytes()


def sketch_of(signature_bytes: bytes) -> frozenset[int]:
    return frozenset(array("I", signature_bytes))


def resemblance(a: frozenset[int], b: frozenset[int]) -> float:
    """Estimated share of shingles two texts have in common, 0 to 1, from their sketches."""
    shared = a & b
    if not shared:
        return 0.0
    union_bottom = heapq.nsmallest(SKETCH, a | b)
    return sum(1 for value in union_bottom if value in shared) / len(union_bottom)
