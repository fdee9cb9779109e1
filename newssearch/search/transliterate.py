"""Latin-typed Bulgarian -> Cyrillic words that the index actually holds.

People without a Cyrillic keyboard type `Lavrov`, `Budapeshta`, `shte`, or the
informal "shlyokavitsa" (`4` for ч, `6` for ш, `q` for я, `w` for в). Reading
such a word backwards is ambiguous (a may be а or ъ, y may be й, ъ or ь ...),
so every reading is walked letter by letter and a reading is dropped as soon as
no word of the index starts with it: the index's own vocabulary is the
dictionary. A step budget bounds the walk for long or odd words.

Pure: the vocabulary is reached through two functions given by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice, product

from newssearch.search.operators import OPERATORS

# Longer units first: "sht" is щ before it is ш + т. Each unit lists its readings.
_UNITS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sht", ("щ",)), ("6t", ("щ",)),
    ("zh", ("ж",)), ("ts", ("ц",)), ("tz", ("ц",)), ("ch", ("ч",)), ("sh", ("ш",)), ("kh", ("х",)),
    ("yu", ("ю",)), ("ya", ("я",)), ("ju", ("ю",)), ("ja", ("я",)), ("ia", ("ия", "я")), ("iu", ("ию", "ю")),
    ("yo", ("йо", "ьо")),
    ("a", ("а", "ъ")), ("b", ("б",)), ("c", ("ц", "к")), ("d", ("д",)), ("e", ("е",)), ("f", ("ф",)),
    ("g", ("г",)), ("h", ("х",)), ("i", ("и", "й")), ("j", ("ж", "й")), ("k", ("к",)), ("l", ("л",)),
    ("m", ("м",)), ("n", ("н",)), ("o", ("о",)), ("p", ("п",)), ("q", ("я",)), ("r", ("р",)), ("s", ("с",)),
    ("t", ("т",)), ("u", ("у", "ъ", "ю")), ("v", ("в",)), ("w", ("в",)), ("x", ("кс", "х")),
    ("y", ("й", "ъ", "ь", "и")), ("z", ("з",)), ("4", ("ч",)), ("6", ("ш",)),
)  # fmt: skip

NO_WORD_ENDS_IN = ("ъ", "ь")  # since the spelling reform of 1945
LATIN_WORD = re.compile(r"[a-z][a-z46]*", re.IGNORECASE)
MAX_STEPS = 1500  # vocabulary look-ups per word: a few milliseconds
MAX_CANDIDATES = 3
MIN_SHARE = 0.05  # drop candidates far rarer than the best one
MAX_SPELLINGS = 64  # spellings of a guess's unread letters whose lemma is looked up
MIN_READ = 4  # typed letters whose reading begins some word of the index, for a guess to rest on (see cyrillic_candidates)


@dataclass(frozen=True)
class Vocabulary:
    has_prefix: Callable[[str], bool]
    frequency: Callable[[str], int]  # 0 when the word is not in the index
    # Whether the index holds the lemma of a word it may not hold (геноцидът: геноцид)
    lemma_known: Callable[[str], bool] = lambda word: False


def is_latin_word(word: str) -> bool:
    return bool(LATIN_WORD.fullmatch(word)) and any(ch.isalpha() for ch in word)


def cyrillic_candidates(word: str, vocabulary: Vocabulary) -> list[str]:
    """The index's Cyrillic words that `word` may be a Latin spelling of, most frequent first.

    When no reading is a whole word of the index (a form no article happens to
    use: gramnaha for гръмнаха), the reading that goes furthest along the index's
    words is spelled out to the end, so that analysis can still find its lemma;
    unless the Latin word itself is in the index, or the guess would rest on
    fewer than MIN_READ typed letters.
    """
    latin = word.lower()
    found: dict[str, int] = {}
    steps = 0
    stack: list[tuple[int, str]] = [(0, "")]
    reached: list[tuple[int, str]] = []  # readings of the word's start that begin words of the index
    while stack and steps < MAX_STEPS:
        position, prefix = stack.pop()
        if position == len(latin) and prefix.endswith(NO_WORD_ENDS_IN):
            continue  # virusa is вируса, never вирусъ (a prefix of вирусът)
        reached.append((position, prefix))
        if position == len(latin):
            frequency = vocabulary.frequency(prefix)
            if frequency:
                found[prefix] = frequency
            continue
        for unit, readings in _UNITS:
            if not latin.startswith(unit, position):
                continue
            for reading in readings:
                extended = prefix + reading
                steps += 1
                if len(extended) < 2 or vocabulary.has_prefix(extended):
                    stack.append((position + len(unit), extended))
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    if not ranked:
        guesses = _guess_order(latin, reached)
        if stack or not guesses or vocabulary.frequency(latin):
            return []  # the walk was cut short, or a guess would be mostly letters of our choosing
        position, prefix = guesses[0]
        return [_guess(latin, guesses, vocabulary) or prefix + _spelled_out(latin[position:])]
    best = ranked[0][1]
    return [candidate for candidate, frequency in ranked[:MAX_CANDIDATES] if frequency >= best * MIN_SHARE]


def _guess_order(latin: str, reached: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The readings of the word's start that a guess may rest on (MIN_READ typed letters or more), best
    first: those that end between units of the typed word before those that end inside one (zhal-y-at,
    where ya is one letter: zhalyat is жалят, not жалиът), then the furthest, then the one with more of
    the index's letters (razh read as разх, not ръж: razhlabvane is разхлабване)."""
    boundaries = {start for start, _ in _units(latin)} | {len(latin)}
    usable = (state for state in reached if state[0] >= MIN_READ)
    return sorted(usable, key=lambda state: (state[0] not in boundaries, -state[0], -len(state[1])))


