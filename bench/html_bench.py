"""HTML reading on news pages built from real articles: main text and publication date.

Each Wikinews business article (CC BY 2.5; title, date, body) is set in one of five page layouts seen on news
sites (navigation, breadcrumbs, share buttons, newsletter and cookie boxes, a byline with the local date,
"most read" and related-article lists with teaser sentences, a comments section, a footer), with the
publication time in the page's metadata as UTC, with a local offset, only as <time datetime>, or only in
the byline. Gold: the article's body and its local publication date. Scores the reader's text minus what
it marks as clutter (bag-of-words F1 against the body) and the publication date the pipeline derives.
The layouts are hand-made, so the figures compare readers on these pages, not on the open web.
Run: .venv/bin/python bench/html_bench.py [--articles N] [--legacy]   (--legacy: the visible-text reader alone)
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline_app.core.read import readers
from timeline_app.core.read.clutter import find_clutter
from timeline_app.core.read.pubdate import find_publication_date

DATA = Path("/work/shared/data/wikinews-business")
_WORD = re.compile(r"\w+")
NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/m'>Markets</a></li><li><a href='/t'>Technology</a></li>" \
      "<li><a href='/o'>Opinion</a></li></ul></nav>"
COOKIE = "<div class='cookie'>We use cookies to improve your experience on our site and to show you relevant " \
         "advertising. By continuing you agree to our use of cookies.</div>"
NEWSLETTER = "<div class='newsletter'><h4>Newsletter</h4><p>Get the most important business news of the day " \
             "delivered straight to your inbox every weekday morning, free of charge.</p></div>"
SHARE = "<div class='share'><a>Share</a> <a>Tweet</a> <a>Email</a></div>"
FOOTER = "<footer><p>© 2025 The Daily Ledger. All rights reserved.</p><a href='/about'>About us</a> " \
         "<a href='/privacy'>Privacy policy</a></footer>"


def teasers(others: list[tuple[str, str]]) -> str:
    return "".join(f"<li><a href='/x{i}'><h3>{html.escape(t)}</h3><p>{html.escape(p)}</p></a></li>"
                   for i, (t, p) in enumerate(others))


def page(layout: int, title: str, day: dt.date, paras: list[str], others: list[tuple[str, str]]) -> tuple[str, str]:
    """One page and the kind of date metadata it carries."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    shown = day.strftime("%B %-d, %Y")
    if layout == 0:  # UTC timestamp late on the local day's evening before: the page shows the next day
        utc = dt.datetime.combine(day, dt.time(0, 0)) - dt.timedelta(hours=9) + dt.timedelta(minutes=30)
        meta = f"<meta property='article:published_time' content='{utc.isoformat()}Z'>"
        kind = "UTC timestamp, local day after"
    elif layout == 1:
        meta = f"<meta property='article:published_time' content='{day.isoformat()}T14:05:00+02:00'>"
        kind = "timestamp with offset"
    elif layout == 2:
        meta, kind = "", "time element only"
    elif layout == 3:
        utc = dt.datetime.combine(day, dt.time(22, 40)) + dt.timedelta(hours=5)  # 22:40 in New York
        meta = f"<meta name='pubdate' content='{utc.isoformat()}Z'>"
        kind = "UTC timestamp, local day before"
    else:
        meta, kind = "", "byline only"
    time_el = f"<time datetime='{day.isoformat()}'>{shown}</time>" if layout == 2 else shown
    head = (f"<html><head><meta charset='utf-8'><title>{html.escape(title)} | The Daily Ledger</title>{meta}"
            "<script>window.dataLayer = [{'page': 'article'}];</script><style>body{font:14px serif}</style></head>")
    byline = f"<p class='byline'>By Staff Reporter · {time_el}</p>"
    related = f"<aside><h3>Related articles</h3><ul>{teasers(others[:3])}</ul></aside>"
    most = f"<div class='most-read'><h3>Most read</h3><ol>{teasers(others[3:6])}</ol></div>"
    comments = ("<section class='comments'><h3>Comments (2)</h3><div class='comment'><p>This is what happens "
                "when regulators look the other way for years and nobody is ever held to account.</p></div>"
                "<div class='comment'><p>I have been a customer for a decade and I am not surprised at all by "
                "this news, sadly.</p></div></section>")
    article = f"<article><h1>{html.escape(title)}</h1>{byline}{SHARE}{body}</article>"
    layouts = [
        f"{NAV}{COOKIE}<main>{article}{related}</main>{FOOTER}",
        f"{NAV}<div class='crumbs'>Home › Business › Companies</div><main>{article}{NEWSLETTER}{comments}</main>"
        f"{most}{FOOTER}",
        f"<header>{NAV}</header><div class='layout'><div class='col'>{article}</div><div class='side'>{most}"
        f"{NEWSLETTER}</div></div>{related}{FOOTER}",
        f"{COOKIE}{NAV}<div id='content'><h1>{html.escape(title)}</h1>{byline}{body}{SHARE}{related}{comments}"
        f"</div>{FOOTER}",
        f"{NAV}<div class='story'><h1>{html.escape(title)}</h1><div class='meta'>{shown}</div>{body}</div>"
        f"{most}{NEWSLETTER}{FOOTER}",
    ]
    return f"{head}<body>{layouts[layout]}</body></html>", kind


