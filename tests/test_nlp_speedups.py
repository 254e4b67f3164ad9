"""The pipeline's speed-ups change nothing: the attribute ruler's own matches, spaCy's own lemmas and token
attributes, found faster."""

from __future__ import annotations

from typing import Any

import pytest

from timeline_app.core.extract.nlp import get_nlp, speed_up_attribute_ruler

TEXTS = [
    "Apple Inc. said on Tuesday that it will buy the start-up for $3 billion, but analysts weren't sure.",
    "There is  a  cat.  It's here, and I ain't gonna let 's go; y'all gotta c'm on. Doin' nothin' 'em 'll ol' 'nuff",
    "  leading and  double  spaces \t and a tab ",
    "That is what they did: those who had it gave it to me, and she got hers.",
    "Shares rose as the companies said they were selling stores; the stores sold well, selling out.",
    "",
]


@pytest.fixture(scope="module")
def plain() -> Any:
    """spaCy's own pipeline, as loaded, without the speed-ups."""
    import spacy

    from timeline_app.core.extract.nlp import MODEL

    return spacy.load(MODEL)


@pytest.mark.parametrize("text", TEXTS)
def test_attribute_ruler_same_matches_and_tokens(text: str, plain: Any) -> None:
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.pipeline import AttributeRuler

    nlp = get_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    assert "match" in vars(ruler)  # the fast matcher is in place
    assert "lemmatize" in vars(nlp.get_pipe("lemmatizer"))  # the lemma cache too
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            assert ruler.match(doc) == AttributeRuler.match(ruler, doc)
            break
        doc = proc(doc)
    cols = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    ours, theirs = nlp(text), plain(text)
    assert (ours.to_array(cols) == theirs.to_array(cols)).all()
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_known_word_lists_answer_as_lists() -> None:
    from timeline_app.core.extract.nlp import _WordList

    words = ["run", "walk", "be", "data"]
    fast = _WordList(words)
    assert fast == words and isinstance(fast, list)
    assert all((w in fast) == (w in words) for w in ["run", "runs", "", "Data", "data", "be"])


def test_attribute_ruler_left_alone_with_other_patterns() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "x"})  # an operator: spaCy's Matcher keeps the work
    assert not speed_up_attribute_ruler(nlp)
    assert "match" not in vars(ruler)

    nlp2 = spacy.blank("en")
    ruler2 = nlp2.add_pipe("attribute_ruler")
    ruler2.add([[{"LOWER": {"IN": ["gon"]}}, {"LOWER": {"REGEX": "^na$"}}]], {"LEMMA": "to"}, index=-1)
    ruler2.add([[{"LOWER": "gon"}]], {"LEMMA": "go"})
    assert speed_up_attribute_ruler(nlp2)
    doc = nlp2("I was gon na say gon")
    assert [t.lemma_ for t in doc] == ["", "", "go", "to", "", "go"]
