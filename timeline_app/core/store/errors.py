"""The store's user-facing error."""


class WorkspaceError(Exception):
    """A workspace file that cannot be opened or written (not SQLite, a foreign database, newer, read-only,
    disk full); the message says in words what happened and what to do."""