def f1(system: str, gold: str) -> float:
    s, g = Counter(_WORD.findall(system.lower())), Counter(_WORD.findall(gold.lower()))
    tp = sum((s & g).values())
    p, r = tp / max(sum(s.values()), 1), tp / max(sum(g.values()), 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def body_of(text: str) -> str:
    spans = find_clutter(text)
    out, pos = [], 0
    for c in spans:
        out.append(text[pos:c.start])
        pos = c.end
    return " ".join([*out, text[pos:]])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--legacy", action="store_true", help="today's visible-text reader alone (no trafilatura)")
    args = ap.parse_args()
    if args.legacy:
        from timeline_app.core.read import html_main

        readers.main_parts = lambda _html: html_main.PageParts()  # type: ignore[attr-defined]
        readers.page_date = lambda field, *_: field  # type: ignore[attr-defined]
    files = sorted(DATA.glob("*.txt"))[: args.articles]
    arts = []
    for f in files:
        title, _, datel, _, *paras = f.read_text(encoding="utf-8").split("\n")
        paras = [p for p in paras if p.strip()]
        arts.append((title, dt.datetime.strptime(datel.strip(), "%B %d, %Y").date(), paras))
    scores: list[float] = []
    dates_ok: Counter[str] = Counter()
    dates_n: Counter[str] = Counter()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i, (title, day, paras) in enumerate(arts):
            others = [(arts[(i + k) % len(arts)][0], arts[(i + k) % len(arts)][2][0]) for k in range(1, 7)]
            doc, kind = page(i % 5, title, day, paras, others)
            path = Path(tmp) / f"{i}.html"
            path.write_text(doc, encoding="utf-8")
            got, _ = readers.read_file(path)
            if not got:
                scores.append(0.0)
                dates_n[kind] += 1
                continue
            raw = got[0]
            scores.append(f1(body_of(raw.text), "\n".join(paras)))
            pub = find_publication_date(raw.text, find_clutter(raw.text), raw.date)
            dates_n[kind] += 1
            dates_ok[kind] += pub.date == day
    dt_s = time.perf_counter() - t0
    print(f"reader                 : {'visible text (legacy)' if args.legacy else 'trafilatura + htmldate'}")
    print(f"pages                  : {len(arts)} ({dt_s / len(arts) * 1000:.1f} ms a page to read and date)")
    print(f"body-token F1 (mean)   : {sum(scores) / len(scores):.3f}")
    print(f"publication date right : {sum(dates_ok.values())}/{sum(dates_n.values())}")
    for k in dates_n:
        print(f"  {k:<30}: {dates_ok[k]}/{dates_n[k]}")


if __name__ == "__main__":
    main()
