"""Whoosh filter adapters around the pure analysis functions.

Each is a generator over Whoosh's single reused Token: it changes the token in
place and never keeps a reference to it. Classes live at module level because
Whoosh pickles the analyzer into the index.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Filter, Token

from newssearch.analysis.lemmatize import index_term, truncate_word
from newssearch.analysis.normalize import normalize


class NormalizeFilter(Filter):
    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = normalize(token.text)
            if token.text:
                yield token


class PrefixFilter(Filter):
    """Cut words to their first letters: a coarse stem that also joins derived words
    (мистерия, мистериозна; предсказа, предсказание) that no lemma joins."""

    is_morph = True

    def __init__(self, length: int = 5) -> None:
        self.length = length

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.length == self.length  # type: ignore[attr-defined]

    def word(self, text: str) -> str:
        return truncate_word(text, self.length)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = self.word(token.text)
            yield token


class IndexTermFilter(Filter):
    """Replace each word by its lemma or stem (see `index_term`)."""

    is_morph = True

    word = staticmethod(index_term)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = self.word(token.text)
            yield token
