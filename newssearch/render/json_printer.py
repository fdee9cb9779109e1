"""JSON output: the wire format documented in the README ("JSON output")."""

from __future__ import annotations

import json
from typing import Any

from newssearch.models import ArticleView, Hit, IndexStats, SearchResult, Span


# JSON escapes C0 control characters itself; DEL and the C1 range (U+0080..U+009F, where
# U+009B starts a terminal control sequence) it writes raw. Only strings can hold them.
_C1_ESCAPES = str.maketrans({code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)})


def _dumps(document: object, indent: int | None = None) -> str:
    """Readable UTF-8 JSON that is still safe to print on a terminal."""
    return json.dumps(document, ensure_ascii=False, indent=indent).translate(_C1_ESCAPES)


def search_result_json(result: SearchResult) -> str:
    document = _result(result)
    if result.timeline is not None:
        document["timeline"] = [{"month": m.month, "count": m.count} for m in result.timeline]
    return _dumps(document, indent=2)


def batch_line_json(query_id: str, result: SearchResult) -> str:
    """One line of `query --batch` output."""
    return _dumps({"id": query_id, **_result(result)})


def _result(result: SearchResult) -> dict[str, Any]:
    return {
        "query": result.query,
        "interpreted_query": result.interpreted_query,
        "suggestion": result.suggestion,
        "corrected": result.corrected,
        "notes": list(result.notes),
        "total": result.total,
        "hits": [_hit(hit) for hit in result.hits],
    }


def batch_error_json(query_id: str, query: str, message: str) -> str:
    return _dumps({"id": query_id, "query": query, "error": message})


def hit_lines_json(result: SearchResult) -> str:
    """--jsonl: one hit per line, each with the query it answers, for streaming tools."""
    return "".join(_dumps({"query": result.query, **_hit(hit)}) + "\n" for hit in result.hits)


def article_json(article: ArticleView) -> str:
    document = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "url": article.url,
        "title_highlights": _spans(article.title_spans),
        "text": article.body,
        "highlights": _spans(article.body_spans),
    }
    return _dumps(document, indent=2)


def stats_json(stats: IndexStats) -> str:
    document = {
        "index": stats.index_dir,
        "articles": stats.articles,
        "first_date": stats.first_date.isoformat() if stats.first_date else None,
        "last_date": stats.last_date.isoformat() if stats.last_date else None,
        "undated": stats.undated,
        "vocabulary": stats.vocabulary,
        "index_bytes": stats.index_bytes,
        "built_at": stats.built_at,
        "sources": list(stats.sources),
    }
    return _dumps(document, indent=2)


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
        "duplicates": [duplicate.id for duplicate in hit.duplicates],
        "missing": list(hit.missing),
    }


def _spans(spans: tuple[Span, ...]) -> list[list[int]]:
    return [[span.start, span.end] for span in spans]
