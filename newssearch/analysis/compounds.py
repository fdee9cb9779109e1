"""Closed compounds of a productive first element and a word: свръхмиграция, евроизборите.

News coins them faster than a dictionary lists them (спецоперацията, геополитика,
кибератаки), and an article about the thing often names it by the second word
alone, the head: миграция, изборите, операцията. The head is what a search can
also look for.

The first elements are those that join a whole word without changing it.
Left out are those that more often begin words of their own whose rest happens to be
another word: авто (автомобилен: мобилен), био (биологичен: логичен), еко (екологично:
логично), екс (екстрадиция: традиция), контра (контрабанда: банда), между (международен:
народен), нео (неограничен), радио (радиоактивни: активни), теле (телевизия: визия),
транс (транспорт: спорт).

Pure: whether the head is a word someone wrote is the caller's to check.
"""

from __future__ import annotations

FIRST_ELEMENTS = (
    "агро", "анти", "архи", "велико", "видео", "вице", "гео", "евро", "електро", "квази",
    "кибер", "макро", "мега", "микро", "мини", "мулти", "нано", "пост", "полу", "псевдо",
    "свръх", "спец", "супер", "термо", "ултра", "фото", "хидро", "хипер",
)  # fmt: skip
MIN_HEAD = 5  # letters: shorter rests are more often a word's end than a word (постовете)


def compound_head(word: str) -> str | None:
    """The second word of a normalised compound (свръхмиграция -> миграция), or None."""
    for element in FIRST_ELEMENTS:
        if word.startswith(element) and len(word) - len(element) >= MIN_HEAD:
            return word[len(element) :]
    return None
