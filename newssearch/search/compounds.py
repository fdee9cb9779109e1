"""Search a compound's head beside it: свръхмиграция also finds articles that say миграция."""

from __future__ import annotations

from collections.abc import Callable

from newssearch.analysis.compounds import compound_head
from newssearch.analysis.normalize import normalize
from newssearch.search.suggest import bare_words


def compound_heads(text: str, frequency: Callable[[str], int]) -> dict[str, str]:
    """Each bare word of the query that is a compound -> its head, where some article has the head
    as written (`frequency`: articles with the word). Asking for its lemma instead would load
    the dictionary for words that only look like compounds (министрите: стрите)."""
    found: dict[str, str] = {}
    for word in bare_words(text):
        head = compound_head(normalize(word))
        if head is not None and word not in found and frequency(head):
            found[word] = head
    return found
