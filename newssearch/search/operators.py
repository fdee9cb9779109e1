"""The query syntax's operator words: operators with nothing to join, and web search's minus.

Whoosh reads an operator that lacks an operand as a word: "Путин AND" searched
for the English "and" as well, and ranked an article quoting English prose above
the articles about Путин; "Путин NOT" did the same with "not". It has no minus
either: "Путин -Тръмп" looked for Тръмп instead of leaving it out.
"""

from __future__ import annotations

import re

BINARY_OPERATORS = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
# Words that are syntax, not words to search, correct or transliterate (TO: a range's).
OPERATORS = BINARY_OPERATORS | {"NOT", "TO"}

# A quoted phrase (to its closing quote, or to the end), a bracket, or anything else up to a space.
_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
# A minus, then a letter: the start of a word or of a field name (-title:Тръмп).
_MINUS_WORD = re.compile(r"-[^\W\d_]")


def minus_as_not(text: str) -> str:
    """A word with a minus before it, as web search engines write an exclusion (Путин -Тръмп,
    -title:Тръмп), as NOT before the word: Whoosh would search it as the word itself. A dash
    with a space after it is punctuation (Путин - Тръмп), a number keeps its sign (-5), and
    a phrase in quotes is left whole."""
    excluded = [token.start() for token in _TOKEN.finditer(text) if _MINUS_WORD.match(token.group())]
    for start in reversed(excluded):
        text = text[:start] + "NOT " + text[start + 1 :]
    return text


def without_dangling_operators(text: str) -> str:
    """The query without the operators that join nothing: AND, OR, ANDNOT or ANDMAYBE with no word
    before or after it, and NOT with none after it (or another NOT). An operator in quotes is a
    word of the phrase. Dropping one can leave another with nothing (Путин AND NOT): until none is left."""
    while (shorter := _one_pass(text)) != text:
        text = shorter
    return text


def _one_pass(text: str) -> str:
    tokens = list(_TOKEN.finditer(text))
    kept_before: str | None = None  # the last token kept
    dropped: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1].group() if index + 1 < len(tokens) else None
        nothing_after = following in (None, ")") or following in BINARY_OPERATORS
        if token.group() in BINARY_OPERATORS:
            dangling = nothing_after or kept_before in (None, "(") or kept_before in OPERATORS
        else:
            dangling = token.group() == "NOT" and (nothing_after or following == "NOT")
        if dangling:
            dropped.append(token.span())
        else:
            kept_before = token.group()
    for start, end in reversed(dropped):
        text = text[:start] + " " + text[end:]
    return text.strip() if dropped else text


def only_excluded_note(text: str) -> tuple[str, ...]:
    """A note for a query that only excludes (NOT Путин), which finds nothing by itself."""
    if any(token.group() == "NOT" for token in _TOKEN.finditer(text)):
        return ("NOT and -word only leave out articles: add words to look for, as in Тръмп NOT Путин or Тръмп -Путин",)
    return ()
