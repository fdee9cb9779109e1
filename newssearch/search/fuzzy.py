"""`word~` and `word~2`: a word searched together with the index's words within one or two typos of it.

Lucene's and Whoosh's users write a fuzzy word so, and news spells names many
ways (Шолц, Шолтц; Нетаняху, Нетанияху). The variants are words of the index as written,
each searched as a word of its own (so each finds every form of its lemma),
OR-ed with the typed word: they count as one word of the query, a variant a
little less than the word typed. As for misspelt words (search.suggest), the
first two letters are taken as typed, which keeps the look-up to milliseconds
on a large vocabulary.

Pure: the vocabulary is reached through the caller's Lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newssearch.analysis.normalize import normalize
from newssearch.errors import QueryError
from newssearch.search.expand import MAX_EXPANSION
from newssearch.search.suggest import (
    FIXED_PREFIX,
    Lexicon,
    edit_distance,
    in_case_of,
    max_distance,
    substitute_outside_quotes,
)
from newssearch.search.transliterate import Rewritten

# A word (maybe in a field: title:word~; not a pattern or a 'quoted' term) with a tilde and
# maybe a number of typos; a phrase's slop ("a b"~3) follows a quote, not a letter.
FUZZY_WORD = re.compile(r"(?<![\w:*?'~])(\w+:)?([^\W\d_]+)~(\d*)(?![\w.~])")
MAX_TYPOS = 2
VARIANT_BOOST = 0.7  # a variant counts a little less than the word typed, which ranks first where it is used


def expand_fuzzy_words(
    rewritten: Rewritten, lexicon: Lexicon, term_of: Callable[[str], str]
) -> tuple[Rewritten, tuple[str, ...]]:
    """The query with each `word~` OR-ed with its variants, shown as word/variant/...;
    and a note for each word with more variants than are searched.

    A variant is a word of another term (`term_of`, the index term of a normalised word):
    the word already finds the forms of its own (Тръмпа for Тръмп~), and of several
    spellings of one term the closest and most frequent stands for them all."""
    variants: dict[tuple[str, str], list[str]] = {}
    notes: list[str] = []
    for word, typos in _fuzzy_words(rewritten.query):
        key = (normalize(word), typos)
        if key in variants:
            continue
        close = _other_terms(key[0], _close_words(key[0], _typos(word, typos), lexicon), term_of)
        if len(close) > MAX_EXPANSION:
            notes.append(f"{word}~{typos} matches {len(close):,} words; searched the {MAX_EXPANSION} most frequent")
            close = close[:MAX_EXPANSION]
        variants[key] = close
    if not variants:
        return rewritten, ()

    def variants_of(match: re.Match[str]) -> list[str]:
        _, word, typos = match.groups()
        return [in_case_of(word, variant) for variant in variants.get((normalize(word), typos), ())]

    def searched(match: re.Match[str]) -> str:
        field, word = match.group(1) or "", match.group(2)
        weighed = [f"{field}{variant}^{VARIANT_BOOST}" for variant in variants_of(match)]
        return f"({' OR '.join([field + word, *weighed])})" if weighed else field + word

    def shown(match: re.Match[str]) -> str:
        return (match.group(1) or "") + "/".join([match.group(2), *variants_of(match)])

    query = substitute_outside_quotes(FUZZY_WORD, searched, rewritten.query)
    return Rewritten(query, substitute_outside_quotes(FUZZY_WORD, shown, rewritten.shown or rewritten.query)), tuple(notes)


def _fuzzy_words(text: str) -> list[tuple[str, str]]:
    return [match.groups()[1:] for segment in text.split('"')[::2] for match in FUZZY_WORD.finditer(segment)]


def _typos(word: str, typed: str) -> int:
    """The typos asked for: as typed (1 or 2), or as many as a misspelt word of its length may have."""
    if not typed:
        return max(1, max_distance(normalize(word)))
    if not 1 <= int(typed) <= MAX_TYPOS:
        raise QueryError(f"{word}~{typed}: a fuzzy word allows 1 or {MAX_TYPOS} typos ({word}~ or {word}~{MAX_TYPOS})")
    return int(typed)


def _other_terms(word: str, close: list[str], term_of: Callable[[str], str]) -> list[str]:
    """The first of `close` for each index term, but for the word's own."""
    seen = {term_of(word)}
    kept = []
    for other in close:
        term = term_of(other)
        if term not in seen:
            seen.add(term)
            kept.append(other)
    return kept


def _close_words(word: str, typos: int, lexicon: Lexicon) -> list[str]:
    """The index's words within `typos` of a normalised word, but for the word itself: the closest first, then the most frequent."""
    if len(word) < FIXED_PREFIX:
        return []  # a letter alone: nothing to keep as typed
    close = [other for other in lexicon.close_words(word, typos, FIXED_PREFIX) if other != word]
    return sorted(close, key=lambda other: (edit_distance(word, other), -lexicon.frequency(other), other))
