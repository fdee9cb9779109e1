"""Turn an article file's bytes into text.

Bulgarian archives hold UTF-8 (sometimes with a BOM), UTF-16 from Windows tools,
and windows-1251 from the pre-Unicode web. Anything else is refused with a
reason rather than indexed as mojibake.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


class UndecodableError(ValueError):
    """The bytes are not text in an encoding we recognise; the message is the skip reason."""


# In real Bulgarian text written in windows-1251 nearly every letter is Cyrillic;
# bytes of another single-byte encoding decoded as cp1251 give a letter soup: the
# accented letters of a Latin script turn into Cyrillic ones inside Latin words
# (über -> ьber). A short item full of Latin names (Reuters: Apple и Google ще
# инвестират в България) has fewer Cyrillic letters, but in words of their own.
_MIN_CYRILLIC_SHARE = 0.6
_MIN_CYRILLIC_SHARE_IN_OWN_WORDS = 0.2
_MAX_MIXED_SHARE = 0.1  # of the Cyrillic letters, those in words with Latin letters too
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")


def decode_bytes(data: bytes, *, complete: bool = True) -> Decoded:
    """Decode a file's bytes; with `complete=False` (the first part of a file too big to read
    whole) a character cut in two at the end is dropped rather than refused."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data[len(codecs.BOM_UTF8):], "utf-8", complete), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(data, "utf-16", complete), "utf-16")
    if b"\0" in data:
        raise UndecodableError("binary file")
    try:
        return Decoded(_decode(data, "utf-8", complete), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    if _reads_as_cyrillic(text):
        return Decoded(text, "windows-1251")
    raise UndecodableError("unknown encoding")


def _strict(data: bytes, encoding: str, complete: bool) -> str:
    try:
        return _decode(data, encoding, complete)
    except UnicodeDecodeError:
        raise UndecodableError(f"invalid {encoding}") from None


def _decode(data: bytes, encoding: str, complete: bool) -> str:
    return codecs.getincrementaldecoder(encoding)().decode(data, final=complete)


def _reads_as_cyrillic(text: str) -> bool:
    letters = cyrillic = mixed = 0
    for word in _WORD.findall(text):
        in_word = len(_CYRILLIC_LETTER.findall(word))
        letters += len(word)
        cyrillic += in_word
        if 0 < in_word < len(word):
            mixed += in_word
    if not cyrillic:
        return False
    share = cyrillic / letters
    own_words = mixed <= _MAX_MIXED_SHARE * cyrillic
    return share >= _MIN_CYRILLIC_SHARE or (own_words and share >= _MIN_CYRILLIC_SHARE_IN_OWN_WORDS)
