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


def test_other_single_byte_text_is_refused():
    with pytest.raises(UndecodableError, match="unknown encoding"):
        decode_bytes("Ärger über Öl".encode("latin-1"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_first_part_of_a_file_may_end_inside_a_character(encoding):
    data = "Дума".encode(encoding)[:-1]
    assert decode_bytes(data, complete=False).text == "Дум"
