"""Character-level normalisation of one token's text.

Applied per token inside the token stream, after tokenising the original text,
so that token offsets keep pointing at the characters the user sees.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks left after NFC (stress accents such as е́), and invisible
# characters that break words in pasted news text: soft hyphen, zero-width space,
# joiners, word joiner, BOM.
INVISIBLE_CHARS = "\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff"  # as ranges of a character class
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")

# ѝ (the pronoun "her") is и with a grave accent; people type it as и. Fullwidth
# Latin letters and digits (ＣＮＮ, ２０２５, typed with an East Asian input method)
# are the ASCII ones; only these, as NFKC would also rewrite ligatures, superscripts
# and the like that carry meaning.
FULLWIDTH_CHARS = "\uff01-\uff5e"  # ！ .. ～, laid out as ASCII's ! .. ~ (a character class's range)
_FULLWIDTH_OFFSET = 0xFF01 - ord("!")
_LETTER_FOLDS = str.maketrans(
    {"ѝ": "и", "Ѝ": "и"} | {chr(code): chr(code - _FULLWIDTH_OFFSET) for code in range(0xFF01, 0xFF5F)}
)

# Latin letters that look like Cyrillic ones (after case folding: A, B, H, M, T
# are look-alikes only as capitals, but both cases fold the same way here), and
# the Greenlandic kra ĸ that some Bulgarian sites use for к.
_LOOKALIKES = str.maketrans(dict(zip("abcehkmoptxyĸ", "авсенкмортхук")))
_LATIN = re.compile("[a-zĸ]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """NFC, drop accents and invisible characters, case-fold, fold ѝ to и and fullwidth to ASCII, repair mixed scripts."""
    text = unicodedata.normalize("NFC", text).translate(_LETTER_FOLDS)
    return fold_lookalikes(_INVISIBLE.sub("", text).casefold())


def fold_lookalikes(word: str) -> str:
    """Бaйдън typed with a Latin a becomes Байдън: a Cyrillic word with Latin look-alike
    letters is written in Cyrillic. A word with any other Latin letter is left alone."""
    if not (_LATIN.search(word) and _CYRILLIC.search(word)):
        return word
    folded = word.translate(_LOOKALIKES)
    return word if _LATIN.search(folded) else folded
