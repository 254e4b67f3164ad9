"""The labelled Wikinews business corpus (issue 19): every label file is valid by the guidelines, the split is by
article and complete, and the test split is the frozen one (its SHA-256 is the one recorded when it was added,
before anything was tuned)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "wikinews-business"
#: Recorded in the commit that froze the test split; never update it to fit a change.
TEST_SPLIT_SHA256 = "6e00cde15d40d00a9e1cac96b05d2e14c4c82055173c50d983543abefe63eafa"


def test_the_test_split_is_frozen() -> None:
    assert hashlib.sha256((CORPUS / "gold" / "test.jsonl").read_bytes()).hexdigest() == TEST_SPLIT_SHA256


def test_split_is_by_article_and_complete() -> None:
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    ids = {p.stem for p in (CORPUS / "articles").glob("*.txt")}
    parts = [set(split[s]) for s in ("train", "dev", "test")]
    assert not (parts[0] & parts[1] or parts[0] & parts[2] or parts[1] & parts[2])
    assert set().union(*parts) == ids and len(parts[2]) >= 100
    for s, members in zip(("train", "dev", "test"), parts, strict=True):
        gold = [json.loads(x) for x in (CORPUS / "gold" / f"{s}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {g["doc_id"] for g in gold} == members and all(g["split"] == s for g in gold)


def test_every_label_file_follows_the_guidelines() -> None:
    files = [str(p) for p in sorted((CORPUS / "gold").glob("*.jsonl")) + sorted((CORPUS / "labels").glob("*.jsonl"))]
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "check_labels.py"), *files],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout[-2000:]
