"""The event classifier: which taxonomy-v3 type an event sentence reports, or that it reports no event.

The rules (triggers/, participants/, dating/) find where an event is told, who takes part and when; what they
cannot do well on news nobody tuned them on is say *what* happened in the 37 types of the taxonomy. This module
weighs a sentence's words together: the type words of ``resources/extraction/types_v3.json`` (written from the type
definitions), the sentence's other lemmas, the rule's own type, and where the sentence stands in the article. The
weights are a multinomial logistic regression learned from the labelled train split
(``tools/train_event_model.py`` writes ``resources/models/event_model.json``, deterministically); at run time it
is a sparse dot product in NumPy, and the model file is read once, on the first extraction.

A missing or unreadable model file leaves the rule types as they are (mapped to v3), so extraction never fails for
want of it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...paths import resource_path
from ..triggers.find import other_kinds
from ..triggers.types_v3 import lexicon_hits, trigger_lemmas, type_lemma

#: The label of "this sentence reports no event" among the classifier's classes.
NONE = "none"
MODEL_FILE = "models/event_model.json"
#: Content-free lemmas left out of the bag of words.
_SKIP_POS = frozenset({"PUNCT", "SPACE", "SYM", "DET", "CCONJ", "PART", "ADP", "AUX", "PRON", "SCONJ"})


@dataclass(frozen=True)
class SentenceView:
    """What the classifier sees of one event sentence."""
    lemmas: tuple[str, ...]       # every token's lemma, lower case (for phrases)
    content: tuple[str, ...]      # content lemmas; proper nouns and numbers as placeholders
    trigger: str                  # the rule trigger's lemma ("" when no rule found one)
    rule_type: str                # the rule's round-2 type ("" when none)
    position: int                 # 0 = headline, 1 = lead sentence, ...
    entity_labels: frozenset[str]  # spaCy entity labels in the sentence (ORG, DATE, MONEY, ...)
    #: the types the trigger's own phrase names (triggers/find.py other_kinds: "cut" + "jobs": job_cuts)
    kinds: frozenset[str] = frozenset()
    #: the lemmas of the trigger's clause (the sentence may tell of other things beside it)
    clause: tuple[str, ...] = ()


def sentence_view(span: Any, position: int, trigger: str = "", rule_type: str = "",
                  trigger_token: Any = None) -> SentenceView:
    """A spaCy sentence span as the classifier sees it (with what the trigger's own phrase and clause say when
    its token is given)."""
    lemmas = tuple(type_lemma(t.lemma_.lower(), t.text) for t in span if not t.is_space)
    content = []
    for t in span:
        if t.pos_ in _SKIP_POS or t.is_space:
            continue
        if t.like_num or t.pos_ == "NUM":
            content.append("<num>")
        elif t.pos_ == "PROPN" and t.lemma_.lower() not in trigger_lemmas():
            content.append("<propn>")
        else:
            content.append(type_lemma(t.lemma_.lower(), t.text))
    labels = frozenset(e.label_ for e in span.ents)
    if trigger_token is None:
        return SentenceView(lemmas, tuple(content), trigger.lower(), rule_type, position, labels)
    head = trigger_token if trigger_token.pos_ in ("VERB", "AUX") else trigger_token.head
    clause = tuple(type_lemma(t.lemma_.lower(), t.text) for t in head.subtree if not t.is_space)
    return SentenceView(lemmas, tuple(content), trigger.lower(), rule_type, position, labels,
                        other_kinds(trigger_token), clause)


def features(view: SentenceView) -> dict[str, float]:
    """The sparse features of a sentence: bag of content lemmas, type-word hits, the trigger's types, the rule
    type, position and entity kinds."""
    f: dict[str, float] = {}
    for w in set(view.content):
        f["w=" + w] = 1.0
    for t, n in lexicon_hits(view.lemmas).items():
        f["lex=" + t] = min(n, 3) / 3.0 + 0.5
    for t in trigger_lemmas().get(view.trigger, ()):
        f["trigtype=" + t] = 1.0
    for t in view.kinds:
        f["kind=" + t] = 1.0
    for t, n in lexicon_hits(view.clause).items():
        f["clex=" + t] = min(n, 3) / 3.0 + 0.5
    if view.trigger:
        f["trig=" + view.trigger] = 1.0
    f["rule=" + (view.rule_type or "-")] = 1.0
    f["pos=" + str(min(view.position, 3))] = 1.0
    for lab in ("ORG", "DATE", "MONEY", "PERCENT", "GPE", "PERSON", "CARDINAL"):
        if lab in view.entity_labels:
            f["ent=" + lab] = 1.0
    f["bias"] = 1.0
    return f


class EventModel:
    """A multinomial logistic regression over sparse named features (see ``features``)."""

    def __init__(self, classes: Sequence[str], weights: Mapping[str, Sequence[float]], bias: Sequence[float],
                 keep_threshold: float, calibration: Calibration | Sequence[float] | None = ()):
        self.classes = tuple(classes)
        self.weights = {k: tuple(v) for k, v in weights.items()}
        self.bias = tuple(bias)
        #: an event is kept when the probability that it is no event is below this (chosen on the dev split)
        self.keep_threshold = keep_threshold
        #: the map from what is known of an event to the probability that a careful reader agrees with its type,
        #: companies and date (see ``Calibration``); None: not calibrated. Five bare numbers are the first model
        #: files' Platt scaling (``LEGACY_INPUTS``).
        self.calibration = calibration if isinstance(calibration, Calibration) or calibration is None else (
            Calibration(LEGACY_INPUTS, tuple(calibration)) if len(calibration) else None)

    def calibrated(self, facts: EventFacts) -> float:
        """The probability that the event is fully right (type, companies, date); the type's probability when the
        model is not calibrated."""
        if self.calibration is None:
            return facts.verdict.p_type
        return self.calibration.probability(facts)

    def probabilities(self, feats: Mapping[str, float]) -> dict[str, float]:
        """The probability of each class (a type, or ``NONE``)."""
        z = list(self.bias)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                for i, x in enumerate(w):
                    z[i] += x * value
        top = max(z)
        e = [math.exp(v - top) for v in z]
        s = sum(e)
        return {c: x / s for c, x in zip(self.classes, e, strict=True)}

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"classes": list(self.classes), "bias": [round(b, 5) for b in self.bias],
                               "keep_threshold": self.keep_threshold,
                               "weights": {k: [round(x, 5) for x in v] for k, v in sorted(self.weights.items())}}
        if self.calibration is not None:
            out["calibration"] = self.calibration.to_json()
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EventModel:
        classes = [str(c) for c in data["classes"]]
        weights = {str(k): [float(x) for x in v] for k, v in data["weights"].items()}
        if any(len(v) != len(classes) for v in weights.values()) or len(data["bias"]) != len(classes):
            raise ValueError("weights do not match the classes")
        raw = data.get("calibration")
        calibration = Calibration.from_json(raw) if raw else None
        return cls(classes, weights, [float(b) for b in data["bias"]], float(data["keep_threshold"]), calibration)


@cache
def load_model() -> EventModel | None:
    """The shipped model, or None when its file is missing or malformed (the rule types are kept then)."""
    try:
        return EventModel.from_json(json.loads(resource_path(MODEL_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@cache
def refinable_types() -> Mapping[str, frozenset[str]]:
    """Round-2 rule type → the v3 types the classifier may give its events. A rule type that maps to one v3 type
    (launch, partnership, supply, appointment, meeting) keeps it: its rules were written and tested for it. The
    broad ones (investment, financial) are refined within their own v3 types; ``other`` and ``plan`` may become
    any type."""
    tax = json.loads(resource_path("taxonomy.json").read_text(encoding="utf-8"))
    out: dict[str, set[str]] = {}
    every = set()
    for fam in tax["families"]:
        for t in fam["types"]:
            out.setdefault(t.get("old", "other"), set()).add(t["id"])
            every.add(t["id"])
    out["other"] = out["plan"] = every
    return {k: frozenset(v) for k, v in out.items()}


def open_to_drop(rule_type: str) -> bool:
    """Whether the classifier may drop a rule event as no event: only the generic rule types (the specific
    rules carry their own sense checks)."""
    return rule_type in ("other", "plan", "")


def _logit(p: float) -> float:
    x = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(x / (1 - x))


@dataclass
class Verdict:
    """The classifier's reading of one event: its type, and how likely it is to be no event at all."""
    type: str
    p_none: float
    p_type: float
    #: the type's probability among the types it could have been given (``allowed``)
    p_choice: float = 1.0


