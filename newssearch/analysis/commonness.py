"""How common a word is in Bulgarian at large, from wordfreq's word lists.

An archive's own document frequencies cannot tell an everyday word from a
telling one among the words it holds a few times: in a few hundred articles
"хора" and "реципрочно" may each occur once. Wordfreq counts Bulgarian over
Wikipedia, subtitles, news and web text, which knows better. The lists take a
quarter of a second to import, so only building an index reads them; the index
keeps each word's figure (see `index/term_map.py`).
"""

from __future__ import annotations

LANGUAGE = "bg"


def zipf(word: str) -> float:
    """The word's frequency on the Zipf scale: log10 of its occurrences per billion words,
    from about 7.7 for "на" down to 0 for a word the lists do not hold (most names and rare words)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, LANGUAGE))
