"""Re-applying the user's edits on top of a fresh extraction and merge.

Before the merge: excluded articles are left out, spans marked "not an event" drop the events triggered in
them, and company knowledge (renames, aliases, parents, "not a company") is applied to every event and entity.
After the merge: merges, splits and added events, then field edits in the order they were made. Every edit's
outcome is recorded: placed, or the reason it could not be (kept for the user, never dropped)."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..dates.intervals import PRECISION_RANK
from ..extract.kb import slug
from ..merge import event_id
from ..model import Amount, DocResult, Document, Entity, Event, Source
from .anchors import Anchor, Locator, doc_matches, doc_target, match_source
from .edits import CONTENT_FIELDS, EditRecord, validate_fields

Key = tuple[str, int]
#: edits applied before the merge (they change what is merged); the others are replayed on the merge's output
BEFORE_MERGE = ("doc.exclude", "span.not_event", "company.rename", "company.alias", "company.parent",
                "company.not_company")


class MergeCache:
    """The last merge's output before event edits, per workspace file, reused while the stored documents and the
    edits that act before the merge are unchanged: an event edit then costs a replay, not a merge."""

    def __init__(self) -> None:
        self._last: tuple[str, tuple[Any, ...], Any] | None = None

    @staticmethod
    def key(db: Any, plan: EditPlan, extra: tuple[Any, ...]) -> tuple[Any, ...]:
        docs = tuple(db.execute("SELECT id, added, extractor, length(result), date FROM documents ORDER BY id"))
        return docs, tuple(r.id for r in plan.edits if r.kind in BEFORE_MERGE), extra

    def get(self, path: str, key: tuple[Any, ...]) -> tuple[dict[str, Entity], list[Event]] | None:
        if self._last is not None and self._last[0] == path and self._last[1] == key:
            entities, events = self._last[2]
            return dict(entities), [_copy_event(e) for e in events]
        return None

    def put(self, path: str, key: tuple[Any, ...], entities: dict[str, Entity], events: list[Event]) -> None:
        self._last = (path, key, (copy.deepcopy(entities), [_copy_event(e) for e in events]))


def _copy_event(ev: Event) -> Event:
    """A copy the replay may change freely (it replaces fields and lists, never a Source or Amount in place)."""
    out = copy.copy(ev)
    for name in ("companies", "people", "places", "amounts", "sources", "edited", "tags"):
        setattr(out, name, list(getattr(ev, name)))
    return out


MERGE_CACHE = MergeCache()


@dataclass
class Applied:
    """The outcome of replaying edits: visible events, deleted ones, and each edit's problem (None = placed)."""

    events: list[Event]
    entities: dict[str, Entity]
    trash: list[tuple[Event, int]] = field(default_factory=list)
    status: dict[int, str | None] = field(default_factory=dict)
    retarget: dict[int, dict[str, Any]] = field(default_factory=dict)


def combine(group: list[Event]) -> Event:
    """One event from several the user merged: the first one's type, summary and status, the finest date,
    every company, person, place, amount and source."""
    head = group[0]
    dated = sorted([e for e in group if e.start], key=lambda e: PRECISION_RANK.get(e.precision, 9))
    out = copy.deepcopy(head)
    if dated:
        out.start, out.end, out.precision = dated[0].start, dated[0].end, dated[0].precision
        out.start_time, out.end_time = dated[0].start_time, dated[0].end_time
    for e in group[1:]:
        out.companies += [c for c in e.companies if c not in out.companies]
        out.people += [p for p in e.people if p not in out.people]
        out.places += [p for p in e.places if p not in out.places]
        out.amounts += [a for a in e.amounts if not any(a.value == b.value and a.currency == b.currency
                                                        for b in out.amounts)]
        out.sources += [s for s in e.sources if all((s.document, s.trigger_start) != (t.document, t.trigger_start)
                                                    for t in out.sources)]
        out.confidence = max(out.confidence, e.confidence)
        out.edited += [f for f in e.edited if f not in out.edited]
        out.tags += [t for t in e.tags if t not in out.tags]
        out.starred = out.starred or e.starred
        out.notes = "\n".join(n for n in (out.notes, e.notes) if n)
    return out


