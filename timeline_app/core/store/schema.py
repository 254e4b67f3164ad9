"""The workspace schema: its version (``PRAGMA user_version``) and the migrations that reach it."""

from .search import FTS_MIGRATION

SCHEMA_VERSION = 13

#: Round-2 event types that are no v3 type, and the v3 type each became (taxonomy v3, issue 19). Written out here,
#: not taken from the model: a migration must stay what it was whatever the taxonomy becomes later.
_ROUND2_TO_V3 = {"supply": "contract", "financial": "results", "appointment": "leadership", "investment": "acquisition"}
#: Extracted summaries start with the type's label ("Supply contract: Apple, Foxconn"): round-2 labels that changed.
_ROUND2_LABELS = {"Meeting / visit": "Meeting / visit / talks", "Supply contract": "Contract / order / supply",
                  "Partnership": "Partnership / JV / licence", "Investment / acquisition": "Acquisition / merger",
                  "Appointment": "Leadership change", "Plan / announcement": "Other plan"}
_OLD = "(" + ", ".join(f"'{a}'" for a in _ROUND2_TO_V3) + ")"


def _v3(x: str) -> str:
    """SQL: the v3 type for the type ``x`` (unchanged when it is no round-2 name)."""
    return f"CASE {x} " + " ".join(f"WHEN '{a}' THEN '{b}'" for a, b in _ROUND2_TO_V3.items()) + f" ELSE {x} END"


def _label_prefix(x: str) -> str:
    """SQL: whether the summary ``x`` starts with a changed round-2 label and its colon."""
    return "(" + " OR ".join(f"substr({x}, 1, {len(a) + 2}) = '{a}: '" for a in _ROUND2_LABELS) + ")"


def _relabel(x: str) -> str:
    """SQL: the summary ``x`` with a round-2 label at its start replaced by the v3 one."""
    return ("CASE " + " ".join(f"WHEN substr({x}, 1, {len(a) + 2}) = '{a}: ' THEN '{b}' || substr({x}, {len(a) + 1})"
                               for a, b in _ROUND2_LABELS.items()) + f" ELSE {x} END")


def _event_json(x: str, summaries: bool) -> tuple[str, str]:
    """SQL for one event stored as a JSON object ``x``: (its rewritten JSON, whether it needs rewriting). The type
    is mapped; with ``summaries``, an extracted summary's round-2 label too (not one the user edited)."""
    t, sm = f"json_extract({x}, '$.type')", f"json_extract({x}, '$.summary')"
    typed = f"json_type({x}) = 'object' AND json_type({x}, '$.type') = 'text'"
    if not summaries:
        return f"json_set({x}, '$.type', {_v3(t)})", f"{typed} AND {t} IN {_OLD}"
    own = (f"json_type({x}, '$.summary') = 'text' AND NOT EXISTS (SELECT 1 FROM json_each({x}, '$.edited') "
           f"WHERE value = 'summary') AND {_label_prefix(sm)}")
    new = f"CASE WHEN {own} THEN json_set({x}, '$.type', {_v3(t)}, '$.summary', {_relabel(sm)}) " \
          f"ELSE json_set({x}, '$.type', {_v3(t)}) END"
    return new, f"{typed} AND ({t} IN {_OLD} OR ({own}))"


def _rewrite_column(table: str, col: str, summaries: bool = False) -> str:
    """SQL: rewrite the event stored as JSON in ``table.col`` (text that is not JSON is left alone: readers map
    old names anyway)."""
    new, cond = _event_json(col, summaries)
    return f"UPDATE {table} SET {col} = {new} WHERE json_valid({col}) AND {cond}"


def _rewrite_results() -> str:
    """SQL: rewrite every event in a document's stored extraction (``$.events``, kept in order)."""
    new, cond = _event_json("value", True)
    item = f"CASE WHEN {cond} THEN json({new}) WHEN type IN ('object', 'array') THEN json(value) ELSE value END"
    return (f"UPDATE documents SET result = json_set(result, '$.events', (SELECT json_group_array({item}) FROM "
            "(SELECT key, type, value FROM json_each(documents.result, '$.events') ORDER BY key))) "
            "WHERE json_valid(result) AND json_type(result, '$.events') = 'array' AND EXISTS (SELECT 1 FROM "
            f"json_each(documents.result, '$.events') WHERE {cond})")


def _rewrite_merge_keys() -> list[str]:
    """SQL: merge block keys are ``KIND|TYPE|company|unit``; their type part follows the atoms' types."""
    return [f"UPDATE merge_keys SET key = substr(key, 1, instr(key, '|')) || '{b}' || "
            f"substr(key, instr(key, '|') + {len(a) + 1}) WHERE substr(key, instr(key, '|') + 1, {len(a) + 1}) = '{a}|'"
            for a, b in _ROUND2_TO_V3.items()]


