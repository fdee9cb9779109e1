"""One analysis of a text for every field that indexes it.

The body is indexed twice (lemmas, words as written), and both start with the
same tokenise -> normalise -> stop-word chain, as do the lead and title fields.
`SharedWords` runs that chain once per text and replays its tokens to the other
fields: the builder hands the same string object to each, so identity tells that
the text is one just analysed. The last three texts are kept, so that fields of
other texts between two of the same one cost no second analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from whoosh.analysis import Analyzer, Token, Tokenizer

# (text, pos, startchar, endchar, boost, stopped, original) of each token of the chain's output.
_Recorded = tuple[str, int, int, int, float, bool, str]

# The words and normalised words of an article's body, headline and lead, asked for in turn: with
# fewer, the lead's would push out the body's before its near-duplicate signature reads them again.
_KEPT = 6
_recent: list[tuple[str, object, Any]] = []  # newest first
T = TypeVar("T")


class SharedWords(Tokenizer):
    """A tokenizer that yields `chain`'s output, computing it once per text."""

    def __init__(self, chain: Analyzer) -> None:
        self.chain = chain

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.chain == self.chain  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, value: str, positions: bool = False, chars: bool = False, **options: Any) -> Iterator[Token]:
        # Options other than positions and chars change the tokens, so they key the cache.
        keeporiginal = bool(options.get("keeporiginal", False))
        recorded = _analysed(self.chain, value, options)
        token_options = {k: v for k, v in options.items() if k not in ("keeporiginal", "start_pos", "start_char")}
        token = Token(positions, chars, **token_options)
        for text, pos, startchar, endchar, boost, stopped, original in recorded:
            token.text, token.boost, token.stopped = text, boost, stopped
            token.pos, token.startchar, token.endchar = pos, startchar, endchar
            if keeporiginal:
                token.original = original
            yield token


def _analysed(chain: Analyzer, value: str, options: dict[str, Any]) -> list[_Recorded]:
    return remembered(
        value,
        (chain, tuple(sorted(options.items()))),
        lambda: [
            (t.text, t.pos, t.startchar, t.endchar, t.boost, t.stopped, getattr(t, "original", t.text))
            for t in chain(value, positions=True, chars=True, **options)
        ],
    )


def remembered(value: str, key: object, compute: Callable[[], T]) -> T:
    """`compute()` for this text object and key, computed again only if neither of the last texts was it."""
    for text, text_key, result in _recent:
        if text is value and text_key == key:
            return result  # type: ignore[no-any-return]
    result = compute()
    _recent.insert(0, (value, key, result))
    del _recent[_KEPT:]
    return result
