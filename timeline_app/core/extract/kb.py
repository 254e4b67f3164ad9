"""The company knowledge base: canonical names, aliases, parent groups, countries and descriptors,
loaded from ``resources/companies.json`` plus any user files (``~/.config/timeline-app/companies.json``,
``$TIMELINE_KB``, or ``--kb FILE``), which may add or override entries."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..paths import resource_path, user_config_dir


@dataclass
class KBEntry:
    """One known entity."""

    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    country: str | None = None
    descriptors: list[str] = field(default_factory=list)
    role: str | None = None


def slug(name: str) -> str:
    """An ASCII identifier for a name ("Ola Källenius" -> "ola-kallenius")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "x"


class KnowledgeBase:
    """Lookup of known entities by alias, with corporate-suffix-insensitive matching."""

    def __init__(self, entries: list[KBEntry], suffixes: list[str], context_needed: list[str]):
        self.entries: dict[str, KBEntry] = {}
        self.suffixes = sorted(suffixes, key=len, reverse=True)
        self.context_needed = set(context_needed)
        self._by_key: dict[str, KBEntry] = {}
        for e in entries:
            self.add(e)
        self._regex: re.Pattern[str] | None = None

    def add(self, e: KBEntry) -> None:
        old = self.entries.get(e.name)
        if old is not None:  # a user entry overrides: keep the union of aliases
            e.aliases = list(dict.fromkeys(old.aliases + e.aliases))
        self.entries[e.name] = e
        for alias in [e.name, *e.aliases]:
            self._by_key[alias] = e
            self._by_key.setdefault(self.key(alias), e)
        self._regex = None

    def key(self, name: str) -> str:
        """A normalised lookup key: no corporate suffix, no possessive, folded case and spacing."""
        n = re.sub(r"['’]s?$", "", name.strip())
        n = re.sub(r"^the\s+", "", n, flags=re.IGNORECASE)
        changed = True
        while changed:
            changed = False
            for suf in self.suffixes:
                if n.endswith(" " + suf) or n.endswith("," + suf) or n.endswith(", " + suf):
                    n = n[: -len(suf)].rstrip(" ,")
                    changed = True
        return re.sub(r"\s+", " ", n).lower().replace(" - ", "-")

    def lookup(self, name: str) -> KBEntry | None:
        return self._by_key.get(name) or self._by_key.get(self.key(name))

    def same_company(self, a: str, b: str) -> bool:
        """The same company, or one is the group the other belongs to."""
        return a == b or self.root(a) == b or self.root(b) == a

    def root(self, name: str) -> str:
        """The top of a company's parent chain (LG Energy Solution -> LG Group)."""
        seen = set()
        known = self.lookup(name)
        cur = known.name if known is not None else name
        while cur not in seen:
            seen.add(cur)
            e = self.entries.get(cur)
            if e is None or not e.parent:
                return cur
            cur = e.parent
        return cur

    def alias_regex(self) -> re.Pattern[str]:
        """One regex matching every alias as a whole word, longest first."""
        if self._regex is None:
            aliases = sorted({a for e in self.entries.values() for a in [e.name, *e.aliases] if len(a) > 1},
                             key=len, reverse=True)
            body = "|".join(re.escape(a) for a in aliases)
            self._regex = re.compile(rf"(?<![\w&-])(?:{body})(?![\w&]|-\w)")
        return self._regex

    def with_descriptor(self, word: str) -> set[str]:
        word = word.lower()
        return {e.name for e in self.entries.values() if any(word == d or d.endswith(" " + word)
                                                             for d in e.descriptors)}


def _load_file(path: Path) -> tuple[list[KBEntry], list[str], list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        data = {"entries": data}
    entries = []
    for d in data.get("entries", []):
        entries.append(KBEntry(kind=d.get("kind", "company"), name=d["name"], aliases=list(d.get("aliases", [])),
                               parent=d.get("parent"), country=d.get("country"),
                               descriptors=list(d.get("descriptors", [])), role=d.get("role")))
    return entries, list(data.get("corporate_suffixes", [])), list(data.get("context_needed", []))


def user_kb_paths(extra: list[str] | None = None) -> list[Path]:
    """The user's own knowledge bases: the config folder's companies.json, $TIMELINE_KB, then ``extra``."""
    paths = [user_config_dir() / "companies.json"]
    if os.environ.get("TIMELINE_KB"):
        paths += [Path(p) for p in os.environ["TIMELINE_KB"].split(os.pathsep) if p]
    paths += [Path(p) for p in (extra or [])]
    return [p for p in paths if p.is_file()]


@lru_cache(maxsize=8)
def _load_kb_cached(extra: tuple[str, ...]) -> KnowledgeBase:
    entries, suffixes, ctx = _load_file(resource_path("companies.json"))
    kb = KnowledgeBase(entries, suffixes, ctx)
    for p in user_kb_paths(list(extra)):
        more, sfx, cn = _load_file(p)
        for e in more:
            kb.add(e)
        kb.suffixes = sorted(set(kb.suffixes) | set(sfx), key=len, reverse=True)
        kb.context_needed |= set(cn)
    return kb


def load_kb(extra: list[str] | None = None) -> KnowledgeBase:
    """The bundled knowledge base extended by the user's files (cached per set of extra files)."""
    return _load_kb_cached(tuple(extra or ()))