def judge(model: EventModel, view: SentenceView, allowed: Iterable[str] | None = None) -> Verdict:
    """The most probable type (among ``allowed`` when given) and the probability of no event."""
    probs = model.probabilities(features(view))
    allowed_set = set(allowed) if allowed is not None else None
    choices = [c for c in model.classes if c != NONE and (allowed_set is None or c in allowed_set)]
    best = max(choices, key=lambda c: probs[c])
    total = sum(probs[c] for c in choices)
    return Verdict(best, probs.get(NONE, 0.0), probs[best], probs[best] / total if total > 0 else 1.0)


@dataclass(frozen=True)
class EventFacts:
    """What extraction knows of an event when it sets its confidence (refine.py): the calibration's inputs."""
    verdict: Verdict
    rule_type: str = ""      # the rule's round-2 type
    position: int = 0        # its sentence: 0 = headline, 1 = lead sentence, ...
    n_companies: int = 1
    dated: bool = True
    pub_dated: bool = False  # dated the publication day (the news convention, or a text date naming that day)


#: The inputs of the first model files' five calibration numbers, in their order.
LEGACY_INPUTS = ("logit_p_type", "bias", "only_choice", "dated", "has_company")


@cache
def _families() -> Mapping[str, str]:
    tax = json.loads(resource_path("taxonomy.json").read_text(encoding="utf-8"))
    return {t["id"]: f["id"] for f in tax["families"] for t in f["types"]}


