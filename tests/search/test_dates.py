"""Date filters and date order, on the fixture corpus (dates 2024-11-30 .. 2025-10-20, one undated)."""

from __future__ import annotations

import datetime as dt

import pytest

from newssearch.errors import QueryError
from newssearch.search import search
from newssearch.search.dates import date_bounds

QUERY = "среща помощ бюджет избори книга футбол"


def dates(result):
    return [hit.date for hit in result.hits]


def test_date_bounds_cover_the_whole_year_month_or_day():
    assert date_bounds("2024") == (dt.datetime(2024, 1, 1), dt.datetime(2024, 12, 31, 23, 59, 59, 999999))
    assert date_bounds("2024-02")[1].date() == dt.date(2024, 2, 29)
    assert date_bounds("2025-10-20")[0] == dt.datetime(2025, 10, 20)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "вчера", "25"])
def test_impossible_dates_are_query_errors(text):
    with pytest.raises(QueryError, match="not a date"):
        date_bounds(text)


def test_since_and_until_include_their_ends(built_index):
    result = search(built_index, QUERY, since="2025-06-02", until="2025-10", limit=20)
    assert sorted(dates(result)) == [dt.date(2025, 6, 2), dt.date(2025, 9, 1), dt.date(2025, 10, 20), dt.date(2025, 10, 21)]


def test_date_span_in_the_query_filters_like_the_options(built_index):
    in_text = search(built_index, f"{QUERY} date:2025-06..2025-09", limit=20)
    options = search(built_index, QUERY, since="2025-06", until="2025-09", limit=20)
    assert [h.id for h in in_text.hits] == [h.id for h in options.hits]
    assert in_text.total == 2


def test_newest_first_puts_undated_articles_last(built_index):
    result = search(built_index, QUERY, sort="newest", limit=20)
    known = [d for d in dates(result) if d]
    assert known == sorted(known, reverse=True)
    assert dates(result)[-1] is None


def test_oldest_first(built_index):
    known = [d for d in dates(search(built_index, QUERY, sort="oldest", limit=20)) if d]
    assert known == sorted(known) and known[0] == dt.date(2024, 11, 30)


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_pages_neither_overlap_nor_leave_gaps(built_index, sort):
    everything = [h.id for h in search(built_index, QUERY, sort=sort, limit=50).hits]
    pages = [h.id for offset in range(0, len(everything), 2) for h in search(built_index, QUERY, sort=sort, limit=2, offset=offset).hits]
    assert pages == everything


def test_since_after_until_is_an_error(built_index):
    with pytest.raises(QueryError, match="after"):
        search(built_index, QUERY, since="2025", until="2024")


@pytest.mark.parametrize("span", ["date:2025..2024", "date:2025-10..2025-09-30"])
def test_a_date_span_in_the_query_that_ends_before_it_starts_is_an_error(built_index, span):
    with pytest.raises(QueryError, match=f"{span} ends before it starts"):
        search(built_index, f"{QUERY} {span}")


@pytest.mark.parametrize("bracketed", ["date:[2025 TO 2024]", "date:[2025-10 to 2025-09-30]"])
def test_a_bracketed_date_range_that_ends_before_it_starts_is_an_error(built_index, bracketed):
    with pytest.raises(QueryError, match="a date range in the query ends before it starts"):
        search(built_index, f"{QUERY} {bracketed}")


def test_a_date_span_of_one_period_or_within_it_is_no_error(built_index):
    assert search(built_index, f"{QUERY} date:2025-10..2025-10").total == search(built_index, f"{QUERY} date:2025-10").total == 2
    assert search(built_index, f"{QUERY} date:2025-10-20..2025-10").total == 2
    assert search(built_index, f"{QUERY} date:[2025-10 TO 2025-10]").total == 2
    assert search(built_index, f"{QUERY} date:[2025-10 TO]").total == 2  # an open end


def test_timeline_counts_all_matches_per_month_with_empty_months(built_index):
    result = search(built_index, QUERY, limit=1, timeline=True)
    months = {m.month: m.count for m in result.timeline}
    assert list(months)[0] == "2024-11" and list(months)[-1] == "2025-10"
    assert len(months) == 12 and months["2025-10"] == 2 and months["2025-01"] == 0
    assert sum(months.values()) == result.total - 1  # one matching article has no date


def test_no_timeline_unless_asked(built_index):
    assert search(built_index, QUERY).timeline is None
