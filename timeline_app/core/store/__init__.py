"""Storage: the SQLite workspace (schema and migrations, documents, events, corrections). No extraction here."""