#: The calibration inputs by name (``Calibration.inputs``); besides these, ``family=F`` (the event's type is of
#: family F) and ``rule=T`` (its rule type is T).
_INPUTS: dict[str, Callable[[EventFacts], float]] = {
    "bias": lambda f: 1.0,
    "logit_p_type": lambda f: _logit(f.verdict.p_type),
    "logit_p_none": lambda f: _logit(f.verdict.p_none),
    "only_choice": lambda f: float(f.verdict.p_choice >= 1.0),  # the rule's type left the classifier no choice
    "open_rule": lambda f: float(open_to_drop(f.rule_type)),  # the classifier chose among every type
    "dated": lambda f: float(f.dated),
    "pub_dated": lambda f: float(f.pub_dated),
    "has_company": lambda f: float(f.n_companies > 0),
    "companies_2plus": lambda f: float(f.n_companies >= 2),
    "headline": lambda f: float(f.position == 0),
    "lead": lambda f: float(f.position == 1),
    "body": lambda f: float(f.position >= 2),
}


def calibration_input(name: str, facts: EventFacts) -> float:
    """The value of one named calibration input for an event; KeyError for a name this version does not know."""
    get = _INPUTS.get(name)
    if get is not None:
        return get(facts)
    if name.startswith("family="):
        return float(_families().get(facts.verdict.type, "") == name[7:])
    if name.startswith("rule="):
        return float(facts.rule_type == name[5:])
    raise KeyError(name)


@dataclass(frozen=True)
class Calibration:
    """Platt scaling over named inputs (``calibration_input``): p = sigmoid(weights · inputs), then, when
    ``shrink`` > 0, drawn that far towards ``base_rate`` (the share of events right where it was fitted)."""
    inputs: tuple[str, ...]
    weights: tuple[float, ...]
    shrink: float = 0.0
    base_rate: float = 0.0

    def __post_init__(self) -> None:
        if len(self.inputs) != len(self.weights) or not self.inputs:
            raise ValueError("calibration needs one weight per input")
        if not 0.0 <= self.shrink <= 1.0 or not 0.0 <= self.base_rate <= 1.0:
            raise ValueError("calibration shrink and base rate are shares")
        probe = EventFacts(Verdict("other", 0.5, 0.5))
        for name in self.inputs:
            calibration_input(name, probe)  # KeyError: a newer file's input

    def probability(self, facts: EventFacts) -> float:
        z = sum(w * calibration_input(n, facts) for n, w in zip(self.inputs, self.weights, strict=True))
        p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
        return (1.0 - self.shrink) * p + self.shrink * self.base_rate

    def to_json(self) -> list[float] | dict[str, Any]:
        """The five bare numbers of the first model files when they can say it (inputs among ``LEGACY_INPUTS``,
        no shrink: files older versions read too), else the named form."""
        if not self.shrink and set(self.inputs) <= set(LEGACY_INPUTS):
            w = dict(zip(self.inputs, self.weights, strict=True))
            return [round(w.get(n, 0.0), 5) for n in LEGACY_INPUTS]
        return {"inputs": list(self.inputs), "weights": [round(w, 5) for w in self.weights],
                "shrink": round(self.shrink, 5), "base_rate": round(self.base_rate, 5)}

    @classmethod
    def from_json(cls, raw: Any) -> Calibration:
        """Either form a model file may hold: five bare numbers (the first files: ``LEGACY_INPUTS``) or the named
        form of ``to_json``."""
        try:
            if isinstance(raw, list):
                if len(raw) != 5:
                    raise ValueError("calibration needs five numbers")
                return cls(LEGACY_INPUTS, tuple(float(x) for x in raw))
            return cls(tuple(str(n) for n in raw["inputs"]), tuple(float(x) for x in raw["weights"]),
                       float(raw.get("shrink", 0.0)), float(raw.get("base_rate", 0.0)))
        except KeyError as exc:
            raise ValueError(f"calibration input or field not known: {exc}") from None
