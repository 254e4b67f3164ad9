"""Bulk loading of Parquet shards written by cluster workers (see :mod:`.dask_run`): into a workspace, with
one incremental merge at the end, or into an in-memory corpus for an output file. Shards are checked file by file
and row by row (:func:`.shards.read_shard`): a bad file or row is a problem in the report, the rest loads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .corpus import Corpus
from .extract.document import EXTRACTOR_VERSION
from .extract.kb import load_kb
from .ingest import IngestReport, remerge, write_batch
from .merge import merge_results
from .model import DocResult
from .read.readers import Problem, RawArticle
from .shards import incomplete_shards, read_shards, shard_names
from .store.workspace import Workspace

Progress = Callable[[int, int, str], None]


def load_shards(ws: Workspace, folder: str | Path, kb_files: list[str] | None = None,
                progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> IngestReport:
    """Add every document of the shards in ``folder`` to the workspace (batched transactions, texts already
    stored are skipped), then merge once. A shard file or row that cannot be loaded is added to the report's
    problems (which file, which row and document, what is wrong) and the rest is loaded."""
    report = IngestReport()
    if not shard_names(folder):
        report.problems += incomplete_shards(folder)
        report.problems.append(Problem(str(folder), "no complete Parquet shards (documents-/mentions-/events-*)"))
        return report
    batch: list[tuple[RawArticle, DocResult]] = []
    seen: set[str] = set()
    done = 0
    for result, fmt in read_shards(folder, report.problems):
        if cancelled and cancelled():
            report.cancelled = True
            break
        doc = result.document
        done += 1
        if progress:
            progress(done, 0, doc.path)
        row = ws.db.execute("SELECT extractor FROM documents WHERE id=?", (doc.id,)).fetchone()
        if doc.id in seen or (row and row[0] == EXTRACTOR_VERSION):
            report.unchanged.append(doc.path)
            continue
        seen.add(doc.id)
        batch.append((RawArticle(doc.path, "", fmt=fmt), result))
        if len(batch) >= 256:
            write_batch(ws, batch, report)
    write_batch(ws, batch, report)
    if report.added or report.updated or ws.meta("merge_pending") == "1":
        report.merge = remerge(ws, kb_files)
    return report


def corpus_from_shards(folder: str | Path, kb_files: list[str] | None = None) -> Corpus:
    """The merged extraction held in the shards (in the order a local run merges in); shard files and rows that
    cannot be loaded are among its problems."""
    results: dict[str, DocResult] = {}
    problems: list[Problem] = []
    for result, _fmt in read_shards(folder, problems):
        if result.document.id in results:
            problems.append(Problem(result.document.path, "same text as an earlier article; skipped as a duplicate",
                                    False))
            continue
        results[result.document.id] = result
    ordered = sorted(results.values(), key=lambda r: (r.document.path, r.document.id))
    entities, events = merge_results(ordered, load_kb(kb_files))
    return Corpus([r.document for r in ordered], entities, events, problems)
