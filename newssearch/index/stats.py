"""What an index holds: `newssearch stats`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newssearch.index.storage import damage_reported, open_index
from newssearch.models import IndexStats

UNDATED = 2**64 - 1  # what Whoosh's date column holds for an article without a date


def index_stats(index_dir: Path) -> IndexStats:
    opened = open_index(index_dir)
    with damage_reported(index_dir), opened.searcher() as searcher:
        reader = searcher.reader()
        raw = reader.column_reader("date", translate=False)
        known = [raw[docnum] for docnum in reader.all_doc_ids() if raw[docnum] != UNDATED]
        translate = searcher.schema["date"].from_column_value
        first, last = (translate(min(known)).date(), translate(max(known)).date()) if known else (None, None)
        vocabulary = sum(1 for _ in reader.lexicon("exact"))
        articles = searcher.doc_count()
    return IndexStats(
        index_dir=str(index_dir),
        articles=articles,
        first_date=first,
        last_date=last,
        undated=articles - len(known),
        vocabulary=vocabulary,
        index_bytes=sum(path.stat().st_size for path in opened.directory.iterdir() if path.is_file()),
        built_at=opened.meta.get("built_at"),
        sources=tuple(opened.meta.get("sources", ())),
    )
