"""The index's word lists give exactly the postings Whoosh's token streams give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.formats import Frequency, Positions

from newssearch.index.schema import ListedFrequency, ListedPositions, build_schema

SCHEMA = build_schema()
WORDS = ["и", "на", "в", "срещата", "Срещи", "министрите", "т.е.", "1.5", "15.08.2025", "NATO", "Бaйдън",
         "пре\u00adзидент", "е\u0301", "ѝ", "руско-украинската", "сащ.тръмп", "„цитат“", "—", "CNN's", "г."]  # fmt: skip
texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)  # the first example loads the lemmatizer
@given(texts)
def test_every_listed_field_posts_what_its_token_stream_posts(text):
    for name in ("title", "body", "lead", "exact"):
        field = SCHEMA[name]
        assert isinstance(field.format, (ListedPositions, ListedFrequency))
        stream_format = Positions if isinstance(field.format, Positions) else Frequency
        from_stream = sorted(stream_format.word_values(field.format, text, field.analyzer, mode="index"))
        assert sorted(field.format.word_values(text, field.analyzer, mode="index")) == from_stream, name
        # What the writer takes: the same postings with each word in UTF-8.
        assert sorted(field.index(text)) == [(word.encode(), *rest) for word, *rest in from_stream], name


@given(st.lists(st.integers(0, 1 << 20), min_size=1, max_size=50, unique=True).map(sorted))
def test_positions_read_back_as_written_whatever_their_gaps(positions):
    listed = SCHEMA["body"].format
    encoded = listed.encode(positions)
    assert listed.decode_positions(encoded) == positions
    assert listed.decode_frequency(encoded) == len(positions)
    assert len(encoded) <= 4 + 4 * len(positions)
