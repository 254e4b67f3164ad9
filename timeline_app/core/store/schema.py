"""The workspace schema: its version (``PRAGMA user_version``) and the migrations that reach it."""

from .search import FTS_MIGRATION

SCHEMA_VERSION = 9

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
}
