"""JSON output: the wire format documented in the README ("JSON output")."""

from __future__ import annotations

import json
from typing import Any

from newssearch.models import Hit, SearchResult, Span


def search_result_json(result: SearchResult) -> str:
    document = {
        "query": result.query,
        "total": result.total,
        "hits": [_hit(hit) for hit in result.hits],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _hit(hit: Hit) -> dict[str, Any]:
    return {
        "rank": hit.rank,
        "id": hit.id,
        "path": hit.path,
        "title": hit.title,
        "date": hit.date.isoformat() if hit.date else None,
        "score": round(hit.score, 4),
        "url": hit.url,
        "title_highlights": _spans(hit.title_spans),
        "snippets": [{"text": snippet.text, "highlights": _spans(snippet.spans)} for snippet in hit.snippets],
    }


def _spans(spans: tuple[Span, ...]) -> list[list[int]]:
    return [[span.start, span.end] for span in spans]
