"""The lemma dictionary's Bulgarian entries, written into the index for queries.

A query word the index has never seen (срещите, when the archive only says
срещата) needs the lemma rules, which ask the dictionary about it and about
forms near it. Loading simplemma for that costs a query some 0.4 s, most of its
time; this table answers the same questions from a memory-mapped file with a
binary search, loading nothing.

Each line is `form<TAB>letters to drop<TAB>letters to add`: the lemma is the form
with that many letters taken off its end and the others put on (срещите 3 а ->
среща), which keeps the file under 6 MB. The build writes it once per index;
an update keeps the copy it inherits.
"""

from __future__ import annotations

import os
import unicodedata
from functools import cache
from pathlib import Path

from newssearch.index.term_map import SortedLines

LEMMA_TABLE = "lemmas.tsv"
LANGUAGE = "bg"


def write_lemma_table(directory: Path) -> None:
    path = directory / LEMMA_TABLE
    if not path.exists():
        path.write_bytes(_table_bytes())


@cache
def _table_bytes() -> bytes:
    """The table of simplemma's dictionary, built once per process (tests build many indexes)."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    entries = DefaultDictionaryFactory().get_dictionary(LANGUAGE)
    lines = []
    for form, lemma in entries.items():
        if "\t" in form or "\n" in form or "\n" in lemma:
            continue
        kept = len(os.path.commonprefix([form, lemma]))
        lines.append(f"{form}\t{len(form) - kept}\t{lemma[kept:]}\n".encode())
    lines.sort()  # byte order, as the binary search compares
    return b"".join(lines)


class LemmaTable:
    """simplemma's `is_known` and `lemmatize`, for Bulgarian words, from an index's table.

    A word is looked up as written and then with its first letter's case swapped,
    as simplemma does (its entries for names are capitalised: Ватикана).
    """

    def __init__(self, path: Path) -> None:
        self._lines = SortedLines(path)

    def __bool__(self) -> bool:
        return bool(self._lines)

    def is_known(self, token: str, lang: str) -> bool:
        return self._lemma(token) is not None

    def lemmatize(self, token: str, lang: str) -> str:
        lemma = self._lemma(token)
        return lemma if lemma is not None else token.lower()

    def _lemma(self, token: str) -> str | None:
        token = unicodedata.normalize("NFC", token)
        swapped = token.lower() if token[:1].isupper() else token.capitalize()
        for form in (token, swapped):
            lemma = self._lines.parsed(form, lambda fields: _edited(form, fields))
            if lemma is not None:
                return lemma
        return None


def _edited(form: str, fields: list[bytes]) -> str:
    """The lemma on a form's line: the form with `drop` letters taken off its end and `add` put on."""
    drop, add = fields
    return form[: len(form) - int(drop)] + add.decode("utf-8")
