"""Character-level normalisation of one token's text.

Applied per token inside the token stream, after tokenising the original text,
so that token offsets keep pointing at the characters the user sees.
"""

from __future__ import annotations

import re
import unicodedata

# Combining marks left after NFC (stress accents such as е́), and invisible
# characters that break words in pasted news text: soft hyphen, zero-width space,
# joiners, word joiner, BOM.
_INVISIBLE = re.compile("[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]")

# ѝ (the pronoun "her") is и with a grave accent; people type it as и.
_LETTER_FOLDS = str.maketrans({"ѝ": "и", "Ѝ": "и"})


def normalize(text: str) -> str:
    """NFC, drop accents and invisible characters, case-fold, fold ѝ to и."""
    text = unicodedata.normalize("NFC", text).translate(_LETTER_FOLDS)
    return _INVISIBLE.sub("", text).casefold()
