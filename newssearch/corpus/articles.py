"""The article text format: an optional ` date YYYY-MM-DD ` header, then the text."""

from __future__ import annotations

import datetime as dt
import re

HEADLINE_MAX_CHARS = 150

_DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")

# A sentence ends at . ! ? or … (closing quotes and brackets may follow) when the
# next sentence starts with a capital letter or a digit, possibly after an opening quote.
_SENTENCE_END = re.compile(r"(?P<stop>[.!?…]+[\"'»“”’)]*)(?:\s+[„\"«“(]?(?P<next>\w)|\s*\Z)")

# Words that end in a dot without ending the sentence (Bulgarian abbreviations).
_ABBREVIATIONS = frozenset(
    "г гр ул бул пл проф доц акад д-р инж арх ген полк св др т.е т.нар вкл напр млн млрд хил лв ч мин стр обл с кв".split()
)


def split_date_header(text: str) -> tuple[dt.date | None, str]:
    """Return the header's date (None when absent or not a real date) and the text after it."""
    match = _DATE_HEADER.match(text)
    if not match:
        return None, text.strip()
    try:
        date = dt.date.fromisoformat(match.group(1))
    except ValueError:
        date = None
    return date, text[match.end():].strip()


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
