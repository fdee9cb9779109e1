"""Write a deterministic synthetic Bulgarian news corpus for benchmarks.

Usage:
    python bench/make_corpus.py OUT_DIR --articles 100000 [--seed 1]

Words are drawn from real Bulgarian word frequencies (wordfreq's Bulgarian list, a
dependency of newssearch, read offline), so the vocabulary, word lengths and the
share of stop words look like real news. Articles are in the
seed format (` date YYYY-MM-DD ` then paragraphs), about 4.8 KB on average,
1,000 to a folder. The same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
from pathlib import Path

VOCABULARY_SIZE = 30_000
ARTICLES_PER_FOLDER = 1000
START = dt.date(2015, 1, 1)


def vocabulary() -> tuple[list[str], list[float]]:
    from wordfreq import top_n_list, word_frequency

    words = [word for word in top_n_list("bg", VOCABULARY_SIZE) if word.isalpha()]
    weights = [word_frequency(word, "bg") for word in words]
    return words, list(itertools.accumulate(weights))


def article(rng: random.Random, words: list[str], cumulative: list[float]) -> str:
    date = START + dt.timedelta(days=rng.randrange(3650))
    paragraphs = []
    for _ in range(rng.randint(3, 12)):
        sentences = []
        for _ in range(rng.randint(1, 6)):
            sentence = rng.choices(words, cum_weights=cumulative, k=rng.randint(6, 30))
            sentences.append(" ".join(sentence).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return f" date {date.isoformat()} " + "\n\n".join(paragraphs) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    words, cumulative = vocabulary()
    rng = random.Random(args.seed)
    total = 0
    for number in range(args.articles):
        folder = args.out / f"{number // ARTICLES_PER_FOLDER:04d}"
        if number % ARTICLES_PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        data = article(rng, words, cumulative).encode("utf-8")
        (folder / f"{number:06d}.txt").write_bytes(data)
        total += len(data)
    print(f"wrote {args.articles} articles, {total / 1e6:.1f} MB, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
