"""Run a query against the index and return plain result dataclasses.

Ranking: BM25F over headline and body, but an article that contains every word
of the query ranks above one that misses a word (while its score is near the
best, see ranking.COMPLETE_SHARE), and a missing word lowers a result instead
of emptying the list.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from dataclasses import replace
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import numpy as np
from whoosh import query as wq
from whoosh.query.qcore import QueryError as WhooshQueryError
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from newssearch.errors import QueryError
from newssearch.index.arrays import ArrayReader
from newssearch.index.schema import DERIVED_FIELDS
from newssearch.index.storage import damage_reported, open_index
from newssearch.analysis.homographs import forms_read_otherwise
from newssearch.analysis.lemmatize import index_term, is_dictionary_word, use_known_terms
from newssearch.analysis.normalize import normalize
from newssearch.index.minhash import resemblance, sketch_of
from newssearch.index.lemma_table import LEMMA_TABLE, LemmaTable
from newssearch.index.term_map import TERM_MAP, TermMap
from newssearch.models import ArticleView, Duplicate, Hit, MonthCount, SearchResult
from newssearch.search.compounds import compound_heads
from newssearch.search.dates import date_bounds, expand_date_spans
from newssearch.search.expand import cap_expansions
from newssearch.search.parse import (
    ParsedQuery,
    date_range_bounds,
    highlight_terms,
    limit_words,
    parse_query,
    punctuation_as_prose,
    stop_words_note,
    with_array_unions,
    word_plan,
)
from newssearch.search.ranking import (
    BM25,
    UNDATED,
    Ranking,
    dated_within,
    probabilistic_idf,
    score_words,
    whoosh_ranking,
)
from newssearch.search.fuzzy import expand_fuzzy_words
from newssearch.search.missing import lacking_by_matching, missing_words
from newssearch.search.operators import only_excluded_note
from newssearch.search.suggest import Lexicon, corrections, replace_words
from newssearch.search.snippets import SNIPPET_SCAN_CHARS, Marks, make_snippets, spans_of
from newssearch.search.transliterate import Rewritten, Vocabulary, rewrite_latin_words

MAX_QUERY_CHARS = 10_000
DUPLICATE_RESEMBLANCE = 0.7  # share of 5-word shingles two copies of one story have in common
COLLAPSE_LOOKAHEAD = 30
SIMILAR_TERMS = 12  # an article's most telling words, for `similar`
Sort = Literal["relevance", "newest", "oldest"]
SORTS: tuple[str, ...] = ("relevance", "newest", "oldest")
VOCABULARY_FIELD = "exact"  # words as written: what a Latin spelling is read back into
LEMMA_FIELD = "body"
CORRECTION_BOOST = 0.7  # a guessed spelling counts a little less than a typed one
COMPOUND_HEAD_BOOST = 1.0  # a compound's head (миграция for свръхмиграция) counts as the word: dev set


class Weighting(BM25F):
    """Whoosh's BM25F with the idf array scoring uses (ranking.probabilistic_idf),
    for the queries Whoosh's matchers run."""

    def idf(self, searcher: Searcher, fieldname: str, text: str) -> float:
        parent = searcher.get_parent()
        return probabilistic_idf(parent.doc_frequency(fieldname, text), parent.doc_count_all())


