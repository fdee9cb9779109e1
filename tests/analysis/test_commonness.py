from newssearch.analysis.commonness import zipf


def test_everyday_words_are_commoner_than_rare_ones_and_unlisted_words_score_zero():
    assert zipf("на") > zipf("хора") > zipf("пророчество") > zipf("реципрочно") == 0
