from hypothesis import given
from hypothesis import strategies as st

from newssearch.index.minhash import resemblance, signature, sketch_of

STORY = (
    "Министрите на външните работи се срещнаха в Женева и обсъдиха примирието. Срещата продължи три часа, "
    "а след нея двамата дадоха обща пресконференция за хуманитарната помощ и следващите стъпки. "
    "Според дипломати разговорите са били трудни, но конструктивни. Следващият кръг ще бъде през декември "
    "в Истанбул, където се очаква да бъдат поканени и представители на Европейския съюз и ООН."
)


def test_a_republished_story_resembles_the_original():
    copy = STORY.replace("Женева", "Женева (Швейцария)") + " Източник: БТА."
    assert resemblance(sketch_of(signature(STORY)), sketch_of(signature(copy))) >= 0.7


def test_different_stories_do_not_resemble_each_other():
    other = "Националният отбор по футбол спечели мача срещу Грузия с 2:1, а треньорът похвали защитата."
    assert resemblance(sketch_of(signature(STORY)), sketch_of(signature(other))) < 0.2


@given(st.text())
def test_any_text_has_a_signature_that_resembles_itself(text):
    sketch = sketch_of(signature(text))
    assert resemblance(sketch, sketch) in (0.0, 1.0)
