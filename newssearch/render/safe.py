"""Keep article text from driving the terminal.

Control characters (ESC starting ANSI/OSC sequences, carriage return, backspace,
bidi overrides...) are replaced one for one by visible symbols, so offsets of
highlights into the text stay valid.
"""

from __future__ import annotations

_REPLACEMENTS = {code: 0x2400 + code for code in range(0x20) if code not in (0x0A,)}
_REPLACEMENTS[0x7F] = 0x2421
_REPLACEMENTS.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_REPLACEMENTS.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_TABLE = str.maketrans(_REPLACEMENTS)


def printable(text: str) -> str:
    return text.translate(_TABLE)