_OWN_SUMMARY = ("NOT (json_valid(edited) AND EXISTS (SELECT 1 FROM json_each(events.edited) WHERE value = 'summary')) "
                f"AND {_label_prefix('summary')}")

#: Migration 10's rewriting of stored data (also run on what ``recover`` copies from an older workspace).
RETYPE: list[str] = [
    f"UPDATE events SET type = {_v3('type')} WHERE type IN {_OLD}",
    f"UPDATE events SET summary = {_relabel('summary')} WHERE {_OWN_SUMMARY}",
    _rewrite_results(),
    _rewrite_column("merge_atoms", "event", summaries=True),
    *_rewrite_merge_keys(),
    _rewrite_column("edits", "payload"),  # an edit that set a type (event.set) or added an event (event.add)
    _rewrite_column("edits", "previous"),  # the values it replaced
    _rewrite_column("trash", "data", summaries=True),
    _rewrite_column("imported_events", "data"),  # imported summaries stay as the file had them
]


MIGRATIONS: dict[int, list[str]] = {
    1: [
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)",
        """CREATE TABLE documents(id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT, text TEXT NOT NULL,
           date TEXT, date_source TEXT, date_confidence REAL, url TEXT, outlet TEXT, fmt TEXT,
           extractor TEXT, clutter TEXT, result TEXT, added TEXT)""",
        "CREATE INDEX documents_path ON documents(path)",
        """CREATE TABLE mentions(doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
           start INTEGER, end INTEGER, text TEXT, kind TEXT, entity TEXT, value TEXT)""",
        "CREATE INDEX mentions_doc ON mentions(doc_id, start)",
        "CREATE TABLE entities(id TEXT PRIMARY KEY, name TEXT, kind TEXT, aliases TEXT, parent TEXT, info TEXT)",
        """CREATE TABLE events(id TEXT PRIMARY KEY, type TEXT, summary TEXT, start TEXT, end TEXT, precision TEXT,
           status TEXT, companies TEXT, people TEXT, places TEXT, amounts TEXT, confidence REAL)""",
        """CREATE TABLE event_sources(event_id TEXT NOT NULL, doc_id TEXT NOT NULL, start INTEGER, end INTEGER,
           trigger_start INTEGER, trigger_end INTEGER)""",
        "CREATE INDEX event_sources_event ON event_sources(event_id)",
        "CREATE TABLE event_companies(event_id TEXT NOT NULL, company TEXT NOT NULL)",
        "CREATE INDEX event_companies_company ON event_companies(company)",
    ],
    2: [
        # user corrections, and the date a user set for a document
        """CREATE TABLE corrections(id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, trigger_start INTEGER NOT NULL,
           field TEXT NOT NULL, value TEXT, created TEXT)""",
        "CREATE INDEX corrections_anchor ON corrections(doc_id, trigger_start)",
        "ALTER TABLE documents ADD COLUMN user_date TEXT",
    ],
    3: [
        # the timeline's columnar arrays (NumPy .npz), rebuilt with every merge; rows follow events.rowid
        "CREATE TABLE columns(id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL)",
    ],
    4: [
        # the user's edits (core/store/edits.py): a history re-applied after every merge, each revertible
        """CREATE TABLE edits(id INTEGER PRIMARY KEY, created TEXT, kind TEXT NOT NULL, label TEXT, target TEXT,
           payload TEXT, previous TEXT, reverted INTEGER NOT NULL DEFAULT 0, placed INTEGER, problem TEXT)""",
        # corrections from schema 2 become edits anchored on their document and trigger offset
        """INSERT INTO edits(created, kind, label, target, payload, previous, reverted)
           SELECT created, 'event.set', 'Corrected ' || field,
                  json_object('anchors', json_array(json_object('doc_id', doc_id, 'start', trigger_start))),
                  json_object(field, CASE WHEN json_valid(value) THEN json(value) ELSE value END), '{}', 0
           FROM corrections ORDER BY id""",
        # documents' user-set dates from schema 2 become edits too
        """INSERT INTO edits(created, kind, label, target, payload, previous, reverted)
           SELECT added, 'doc.date', 'Set the date of an article', json_object('doc_id', id, 'path', path),
                  json_object('date', user_date), '{}', 0 FROM documents WHERE user_date IS NOT NULL""",
        # deleted events, kept to be shown and restored
        "CREATE TABLE trash(event_id TEXT PRIMARY KEY, data TEXT NOT NULL, edit_id INTEGER)",
        # provenance of each merged event: fields the user edited, note, tags, star
        "ALTER TABLE events ADD COLUMN edited TEXT",
        "ALTER TABLE events ADD COLUMN notes TEXT",
        "ALTER TABLE events ADD COLUMN tags TEXT",
        "ALTER TABLE events ADD COLUMN starred INTEGER",
    ],
    5: [
        # where each document was found: the same text at two paths is one document with two locations
        "CREATE TABLE IF NOT EXISTS locations(path TEXT PRIMARY KEY, doc_id TEXT NOT NULL, added TEXT)",
        "CREATE INDEX IF NOT EXISTS locations_doc ON locations(doc_id)",
        "INSERT OR IGNORE INTO locations(path, doc_id) SELECT path, id FROM documents",
    ],
    6: [
        # the incremental merge: per-document events ("atoms"), their blocks, the match graph between them and
        # the connected component each belongs to (merged events are rebuilt one component at a time)
        "CREATE TABLE merge_docs(doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE)",
        """CREATE TABLE merge_atoms(id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, ord INTEGER NOT NULL,
           sortkey TEXT NOT NULL, event TEXT NOT NULL, doc_date TEXT, component INTEGER NOT NULL)""",
        "CREATE INDEX merge_atoms_doc ON merge_atoms(doc_id)",
        "CREATE INDEX merge_atoms_component ON merge_atoms(component)",
        "CREATE TABLE merge_keys(key TEXT NOT NULL, atom INTEGER NOT NULL)",
        "CREATE INDEX merge_keys_key ON merge_keys(key)",
        "CREATE INDEX merge_keys_atom ON merge_keys(atom)",
        "CREATE TABLE merge_edges(a INTEGER NOT NULL, b INTEGER NOT NULL, s REAL NOT NULL)",
        "CREATE INDEX merge_edges_a ON merge_edges(a)",
        "CREATE INDEX merge_edges_b ON merge_edges(b)",
        "ALTER TABLE events ADD COLUMN component INTEGER",
        "CREATE INDEX events_component ON events(component)",
        # full-text search over events (summary, companies, evidence sentences, titles)
        *FTS_MIGRATION,
    ],
    7: [
        # imported events (core/store/imports.py): each import as it came, added next to the merged events
        """CREATE TABLE IF NOT EXISTS imports(id INTEGER PRIMARY KEY, origin TEXT NOT NULL, fmt TEXT NOT NULL,
           added TEXT, entities TEXT NOT NULL DEFAULT '[]', doc_ids TEXT NOT NULL DEFAULT '[]', events INTEGER,
           rejected INTEGER)""",
        """CREATE TABLE IF NOT EXISTS imported_events(import_id INTEGER NOT NULL REFERENCES imports(id)
           ON DELETE CASCADE, event_id TEXT NOT NULL, data TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS imported_events_import ON imported_events(import_id)",
    ],
    8: [
        # the full-text index as FTS4 (integer-keyed shadow tables: a damaged index can be repaired row by row)
        *FTS_MIGRATION,
    ],
    9: [
        # each merge atom's time anchor (its interval, or its publication day when undated, as day ordinals) and
        # the merged event it is in: a large merge component is re-clustered only near the new atoms
        "ALTER TABLE merge_atoms ADD COLUMN t0 INTEGER",
        "ALTER TABLE merge_atoms ADD COLUMN t1 INTEGER",
        "ALTER TABLE merge_atoms ADD COLUMN merged TEXT",
        "CREATE INDEX merge_atoms_time ON merge_atoms(component, t0)",
        "CREATE INDEX merge_atoms_merged ON merge_atoms(merged)",
    ],
    10: [
        # business-event taxonomy v3 (resources/taxonomy.json): round-2 type names rewritten to their v3 types in
        # the merged events, the stored extractions, the merge atoms and keys, the edits, the trash and the
        # imported events, and extracted summaries' type labels to the v3 labels; the search index is refilled
        # (summaries) and the timeline's arrays (type codes of the old nine types) are rebuilt on open
        *RETYPE,
        *FTS_MIGRATION,
        "DELETE FROM columns",
    ],
    11: [
        # the review queue (issue 22): an event's review state ('confirmed'; a rejected event is in the trash with
        # it), set by the user's review edits and rebuilt with every merge like the other provenance columns
        "ALTER TABLE events ADD COLUMN review TEXT",
    ],
    12: [
        # the reviewed events found at open without reading every event (the ✓ marks; issue 23's cold start)
        "CREATE INDEX events_review ON events(review) WHERE review IS NOT NULL",
        # what the workspace's own event classifier learns from (core/learned.py): the classifier's view of each
        # corrected sentence, kept so that the language model sees it once
        """CREATE TABLE learned_examples(doc_id TEXT NOT NULL, anchor INTEGER NOT NULL, version TEXT NOT NULL,
           features TEXT NOT NULL, PRIMARY KEY(doc_id, anchor))""",
    ],
    13: [
        # the workspace owns its knowledge base (core/store/kb_store.py): the company files ingests were given
        "CREATE TABLE workspace_kb(name TEXT PRIMARY KEY, content BLOB NOT NULL, added TEXT)",
    ],
}