def _guess(latin: str, guesses: list[tuple[int, str]], vocabulary: Vocabulary) -> str | None:
    """The first spelling whose lemma the index holds of a reading that went along the index's
    words (in `_guess_order`), then the rest of the word in any of its readings (Genotsidat:
    геноцидът, from геноцид, where the index has геноцида but no геноцидът)."""
    spellings = (prefix + "".join(letters) for position, prefix in guesses for letters in product(*_readings(latin[position:])))
    whole = (spelling for spelling in spellings if not spelling.endswith(NO_WORD_ENDS_IN))
    return next((spelling for spelling in islice(whole, MAX_SPELLINGS) if vocabulary.lemma_known(spelling)), None)


def _readings(latin: str) -> list[tuple[str, ...]]:
    """Each unit's readings, in the order of `_UNITS` (the official reading first)."""
    return [readings for _, readings in _units(latin)]


def _units(latin: str) -> list[tuple[int, tuple[str, ...]]]:
    """The word cut into units, longest first at each position: (where each starts, its readings)."""
    units = []
    position = 0
    while position < len(latin):
        for unit, unit_readings in _UNITS:
            if latin.startswith(unit, position):
                units.append((position, unit_readings))
                position += len(unit)
                break
        else:  # not a letter the units read
            units.append((position, (latin[position],)))
            position += 1
    return units


def _spelled_out(latin: str) -> str:
    """Latin letters in Cyrillic, each unit by its first reading (the official transliteration's)."""
    return "".join(readings[0] for readings in _readings(latin))


@dataclass(frozen=True)
class Rewritten:
    query: str  # for the parser: each Latin word OR-ed with its Cyrillic readings
    shown: str | None  # for the user: the query as searched, None when nothing changed


# A bare word: not part of a field name or value (title:x), a wildcard, a 'single-quoted'
# term (which Whoosh takes whole, operators and all), or a longer token; and its fuzzy
# mark (Lavrov~, search.fuzzy), which goes with each of its readings. A hyphenated
# word is read whole (COVID-19, rusko-ukrainskata), its numbers as they are: reading
# a part alone would cut it from the rest, and the rest would be searched on its own.
_LATIN_PART = r"[A-Za-z][A-Za-z46]*"
_HYPHENATED_PART = r"[A-Za-z0-9]+"  # G7, 19: kept as typed unless a Latin spelling
_BARE_WORD = re.compile(
    rf"(?<![\w:*?'])(?<!\w-)((?:{_HYPHENATED_PART}-)*{_LATIN_PART}(?:-{_HYPHENATED_PART})*)(~\d*)?(?![\w:*?']|-\w)"
)


def rewrite_latin_words(text: str, vocabulary: Vocabulary) -> Rewritten:
    """Give each bare Latin word of a query its Cyrillic readings; quoted phrases stay as typed."""
    query_parts: list[str] = []
    shown_parts: list[str] = []
    changed = False
    for index, segment in enumerate(text.split('"')):
        if index % 2:  # inside quotes
            query_parts.append(segment)
            shown_parts.append(segment)
            continue
        query_segment, shown_segment = [], []
        last = 0
        for match in _BARE_WORD.finditer(segment):
            word, fuzzy = match.group(1), match.group(2) or ""
            candidates = [] if word in OPERATORS else _word_readings(word, vocabulary)
            query_segment.append(segment[last : match.start()])
            shown_segment.append(segment[last : match.start()])
            if candidates:
                changed = True
                query_segment.append("(" + " OR ".join(each + fuzzy for each in [word, *candidates]) + ")")
                shown_segment.append("/".join(_match_case(word, candidate) + fuzzy for candidate in candidates))
            else:
                query_segment.append(match.group())
                shown_segment.append(match.group())
            last = match.end()
        query_segment.append(segment[last:])
        shown_segment.append(segment[last:])
        query_parts.append("".join(query_segment))
        shown_parts.append("".join(shown_segment))
    return Rewritten('"'.join(query_parts), '"'.join(shown_parts) if changed else None)


def _word_readings(word: str, vocabulary: Vocabulary) -> list[str]:
    """A word's Cyrillic readings; a hyphenated word's one reading, each Latin spelling read
    as its likeliest and the other parts (19, G7) as typed, if every spelling has a reading."""
    if "-" not in word:
        return cyrillic_candidates(word, vocabulary)
    parts = []
    for part in word.split("-"):
        reading = next(iter(cyrillic_candidates(part, vocabulary)), None) if re.fullmatch(_LATIN_PART, part) else part
        if reading is None:
            return []
        parts.append(reading)
    return ["-".join(parts)]


def _match_case(latin: str, cyrillic: str) -> str:
    """Show the reading in the case the user typed: NATO -> НАТО, Lavrov -> Лавров; a
    hyphenated word's parts each in their own (Tramp-Putin -> Тръмп-Путин)."""
    if "-" in latin:
        return "-".join(map(_match_case, latin.split("-"), cyrillic.split("-")))
    if len(latin) > 1 and latin.isupper():
        return cyrillic.upper()
    if latin[0].isupper():
        return cyrillic.capitalize()
    return cyrillic
