"""All matches of a query in rank order, with the order computed only as far as it is read.

Two sources feed it: Whoosh's matchers (any query the syntax allows) and, for
queries of words and phrases, array scoring (`score_words`): the same BM25F sums
Whoosh computes, term by term over whole posting lists with numpy, which is
many times faster on large archives. The proximity bonus (a pair of query words
standing within a few words of each other) needs positions; it is confirmed
only for the articles that reach the part of the ranking being read, since
the bonus is bounded by scores already known.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import reduce
from itertools import islice

import numpy as np

from newssearch.index import stats
from newssearch.index.arrays import ArrayReader, Postings, PostingsKey

UNDATED = np.uint64(stats.UNDATED)
FIRST_SORTED = 256  # matches ordered before the rest: more than a page and its near-duplicates
# An article with every query word ranks above the others only while its score is
# at least this share of the best score: a long article that names every word in
# passing must not bury a short one about two of them (chosen on the dev set).
COMPLETE_SHARE = 0.7


@dataclass(frozen=True)
class Proximity:
    """A bonus of `boost` × (both words' body scores) where `second` follows `first` within `slop` words."""

    first: str
    second: str
    slop: int
    boost: float


@dataclass(frozen=True)
class Group:
    """Terms that match only together: all of them (a hyphenated word's parts in a field
    without positions), or, with a `slop`, in order, each within `slop` words after the
    one before (a phrase). Whoosh scores a match as the sum of its terms' scores, times `boost`."""

    terms: tuple[tuple[str, str, float], ...]  # (field, term, boost)
    slop: int | None = None
    boost: float = 1.0


# What makes a query word present: a (field, term) leaf, or the index of a group.
WordKey = tuple[str, str] | int


@dataclass(frozen=True)
class WordPlan:
    """A query of words and phrases, as array scoring runs it.

    `leaves` are (field, term, boost) in the order Whoosh sums them; `groups` match
    and score as Whoosh's phrases and ANDs of terms do; `words` are, for each query
    word, the leaves and groups that make it present (coordination); `dates` are
    inclusive ranges of the raw date column, each adding its constant score.
    """

    leaves: tuple[tuple[str, str, float], ...]
    words: tuple[frozenset[WordKey], ...]
    proximity: tuple[Proximity, ...] = ()
    dates: tuple[tuple[int, int, float], ...] = ()
    groups: tuple[Group, ...] = ()


@dataclass(frozen=True)
class BM25:
    B: float
    K1: float


# Confirms a proximity bonus: (pair index, article numbers) -> for each, whether its words stand close.
Confirm = Callable[[int, np.ndarray], np.ndarray]
CONFIRMED_TOGETHER = 32  # articles whose bonus is confirmed in one go: a page needs a few hundred


class Ranking:
    """The matches of a query, ordered by relevance or by date.

    By relevance, articles with every word (`complete`) whose score is at least
    COMPLETE_SHARE of the best come first. `scores` hold everything but the
    unconfirmed bonuses `bonus[k]` of each proximity pair k; an article's bonus
    counts once `confirm(k, docnum)` says so.
    """

    def __init__(
        self,
        docs: np.ndarray,
        scores: np.ndarray,
        *,
        complete: np.ndarray | None = None,
        has_words: tuple[np.ndarray, ...] | None = None,
        bonus: tuple[np.ndarray, ...] = (),
        confirm: Confirm | None = None,
        dates: np.ndarray | None = None,
        sort: str = "relevance",
    ) -> None:
        self.docs = docs
        self._scores = scores
        self._leading = np.ones(len(docs), dtype=bool) if complete is None else complete & _strong(scores)
        self._has_words = has_words
        self._bonus = bonus
        self._confirm = confirm
        self._dates = dates
        self._sort = sort

    @property
    def total(self) -> int:
        return len(self.docs)

    def __bool__(self) -> bool:
        return bool(len(self.docs))

    def words_lacking(self, docnums: list[int]) -> dict[int, tuple[int, ...]] | None:
        """For each of these matches, the query words it lacks (their indexes among the plan's
        words); None when the ranking was not told which word each match has."""
        if self._has_words is None:
            return None
        at = np.searchsorted(self.docs, docnums).tolist()  # the docs of array scoring ascend
        return {
            docnum: tuple(word for word, has in enumerate(self._has_words) if not has[index])
            for docnum, index in zip(docnums, at)
        }

    def __iter__(self) -> Iterator[tuple[int, float]]:
        """(article number, score) in rank order; ties in article order, so pages never overlap."""
        if self._sort == "relevance":
            return self._by_relevance()
        return self._by_date(newest_first=self._sort == "newest")

    def _finals(self, indexes: list[int]) -> list[float]:
        """The final scores of the matches at `indexes`, each pair's bonus added where confirmed."""
        at = np.asarray(indexes, dtype=np.int64)
        scores = self._scores[at]
        for pair, bonus in enumerate(self._bonus):
            candidates = np.flatnonzero(bonus[at])
            if len(candidates) and self._confirm:
                close = candidates[self._confirm(pair, self.docs[at[candidates]])]
                scores[close] += bonus[at[close]]
        return scores.tolist()

    def _upper(self) -> np.ndarray:
        upper = self._scores
        for bonus in self._bonus:
            upper = upper + bonus
        return upper

    def _by_relevance(self) -> Iterator[tuple[int, float]]:
        upper = self._upper()
        later = ~self._leading  # False (leading) sorts first
        order = self._in_order(upper, later)
        if not self._bonus:
            for index in order:
                yield int(self.docs[index]), float(self._scores[index])
            return
        # Each article's final score is at most its upper bound: an article
        # is settled once its final key sorts before the next unconfirmed bound.
        settled: list[tuple[bool, float, int]] = []
        for indexes in _batched(order, CONFIRMED_TOGETHER):
            for index, final in zip(indexes, self._finals(indexes)):
                bound = (bool(later[index]), -float(upper[index]), int(self.docs[index]))
                while settled and settled[0] < bound:
                    _, negative, docnum = heapq.heappop(settled)
                    yield docnum, -negative
                heapq.heappush(settled, (bool(later[index]), -final, int(self.docs[index])))
        while settled:
            _, negative, docnum = heapq.heappop(settled)
            yield docnum, -negative

    def _in_order(self, upper: np.ndarray, later: np.ndarray) -> Iterator[int]:
        """Indexes by (group, bound descending, article number). A page reads the top of tens of
        thousands of matches: the best few are partitioned off and sorted, then the next,
        four times as many, and so on, so that reading on never sorts them all at once."""
        value = np.where(later, upper, upper + (upper.max(initial=0.0) + 1.0))  # complete articles above all others
        remaining = np.arange(len(value))
        size = FIRST_SORTED
        while len(remaining):
            if len(remaining) <= 4 * size:
                part, remaining = remaining, remaining[:0]
            else:
                values = value[remaining]
                threshold = np.partition(values, len(values) - size)[len(values) - size]
                best = values >= threshold
                part, remaining = remaining[best], remaining[~best]
            yield from part[np.lexsort((self.docs[part], -upper[part], later[part]))].tolist()
            size *= 4

    def _by_date(self, *, newest_first: bool) -> Iterator[tuple[int, float]]:
        dates = self._dates if self._dates is not None else np.zeros(len(self.docs), dtype=np.uint64)
        undated = dates == UNDATED
        # Dated articles by date (ties in article order), then the undated in article order.
        order = np.lexsort((self.docs, UNDATED - dates if newest_first else dates, undated))
        for indexes in _batched(iter(order.tolist()), CONFIRMED_TOGETHER):
            yield from zip(self.docs[indexes].tolist(), self._finals(indexes))


def _strong(scores: np.ndarray) -> np.ndarray:
    return scores >= COMPLETE_SHARE * scores.max(initial=0.0)


def _batched(order: Iterator[int], size: int) -> Iterator[list[int]]:
    while batch := list(islice(order, size)):
        yield batch


def dated_within(arrays: ArrayReader, start: int, end: int) -> np.ndarray:
    """Which articles have a date between the raw column values `start` and `end`, both included."""
    dates = arrays.column("date")
    return (dates >= np.uint64(start)) & (dates <= np.uint64(end)) & (dates != UNDATED)


def whoosh_ranking(
    scored: list[tuple[int, float]], complete: set[int] | None, arrays: ArrayReader, sort: str
) -> Ranking:
    """A ranking of scores Whoosh computed (queries array scoring does not run)."""
    docs = np.fromiter((docnum for docnum, _ in scored), dtype=np.int64, count=len(scored))
    scores = np.fromiter((score for _, score in scored), dtype=np.float64, count=len(scored))
    mask = None if complete is None else np.fromiter((d in complete for d, _ in scored), dtype=bool, count=len(scored))
    return Ranking(docs, scores, complete=mask, dates=arrays.column("date")[docs], sort=sort)


def score_words(
    plan: WordPlan,
    arrays: ArrayReader,
    *,
    bm25: BM25,
    decode_positions: Callable[[bytes], list[int]],
    allowed: np.ndarray | None = None,
    sort: str = "relevance",
) -> Ranking:
    """Rank the articles for a plan of words and phrases; `allowed` masks articles (a date filter).

    Every proximity pair's words must be body leaves of the plan (as `word_plan` makes sure).
    """
    size = arrays.doc_count_all
    scores = np.zeros(size)
    matched = np.zeros(size, dtype=bool)
    present: dict[WordKey, np.ndarray] = {key: np.zeros(0, dtype=np.int64) for word in plan.words for key in word}
    body_scores: dict[str, tuple[Postings, np.ndarray]] = {}
    positioned = {term for pair in plan.proximity for term in (pair.first, pair.second)}
    memo: dict[PostingsKey, Postings] = {}
    for fieldname, text, boost in plan.leaves:
        needs_positions = fieldname == "body" and text in positioned
        postings = arrays.postings(fieldname, text, positions=needs_positions, memo=memo)
        if postings.empty:
            continue
        raw = _bm25(postings, arrays.lengths(fieldname), _idf(postings, arrays), arrays.average_length(fieldname), bm25)
        scores[postings.docs] += raw * boost
        matched[postings.docs] = True
        if (fieldname, text) in present:
            present[(fieldname, text)] = postings.docs
        if needs_positions:
            body_scores[text] = (postings, raw)
    for index, group in enumerate(plan.groups):
        docs, group_scores = _group_scores(group, arrays, bm25, decode_positions, memo)
        scores[docs] += group_scores
        matched[docs] = True
        if index in present:
            present[index] = docs
    for start, end, boost in plan.dates:
        matched &= dated_within(arrays, start, end)
        scores += boost
    if allowed is not None:
        matched &= allowed
    docs = np.flatnonzero(matched)
    has_words = []
    for word in plan.words:
        has_word = np.zeros(size, dtype=bool)
        for leaf in word:
            has_word[present[leaf]] = True
        has_words.append(has_word[docs])
    complete = np.logical_and.reduce(has_words) if has_words else np.ones(len(docs), dtype=bool)
    bonus = tuple(_pair_bonus(pair, body_scores, size, docs) for pair in plan.proximity)

    # The pairs of a few words share them (a pair close, then near in either order): each
    # article's positions of a word are decoded once for all of them.
    decoded: dict[str, dict[int, list[int]]] = {term: {} for term in body_scores}

    def positions(term: str, docnums: list[int]) -> list[list[int]]:
        known = decoded[term]
        if missing := [docnum for docnum in docnums if docnum not in known]:
            known.update(zip(missing, _positions(body_scores[term][0], np.asarray(missing), decode_positions)))
        return [known[docnum] for docnum in docnums]

    def confirm(pair_index: int, docnums: np.ndarray) -> np.ndarray:
        pair = plan.proximity[pair_index]
        wanted = docnums.tolist()
        pairs = zip(positions(pair.first, wanted), positions(pair.second, wanted))
        return np.fromiter((_in_order(both, pair.slop) for both in pairs), dtype=bool, count=len(wanted))

    return Ranking(
        docs,
        scores[docs],
        complete=complete if plan.words else None,
        has_words=tuple(has_words) if plan.words else None,
        bonus=bonus,
        confirm=confirm,
        dates=arrays.column("date")[docs],
        sort=sort,
    )


def probabilistic_idf(doc_frequency: int, doc_count: int) -> float:
    """The probabilistic idf of BM25 (Robertson and Spärck Jones, as Lucene computes it), not
    Whoosh's log(N / (df + 1)) + 1: a word most articles hold weighs next to nothing instead of
    at least 1, so that a long query's common words do not outvote its telling ones (dev set:
    headline .892 -> .896). Always above 0, so a matched word always adds to the score."""
    return math.log(1 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


def _idf(postings: Postings, arrays: ArrayReader) -> float:
    """The idf over all articles including deleted ones, as Whoosh counts them."""
    return probabilistic_idf(postings.doc_frequency, arrays.doc_count_all)


def _bm25(postings: Postings, lengths: np.ndarray, idf: float, average_length: float, bm25: BM25) -> np.ndarray:
    """Whoosh's BM25F term score, the same operations in the same order (equal floats)."""
    tf = postings.weights
    length = lengths[postings.docs]
    return idf * ((tf * (bm25.K1 + 1)) / (tf + bm25.K1 * ((1 - bm25.B) + bm25.B * length / average_length)))


def _pair_bonus(
    pair: Proximity, body_scores: dict[str, tuple[Postings, np.ndarray]], size: int, docs: np.ndarray
) -> np.ndarray:
    """For each of `docs`, the pair's bonus if its words turn out to stand close; zero where one is missing."""
    if pair.first not in body_scores or pair.second not in body_scores:
        return np.zeros(len(docs))
    both = []
    for word in (pair.first, pair.second):
        postings, scores = body_scores[word]
        spread = np.zeros(size)
        spread[postings.docs] = scores
        both.append(spread[docs])
    first, second = both
    # A word's score is positive wherever the article has it (idf > 0, frequency >= 1).
    return np.where((first > 0) & (second > 0), (first + second) * pair.boost, 0.0)


def _positions(postings: Postings, docnums: np.ndarray, decode: Callable[[bytes], list[int]]) -> list[list[int]]:
    """Each article's positions of the word ([] where it is missing)."""
    if postings.values is None or not len(postings.docs):
        return [[] for _ in docnums]
    indexes = np.minimum(np.searchsorted(postings.docs, docnums), len(postings.docs) - 1)
    found = postings.docs[indexes] == docnums
    values = postings.values
    return [decode(values[index]) if present else [] for index, present in zip(indexes.tolist(), found.tolist())]


def _group_scores(
    group: Group,
    arrays: ArrayReader,
    bm25: BM25,
    decode_positions: Callable[[bytes], list[int]],
    memo: dict[PostingsKey, Postings],
) -> tuple[np.ndarray, np.ndarray]:
    """The articles a group matches, and its score in each."""
    lists = [arrays.postings(fieldname, text, positions=group.slop is not None, memo=memo) for fieldname, text, _ in group.terms]
    if any(postings.empty for postings in lists):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    docs = reduce(np.intersect1d, (postings.docs for postings in lists))
    total = np.zeros(len(docs))
    for postings, (fieldname, _, boost) in zip(lists, group.terms):
        lengths, average = arrays.lengths(fieldname), arrays.average_length(fieldname)
        raw = _bm25(postings, lengths, _idf(postings, arrays), average, bm25)
        total += raw[np.searchsorted(postings.docs, docs)] * boost
    if group.slop is not None and len(docs):
        positions = [_positions(postings, docs, decode_positions) for postings in lists]
        keep = np.fromiter((_in_order(each, group.slop) for each in zip(*positions)), dtype=bool, count=len(docs))
        docs, total = docs[keep], total[keep]
    return docs, total * group.boost


def _in_order(word_positions: tuple[list[int], ...], slop: int) -> bool:
    """Whether each word stands after the one before, within `slop` words of it (Whoosh's ordered span rule).

    Positions are ascending, so each word's occurrences that continue a span are found by bisection:
    a pair of long articles' words is checked in a few microseconds, not one look-up per allowed gap.
    """
    ends = word_positions[0]
    for positions in word_positions[1:]:
        ends = [at for at in positions if (before := bisect_left(ends, at - slop)) < len(ends) and ends[before] < at]
        if not ends:
            return False
    return True
