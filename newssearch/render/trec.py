"""TREC run files (`qid Q0 docid rank score tag`), the input of trec_eval and similar tools."""

from __future__ import annotations

import re

from newssearch.models import SearchResult

RUN_TAG = "newssearch"

# TREC fields are separated by white space: escape it (and %, and control characters) inside ids.
_UNSAFE = re.compile(r"[\s%\x00-\x1f\x7f-\x9f]")


def trec_lines(query_id: str, result: SearchResult) -> str:
    qid = _escape(query_id)
    return "".join(f"{qid} Q0 {_escape(hit.id)} {hit.rank} {hit.score:.6f} {RUN_TAG}\n" for hit in result.hits)


def _escape(text: str) -> str:
    return _UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", text)