class IndexSearcher:
    """An index opened once for many queries: `query --batch`, benchmarks, tests.

    Result dataclasses are built while the Whoosh searcher is open; nothing of
    Whoosh leaves this class.
    """

    def __init__(self, index_dir: Path) -> None:
        self._index_dir = index_dir
        opened = open_index(index_dir)
        self._searcher = opened.searcher(weighting=Weighting())
        self._array_reader: ArrayReader | None = None
        self._signature_column: Any = None
        self._directory = opened.directory
        self._term_map = TermMap(opened.directory / TERM_MAP)
        lemmas = LemmaTable(opened.directory / LEMMA_TABLE)
        use_known_terms(self._term_map.get, lemmas if lemmas else None)

    def __enter__(self) -> IndexSearcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._searcher.close()

    def search(
        self,
        text: str,
        *,
        limit: int = 10,
        offset: int = 0,
        snippets: bool = True,
        translit: bool = True,
        since: str | None = None,
        until: str | None = None,
        sort: Sort = "relevance",
        timeline: bool = False,
        collapse: bool = True,
    ) -> SearchResult:
        """Rank the articles for `text`.

        With `translit`, Latin-typed words also search their Cyrillic readings.
        `since` and `until` (YYYY, YYYY-MM or YYYY-MM-DD) keep articles dated in
        that span, ends included. `sort` orders by relevance or by date (newest,
        oldest; undated articles last), with ties in index order so pages never
        overlap. `timeline` counts all matches per month. `collapse` folds
        near-duplicates (the same story republished) under the first of them.
        """
        if not text.strip():
            raise QueryError("the query is empty")
        if len(text) > MAX_QUERY_CHARS:
            raise QueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
        if limit < 1 or offset < 0:
            raise QueryError("--limit must be at least 1 and --offset at least 0")
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use {', '.join(SORTS)}")
        date_filter = _date_filter(since, until)
        searcher = self._searcher
        with damage_reported(self._index_dir), _whoosh_query_errors():
            searched, notes = limit_words(punctuation_as_prose(text, searcher.schema.names()))
            rewritten, meant, fuzzy_notes = self._interpreted(searched, translit)
            notes += fuzzy_notes
            found = self._ranked(rewritten.query, date_filter, sort)
            if found is None:
                notes += stop_words_note(searched) or only_excluded_note(searched)
                return SearchResult(query=text, total=0, interpreted_query=rewritten.shown, notes=notes)
            parsed, ranked, capped = found
            fixes = corrections(meant, self._lexicon())
            if fixes and not ranked:
                suggestion = replace_words(meant, fixes)
                corrected = self.search(
                    suggestion, limit=limit, offset=offset, snippets=snippets, translit=translit,
                    since=since, until=until, sort=sort, timeline=timeline, collapse=collapse,
                )  # fmt: skip
                return replace(corrected, query=text, suggestion=suggestion, corrected=bool(corrected.total))
            # The rest of the query found articles: a word the lemma dictionary lists is no typo,
            # though the archive lacks it (нашта is not нафта misspelt), and is searched as typed.
            fixes = {word: fix for word, fix in fixes.items() if not is_dictionary_word(normalize(word))}
            suggestion = replace_words(meant, fixes) if fixes else None
            if fixes:
                # A misspelt word is searched with its correction too, so that a typo does
                # not leave the query a word short.
                rewritten = _with_alternatives(rewritten, rewritten.shown or meant, fixes, CORRECTION_BOOST)
                found = self._ranked(rewritten.query, date_filter, sort) or found
                parsed, ranked, capped = found
            notes += capped
            needed = offset + limit
            groups = _collapse(self._signatures(), ranked, needed) if collapse else [(item, []) for item in islice(ranked, needed)]
            marks = self._marks(highlight_terms(parsed.query, searcher.reader()) if snippets else frozenset())
            page = groups[offset : offset + limit]
            lacking = self._missing(parsed, ranked, [docnum for (docnum, _), _ in page], text) if snippets else {}
            hits = tuple(
                _hit(searcher, offset + i + 1, docnum, score, marks, snippets, tuple(folded), lacking.get(docnum, ()))
                for i, ((docnum, score), folded) in enumerate(page)
            )
            months = _timeline(searcher, ranked, self._arrays()) if timeline else None
        return SearchResult(
            query=text,
            total=ranked.total,
            hits=hits,
            interpreted_query=rewritten.shown,
            suggestion=suggestion,
            timeline=months,
            notes=notes,
        )

    def article(self, article_id: str, *, query: str | None = None, translit: bool = True) -> ArticleView | None:
        """The article with this id, whole; with `query`, the spans its words match."""
        searcher = self._searcher
        with damage_reported(self._index_dir), _whoosh_query_errors():
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                return None
            terms: frozenset[str] = frozenset()
            if query and query.strip():
                rewritten, _, _ = self._interpreted(punctuation_as_prose(query, searcher.schema.names()), translit)
                parsed = parse_query(rewritten.query, searcher.schema, self._term_map.entry)
                terms = highlight_terms(parsed.query, searcher.reader())
            stored = searcher.stored_fields(docnum)
            marks = self._marks(terms)
            title, body = stored.get("headline", ""), stored.get("body", "")
            return ArticleView(
                id=stored["id"],
                path=stored.get("path", ""),
                title=title,
                date=_date_of(stored),
                url=stored.get("url"),
                body=body,
                title_spans=spans_of(marks.in_title(title)),
                body_spans=spans_of(marks.in_body(body)),
            )

    def similar(self, article_id: str, *, limit: int = 10) -> SearchResult | None:
        """Articles most like this one (more-like-this over the body's most telling words); None if no such id."""
        searcher = self._searcher
        with damage_reported(self._index_dir):
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                return None
            body = searcher.stored_fields(docnum).get("body", "")
            key_terms = searcher.key_terms_from_text("body", body, numterms=SIMILAR_TERMS)
            query = wq.Or([wq.Term("body", term, boost=weight) for term, weight in key_terms])
            results = searcher.search(query, limit=limit, mask={docnum})
            marks = self._marks(frozenset(term for term, _ in key_terms))
            hits = tuple(
                _hit(searcher, rank, hit_docnum, score, marks, True)
                for rank, (score, hit_docnum) in enumerate(results.top_n, start=1)
            )
            return SearchResult(query=f"like {article_id}", total=len(results), hits=hits)

    def _interpreted(self, text: str, translit: bool) -> tuple[Rewritten, str, tuple[str, ...]]:
        """The query as searched: Latin-typed words with their Cyrillic readings, fuzzy words with
        their variants, compounds with their heads; the query as meant (the readings), where
        misspellings are looked for; and notes on fuzzy words with too many variants."""
        read = rewrite_latin_words(text, self.vocabulary()) if translit else Rewritten(text, None)
        meant = read.shown or text  # a fuzzy word (word~) is not taken for a misspelt one
        lexicon = self._lexicon()
        read, notes = expand_fuzzy_words(read, lexicon, index_term)
        heads = compound_heads(read.query, lexicon.frequency)
        return _with_alternatives(read, read.shown or meant, heads, COMPOUND_HEAD_BOOST), meant, notes

    def _ranked(
        self, query: str, date_filter: wq.DateRange | None, sort: Sort
    ) -> tuple[ParsedQuery, Ranking, tuple[str, ...]] | None:
        """The parsed query, its ranking and notes on capped patterns; None when it has nothing to look for."""
        searcher = self._searcher
        parsed = parse_query(expand_date_spans(query), searcher.schema, self._term_map.entry)
        if parsed.query is wq.NullQuery:
            return None
        parsed, capped = cap_expansions(parsed, searcher.reader())
        return parsed, _rank(searcher, self._arrays(), parsed, date_filter, sort), capped

    def _missing(self, parsed: ParsedQuery, ranked: Ranking, docnums: list[int], typed: str) -> dict[int, tuple[str, ...]]:
        """The query's words each of these hits lacks, as typed (shown with snippets; --trec skips it)."""
        if not parsed.clauses:
            return {}
        lacking = ranked.words_lacking(docnums)
        if lacking is None:
            lacking = lacking_by_matching(self._searcher, parsed.clauses, docnums)
        return missing_words(parsed.words, lacking, typed, self._searcher.schema["body"].analyzer)

    def _marks(self, terms: frozenset[str]) -> Marks:
        schema = self._searcher.schema
        words = self._term_map.words_of(terms) if terms else {}
        if words is not None:
            # The forms a query word's lemma shares with another word count as the word (see parse).
            for term in terms:
                for form in forms_read_otherwise(term, self._term_map.get):
                    words.setdefault(form, term)
        return Marks(terms, words, schema["body"].analyzer)

    def _signatures(self) -> Any:
        """The near-duplicate sketches' column; opening it reads an offset per article, so once."""
        if self._signature_column is None:
            self._signature_column = self._searcher.reader().column_reader("signature")
        return self._signature_column

    def _arrays(self) -> ArrayReader:
        if self._array_reader is None:
            self._array_reader = ArrayReader(self._searcher, derived=DERIVED_FIELDS, folder=self._directory)
        return self._array_reader

    def _lexicon(self) -> Lexicon:
        reader = self._searcher.reader()
        return Lexicon(
            frequency=lambda word: reader.doc_frequency(VOCABULARY_FIELD, word),
            close_words=lambda word, distance, prefix: reader.terms_within(VOCABULARY_FIELD, word, distance, prefix),
            holds=lambda word: bool(
                reader.doc_frequency(VOCABULARY_FIELD, word) or reader.doc_frequency(LEMMA_FIELD, index_term(word))
            ),
        )

    def vocabulary(self) -> Vocabulary:
        """The index's words as written, for reading Latin-typed words back into Cyrillic."""
        reader = self._searcher.reader()
        return Vocabulary(
            has_prefix=lambda prefix: next(iter(reader.expand_prefix(VOCABULARY_FIELD, prefix)), None) is not None,
            frequency=lambda word: reader.doc_frequency(VOCABULARY_FIELD, word),
            lemma_known=lambda word: reader.doc_frequency("body", index_term(word)) > 0,
        )


