"""Batch query files: each line's id and text come back as written, whatever wrote the file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newssearch.search.batch import BatchQuery, read_batch, read_batch_file

# An id is a line's text before its first tab; a query is the rest of the line. Neither holds
# a NUL, which makes a file binary (see corpus/decoding.py).
ids = st.text(st.characters(blacklist_characters="\0\t\r\n\ufeff", blacklist_categories=("Cs",)), min_size=1).filter(
    lambda text: text.strip() == text
)
texts = st.text(st.characters(blacklist_characters="\0\r\n", blacklist_categories=("Cs",)), min_size=1).filter(str.strip)


@given(
    st.lists(st.tuples(ids, texts), min_size=1, max_size=5),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_lines_written_as_id_tab_text_read_back_as_written(rows, encoding, newline):
    """Whatever a query holds but a line break (form feeds, U+2028 from a pasted web page) stays in it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "queries.tsv"
        path.write_bytes("".join(f"{query_id}\t{text}{newline}" for query_id, text in rows).encode(encoding))
        assert read_batch_file(path) == [BatchQuery(*row) for row in rows]


def test_a_line_without_a_tab_is_numbered_and_blank_lines_are_skipped():
    lines = ["\ufeffсреща\n", "\n", "b\tбюджет\n", "   \n", "Рубио Лавров\n"]
    assert list(read_batch(lines)) == [BatchQuery("1", "среща"), BatchQuery("b", "бюджет"), BatchQuery("5", "Рубио Лавров")]


def test_only_the_first_line_loses_a_byte_order_mark():
    assert list(read_batch(["a\tб\n", "\ufeffc\tд\n"])) == [BatchQuery("a", "б"), BatchQuery("\ufeffc", "д")]
