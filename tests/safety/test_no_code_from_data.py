"""Item 1: nothing stored in a workspace is ever deserialised into code (no pickle anywhere)."""

from __future__ import annotations

import io
import os
import pickle
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from timeline_app.core.index import EventColumns
from timeline_app.core.ingest import open_workspace


class _Payload:
    """Unpickling this writes a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "PWNED"))


def _npz_payload(marker: Path) -> bytes:
    buf = io.BytesIO()
    keys = ["t0", "t1", "type_code", "precision_code", "status_code", "confidence", "p_event", "p_lane",
            "companies", "parents", "names"]
    np.savez(buf, **{k: np.array([_Payload(marker)], dtype=object) for k in keys})
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["npz", "raw-pickle", "garbage", "empty", "text"])
def test_crafted_index_blob_never_runs_and_events_still_show(workspace_file: Path, tmp_path: Path, kind: str) -> None:
    marker = tmp_path / "PWNED"
    blob: object = {"npz": _npz_payload(marker), "raw-pickle": pickle.dumps(_Payload(marker)),
                    "garbage": os.urandom(300), "empty": b"", "text": "not a blob"}[kind]
    db = sqlite3.connect(workspace_file)
    n_events = db.execute("SELECT count(*) FROM events").fetchone()[0]
    db.execute("UPDATE columns SET data=?", (blob,))
    db.commit()
    db.close()
    assert n_events > 0
    ws = open_workspace(workspace_file)
    cols = ws.event_columns()
    assert not marker.exists(), "unpickling ran code from the workspace"
    assert cols.n == n_events and cols.companies  # rebuilt from the tables
    # and the rebuilt arrays were stored back, as plain arrays
    stored = ws.db.execute("SELECT data FROM columns").fetchone()[0]
    assert EventColumns.from_bytes(stored).n == n_events
    ws.close()


def test_stored_index_needs_no_pickle(workspace_file: Path) -> None:
    ws = open_workspace(workspace_file)
    blob = ws.db.execute("SELECT data FROM columns").fetchone()[0]
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        assert all(z[k].dtype != object for k in z.files)
    ws.close()


def test_index_with_out_of_range_placements_is_refused() -> None:
    from timeline_app.core.model import Event

    cols = EventColumns.from_events([Event(id="e", type="meeting", summary="", start=None, end=None,
                                           precision="undated", status="happened", companies=["A"])])
    cols.p_lane = np.array([5], dtype=np.int32)  # a lane that does not exist
    with pytest.raises(ValueError):
        EventColumns.from_bytes(cols.to_bytes())


def test_stale_index_is_rebuilt(workspace_file: Path) -> None:
    """An index with another number of events than the table (e.g. from another workspace) is not trusted."""
    empty = EventColumns.from_events([]).to_bytes()
    db = sqlite3.connect(workspace_file)
    db.execute("UPDATE columns SET data=?", (empty,))
    db.commit()
    n = db.execute("SELECT count(*) FROM events").fetchone()[0]
    db.close()
    ws = open_workspace(workspace_file)
    assert ws.event_columns().n == n
    ws.close()
