import datetime as dt
import os

import pytest

from newssearch.corpus import plan_sources, read_source_file
from newssearch.errors import SourceError
from newssearch.models import Article, Skip
from tests.conftest import jsonl


def read_all(paths):
    files, skips = plan_sources(paths)
    items = [item for file in files for item in read_source_file(file)]
    return [i for i in items if isinstance(i, Article)], skips + [i for i in items if isinstance(i, Skip)]


def test_folder_is_read_recursively_with_ids_relative_to_it(corpus):
    articles, skips = read_all([corpus])
    assert {a.id for a in articles} >= {"politika/parlament.txt", "sviat/sreshta.txt"}
    assert not skips


def test_text_article_has_date_and_first_sentence_as_title(corpus):
    articles, _ = read_all([corpus / "politika" / "parlament.txt"])
    [article] = articles
    assert article.id == "parlament.txt"
    assert article.date == dt.date(2025, 3, 14)
    assert article.title == "Парламентът прие бюджета за следващата година след дълъг дебат."
    assert not article.title_from_source


def test_only_txt_files_and_no_hidden_folders_are_read(tmp_path):
    (tmp_path / "a.txt").write_text("Текст.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Бележки.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "b.txt").write_text("Скрит.", encoding="utf-8")
    articles, _ = read_all([tmp_path])
    assert [a.id for a in articles] == ["a.txt"]


def test_bad_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "header-only.txt").write_text(" date 2025-01-01 ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\0\1\2")
    (tmp_path / "good.txt").write_text("Добър текст.", encoding="utf-8")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    articles, skips = read_all([tmp_path])
    assert [a.id for a in articles] == ["good.txt"]
    reasons = {os.path.basename(s.location): s.reason for s in skips}
    assert reasons == {
        "empty.txt": "empty",
        "header-only.txt": "empty",
        "binary.txt": "binary file",
        "broken.txt": "broken link",
        "pipe.txt": "not a regular file",
    }


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "a.txt").write_text("Текст.", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "loop")
    articles, skips = read_all([tmp_path])
    assert [a.id for a in articles] == ["a.txt"]
    assert [s.reason for s in skips] == ["symlink loop"]


def test_jsonl_records_become_articles_and_bad_lines_are_reported(tmp_path):
    path = jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "a1", "title": "Заглавие", "body": "Текст на статията.", "date": "2025-02-03", "url": "https://x"},
            {"body": "Без заглавие. Второ изречение."},
            {"title": "Без текст"},
            ["not", "an", "object"],
        ],
    )
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{broken json\n")
    articles, skips = read_all([path])
    assert [(a.id, a.title, a.date, a.title_from_source) for a in articles] == [
        ("a1", "Заглавие", dt.date(2025, 2, 3), True),
        ("2", "Без заглавие.", None, False),
    ]
    assert [(s.location.rsplit(":", 1)[1], s.reason) for s in skips] == [
        ("3", "no body"),
        ("4", "not a JSON object"),
        ("5", "not JSON"),
    ]


def test_an_article_whose_date_cannot_be_read_is_indexed_undated_and_reported(tmp_path):
    (tmp_path / "february.txt").write_text(" date 2025-02-30 Срещата е отложена.", encoding="utf-8")
    (tmp_path / "undated.txt").write_text("Срещата е отложена.", encoding="utf-8")  # no header: nothing to report
    news = jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "yesterday", "body": "Текст.", "date": "вчера"},
            {"id": "number", "body": "Текст.", "date": 20250203},
            {"id": "blank", "body": "Текст.", "date": " "},
            {"id": "null", "body": "Текст.", "date": None},
        ],
    )
    articles, skips = read_all([tmp_path / "february.txt", tmp_path / "undated.txt", news])
    assert [(a.id, a.date, a.body) for a in articles][:2] == [
        ("february.txt", None, "Срещата е отложена."),
        ("undated.txt", None, "Срещата е отложена."),
    ]
    assert len(articles) == 6
    assert [(os.path.basename(s.location), s.reason) for s in skips] == [
        ("february.txt", "unreadable date (indexed undated)"),
        ("news.jsonl:1", "unreadable date (indexed undated)"),
        ("news.jsonl:2", "unreadable date (indexed undated)"),
    ]


def test_missing_source_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="source not found"):
        plan_sources([tmp_path / "nowhere"])


def test_a_source_that_is_a_dead_link_says_so(tmp_path):
    os.symlink(tmp_path / "moved", tmp_path / "archive")
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    with pytest.raises(SourceError, match=f"source is a broken link or a symlink loop: .*archive -> {tmp_path / 'moved'}$"):
        plan_sources([tmp_path / "archive"])
    with pytest.raises(SourceError, match="source is a broken link or a symlink loop: .*loop -> "):
        plan_sources([tmp_path / "loop"])


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr("newssearch.corpus.sources.MAX_ARTICLE_BYTES", 1000)
    monkeypatch.setattr("newssearch.corpus.sources.MAX_LINE_BYTES", 5000)


def test_file_over_the_size_cap_is_cut_at_a_character_and_reported(tmp_path, small_cap):
    # 2-byte letters at an odd offset: the cap falls inside a character.
    (tmp_path / "huge.txt").write_text(" date 2025-01-01 \nа" + "Дума " * 5000, encoding="utf-8")
    articles, skips = read_all([tmp_path])
    [article] = articles
    assert article.body.startswith("аДума") and 900 < len(article.body.encode()) <= 1000
    assert "\ufffd" not in article.body
    assert [s.reason.startswith("over") and s.reason.endswith("indexed)") for s in skips] == [True]


def test_jsonl_line_over_the_cap_is_skipped_and_the_next_line_read(tmp_path, small_cap):
    path = jsonl(tmp_path / "a.jsonl", [{"id": "big", "body": "дума " * 2000}, {"id": "small", "body": "Текст."}])
    articles, skips = read_all([path])
    assert [a.id for a in articles] == ["small"]
    assert [(s.location, s.reason[:9]) for s in skips] == [(f"{path}:1", "line over")]


def test_jsonl_body_over_the_article_cap_is_cut_and_reported(tmp_path, small_cap):
    path = jsonl(tmp_path / "a.jsonl", [{"id": "long", "body": "дума " * 400}])
    articles, skips = read_all([path])
    assert len(articles[0].body.encode()) <= 1000
    assert [s.location for s in skips] == [f"{path}:1"] and skips[0].reason.startswith("over")


def test_a_folder_that_vanishes_during_the_walk_is_reported_not_raised(tmp_path, monkeypatch):
    (tmp_path / "gone").mkdir()
    (tmp_path / "a.txt").write_text("Текст.", encoding="utf-8")
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if str(path).endswith("gone"):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr("newssearch.corpus.sources.os.stat", stat)
    articles, skips = read_all([tmp_path])
    assert [a.id for a in articles] == ["a.txt"]
    assert [(s.location.endswith("gone"), s.reason) for s in skips] == [(True, "unreadable folder (No such file or directory)")]
