"""Keep article text from driving the terminal.

Control characters (ESC starting ANSI/OSC sequences, carriage return, backspace,
bidi overrides...) are replaced one for one by visible symbols, so offsets of
highlights into the text stay valid.
"""

from __future__ import annotations

_REPLACEMENTS = {code: 0x2400 + code for code in range(0x20)}
_REPLACEMENTS[0x7F] = 0x2421
_REPLACEMENTS.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_REPLACEMENTS.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_REPLACEMENTS.update({0x2028: 0x2424, 0x2029: 0x2424})  # line and paragraph separators
_LINE_TABLE = str.maketrans(_REPLACEMENTS)
_TEXT_TABLE = str.maketrans({**_REPLACEMENTS, 0x0A: 0x0A})


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` safe to print; one line (a newline shown as ␊) unless `multiline`."""
    return text.translate(_TEXT_TABLE if multiline else _LINE_TABLE)
