"""Plain data passed between the pipeline's stages.

Nothing here knows about Whoosh: search results are copied into these
dataclasses while the searcher is open, so renderers never touch index objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article as read from a source, before analysis."""

    id: str
    path: str
    title: str
    body: str
    date: dt.date | None = None
    url: str | None = None
    # False when `title` is the body's first sentence: then it is shown, not indexed
    # again (weighting the lead sentence as a headline ranks worse on the dev set).
    title_from_source: bool = False
    encoding: str = "utf-8"  # how the file's bytes were decoded (see corpus/decoding.py)


@dataclass(frozen=True)
class Skip:
    """A file or record that could not be indexed, and why."""

    location: str
    reason: str


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) into some text."""

    start: int
    end: int


@dataclass(frozen=True)
class Snippet:
    """A passage of an article with the spans that matched the query."""

    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Hit:
    rank: int
    id: str
    path: str
    title: str
    date: dt.date | None
    score: float
    title_spans: tuple[Span, ...] = ()
    snippets: tuple[Snippet, ...] = ()
    url: str | None = None
    duplicates: tuple[Duplicate, ...] = ()  # near-identical articles folded under this one
    missing: tuple[str, ...] = ()  # the query's words the article lacks, as typed


@dataclass(frozen=True)
class Duplicate:
    id: str
    path: str


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...] = ()
    interpreted_query: str | None = None  # the query as searched, when Latin words were read as Cyrillic, typos corrected or compounds split
    suggestion: str | None = None  # a corrected query, when this one found little
    corrected: bool = False  # the hits are for `suggestion`: the query as typed found nothing
    timeline: tuple[MonthCount, ...] | None = None  # matches per month, over all matches (when asked for)
    notes: tuple[str, ...] = ()  # how the query was narrowed to stay fast (a wildcard's matches cut)


@dataclass(frozen=True)
class MonthCount:
    month: str  # YYYY-MM
    count: int


@dataclass(frozen=True)
class ArticleView:
    """One stored article, whole, with the spans a query matched (`newssearch show`)."""

    id: str
    path: str
    title: str
    date: dt.date | None
    url: str | None
    body: str
    title_spans: tuple[Span, ...] = ()
    body_spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class IndexStats:
    index_dir: str
    articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    undated: int  # articles without a date, which date filters and date order leave out or put last
    vocabulary: int  # distinct words as written
    index_bytes: int
    built_at: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class IndexReport:
    """What an `index` run did: the one-line summary is rendered from this."""

    index_dir: str
    articles: int
    skips: tuple[Skip, ...] = ()
    seconds: float = 0.0
    sources: tuple[str, ...] = field(default_factory=tuple)
    updated: bool = True  # False when the index already matched its sources
    encodings: tuple[tuple[str, str], ...] = ()  # (path, encoding) of files read as other than plain UTF-8

    def skip_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for skip in self.skips:
            counts[skip.reason] = counts.get(skip.reason, 0) + 1
        return counts
