"""Which of the query's words an article lacks, as the user typed them ("missing: Меркел").

Articles with every word rank first, but the rest follow, so that a query never
comes back empty because one word is absent; a reader then needs to see which
word a hit does without. A word counts as present as coordination counts it:
in any form of its lemma or as typed, not by a shared prefix alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from whoosh import query as wq
from whoosh.analysis import Analyzer
from whoosh.searching import Searcher

from newssearch.analysis.normalize import normalize

# What may surround a typed word in a query: brackets, a field's or a pattern's marks, a fuzzy or boost suffix.
_AROUND_WORD = re.compile(r"^[^\w*?]+|(?:[~^][\d.]*|[^\w*?])+$")


def missing_words(
    words: Sequence[str], lacking: Mapping[int, tuple[int, ...]], typed: str, analyzer: Analyzer
) -> dict[int, tuple[str, ...]]:
    """For each article that lacks some of the query's `words` (ParsedQuery.words, by their indexes
    in `lacking`), those words as `typed` has them."""
    as_typed = typed_words(typed, analyzer)
    missing = {
        docnum: tuple(as_typed.get(words[index], words[index]) for index in indexes if words[index])
        for docnum, indexes in lacking.items()
    }
    return {docnum: shown for docnum, shown in missing.items() if shown}


def lacking_by_matching(searcher: Searcher, clauses: Sequence[wq.Query], docnums: Iterable[int]) -> dict[int, tuple[int, ...]]:
    """The indexes of the `clauses` each article does not match, found with Whoosh's matchers:
    for the queries that array scoring does not run, which say nothing of the words each match has."""
    wanted = sorted(set(docnums))
    lacking: dict[int, list[int]] = {docnum: [] for docnum in wanted}
    for index, clause in enumerate(clauses):
        matcher = clause.matcher(searcher)
        for docnum in wanted:
            if matcher.is_active() and matcher.id() < docnum:
                matcher.skip_to(docnum)
            if not (matcher.is_active() and matcher.id() == docnum):
                lacking[docnum].append(index)
    return {docnum: tuple(indexes) for docnum, indexes in lacking.items()}


def typed_words(text: str, analyzer: Analyzer) -> Mapping[str, str]:
    """The query's words and phrases as typed, by how the parsed query has them (ParsedQuery.words):
    a word by its normalised form or its lemma, a phrase by its lemmas in quotes."""
    found: dict[str, str] = {}
    for index, segment in enumerate(text.split('"')):
        if index % 2:
            lemmas = " ".join(token.text for token in analyzer(segment))
            found.setdefault(f'"{lemmas}"', f'"{segment.strip()}"')
            continue
        for chunk in segment.split():
            word = _AROUND_WORD.sub("", chunk.rpartition(":")[2])
            if word:
                found.setdefault(normalize(word), word)
                for token in analyzer(word):
                    found.setdefault(token.text, word)
    return found
