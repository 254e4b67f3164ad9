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

from ..paths import read_regular_file, resource_path, user_config_dir


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


_MAKER_PARTICIPLES = "(?:based|powered|built|made|designed|equipped|supplied|developed)"


class KnowledgeBase:
    """Lookup of known entities by alias, with corporate-suffix-insensitive matching."""

    def __init__(self, entries: list[KBEntry], suffixes: list[str], context_needed: list[str]):
        self.entries: dict[str, KBEntry] = {}
        self._keys: dict[str, str] = {}  # key() per name: the merge asks for the same names again and again
        self._roots: dict[str, str] = {}
        self.suffixes = sorted(suffixes, key=len, reverse=True)
        self.context_needed = set(context_needed)
        self._by_key: dict[str, KBEntry] = {}
        for e in entries:
            self.add(e)
        self._regex: re.Pattern[str] | None = None

    @property
    def suffixes(self) -> list[str]:
        """Corporate suffixes, longest first (setting them clears the cached keys)."""
        return self._suffixes

    @suffixes.setter
    def suffixes(self, value: list[str]) -> None:
        self._suffixes = list(value)
        self._keys.clear()

    def add(self, e: KBEntry) -> None:
        self._roots.clear()
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
        got = self._keys.get(name)
        if got is None:
            got = self._keys[name] = self._key(name)
        return got

    def _key(self, name: str) -> str:
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
        got = self._roots.get(name)
        if got is None:
            got = self._roots[name] = self._root(name)
        return got

    def _root(self, name: str) -> str:
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
            # "Zeta-based", "Zeta-powered": the name of the maker of a part is a mention; "LG-Mercedes" is not
            self._regex = re.compile(rf"(?<![\w&-])(?:{body})(?![\w&]|-(?!{_MAKER_PARTICIPLES}\b)\w)")
        return self._regex

    def with_descriptor(self, word: str) -> set[str]:
        word = word.lower()
        return {e.name for e in self.entries.values() if any(word == d or d.endswith(" " + word)
                                                             for d in e.descriptors)}


class KBError(ValueError):
    """A knowledge-base file that cannot be used, with the file and what is wrong in words."""


def _text_list(value: object, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{what} must be a list of strings")
    return list(value)


def _entry(d: object, i: int) -> KBEntry:
    if not isinstance(d, dict):
        raise ValueError(f"entry {i + 1} is not an object")
    name = d.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"entry {i + 1} has no \"name\"")
    for key in ("kind", "parent", "country", "role"):
        if d.get(key) is not None and not isinstance(d[key], str):
            raise ValueError(f"entry {i + 1} ({name}): \"{key}\" must be a string")
    return KBEntry(kind=d.get("kind") or "company", name=name.strip(),
                   aliases=_text_list(d.get("aliases"), f"entry {i + 1} ({name}): \"aliases\""),
                   parent=d.get("parent"), country=d.get("country"),
                   descriptors=_text_list(d.get("descriptors"), f"entry {i + 1} ({name}): \"descriptors\""),
                   role=d.get("role"))


def _load_file(path: Path) -> tuple[list[KBEntry], list[str], list[str]]:
    """Read one KB file; :class:`KBError` names the file and the problem (never a traceback)."""
    try:
        raw = read_regular_file(path)
    except OSError as e:
        raise KBError(f"knowledge base {path}: cannot read it ({e.strerror or e})") from None
    return parse_kb(str(path), raw)


def parse_kb(name: str, raw: bytes) -> tuple[list[KBEntry], list[str], list[str]]:
    """The entries, corporate suffixes and context-needed names of a KB file's bytes; :class:`KBError` names
    ``name`` and the problem."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if isinstance(data, list):
            data = {"entries": data}
        if not isinstance(data, dict):
            raise ValueError("expected an object with \"entries\" or a list of entries")
        items = data.get("entries", [])
        if not isinstance(items, list):
            raise ValueError("\"entries\" must be a list")
        entries = [_entry(d, i) for i, d in enumerate(items)]
        suffixes = _text_list(data.get("corporate_suffixes"), "\"corporate_suffixes\"")
        context = _text_list(data.get("context_needed"), "\"context_needed\"")
    except UnicodeDecodeError:
        raise KBError(f"knowledge base {name}: not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise KBError(f"knowledge base {name}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    except RecursionError:
        raise KBError(f"knowledge base {name}: JSON nested too deeply") from None
    except ValueError as e:
        raise KBError(f"knowledge base {name}: {e}") from None
    return entries, suffixes, context


def user_kb_paths(extra: list[str] | None = None) -> list[Path]:
    """The user's own knowledge bases: the config folder's companies.json, $TIMELINE_KB, then ``extra``."""
    paths = [user_config_dir() / "companies.json"]
    if os.environ.get("TIMELINE_KB"):
        paths += [Path(p) for p in os.environ["TIMELINE_KB"].split(os.pathsep) if p]
    found = [p for p in paths if p.is_file()]
    return found + [Path(p) for p in (extra or [])]  # a named file that is missing is an error, not skipped


@lru_cache(maxsize=8)
def _load_kb_cached(extra: tuple[str, ...], stored: tuple[tuple[str, bytes], ...] = ()) -> KnowledgeBase:
    entries, suffixes, ctx = _load_file(resource_path("companies.json"))
    kb = KnowledgeBase(entries, suffixes, ctx)
    parts = [_load_file(p) for p in user_kb_paths(list(extra))] + [parse_kb(n, raw) for n, raw in stored]
    for more, sfx, cn in parts:
        for e in more:
            kb.add(e)
        kb.suffixes = sorted(set(kb.suffixes) | set(sfx), key=len, reverse=True)
        kb.context_needed |= set(cn)
    return kb


def load_kb(extra: list[str] | None = None, stored: tuple[tuple[str, bytes], ...] = ()) -> KnowledgeBase:
    """The bundled knowledge base extended by the user's files and by ``stored`` ones (a workspace's own:
    (name, bytes) pairs, last); cached per set of files."""
    return _load_kb_cached(tuple(extra or ()), tuple(stored))
