import datetime as dt
import json

from newssearch.models import Hit, SearchResult, Snippet, Span
from newssearch.render.json_printer import search_result_json


def test_json_document_shape_and_offsets():
    hit = Hit(
        rank=1, id="a.txt", path="c/a.txt", title="Среща", date=dt.date(2025, 1, 2), score=1.23456,
        title_spans=(Span(0, 5),), snippets=(Snippet("…срещата\x1b[31m…", (Span(1, 8),)),), missing=("Шолц",),
    )
    document = json.loads(search_result_json(SearchResult("среща", 7, (hit,))))
    assert document == {
        "query": "среща",
        "interpreted_query": None,
        "suggestion": None,
        "corrected": False,
        "notes": [],
        "total": 7,
        "hits": [
            {
                "rank": 1, "id": "a.txt", "path": "c/a.txt", "title": "Среща", "date": "2025-01-02",
                "score": 1.2346, "url": None, "title_highlights": [[0, 5]],
                "snippets": [{"text": "…срещата\x1b[31m…", "highlights": [[1, 8]]}],
                "duplicates": [],
                "missing": ["Шолц"],
            }
        ],
    }


def test_control_characters_are_escaped_in_json_text():
    text = search_result_json(SearchResult("\x1b[2J", 0))
    assert "\x1b" not in text and "\\u001b" in text


def test_c1_control_characters_are_escaped_and_round_trip():
    text = search_result_json(SearchResult("\x9b31m\x7fзаявка", 0))
    assert "\x9b" not in text and "\x7f" not in text
    assert json.loads(text)["query"] == "\x9b31m\x7fзаявка"