def _with_alternatives(rewritten: Rewritten, shown: str, alternatives: dict[str, str], boost: float) -> Rewritten:
    """The query with each of these words searched as itself or its alternative, shown as word/alternative."""
    if not alternatives:
        return rewritten
    either = {word: f"({word} OR {other}^{boost})" for word, other in alternatives.items()}
    shown_either = {word: f"{word}/{other}" for word, other in alternatives.items()}
    return Rewritten(replace_words(rewritten.query, either), replace_words(shown, shown_either))


@contextmanager
def _whoosh_query_errors() -> Iterator[None]:
    try:
        yield
    except WhooshQueryError as error:
        raise QueryError(f"cannot run this query: {error}") from None


def search(index_dir: Path, text: str, **options: Any) -> SearchResult:
    """One query against the index at `index_dir`; options as for `IndexSearcher.search`."""
    with IndexSearcher(index_dir) as searcher:
        return searcher.search(text, **options)


def _date_filter(since: str | None, until: str | None) -> wq.DateRange | None:
    if since is None and until is None:
        return None
    start = date_bounds(since)[0] if since else None
    end = date_bounds(until)[1] if until else None
    if start and end and start > end:
        raise QueryError(f"--since {since} is after --until {until}")
    return wq.DateRange("date", start, end)


