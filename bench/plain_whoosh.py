"""The reference: plain Whoosh indexing the same corpus, with its default StandardAnalyzer.

Usage: python bench/plain_whoosh.py CORPUS_DIR INDEX_DIR [--procs 2]

Same stored fields as newssearch (id, path, headline, body, date), no Bulgarian
analysis: what Whoosh does out of the box. Used by bench/indexing.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

from whoosh import index
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema

DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s*")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("--procs", type=int, default=2)
    args = parser.parse_args()
    schema = Schema(id=ID(unique=True, stored=True), path=STORED(), headline=STORED(), body=TEXT(stored=True),
                    date=DATETIME(stored=True, sortable=True))  # fmt: skip
    args.index.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(args.index), schema)
    options = {"procs": args.procs, "multisegment": True} if args.procs > 1 else {}
    writer = ix.writer(limitmb=256, **options)
    for root, _, files in sorted(os.walk(args.corpus)):
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(root, name)
            text = Path(path).read_text("utf-8")
            match = DATE.match(text)
            body = text[match.end():] if match else text
            date = dt.datetime.fromisoformat(match.group(1)) if match else None
            fields = {"id": os.path.relpath(path, args.corpus), "path": path, "headline": body[:150], "body": body}
            if date:
                fields["date"] = date
            writer.add_document(**fields)
    writer.commit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
