"""The Dask path (LocalCluster with 2 workers, Parquet shards, bulk load) gives the events of the local run on
the seeds and the MEANTIME Apple articles; shards round-trip every field the merge and the workspace need."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from timeline_app.core import dask_run
from timeline_app.core.bulk import corpus_from_shards, load_shards
from timeline_app.core.corpus import extract_paths
from timeline_app.core.extract.kb import load_kb
from timeline_app.core.shards import read_shards, shard_names, write_shard
from timeline_app.core.store.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
PATHS = [str(ROOT / "seeds"), str(ROOT / "tests" / "data" / "meantime-apple")]


def sig(events) -> list[tuple]:
    return sorted((e.id, e.type, e.start, e.end, e.summary, tuple(e.companies), round(e.confidence, 6),
                   tuple((s.document, s.start, s.trigger_start) for s in e.sources)) for e in events)


def test_local_cluster_equals_local_run(tmp_path: Path) -> None:
    local = extract_paths(PATHS)
    seen = []
    rep = dask_run.run(PATHS, tmp_path / "shards", load_kb(), workers=2, partition_size=8,
                       progress=lambda d, t, _l: seen.append((d, t)))
    assert rep.documents == len(local.documents) and not rep.cancelled
    assert len(shard_names(tmp_path / "shards")) == len(rep.shards) > 2
    assert seen[-1][0] == seen[-1][1] == len(rep.shards)
    corpus = corpus_from_shards(tmp_path / "shards")
    assert sorted(d.id for d in corpus.documents) == sorted(d.id for d in local.documents)
    assert sig(corpus.events) == sig(local.events)
    assert any(len(e.sources) > 1 for e in corpus.events)
    # bulk-loaded into a workspace, merged once: the same events again, and loading twice adds nothing
    ws = Workspace(tmp_path / "w.timeline")
    first = load_shards(ws, tmp_path / "shards")
    assert len(first.added) == len(local.documents)
    assert sig(ws.events()) == sig(local.events)
    again = load_shards(ws, tmp_path / "shards")
    assert not again.added and len(again.unchanged) == len(local.documents)
    assert ws.document(local.documents[0].id).mentions  # texts and mentions are stored too
    ws.close()


def test_shard_round_trip(tmp_path: Path) -> None:
    from timeline_app.core.extract.document import extract_document
    from timeline_app.core.read.readers import read_paths

    raws, _ = read_paths([ROOT / "seeds"])
    results = [extract_document(r, load_kb()) for r in raws]
    write_shard(results, tmp_path, "x", {r.document.id: "txt" for r in results})
    back = [r for r, _fmt in read_shards(tmp_path)]
    for a, b in zip(results, back, strict=True):
        assert a.document.to_json() == b.document.to_json() and a.document.text == b.document.text
        assert [e.to_json() for e in a.events] == [e.to_json() for e in b.events]
        assert [e.trigger for e in a.events] == [e.trigger for e in b.events]
        assert [e.confidence for e in a.events] == [e.confidence for e in b.events]
        assert a.entities == b.entities


def test_load_shards_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from timeline_app.cli import COMMANDS, main
    from timeline_app.core.extract.document import extract_document
    from timeline_app.core.read.readers import read_paths

    assert "load-shards" in COMMANDS
    raws, _ = read_paths([ROOT / "seeds"])
    write_shard([extract_document(r, load_kb()) for r in raws], tmp_path / "sh", "a")
    w = tmp_path / "w.timeline"
    assert main(["load-shards", str(tmp_path / "sh"), "--workspace", str(w)]) == 0
    assert f"{len(raws)} article(s) added" in capsys.readouterr().err
    assert main(["load-shards", str(tmp_path / "sh"), "--workspace", str(w)]) == 0
    assert f"{len(raws)} already there" in capsys.readouterr().err
    assert main(["load-shards", str(tmp_path / "empty"), "--workspace", str(w)]) == 1
