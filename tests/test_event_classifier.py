"""The event classifier (core/extract/events/classify.py, refine.py): taxonomy-v3 types for news the round-2
rules had no type for, from invented sentences; the model file is optional and checked."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from timeline_app.core.extract.document import extract_document
from timeline_app.core.extract.events import classify
from timeline_app.core.extract.events.classify import NONE, EventModel, load_model
from timeline_app.core.extract.triggers.types_v3 import lexicon_hits, type_lemma
from timeline_app.core.read.readers import RawArticle


def _types(text: str) -> list[str]:
    return [e.type for e in extract_document(RawArticle("t.txt", text)).events]


@pytest.mark.parametrize(("text", "expected"), [
    ("Zentrix cabin crew strike\n\nMarch 4, 2009\n\n"
     "Cabin crew at Zentrix Airways began a three-day strike on Monday over pay.", "labour"),
    ("Halvek files for bankruptcy\n\nMarch 4, 2009\n\n"
     "Halvek Inc. filed for Chapter 11 bankruptcy protection on Tuesday.", "bankruptcy"),
    ("Quantel recalls heaters\n\nMarch 4, 2009\n\n"
     "Quantel Inc. recalled 200,000 space heaters on Friday after reports of fires.", "recall"),
    ("Zentrix chief convicted\n\nMarch 4, 2009\n\n"
     "A court in Paris convicted the former chief executive of Zentrix Corp. of fraud on Monday.", "conviction"),
])
def test_news_the_round2_rules_had_no_type_for_gets_its_v3_type(text: str, expected: str) -> None:
    assert expected in _types(text)


def test_every_type_given_is_a_specific_taxonomy_type() -> None:
    model = load_model()
    assert model is not None, "resources/models/event_model.json is shipped"
    taxonomy = json.loads((Path(__file__).resolve().parent.parent / "resources" / "taxonomy.json").read_text())
    types = {t["id"] for f in taxonomy["families"] for t in f["types"]}
    assert set(model.classes) == types | {NONE}


def test_regular_inflections_reach_the_type_words_when_the_lemma_is_wrong() -> None:
    assert type_lemma("fin", "fined") == "fine"  # the small model lemmatises "fined" as "fin"
    assert type_lemma("bank", "bank") == "bank"
    assert "bankruptcy" in lexicon_hits(("halvek", "file", "for", "chapter", "11", "bankruptcy"))


def test_without_a_model_file_the_rule_types_are_mapped_and_nothing_fails(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    monkeypatch.setattr(classify, "resource_path", lambda name: tmp_path / name)
    classify.load_model.cache_clear()
    try:
        assert classify.load_model() is None
        text = "Halvek buys Zentrix\n\nMarch 4, 2009\n\nHalvek Inc. agreed on Monday to buy Zentrix Corp."
        assert "acquisition" in _types(text)
    finally:
        classify.load_model.cache_clear()


def test_a_model_whose_weights_do_not_match_its_classes_is_refused() -> None:
    good = EventModel(["a", NONE], {"w=x": [1.0, -1.0]}, [0.0, 0.0], 0.5)
    assert EventModel.from_json(json.loads(json.dumps(good.to_json()))).probabilities({"w=x": 1.0})["a"] > 0.8
    bad = good.to_json()
    bad["weights"]["w=y"] = [1.0]
    with pytest.raises(ValueError):
        EventModel.from_json(bad)


def _titles(text: str) -> list[str]:
    return [e.summary for e in extract_document(RawArticle("t.txt", text)).events]


@pytest.mark.parametrize(("text", "title"), [
    ("Story\n\nMarch 4, 2009\n\nOrvid Records said on Monday it will lay off 3,500 workers, a tenth of its staff.",
     "Orvid Records will lay off 3,500 workers"),
    ("Story\n\nMarch 4, 2009\n\nQuantel Inc. recalled 200,000 space heaters on Friday after reports of fires.",
     "Quantel Inc. recalled 200,000 space heaters"),
    ("Story\n\nMarch 4, 2009\n\nHalvek announced a partnership with Zentrix Corp. on Monday to sell phones.",
     "Halvek announced partnership with Zentrix Corp."),
    ("Halvek to buy Zentrix\n\nMarch 4, 2009\n\nHalvek Inc. agreed on Monday to buy Zentrix Corp. for $2 billion.",
     "Halvek to buy Zentrix"),
])
def test_every_event_says_what_happened_in_a_short_title(text: str, title: str) -> None:
    assert title in _titles(text)


def test_a_title_survives_the_merge_and_a_generic_summary_is_rebuilt() -> None:
    from timeline_app.core.extract.events.finder import is_generic_summary

    assert is_generic_summary("Job cuts: Orvid Records", "job_cuts")
    assert not is_generic_summary("Orvid Records will lay off 3,500 workers", "job_cuts")
    assert not is_generic_summary("Note: Orvid to cut jobs", "job_cuts")


def test_confidence_is_the_calibrated_probability_and_rises_with_the_type_probability() -> None:
    from timeline_app.core.extract.events.classify import EventFacts, Verdict

    model = load_model()
    assert model is not None and model.calibration is not None, "the shipped model is calibrated"
    low = model.calibrated(EventFacts(Verdict("recall", 0.5, 0.2, 0.5), "other", 3, 1, dated=True))
    high = model.calibrated(EventFacts(Verdict("recall", 0.1, 0.9, 0.95), "other", 3, 1, dated=True))
    assert 0.0 < low < high < 1.0
    assert model.calibrated(EventFacts(Verdict("recall", 0.1, 0.9, 0.95), "other", 3, 1, dated=False)) < high
    text = "Story\n\nMarch 4, 2009\n\nQuantel Inc. recalled 200,000 space heaters on Friday after reports of fires."
    ev = next(e for e in extract_document(RawArticle("t.txt", text)).events if e.type == "recall")
    assert 0.0 <= ev.confidence <= 1.0 and round(ev.confidence, 3) == ev.confidence
    bad = model.to_json()
    bad["calibration"] = [1.0, 2.0]
    with pytest.raises(ValueError):
        EventModel.from_json(bad)


def test_a_model_file_with_the_first_five_calibration_numbers_still_reads_and_means_the_same() -> None:
    """The first calibrated files hold five bare numbers: a·logit(p_type) + b + c·only_choice + d·dated +
    e·has_company. They read as the named inputs, give the same confidence, and are written back the same."""
    from timeline_app.core.extract.events.classify import LEGACY_INPUTS, EventFacts, Verdict

    old = [0.24402, -2.86276, 0.5, 1.87335, -0.3]  # the pre-issue-22 file's form (c, e made non-zero to test)
    data = {"classes": ["recall", NONE], "bias": [0.0, 0.0], "keep_threshold": 0.85, "weights": {},
            "calibration": old}
    model = EventModel.from_json(data)
    assert model.calibration is not None and model.calibration.inputs == LEGACY_INPUTS
    for p_choice, dated, companies in ((1.0, True, 1), (0.6, False, 0), (0.6, True, 2)):
        facts = EventFacts(Verdict("recall", 0.2, 0.7, p_choice), "other", 4, companies, dated)
        z = (old[0] * math.log(0.7 / 0.3) + old[1] + old[2] * (p_choice >= 1.0) + old[3] * dated
             + old[4] * (companies > 0))
        assert model.calibrated(facts) == pytest.approx(1 / (1 + math.exp(-z)))
    assert model.to_json()["calibration"] == old
    shipped = json.loads((Path(__file__).resolve().parent.parent / "resources" / "models" / "event_model.json")
                         .read_text(encoding="utf-8"))
    assert EventModel.from_json(shipped).to_json()["calibration"] == shipped["calibration"]
    del data["calibration"]
    assert EventModel.from_json(data).calibration is None  # an uncalibrated file: the type's probability
    assert EventModel.from_json(data).calibrated(EventFacts(Verdict("recall", 0.2, 0.7))) == 0.7


def test_a_calibration_over_other_inputs_is_kept_by_name_and_an_unknown_input_is_refused() -> None:
    from timeline_app.core.extract.events.classify import Calibration, EventFacts, Verdict

    cal = Calibration(("logit_p_type", "bias", "companies_2plus", "headline", "family=deal"),
                      (1.0, -1.0, -0.5, 0.3, -0.2), shrink=0.2, base_rate=0.18)
    model = EventModel(["acquisition", NONE], {}, [0.0, 0.0], 0.85, cal)
    again = EventModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.calibration == cal
    one = EventFacts(Verdict("acquisition", 0.1, 0.8), "investment", 0, 1, True)
    two = EventFacts(Verdict("acquisition", 0.1, 0.8), "investment", 0, 2, True)
    assert again.calibrated(two) < again.calibrated(one)
    z = math.log(0.8 / 0.2) - 1.0 + 0.3 - 0.2
    assert again.calibrated(one) == pytest.approx(0.8 * (1 / (1 + math.exp(-z))) + 0.2 * 0.18)
    data = model.to_json()
    data["calibration"]["inputs"][2] = "moon_phase"  # a newer file's input: refused, never silently dropped
    with pytest.raises(ValueError):
        EventModel.from_json(data)


def test_a_title_never_guesses_who_a_pronoun_stands_for() -> None:
    from timeline_app.core.extract.events.titles import clause_title
    from timeline_app.core.extract.nlp import get_nlp

    sent = get_nlp()("It will lay off 300 workers next year.")
    lay = next(t for t in sent if t.lemma_ == "lay")
    assert clause_title(lay, "Orvid Records") == "Orvid Records will lay off 300 workers"
    assert clause_title(lay, "") == ""  # two companies in the event: which one "it" is, the title does not say
    about = get_nlp()("The cooperation is drawing attention in Seoul.")
    assert clause_title(next(t for t in about if t.lemma_ == "cooperation"), "Orvid Records") == ""


def test_packaging_ships_the_event_model() -> None:
    """A wheel installs resources/models/ under share/timeline-app/resources/models (where core.paths looks)."""
    tomllib = pytest.importorskip("tomllib")
    root = Path(__file__).resolve().parent.parent
    data_files = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "data-files"]
    shipped = {p.relative_to(root).as_posix() for g in data_files.get("share/timeline-app/resources/models", [])
               for p in root.glob(g)}
    assert "resources/models/event_model.json" in shipped


def test_a_coordinated_subject_keeps_every_name_and_its_commas() -> None:
    from timeline_app.core.extract.events.titles import clause_title
    from timeline_app.core.extract.nlp import get_nlp

    sent = get_nlp()("Ann Orvid, Bo Halvek and Cy Zentrix of the audit firm have been appointed joint administrators.")
    verb = next(t for t in sent if t.text == "appointed")
    assert clause_title(verb, "").startswith("Ann Orvid, Bo Halvek and Cy Zentrix have been appointed")


def test_the_classifier_reads_the_trigger_phrase_and_its_clause() -> None:
    from timeline_app.core.extract.events.classify import features, sentence_view
    from timeline_app.core.extract.nlp import get_nlp

    sent = next(get_nlp()("Kelvar Bank posted a loss and said it will cut 900 jobs in Wales.").sents)
    cut = next(t for t in sent if t.text == "cut")
    view = sentence_view(sent, 1, "cut", "other", cut)
    assert view.kinds == {"job_cuts"}
    assert "posted" not in view.clause and "job" in view.clause  # the trigger's clause, not the loss before it
    feats = features(view)
    assert feats["kind=job_cuts"] == 1.0 and "clex=job_cuts" in feats and "clex=results" not in feats
    assert not sentence_view(sent, 1).kinds  # a sentence read without a trigger has no phrase of its own
