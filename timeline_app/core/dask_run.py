"""Extraction beyond one machine: the pure ``extract_document`` over a Dask cluster.

The article files are split into partitions of a ``dask.bag``; each task reads its files (the workers must
see the same paths: a shared or network file system), extracts them with the worker's model (loaded once per
worker process) and the knowledge base sent with the graph (never the worker's own configuration), and writes
one Parquet shard (see :mod:`.shards`) into a folder all workers and the client can reach. The client only
collects counts and problems; ``load-shards`` (or :func:`bulk.load_shards`) then loads the shards and merges
once. With no scheduler address a ``LocalCluster`` runs on this machine."""

from __future__ import annotations

import hashlib
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extract.document import document_id, extract_document
from .extract.kb import KnowledgeBase
from .extract.nlp import get_nlp
from .model import DocResult
from .read.readers import Problem, iter_files, read_file
from .shards import write_shard

#: Articles per task (and per shard): large enough that a shard is worth a file, small enough to retry cheaply.
PARTITION_SIZE = 64


@dataclass
class DaskReport:
    """What a cluster run did."""

    shards: list[str] = field(default_factory=list)
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False


def extract_partition(items: list[tuple[str, str]], out_dir: str, kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One task, on a worker: read, deduplicate (by text hash) and extract the ``(label, path)`` files, and
    write their shard. Named after its inputs, so a retried task rewrites the same shard."""
    nlp = get_nlp()
    results: list[DocResult] = []
    fmts: dict[str, str] = {}
    problems: list[tuple[str, str, bool]] = []
    seen: set[str] = set()
    for label, path in items:
        arts, probs = read_file(path)
        problems += [(label if p.path == path else p.path, p.reason, p.fatal) for p in probs]
        for a in arts:
            a.path = label
            did = document_id(a.text)
            if did in seen:
                problems.append((a.label, "same text as an earlier article; skipped as a duplicate", False))
                continue
            seen.add(did)
            try:
                r = extract_document(a, kb, nlp)
            except Exception as e:  # one bad article must not stop the task
                problems.append((a.label, f"extraction failed: {type(e).__name__}: {e}", True))
                continue
            results.append(r)
            fmts[r.document.id] = a.fmt
    name = hashlib.sha1("\n".join(p for _l, p in items).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    write_shard(results, out_dir, name, fmts)
    return [{"shard": name, "documents": len(results), "problems": problems}]


def run(paths: list[str], out_dir: str | Path, kb: KnowledgeBase, address: str | None = None,
        workers: int = 2, partition_size: int = PARTITION_SIZE,
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None) -> DaskReport:
    """Extract everything below ``paths`` on the cluster at ``address`` (a ``LocalCluster`` of ``workers``
    single-threaded processes when None), writing shards into ``out_dir``."""
    # imported here: only cluster runs need Dask (the optional `scale` extra); untyped, hence Any
    dask: Any = importlib.import_module("dask")
    dbag: Any = importlib.import_module("dask.bag")
    distributed: Any = importlib.import_module("distributed")
    Client, LocalCluster, as_completed = distributed.Client, distributed.LocalCluster, distributed.as_completed

    report = DaskReport()
    items: list[tuple[str, str]] = []
    for f in iter_files(paths):
        if isinstance(f, Problem):
            report.problems.append(f)
        else:
            items.append((str(f), str(Path(f).resolve())))
    out = str(Path(out_dir).resolve())
    Path(out).mkdir(parents=True, exist_ok=True)
    if not items:
        return report
    cluster = None
    if address:
        client = Client(address)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        kb_task = dask.delayed(kb, name="timeline-kb", pure=False)  # sent once with the graph, shared by tasks
        bag = dbag.from_sequence(items, partition_size=max(1, partition_size))
        parts = bag.map_partitions(extract_partition, out, kb_task).to_delayed()
        futures = client.compute(parts)
        total = len(futures)
        for done, fut in enumerate(as_completed(futures), start=1):
            if cancelled and cancelled():
                report.cancelled = True
                client.cancel(futures)
                break
            for part in fut.result():
                report.shards.append(part["shard"])
                report.documents += part["documents"]
                report.problems += [Problem(p, why, fatal) for p, why, fatal in part["problems"]]
            if progress:
                progress(done, total, f"shard {done}/{total}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return report
