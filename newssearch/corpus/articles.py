"""The article text format: an optional ` date YYYY-MM-DD ` header, then the text."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

HEADLINE_MAX_CHARS = 150

_DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")

# A sentence ends at . ! ? or … (closing quotes and brackets may follow) when the
# next sentence starts with a capital letter or a digit, possibly after an opening quote.
_SENTENCE_END = re.compile(r"(?P<stop>[.!?…]+[\"'»“”’)]*)(?:\s+[„\"«“(]?(?P<next>\w)|\s*\Z)")

# Words that end in a dot without ending the sentence (Bulgarian abbreviations).
_ABBREVIATIONS = frozenset(
    "г гр ул бул пл проф доц акад д-р инж арх ген полк св др т.е т.нар вкл напр млн млрд хил лв ч мин стр обл с кв".split()
)


# An article whose date is given but cannot be read is indexed undated, and reported:
# a date filter or a date order would otherwise leave it out without a word.
UNREADABLE_DATE = "unreadable date (indexed undated)"


class Header(NamedTuple):
    date: dt.date | None  # None when absent or not a real day
    body: str  # the text after the header
    unreadable: str | None = None  # the header's date when it is not a real day (2025-02-30)


def split_date_header(text: str) -> Header:
    match = _DATE_HEADER.match(text)
    if not match:
        return Header(None, text.strip())
    body = text[match.end():].strip()
    try:
        return Header(dt.date.fromisoformat(match.group(1)), body)
    except ValueError:
        return Header(None, body, match.group(1))


def parse_date(value: object) -> dt.date | None:
    """A date from JSON: 'YYYY-MM-DD', optionally followed by a time; anything else is no date."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def first_sentence(text: str, max_chars: int = HEADLINE_MAX_CHARS) -> str:
    """The headline of an article that has none: its first sentence, cut at a word boundary."""
    # Only the opening can hold the headline; looking no further keeps huge one-line files cheap.
    paragraph = " ".join(text.lstrip()[: 20 * max_chars].split("\n", 1)[0].split())
    for match in _SENTENCE_END.finditer(paragraph):
        following = match.group("next")
        starts_sentence = following is None or following.isupper() or following.isdigit()
        if starts_sentence and not _ends_with_abbreviation(paragraph[: match.start()]):
            sentence = paragraph[: match.end("stop")]
            break
    else:
        sentence = paragraph
    if len(sentence) <= max_chars:
        return sentence
    cut = sentence.rfind(" ", 0, max_chars)
    if cut <= 0:
        cut = max_chars
    return sentence[:cut].rstrip(" ,;:–—-") + "…"


LEAD_CHARS = 300


def lead_of(body: str, max_chars: int = LEAD_CHARS) -> str:
    """The opening of an article, cut at a word boundary: news puts what it is about there."""
    if len(body) <= max_chars:
        return body
    cut = body.rfind(" ", 0, max_chars)
    return body[: cut if cut > 0 else max_chars]


def _ends_with_abbreviation(before_dot: str) -> bool:
    word = before_dot.rsplit(None, 1)[-1] if before_dot.strip() else ""
    word = word.lstrip("(„\"«").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial, as in "Д. Тръмп"
    return word in _ABBREVIATIONS
