"""Date filters: YYYY, YYYY-MM or YYYY-MM-DD, each meaning the whole year, month or day."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from newssearch.errors import QueryError

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
# date:2025-08..2025-10 in the query text becomes Whoosh's range syntax.
_DATE_SPAN = re.compile(r"\bdate:(\d{4}(?:-\d{1,2}){0,2})\.\.(\d{4}(?:-\d{1,2}){0,2})\b")


def date_bounds(text: str) -> tuple[dt.datetime, dt.datetime]:
    """The first and the last moment of the period a partial date names."""
    match = _PARTIAL_DATE.fullmatch(text.strip())
    if not match:
        raise QueryError(f"not a date: {text!r}; use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return dt.datetime(year, 1, 1), dt.datetime(year, 12, 31, 23, 59, 59, 999999)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.datetime(year, month, 1), dt.datetime(year, month, last, 23, 59, 59, 999999)
        return dt.datetime(year, month, day), dt.datetime(year, month, day, 23, 59, 59, 999999)
    except ValueError:
        raise QueryError(f"not a date: {text!r}; use YYYY, YYYY-MM or YYYY-MM-DD") from None


def expand_date_spans(text: str) -> str:
    """date:A..B -> date:[A to B], which Whoosh reads as an inclusive range of whole periods.

    A span that ends before it starts is refused, as --since after --until is: it would match nothing.
    """

    def expanded(match: re.Match[str]) -> str:
        start, end = match.groups()
        if date_bounds(start)[0] > date_bounds(end)[1]:
            raise QueryError(f"{match.group()} ends before it starts; write the earlier date first")
        return f"date:[{start} to {end}]"

    return _DATE_SPAN.sub(expanded, text)
