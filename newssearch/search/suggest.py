"""Misspelt words: those the index does not hold, paired with the most frequent close word it does.

Edit distance 1 for words of 5 letters or more, 2 for 9 or more (shorter words
have too many neighbours to guess from). The first two letters are taken as
typed, which keeps the look-up to milliseconds on a large vocabulary. A word
counts as held when its form or its lemma is: a dictionary form the archive
happens to use only inflected (подготвям) is not a typo. (A form the lemma
dictionary lists that the archive lacks is corrected only when the query finds
nothing as typed: the searcher's decision.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from newssearch.analysis.normalize import normalize
from newssearch.analysis.stopwords import bulgarian_stopwords
from newssearch.search.operators import OPERATORS

# Bare words only: not field names, field values, wildcards, 'single-quoted' terms or
# fuzzy words (word~, whose variants are searched already: search.fuzzy).
_BARE_WORD = re.compile(r"(?<![\w:*?'])[^\W\d_]+(?![\w:*?'~])")
FIXED_PREFIX = 2


@dataclass(frozen=True)
class Lexicon:
    frequency: Callable[[str], int]  # articles with the word as written
    close_words: Callable[[str, int, int], Iterable[str]]  # (word, max distance, fixed prefix) -> words
    holds: Callable[[str], bool]  # whether the index has the word as written or its lemma


def max_distance(word: str) -> int:
    return 2 if len(word) >= 9 else 1 if len(word) >= 5 else 0


def corrections(text: str, lexicon: Lexicon) -> dict[str, str]:
    """Each bare word of the query that the index does not hold -> its correction, in the case typed."""
    found: dict[str, str] = {}
    for word in bare_words(text):
        key = normalize(word)
        distance = max_distance(key)
        if word in found or word in OPERATORS or not distance or key in bulgarian_stopwords() or lexicon.holds(key):
            continue
        candidates = [c for c in lexicon.close_words(key, distance, FIXED_PREFIX) if c != key]
        if candidates:
            best = min(candidates, key=lambda c: (edit_distance(key, c), -lexicon.frequency(c), c))
            found[word] = in_case_of(word, best)
    return found


def in_case_of(typed: str, word: str) -> str:
    """An index word (lower case) capitalised as the typed word it stands for was."""
    return word.capitalize() if typed[:1].isupper() else word


def replace_words(text: str, replacements: Mapping[str, str]) -> str:
    """The text with each bare word outside quotes that `replacements` names replaced."""
    return substitute_outside_quotes(_BARE_WORD, lambda match: replacements.get(match.group(), match.group()), text)


def substitute_outside_quotes(pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str) -> str:
    """`pattern.sub(replace, text)` everywhere but inside "quoted phrases", which are searched as typed."""
    segments = text.split('"')
    for index in range(0, len(segments), 2):
        segments[index] = pattern.sub(replace, segments[index])
    return '"'.join(segments)


def bare_words(text: str) -> list[str]:
    """The query's words outside quotes, but for operators' neighbours: field names and values, wildcards."""
    return [match.group() for segment in text.split('"')[::2] for match in _BARE_WORD.finditer(segment)]


def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance counting a swap of neighbours as one edit (правителсвто, правителство)."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]

