import codecs

import pytest

from newssearch.corpus.decoding import UndecodableError, decode_bytes

TEXT = "Срещата между Рубио и Лавров беше отложена."


def test_utf8():
    assert decode_bytes(TEXT.encode("utf-8")).text == TEXT


def test_utf8_with_bom_loses_the_bom():
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8")).text == TEXT


def test_utf16_with_bom():
    assert decode_bytes(TEXT.encode("utf-16")).text == TEXT


def test_windows_1251_is_recognised():
    decoded = decode_bytes(TEXT.encode("cp1251"))
    assert decoded.text == TEXT and decoded.encoding == "windows-1251"


def test_binary_is_refused():
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Ärger über Öl", "latin-1"),
        ("Le café est très bon à Paris, où il va à pied.", "cp1252"),
        ("O Brasil é grande. A casa é azul.", "latin-1"),  # é alone reads as a Cyrillic й
        ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
        ("Árvíztűrő tükörfúrógép", "iso-8859-2"),
    ],
)
def test_other_single_byte_text_is_refused(text, encoding):
    with pytest.raises(UndecodableError, match="unknown encoding"):
        decode_bytes(text.encode(encoding))


@pytest.mark.parametrize(
    "text",
    [
        " date 2025-01-02 Reuters: Apple и Google ще инвестират в България.",
        "CNN: Тръмп и Путин ще се срещнат в Будапеща",
        # a Bulgarian article with Latin look-alike letters in some of its words (Бaйдън)
        "Бaйдън и Сaркози говориха за NATO. " + TEXT * 3,
    ],
)
def test_windows_1251_with_many_latin_names_is_recognised(text):
    decoded = decode_bytes(text.encode("cp1251"))
    assert (decoded.text, decoded.encoding) == (text, "windows-1251")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_first_part_of_a_file_may_end_inside_a_character(encoding):
    data = "Дума".encode(encoding)[:-1]
    assert decode_bytes(data, complete=False).text == "Дум"