class EditPlan:
    """Active edits, ready to be replayed around a merge."""

    def __init__(self, edits: list[EditRecord]):
        self.edits = [e for e in edits if not e.reverted]
        self.status: dict[int, str | None] = {}
        #: new targets for edits whose article changed identity (text edited, file moved)
        self.retarget: dict[int, dict[str, Any]] = {}

    def _fail(self, rec: EditRecord, why: str) -> None:
        self.status[rec.id] = why

    def _ok(self, rec: EditRecord) -> None:
        self.status.setdefault(rec.id, None)

    # -- before the merge -------------------------------------------------------------------------------
    def before_merge(self, results: list[DocResult]) -> list[DocResult]:
        """The per-article results with exclusions, not-an-event spans and company knowledge applied."""
        docs = {r.document.id: r.document for r in results}
        loc = Locator(docs)
        excluded: set[str] = set()
        for rec in self.edits:
            try:
                if rec.kind not in ("doc.exclude", "doc.date"):
                    continue
                hit = [d for d in docs.values() if doc_matches(rec.target, d.id, d.path, d.text)]
                if not hit:
                    self._fail(rec, "the article is no longer in the workspace")
                    continue
                if rec.kind == "doc.exclude":
                    ids = [d.id for d in hit]
                    (excluded.update if rec.payload.get("excluded", True) else excluded.difference_update)(ids)
                if hit[0].id != rec.target.get("doc_id") or hit[0].path != rec.target.get("path"):
                    self.retarget[rec.id] = doc_target(hit[0])  # follow the article to its new version
                self._ok(rec)
            except (KeyError, TypeError, ValueError) as e:
                self._fail(rec, f"invalid edit: {e}")
        out = [r for r in results if r.document.id not in excluded]
        for rec in self.edits:
            if rec.kind != "span.not_event":
                continue
            try:
                pos = loc.span(Anchor.from_json(rec.target["span"]))
            except (KeyError, TypeError, ValueError) as e:
                self._fail(rec, f"invalid edit: {e}")
                continue
            if pos is None:
                self._fail(rec, "the marked text is no longer in its article")
                continue
            doc_id, s0, s1 = pos
            for r in out:
                if r.document.id == doc_id:
                    r.events = [ev for ev in r.events
                                if not any(s.document == doc_id and s0 <= s.trigger_start < s1 for s in ev.sources)]
            self._ok(rec)
        self._companies(out)
        return out

    def _companies(self, results: list[DocResult]) -> None:
        renames: dict[str, str] = {}
        dropped: set[str] = set()
        parents: dict[str, str | None] = {}
        recs = [r for r in self.edits if r.kind.startswith("company.")]
        for rec in recs:
            name = str(rec.target.get("name", ""))
            if rec.kind == "company.rename":
                renames[name] = str(rec.payload["name"])
            elif rec.kind == "company.alias":
                renames[name] = str(rec.payload["into"])
            elif rec.kind == "company.not_company":
                (dropped.add if rec.payload.get("not_company", True) else dropped.discard)(name)
            elif rec.kind == "company.parent":
                parents[name] = rec.payload.get("parent")
        if not recs:
            return

        def final(n: str) -> str:
            seen = set()
            while n in renames and n not in seen:
                seen.add(n)
                n = renames[n]
            return n

        present: set[str] = set()
        for r in results:
            for ev in r.events:
                present.update(ev.companies)
                ev.companies = list(dict.fromkeys(final(c) for c in ev.companies if final(c) not in dropped))
            for eid, ent in list(r.entities.items()):
                if ent.kind != "company":
                    continue
                present.add(ent.name)
                new = final(ent.name)
                if new in dropped:
                    ent.kind = "organization"
                elif new != ent.name:
                    ent.aliases = list(dict.fromkeys([*ent.aliases, ent.name]))
                    ent.name = new
                    del r.entities[eid]
                    r.entities.setdefault(f"c:{slug(new)}", ent)
        if results:
            ents = results[0].entities
            for name, parent in parents.items():
                target = final(name)
                found = next((e for r in results for e in r.entities.values() if e.name == target), None)
                ent = found if found is not None else \
                    ents.setdefault(f"c:{slug(target)}", Entity(f"c:{slug(target)}", target, "company"))
                ent.parent = final(parent) if parent else None
                for r in results:  # every copy of it agrees
                    for e in r.entities.values():
                        if e.name == target:
                            e.parent = ent.parent
                if parent:
                    ents.setdefault(f"c:{slug(final(parent))}", Entity(f"c:{slug(final(parent))}", final(parent),
                                                                       "company"))
        for rec in recs:
            name = str(rec.target.get("name", ""))
            if name in present or final(name) in present or rec.kind == "company.parent":
                self._ok(rec)
            else:
                self._fail(rec, f"no company named '{name}' in the workspace now")

    # -- after the merge --------------------------------------------------------------------------------
    def after_merge(self, entities: dict[str, Entity], events: list[Event], results: list[DocResult]) -> Applied:
        """The merged events with structure and field edits applied, and the deleted ones set apart."""
        docs: dict[str, Document] = {r.document.id: r.document for r in results}
        per_doc: dict[Key, Event] = {(s.document, s.trigger_start): ev for r in results for ev in r.events
                                     for s in ev.sources}
        self.loc = Locator(docs)
        events = list(events)
        for rec in self.edits:
            try:
                if rec.kind == "event.merge":
                    events = self._merge(rec, events)
                elif rec.kind == "event.split":
                    events = self._split(rec, events, per_doc)
                elif rec.kind == "event.add":
                    events = self._add(rec, events)
            except (KeyError, TypeError, ValueError, IndexError) as e:
                self._fail(rec, f"invalid edit: {e}")
        deleted: dict[int, int] = {}
        index = self._index(events)
        for rec in self.edits:
            if rec.kind not in ("event.set", "event.bulk"):
                continue
            try:
                if rec.kind == "event.set":
                    items = [(rec.target.get("anchors", []), rec.payload)]
                else:  # many events, one step: each item is an event.set of its own
                    items = list(zip([it.get("anchors", []) for it in rec.target["items"]], rec.payload["items"],
                                     strict=True))
                lost = 0
                for anchors, payload in items:
                    hits = self._find(anchors, index)
                    if not hits:
                        lost += 1
                        continue
                    fields = validate_fields(payload)
                    for i in hits:
                        self._set(events[i], fields)
                        if "deleted" in payload:
                            if payload["deleted"]:
                                deleted[i] = rec.id
                            else:
                                deleted.pop(i, None)
                if lost == len(items):
                    self._fail(rec, "the event's evidence can no longer be found" if len(items) == 1 else
                               "none of the events' evidence can be found any more")
                elif lost:
                    self._fail(rec, f"{lost} of the {len(items)} events can no longer be found; changed the others")
                else:
                    self._ok(rec)
            except (KeyError, TypeError, ValueError) as e:
                self._fail(rec, f"invalid edit: {e}")
        for ev in events:
            ev.id = event_id(ev) if ev.sources else ev.id
        keep = [ev for i, ev in enumerate(events) if i not in deleted]
        trash = [(events[i], rec_id) for i, rec_id in deleted.items()]
        return Applied(keep, entities, trash, self.status, self.retarget)

    @staticmethod
    def _index(events: list[Event]) -> tuple[dict[Key, int], dict[str, list[tuple[int, int, int, int]]]]:
        by_key: dict[Key, int] = {}
        sources: dict[str, list[tuple[int, int, int, int]]] = {}
        for i, ev in enumerate(events):
            for s in ev.sources:
                by_key[(s.document, s.trigger_start)] = i
                sources.setdefault(s.document, []).append((s.start, s.end, s.trigger_start, s.trigger_end))
        return by_key, sources

    def _find(self, anchors: list[dict[str, Any]], index: tuple[dict[Key, int], dict[str, Any]]) -> list[int]:
        by_key, sources = index
        out: list[int] = []
        for a in anchors:
            pos = self.loc.span(Anchor.from_json(a))
            key = match_source(pos, sources) if pos else None
            if key is not None and by_key[key] not in out:
                out.append(by_key[key])
        return out

    def _merge(self, rec: EditRecord, events: list[Event]) -> list[Event]:
        index = self._index(events)
        found: list[int] = []
        missing = 0
        for group in rec.target["events"]:
            hit = self._find(group, index)
            missing += not hit
            found += [i for i in hit[:1] if i not in found]
        if len(found) < 2:
            if found and not missing:
                self._ok(rec)  # the extraction already reports them as one event
            else:
                self._fail(rec, "fewer than two of the merged events can still be found")
            return events
        merged = combine([events[i] for i in found])
        merged.edited = list(dict.fromkeys([*merged.edited, "sources"]))
        if missing:
            self._fail(rec, f"{missing} of the merged events can no longer be found; merged the others")
        else:
            self._ok(rec)
        return [ev for i, ev in enumerate(events) if i not in found] + [merged]

    def _split(self, rec: EditRecord, events: list[Event], per_doc: dict[Key, Event]) -> list[Event]:
        index = self._index(events)
        by_key, sources = index
        parts_keys: list[list[Key]] = []
        for part in rec.target["parts"]:
            keys = []
            for a in part:
                pos = self.loc.span(Anchor.from_json(a))
                k = match_source(pos, sources) if pos else None
                if k is not None:
                    keys.append(k)
            parts_keys.append(keys)
        owners = {by_key[k] for keys in parts_keys for k in keys}
        if len(owners) != 1 or sum(bool(k) for k in parts_keys) < 2:
            self._fail(rec, "the split sources are no longer reported as one event")
            return events
        i = owners.pop()
        ev = events[i]
        listed = {k for keys in parts_keys for k in keys}
        rest = [(s.document, s.trigger_start) for s in ev.sources if (s.document, s.trigger_start) not in listed]
        parts_keys[0] += rest
        new = []
        for keys in parts_keys:
            if not keys:
                continue
            originals = [per_doc[k] for k in keys if k in per_doc]
            part = combine([copy.deepcopy(o) for o in originals]) if originals else copy.deepcopy(ev)
            part.sources = [s for s in ev.sources if (s.document, s.trigger_start) in set(keys)]
            part.edited = list(dict.fromkeys([*ev.edited, "sources"]))
            new.append(part)
        self._ok(rec)
        return [e for j, e in enumerate(events) if j != i] + new

    def _add(self, rec: EditRecord, events: list[Event]) -> list[Event]:
        pos = self.loc.span(Anchor.from_json(rec.target["span"]))
        if pos is None:
            self._fail(rec, "the selected text is no longer in its article")
            return events
        doc_id, s0, s1 = pos
        p = validate_fields(rec.payload)
        ev = Event(id="", type=p.get("type", "other"), summary=p.get("summary") or "", start=None, end=None,
                   precision="undated", status=p.get("status", "happened"), companies=[],
                   sources=[Source(doc_id, s0, s1, s0, s1)], confidence=1.0)
        self._set(ev, p)
        ev.edited = ["added"]
        ev.id = event_id(ev)
        self._ok(rec)
        return [*events, ev]

    @staticmethod
    def _set(ev: Event, p: dict[str, Any]) -> None:
        for k, v in p.items():
            if k in ("start", "end"):
                setattr(ev, k, dt.date.fromisoformat(v) if v else None)
                setattr(ev, f"{k}_time", None)  # a date the user set is a day or coarser: no time of day
            elif k == "amounts":
                ev.amounts = [Amount(**a) for a in v]
            elif k == "deleted":
                continue
            elif k in ("companies", "people", "tags"):
                setattr(ev, k, [str(x) for x in v])
            elif k == "starred":
                ev.starred = bool(v)
            elif k == "review":
                ev.review = str(v or "")
            else:
                setattr(ev, k, str(v))
            if k in CONTENT_FIELDS and k not in ev.edited:
                ev.edited.append(k)
        if ev.start is None:
            ev.end, ev.precision = None, "undated"
        elif ev.precision == "undated":
            ev.precision = "day"
        elif ev.end is None or ev.end < ev.start:
            ev.end = ev.start
