from newssearch.models import Hit, SearchResult
from newssearch.render.trec import trec_lines


def test_ids_with_white_space_or_control_characters_stay_one_field():
    hit = Hit(rank=1, id="a b\x1b[2J\n%.txt", path="p", title="t", date=None, score=1.5)
    [line] = trec_lines("q 1", SearchResult("x", 1, (hit,))).splitlines()
    assert line == "q%201 Q0 a%20b%1B[2J%0A%25.txt 1 1.500000 newssearch"
