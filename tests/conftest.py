"""Shared fixtures: a small Bulgarian corpus written for these tests, and indexes built from it."""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from newssearch.index import build_index

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "seeds"
DEV_EVAL = REPO.parent / "shared" / "dev-eval"

# Short articles in the project's format, written for the tests (not real news).
ARTICLES = {
    "politika/parlament.txt": (
        " date 2025-03-14 Парламентът прие бюджета за следващата година след дълъг дебат. "
        "Депутатите от опозицията напуснаха залата. Финансовият министър каза, че бюджетът е балансиран."
    ),
    "politika/izbori.txt": (
        " date 2025-06-02 Изборите за местна власт ще се проведат през октомври. "
        "Централната избирателна комисия обяви сроковете. Партиите започнаха подготовка за кампанията."
    ),
    "sviat/sreshta.txt": (
        " date 2025-10-20 Министрите на външните работи се срещнаха в Женева. "
        "Срещата продължи три часа. След срещите двамата министри дадоха обща пресконференция, "
        "на която обсъдиха примирието и хуманитарната помощ."
    ),
    "sviat/pomosht.txt": (
        " date 2025-09-01 Европейският съюз обяви нов пакет хуманитарна помощ. "
        "Помощта ще бъде разпределена от Червения кръст в следващите месеци."
    ),
    "sport/futbol.txt": (
        "date 2024-11-30\nНационалният отбор по футбол спечели мача срещу Грузия с 2:1. "
        "Треньорът похвали защитата. Следващата среща на отбора е през март."
    ),
    "kultura/kniga.txt": (
        " Новата книга на писателката [bold]Мария[/bold] Петрова излиза през пролетта. "
        "Издателството подготвя премиера в столицата. \x1b[31mЧервен\x1b[0m текст не бива да оцветява терминала."
    ),
}


def write_corpus(root: Path) -> Path:
    for name, text in ARTICLES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def index_of(root: Path, articles: dict[str, str]) -> Path:
    """An index of a few articles (file name -> text) written under `root`, for a ranking made to order."""
    source = root / "corpus"
    source.mkdir()
    for name, text in articles.items():
        (source / name).write_text(text, encoding="utf-8")
    build_index([source], root / "index")
    return root / "index"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the fixture corpus plus the seed article, built once; tests must not change it."""
    root = tmp_path_factory.mktemp("shared")
    source = write_corpus(root / "corpus")
    shutil.copy(SEED_DIR / "000_342c5d5e8864362c.txt", source / "seed.txt")
    index_dir = root / "index"
    build_index([source], index_dir)
    return index_dir


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("seed") / "index"
    build_index([SEED_DIR], index_dir)
    return index_dir


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def bench_module(name: str) -> ModuleType:
    """A script of bench/ imported as a module (bench/ is no package: its scripts are run by path)."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)
