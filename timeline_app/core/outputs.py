"""Files the app writes (exports, reports, images, extraction output, KB exports) appear whole or not at all.

Each is written to a temporary file in the target's folder, flushed and synced, and only then renamed over the
target; any failure (a full disk, a read-only folder, a crash) removes the temporary file and leaves an earlier
file at the target exactly as it was."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload


class OutputError(OSError):
    """A file could not be written; the message names it and says that an earlier file there is unchanged."""

    def __str__(self) -> str:
        return str(self.strerror or super().__str__())


def output_error(path: str | Path, e: BaseException) -> OutputError:
    """``e`` in words, for the file at ``path``."""
    err = getattr(e, "errno", None)
    if err == errno.ENOSPC:
        why = "the disk is full"
    elif err in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "the folder is not writable"
    elif err == errno.ENOENT:
        why = f"folder {Path(path).parent} does not exist"
    else:
        why = getattr(e, "strerror", None) or str(e) or type(e).__name__
    kept = " (the file that was there is unchanged)" if Path(path).exists() else ""
    return OutputError(err or 0, f"cannot write {path}: {why}; nothing was written{kept}")


@overload
def atomic_output(path: str | Path, mode: Literal["w"] = ..., encoding: str | None = ...,
                  newline: str | None = ...) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_output(path: str | Path, mode: Literal["wb"], encoding: str | None = ...,
                  newline: str | None = ...) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def atomic_output(path: str | Path, mode: str = "w", encoding: str | None = "utf-8",
                  newline: str | None = None) -> contextlib.AbstractContextManager[IO[Any]]:
    """A file object to write ``path`` through: the target is replaced only when the ``with`` block finished
    and the data is on disk. Raises :class:`OutputError` (in words) when anything fails."""
    return _atomic(Path(path), mode, encoding if "b" not in mode else None, newline)


@contextlib.contextmanager
def _atomic(path: Path, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO[Any]]:
    if path.is_dir():
        raise OutputError(errno.EISDIR, f"cannot write {path}: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".part", dir=path.parent or Path("."))
    except OSError as e:
        raise output_error(path, e) from None
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(OSError):  # a new file gets the usual permissions, not mkstemp's 0600
            os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError) and not isinstance(e, OutputError):
            raise output_error(path, e) from None
        raise


#: How the end of a complete file of each kind looks (writers that take a file name, like Qt's, may fail quietly).
_ENDINGS = {".pdf": b"%%EOF", ".svg": b"</svg>", ".png": b"IEND\xaeB`\x82"}


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary file name beside ``path`` for writers that take a name (Qt's, pyqtgraph's, the export
    formats'). When the block ends, the file is checked complete (PDF, SVG, PNG end as they must; nothing is
    empty), synced and renamed over ``path``; otherwise it is removed and :class:`OutputError` says why."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(errno.EISDIR, f"cannot write {target}: it is a folder")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=target.suffix or ".part",
                                    dir=target.parent)
        os.close(fd)
    except OSError as e:
        raise output_error(target, e) from None
    tmp = Path(name)
    try:
        yield tmp
        _check_complete(tmp, target)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError) and not isinstance(e, OutputError):
            raise output_error(target, e) from None
        raise


def _check_complete(tmp: Path, target: Path) -> None:
    size = tmp.stat().st_size
    ending = _ENDINGS.get(target.suffix.lower())
    if size == 0:
        raise output_error(target, OSError(errno.EIO, "the file came out empty (a full disk?)"))
    if ending is not None:
        with open(tmp, "rb") as f:
            f.seek(max(0, size - 2048))
            if ending not in f.read():
                raise output_error(target, OSError(errno.EIO, "the file came out incomplete (a full disk?)"))


def _read_umask() -> int:
    umask = os.umask(0o22)  # read once, at import (changing it later would race with other threads)
    os.umask(umask)
    return umask


_UMASK = _read_umask()


def _mode_for(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o777  # replacing a file keeps its permissions
    except OSError:
        return 0o666 & ~_UMASK


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` whole or not at all."""
    with atomic_output(path, "w", encoding=encoding) as f:
        f.write(text)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all."""
    with atomic_output(path, "wb") as f:
        f.write(data)
