"""Reading a stored timeline index without trusting it: the arrays of an ``.npz`` blob, each checked against
the zip directory and its .npy header (dtype, shape, size) before a byte of it is decompressed, so a crafted or
oversized blob is refused unread (pure NumPy, no Qt)."""

from __future__ import annotations

import io
import zipfile
import zlib

import numpy as np

#: The arrays of a stored index and their dtypes as :meth:`EventColumns.to_bytes` writes them (either byte
#: order is read). ``names`` is the UTF-8 JSON of the company names and their parents.
_COLUMN_DTYPES: dict[str, np.dtype] = {
    "t0": np.dtype(np.float64), "t1": np.dtype(np.float64), "type_code": np.dtype(np.int8),
    "precision_code": np.dtype(np.int8), "status_code": np.dtype(np.int8), "confidence": np.dtype(np.float32),
    "p_event": np.dtype(np.int32), "p_lane": np.dtype(np.int32), "names": np.dtype(np.uint8)}
#: The arrays holding one entry per event.
_PER_EVENT = ("t0", "t1", "type_code", "precision_code", "status_code", "confidence")
#: A stored index may take this much once read, plus :data:`INDEX_BYTES_PER_EVENT` per event: an event's own
#: arrays take 23 bytes, the rest leaves room for its companies' placements (8 bytes each) and names.
INDEX_BASE_BYTES = 1 << 20
INDEX_BYTES_PER_EVENT = 1024
#: ``np.savez`` writes .npy headers of 128 bytes; a longer one is not ours (numpy allows 10,000).
_NPY_HEADER_MAX = 1024


def max_index_bytes(n_events: int) -> int:
    """The most a stored index of ``n_events`` events may take once read (bytes, all arrays together)."""
    return INDEX_BASE_BYTES + INDEX_BYTES_PER_EVENT * max(n_events, 0)


class _Refused(Exception):
    """A stored index refused by a size or shape check (becomes a ``ValueError`` with this message)."""


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def _read_npz(data: bytes, expected_n: int | None) -> dict[str, np.ndarray]:
    """The arrays of an index blob, in native byte order, each checked against the zip directory and its .npy
    header before a byte of it is decompressed; raises :class:`_Refused` (or a zip/numpy error)."""
    if expected_n is not None and len(data) > max_index_bytes(expected_n) + 65536:
        raise _Refused(f"the blob is {_mb(len(data))}; an index of {expected_n:,} events takes at most "
                       f"{_mb(max_index_bytes(expected_n))}")
    limit = len(data) if expected_n is None else min(len(data), max_index_bytes(expected_n))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        want = {k + ".npy" for k in _COLUMN_DTYPES}
        got = [i.filename for i in infos]
        if len(got) != len(want) or set(got) != want:
            odd = sorted(set(got) ^ want) or sorted({g for g in got if got.count(g) > 1})
            raise _Refused(f"it holds other arrays than an index's ({', '.join(odd[:5])})")
        declared = sum(i.file_size for i in infos)
        if declared > limit:
            where = (f"from a blob of {_mb(len(data))}" if limit == len(data) else
                     f"while an index of {expected_n:,} events takes at most {_mb(limit)}")
            raise _Refused(f"its arrays would take {_mb(declared)} {where}")
        arrays: dict[str, np.ndarray] = {}
        view = memoryview(data)
        for info in infos:
            k = info.filename[:-len(".npy")]
            if info.compress_type != zipfile.ZIP_STORED:
                raise _Refused(f"array '{k}' is compressed")  # to_bytes stores them as they are
            arrays[k] = _stored_array(view, info, k, expected_n)
        return arrays


def _stored_array(view: memoryview, info: zipfile.ZipInfo, k: str, expected_n: int | None) -> np.ndarray:
    """One stored (uncompressed) member of the blob read in place: its local header, .npy header, size and CRC
    checked, then the array taken from the blob's bytes without a copy (read-only)."""
    dtype = _COLUMN_DTYPES[k]
    at = info.header_offset
    local = bytes(view[at:at + 30])
    if len(local) != 30 or local[:4] != b"PK\x03\x04":
        raise _Refused(f"array '{k}' has no local header")
    start = at + 30 + int.from_bytes(local[26:28], "little") + int.from_bytes(local[28:30], "little")
    end = start + info.file_size
    if end > len(view):
        raise _Refused(f"array '{k}' runs past the end of the blob")
    member = view[start:end]
    if zlib.crc32(member) != info.CRC:
        raise _Refused(f"array '{k}' fails its checksum")
    f = io.BytesIO(bytes(member[:_NPY_HEADER_MAX + 16]))
    if np.lib.format.read_magic(f) != (1, 0):
        raise _Refused(f"array '{k}' is not in .npy format 1.0")
    shape, fortran, got_dtype = np.lib.format.read_array_header_1_0(f, max_header_size=_NPY_HEADER_MAX)
    if got_dtype.newbyteorder("<") != dtype.newbyteorder("<"):
        raise _Refused(f"array '{k}' has dtype {got_dtype}, not {dtype}")
    if len(shape) != 1 or fortran:
        raise _Refused(f"array '{k}' has shape {shape}, not one dimension")
    count = int(shape[0])
    if expected_n is not None and k in _PER_EVENT and count != expected_n:
        raise _Refused(f"array '{k}' holds {count:,} entries for {expected_n:,} events")
    if f.tell() + count * dtype.itemsize != info.file_size:
        raise _Refused(f"array '{k}' declares {count:,} entries in {info.file_size:,} bytes")
    out: np.ndarray = np.frombuffer(member, dtype=got_dtype, count=count, offset=f.tell())
    return out if got_dtype == dtype else out.astype(dtype)
