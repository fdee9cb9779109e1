"""The tokenizer: runs of letters and digits, with exact offsets into the original text.

Everything else separates words: spaces, punctuation, typographic quotes „“ and
dashes, and the hyphen, so that the parts of руско-украинската are searchable
(a hyphenated query word is searched as the phrase of its parts). A dot
separates words too (сащ.тръмп, petel.bg), except inside numbers (1.5,
15.08.2025) and abbreviations that start with a one-letter word (т.е., т.нар.).
Combining accents and invisible characters inside a word stay part of it (the
normaliser removes them), so a soft hyphen does not split a word in two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer

from newssearch.analysis.normalize import INVISIBLE_CHARS

_INVISIBLE = f"[{INVISIBLE_CHARS}]"
WORD = re.compile(
    r"\d+(?:[.,]\d+)+"  # 1.5, 2,3, 15.08.2025
    r"|(?<![^\W_])[а-яa-z](?:\.[а-яa-z]+)+(?=\.)"  # т.е., т.нар. (not г.във, a missing space)
    # A letter or digit, then letters, digits and invisible characters; written as runs
    # (not one alternation per character) it is a fifth faster, and indexing runs it on every word.
    rf"|[^\W_]+(?:{_INVISIBLE}+[^\W_]*)*"
)


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """Word matches in `text`; the pure core of `WordTokenizer`."""
    return WORD.finditer(text)


class WordTokenizer(Tokenizer):
    """Whoosh adapter around `iter_words`. Yields one reused Token, as Whoosh filters expect."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # The query parser hands over single terms (wildcards, ranges) untokenised.
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        for pos, match in enumerate(iter_words(value), start=start_pos):
            token.text = match.group()
            token.boost = 1.0
            if keeporiginal:
                token.original = token.text
            token.stopped = False
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token
