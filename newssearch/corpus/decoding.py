"""Turn an article file's bytes into text.

Bulgarian archives hold UTF-8 (sometimes with a BOM), UTF-16 from Windows tools,
and windows-1251 from the pre-Unicode web. Anything else is refused with a
reason rather than indexed as mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


class UndecodableError(ValueError):
    """The bytes are not text in an encoding we recognise; the message is the skip reason."""


# In real Bulgarian text written in windows-1251 nearly every letter is Cyrillic;
# bytes of another single-byte encoding decoded as cp1251 give a letter soup.
_MIN_CYRILLIC_SHARE = 0.6


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
    if _cyrillic_share(text) >= _MIN_CYRILLIC_SHARE:
        return Decoded(text, "windows-1251")
    raise UndecodableError("unknown encoding")


def _strict(data: bytes, encoding: str, complete: bool) -> str:
    try:
        return _decode(data, encoding, complete)
    except UnicodeDecodeError:
        raise UndecodableError(f"invalid {encoding}") from None


def _decode(data: bytes, encoding: str, complete: bool) -> str:
    return codecs.getincrementaldecoder(encoding)().decode(data, final=complete)


def _cyrillic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    return cyrillic / len(letters)
