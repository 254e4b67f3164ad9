"""A second Timeline window on the same workspace is warned (SQLite keeps the file consistent either way,
but two windows do not see each other's changes until reloaded)."""

from __future__ import annotations

from PySide6.QtCore import QLockFile


def lock_workspace(path: str, previous: QLockFile | None = None) -> tuple[QLockFile | None, str | None]:
    """Take the workspace's lock file (``PATH.lock``), releasing ``previous``. Returns the lock (None when
    another instance holds it or the folder is read-only) and a warning to show, if any."""
    if previous is not None:
        previous.unlock()
    lock = QLockFile(path + ".lock")
    lock.setStaleLockTime(0)  # only a live process holds it; a crashed one's lock is taken over
    if lock.tryLock(0):
        return lock, None
    if lock.error() == QLockFile.LockError.LockFailedError:
        info = lock.getLockInfo()  # (pid, host, app), or with a leading ok flag in some bindings
        info = info[1:] if len(info) == 4 else info
        who = f" (process {info[0]} on {info[1]})" if info and info[0] else ""
        return None, (f"This workspace is already open in another Timeline window{who}. Both can add and edit; "
                      "each window shows the other's changes only after reopening the workspace.")
    return None, None  # no lock file possible (read-only folder): nothing to warn about
