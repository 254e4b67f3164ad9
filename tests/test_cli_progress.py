"""The CLI progress bar: drawn on a terminal (count, rate, current article), silent otherwise."""

from __future__ import annotations

import io

from timeline_app.cli.progress import ProgressBar


def test_progress_bar_draws_count_and_closes_at_the_end() -> None:
    out = io.StringIO()
    bar = ProgressBar(out, force=True)
    for i in range(4):
        bar(i, 3, f"/data/article_{i}.txt")
    last = out.getvalue().split("\r")[-1]
    assert "3/3" in last and "article" in last and "article_3.txt" in last
    assert bar._bar is None  # closed: a new run starts a new bar
    bar(0, 2, "next.txt")
    assert bar._bar is not None and bar._bar.total == 2


def test_progress_bar_is_silent_when_not_a_terminal() -> None:
    out = io.StringIO()
    bar = ProgressBar(out)
    bar(1, 3, "a.txt")
    assert out.getvalue() == "" and not bar.enabled
