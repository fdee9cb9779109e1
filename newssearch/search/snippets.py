"""Find where the query's terms occur in an article and cut the best passages around them.

Occurrences are found by running the index analyzer over the stored text, so
every inflected form of a query word is found (срещата, срещи for среща) and
its offsets point at the original characters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import compress
from unicodedata import is_normalized

from whoosh.analysis import Analyzer

from newssearch.analysis.normalize import FULLWIDTH_CHARS, INVISIBLE_CHARS, normalize
from newssearch.analysis.tokenizer import WORD
from newssearch.models import Snippet, Span

SNIPPET_CHARS = 240
CONTEXT_BEFORE = 70
MAX_SNIPPETS = 3
ELLIPSIS = "…"
# Passages are looked for in an article's opening only: a result list stays fast even
# when a hit is a huge file. `show` highlights the whole text.
SNIPPET_SCAN_CHARS = 50_000


@dataclass(frozen=True)
class Occurrence:
    span: Span
    term: str


@dataclass(frozen=True)
class Marks:
    """The query's words to highlight in an article.

    `terms` are index terms, found in any text with the index analyzer. `words`,
    when the index can list them (see TermMap.words_of), are the words written in
    its articles that have those terms: found in a body by normalising its words
    only, without Whoosh's token stream or computing each word's term, which
    made highlighting most of a query's time.
    """

    terms: frozenset[str]
    words: Mapping[str, str] | None
    index_analyzer: Analyzer

    def in_title(self, title: str) -> list[Occurrence]:
        return find_occurrences(title, {term: term for term in self.terms}, self.index_analyzer)

    def in_body(self, body: str, within: int | None = None) -> list[Occurrence]:
        if self.words is None:
            return find_occurrences(body, {term: term for term in self.terms}, self.index_analyzer, within)
        return find_words(body, self.words, within)


def find_occurrences(
    text: str, terms: Mapping[str, str], analyzer: Analyzer, within: int | None = None
) -> list[Occurrence]:
    """Occurrences of the tokens `analyzer` makes that `terms` holds, each with the query term it
    stands for, in text order; with `within`, only in about that many opening characters.

    `terms` maps index terms to themselves (with the index analyzer) or words
    as written to their terms (with the exact analyzer, which is faster).
    """
    if not terms:
        return []
    return [
        Occurrence(Span(token.startchar, token.endchar), terms[token.text])
        for token in analyzer(_opening(text, within), chars=True, mode="index")
        if token.text in terms
    ]


def find_words(text: str, words: Mapping[str, str], within: int | None = None) -> list[Occurrence]:
    """Occurrences of `words` (normalised words as the index lists them, each with its term) in text order.

    Stop words need no filtering: the index lists none of them.
    """
    if not words:
        return []
    opening = _opening(text, within)
    lowered = opening.lower()
    if len(lowered) != len(opening) or lowered != opening.casefold() or not is_normalized("NFC", opening):
        return _words_in(opening, words, 0, len(opening))
    # Tokenising a whole article took most of a search's time. Tokens never span a
    # space or a line break, so only the stretches between them that may hold a
    # word are tokenised: where a listed word's letters are found in the lower-cased
    # text, and where a token could differ from its lower-cased letters after
    # normalising (ѝ, an invisible or combining character, a Latin look-alike letter).
    starts = {match.start() for match in _UNLIKE_LOWERED.finditer(lowered)}
    for word in words:
        found = lowered.find(word)
        while found != -1:
            starts.add(found)
            found = lowered.find(word, found + 1)
    occurrences: list[Occurrence] = []
    end = -1
    for start in sorted(starts):
        if start < end:
            continue  # in a stretch already tokenised
        begin = max(opening.rfind(" ", 0, start), opening.rfind("\n", 0, start)) + 1
        ends = [found for found in (opening.find(" ", start), opening.find("\n", start)) if found != -1]
        end = min(ends, default=len(opening))
        occurrences += _words_in(opening, words, begin, end)
    return occurrences


# Characters that normalising removes or folds, in lower-cased text: ѝ, the invisible
# and combining characters, Latin letters (a look-alike in a Cyrillic word) and fullwidth forms.
_UNLIKE_LOWERED = re.compile(f"[a-zĸѝ{INVISIBLE_CHARS}{FULLWIDTH_CHARS}]+")


def _words_in(text: str, words: Mapping[str, str], begin: int, end: int) -> list[Occurrence]:
    """The occurrences of `words` among the tokens of text[begin:end], which must start and end between tokens."""
    # The words are looked up with C-level calls (findall, map, the normaliser's
    # cache); match objects, for offsets, are made only where one is found.
    terms = list(map(words.get, map(normalize, WORD.findall(text, begin, end))))
    found = list(compress(range(len(terms)), terms))
    if not found:
        return []
    matches = list(WORD.finditer(text, begin, end))
    return [Occurrence(Span(*matches[index].span()), terms[index]) for index in found]


def _opening(text: str, within: int | None) -> str:
    """The text, or with `within` about that many opening characters of it, cut at a space."""
    if within is None or len(text) <= within:
        return text
    cut = text.rfind(" ", 0, within)
    return text[: cut if cut > 0 else within]


def spans_of(occurrences: list[Occurrence]) -> tuple[Span, ...]:
    return tuple(occurrence.span for occurrence in occurrences)


def make_snippets(text: str, occurrences: list[Occurrence], max_snippets: int = MAX_SNIPPETS) -> tuple[Snippet, ...]:
    """Up to `max_snippets` non-overlapping passages, in text order, preferring those that show the most query words."""
    if not text:
        return ()
    if not occurrences:
        return (_cut(text, 0, []),)
    starts = [occurrence.span.start for occurrence in occurrences]  # ascending: text order

    def inside(start: int, end: int) -> list[int]:
        candidates = range(bisect_left(starts, start), bisect_right(starts, end))
        return [i for i in candidates if occurrences[i].span.end <= end]

    windows = [_window(text, start) for start in starts]
    chosen: list[tuple[int, int]] = []
    covered: set[int] = set()
    while len(chosen) < max_snippets:
        best = None
        best_key = (0, 0)
        for start, end in windows:
            if any(start < c_end and c_start < end for c_start, c_end in chosen):
                continue
            fresh = [i for i in inside(start, end) if i not in covered]
            key = (len({occurrences[i].term for i in fresh}), len(fresh))
            if key > best_key:
                best, best_key = (start, end), key
        if best is None:
            break
        chosen.append(best)
        covered.update(inside(*best))
    chosen.sort()
    return tuple(_cut(text, start, [occurrences[i].span for i in inside(start, end)], end) for start, end in chosen)


def _window(text: str, anchor: int) -> tuple[int, int]:
    start = max(0, anchor - CONTEXT_BEFORE)
    if start > 0:
        space = text.find(" ", start, anchor)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", anchor, end)
        end = space if space > anchor else end
    return start, end


def _cut(text: str, start: int, spans: list[Span], end: int | None = None) -> Snippet:
    if end is None:
        start, end = _window(text, 0)
    passage = text[start:end]
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix)
    return Snippet(
        text=prefix + _collapse_whitespace(passage) + suffix,
        spans=tuple(
            Span(_landing(passage, span.start - start) + shift, _landing(passage, span.end - 1 - start) + 1 + shift)
            for span in spans
        ),
    )


def _collapse_whitespace(text: str) -> str:
    """Text on one line: each run of whitespace one space, none at the ends."""
    return " ".join(text.split())


def _landing(text: str, index: int) -> int:
    """Where the character at `index` (not whitespace) lands in `_collapse_whitespace(text)`."""
    before = text[:index]
    collapsed = len(_collapse_whitespace(before))
    return collapsed + 1 if collapsed and before[-1].isspace() else collapsed
