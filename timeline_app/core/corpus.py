"""Extraction without a workspace: everything below some paths read, extracted (on all cores) and merged in
memory (``timeline-app extract PATHS -o FILE.json``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .extract.kb import load_kb
from .ingest import Cancelled, Progress
from .merge import merge_results
from .model import DocResult, Document, Entity, Event
from .read.readers import Problem, RawArticle, iter_articles, iter_files


@dataclass
class Corpus:
    """A merged extraction over many articles (no workspace)."""

    documents: list[Document]
    entities: dict[str, Entity]
    events: list[Event]
    problems: list[Problem]


def extract_paths(paths: Iterable[str | Path], kb_files: list[str] | None = None,
                  progress: Progress | None = None, cancelled: Cancelled | None = None,
                  workers: int | None = 1) -> Corpus:
    """Read and extract everything below ``paths`` without a workspace; per-file problems are collected.
    Duplicate texts are skipped before extraction; ``workers`` processes extract (None: all cores)."""
    from .extract.document import document_id
    from .parallel import extract_many, workers_for

    kb = load_kb(kb_files)
    paths = [str(p) for p in paths]
    total = sum(1 for f in iter_files(paths) if not isinstance(f, Problem))
    problems: list[Problem] = []
    seen: set[str] = set()

    def todo() -> Iterable[tuple[RawArticle, dt.date | None]]:
        for item in iter_articles(paths):
            if isinstance(item, Problem):
                problems.append(item)
                continue
            did = document_id(item.text)
            if did in seen:
                problems.append(Problem(item.label, "same text as an earlier article; skipped as a duplicate", False))
                continue
            seen.add(did)
            yield item, None

    results: list[DocResult] = []
    n_workers = workers_for(workers, total) if workers != 1 else 1
    for i, (raw, result, error) in enumerate(extract_many(todo(), kb, n_workers, cancelled)):
        if progress:
            progress(min(i + 1, total), max(total, i + 1), raw.label)
        if result is None:
            problems.append(Problem(raw.label, error or "extraction failed"))
        else:
            results.append(result)
    if progress:
        progress(total, total, "")
    results.sort(key=lambda r: (r.document.path, r.document.id))  # the workspace's order, whatever the workers did
    entities, events = merge_results(results, kb)
    return Corpus([r.document for r in results], entities, events, problems)
