"""The extraction vocabulary: the word lists the rules test words against (the trigger lexicon by event type, the
cue words of the sense rules, non-event words, titles, name words ...), kept as data in
``resources/extraction/<name>.json``, one file per stage or family of lists, and loaded once per file.

A file is ``{"about": ..., "lists": {key: list}}``; each list has an ``"about"`` and one of:

- ``"words"``: words (lemmas or lower-case forms, as the rule compares them) -> :func:`words` (a set),
  :func:`ordered` (in file order);
- ``"groups"``: ``{group: [words]}``, a word in one group only (the trigger lexicon: event type -> lemmas)
  -> :func:`grouped` (word -> group);
- ``"table"``: ``{word: value}`` -> :func:`table`;
- ``"patterns"``: regular-expression alternatives -> :func:`alternation` (``"A|B|C"``, in file order); the
  compiled expressions stay in the code that uses them, built from these.

What stays in code: spaCy's labels (dependencies, tags, entity types), the function words and the one or two
lemmas a rule is written for, and the grammar of dates, numbers and money (``timex/``, ``mentions/amounts.py``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from ..paths import resource_path

#: The folder under resources/ that holds the vocabulary files.
FOLDER = "extraction"
_KINDS = ("words", "groups", "table", "patterns")


class VocabularyError(ValueError):
    """A vocabulary file that is missing, not valid JSON, or not in the expected shape (file and key named)."""


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_list(where: str, entry: object) -> Mapping[str, Any]:
    if not isinstance(entry, dict) or not isinstance(entry.get("about"), str):
        raise VocabularyError(f"{where}: expected an object with an \"about\" text")
    kinds = [k for k in _KINDS if k in entry]
    if len(kinds) != 1:
        raise VocabularyError(f"{where}: expected exactly one of {', '.join(_KINDS)}")
    body = entry[kinds[0]]
    if kinds[0] in ("words", "patterns") and not _strings(body):
        raise VocabularyError(f"{where}: \"{kinds[0]}\" must be a list of strings")
    if kinds[0] == "table" and not (isinstance(body, dict) and all(isinstance(v, str) for v in body.values())):
        raise VocabularyError(f"{where}: \"table\" must map words to strings")
    if kinds[0] == "groups":
        if not (isinstance(body, dict) and all(_strings(v) for v in body.values())):
            raise VocabularyError(f"{where}: \"groups\" must map each group to a list of words")
        seen: dict[str, str] = {}
        for group, members in body.items():
            for w in members:
                if seen.setdefault(w, group) != group:
                    raise VocabularyError(f"{where}: \"{w}\" is in groups \"{seen[w]}\" and \"{group}\"")
    return entry


@cache
def load(name: str) -> Mapping[str, Mapping[str, Any]]:
    """The lists of ``resources/extraction/<name>.json`` by key (read once, then cached)."""
    path = resource_path(f"{FOLDER}/{name}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise VocabularyError(f"vocabulary {path}: cannot read it ({e.strerror or e})") from None
    except ValueError as e:
        raise VocabularyError(f"vocabulary {path}: not valid JSON ({e})") from None
    if not isinstance(data, dict) or not isinstance(data.get("about"), str) or not isinstance(data.get("lists"), dict):
        raise VocabularyError(f"vocabulary {path}: expected an object with \"about\" and \"lists\"")
    return MappingProxyType({key: _check_list(f"vocabulary {path}, list \"{key}\"", entry)
                             for key, entry in data["lists"].items()})


def _body(name: str, key: str, kind: str) -> Any:
    lists = load(name)
    if key not in lists:
        raise VocabularyError(f"vocabulary {name}.json has no list \"{key}\"")
    if kind not in lists[key]:
        raise VocabularyError(f"vocabulary {name}.json, list \"{key}\": not a \"{kind}\" list")
    return lists[key][kind]


def words(name: str, key: str) -> frozenset[str]:
    """The words of a ``"words"`` list, as a set."""
    return frozenset(_body(name, key, "words"))


def ordered(name: str, key: str) -> tuple[str, ...]:
    """The words of a ``"words"`` list, in file order."""
    return tuple(_body(name, key, "words"))


def grouped(name: str, key: str) -> Mapping[str, str]:
    """A ``"groups"`` list as word -> group (its groups and words in file order)."""
    body: dict[str, list[str]] = _body(name, key, "groups")
    return MappingProxyType({w: group for group, members in body.items() for w in members})


def table(name: str, key: str) -> Mapping[str, str]:
    """A ``"table"`` list: word -> value."""
    return MappingProxyType(dict(_body(name, key, "table")))


def alternation(name: str, key: str) -> str:
    """A ``"patterns"`` list as one regular-expression alternation ``"A|B|C"`` (file order), for the code to wrap
    and compile."""
    return "|".join(_body(name, key, "patterns"))