def _rank(
    searcher: Searcher, arrays: ArrayReader, parsed: ParsedQuery, date_filter: wq.NumericRange | None, sort: Sort
) -> Ranking:
    """All matching documents in the order asked for: plain words by array scoring, the rest by Whoosh.

    Either way, articles with every word and a score near the best come first and
    BM25F orders each group.
    Ranking all partial matches by how many words they share ranked worse on the
    dev set's long headline queries.
    """
    plan = word_plan(parsed)
    if plan is not None:
        allowed = None
        if date_filter is not None:
            allowed = dated_within(arrays, *date_range_bounds(date_filter))
        weighting = searcher.weighting
        return score_words(
            plan,
            arrays,
            bm25=BM25(B=weighting.B, K1=weighting.K1),
            decode_positions=searcher.schema["body"].format.decode_positions,
            allowed=allowed,
            sort=sort,
        )
    parsed = with_array_unions(parsed)
    results = searcher.search(parsed.query, limit=None, filter=date_filter)
    scored = [(docnum, score) for score, docnum in results.top_n]
    complete = set(wq.And(list(parsed.clauses)).docs(searcher)) if parsed.clauses else None
    return whoosh_ranking(scored, complete, arrays, sort)


def _collapse(
    sketches: Any, ranked: Iterable[tuple[int, float]], needed: int
) -> list[tuple[tuple[int, float], list[int]]]:
    """Groups of near-duplicates in rank order, each led by its best-ranked article.

    Only the top of the ranking is grouped: enough groups for the page, looking
    COLLAPSE_LOOKAHEAD articles further for copies of them. The scan always runs
    in rank order from the top, so every page agrees with the ones before it.
    """
    groups: list[tuple[tuple[int, float], list[int]]] = []
    leaders: list[frozenset[int]] = []
    scanned = 0
    for item in ranked:
        if len(groups) >= needed and scanned >= needed + COLLAPSE_LOOKAHEAD:
            break
        scanned += 1
        sketch = sketch_of(sketches[item[0]])
        for index, leader in enumerate(leaders):
            if sketch and resemblance(sketch, leader) >= DUPLICATE_RESEMBLANCE:
                groups[index][1].append(item[0])
                break
        else:
            if len(groups) < needed:
                groups.append((item, []))
                leaders.append(sketch)
    return groups


def _timeline(searcher: Searcher, ranked: Ranking, arrays: ArrayReader) -> tuple[MonthCount, ...]:
    """Matches per month from the first to the last month with any, empty months included."""
    dates = arrays.column("date")[ranked.docs]
    values, day_counts = np.unique(dates[dates != UNDATED], return_counts=True)
    translate = searcher.schema["date"].from_column_value
    counts: Counter[str] = Counter()
    for value, count in zip(values.tolist(), day_counts.tolist()):
        counts[translate(value).strftime("%Y-%m")] += count
    if not counts:
        return ()
    first, last = min(counts), max(counts)
    months = []
    year, month = int(first[:4]), int(first[5:])
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        months.append(MonthCount(key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _hit(
    searcher: Searcher,
    rank: int,
    docnum: int,
    score: float,
    marks: Marks,
    snippets: bool,
    folded: tuple[int, ...] = (),
    missing: tuple[str, ...] = (),
) -> Hit:
    stored = searcher.stored_fields(docnum)
    title = stored.get("headline", "")
    body = stored.get("body", "")
    return Hit(
        rank=rank,
        id=stored["id"],
        path=stored.get("path", ""),
        title=title,
        date=_date_of(stored),
        score=score,
        title_spans=spans_of(marks.in_title(title)),
        snippets=make_snippets(body, marks.in_body(body, SNIPPET_SCAN_CHARS)) if snippets else (),
        url=stored.get("url"),
        duplicates=tuple(_duplicate(searcher.stored_fields(other)) for other in folded),
        missing=missing,
    )


def _duplicate(stored: dict[str, Any]) -> Duplicate:
    return Duplicate(id=stored["id"], path=stored.get("path", ""))


def _date_of(stored: dict[str, Any]) -> dt.date | None:
    date = stored.get("date")
    return date.date() if isinstance(date, dt.datetime) else None

