"""Clutter rules on plain-text pages built from real articles (Wikinews business, CC BY 2.5).

Each article is wrapped the ways news pages wrap it: furniture above the story (a banner sentence, then a
one-word section marker such as "Trending" or "Comments (32)") and furniture below it (a related-articles
list with teaser sentences, a comments box). Prints the share of the article's words kept as body (should
be ~100%) and the share of the furniture's words marked as clutter (higher is better).
Run: .venv/bin/python bench/clutter_bench.py [--articles N]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline_app.core.read.clutter import find_clutter

DATA = Path("/work/shared/data/wikinews-business")
BANNERS = ["Sign up for our free newsletter to get the latest business headlines delivered to your inbox "
           "every morning.", "Our journalism depends on readers like you, so please consider supporting "
           "independent reporting with a subscription today."]
BANNERS.append("\n\n".join(BANNERS))
TOP_MARKERS = ["Trending", "Comments (32)", "Comment", "Most read", "Recommended"]
BELOW = {
    "related list": "Related Articles\n\n{h1}\n\nThe company said on Monday that it would expand the plant and "
                    "hire more workers over the coming two years.\n\n{h2}\n\nShares fell sharply after the "
                    "regulator opened an inquiry into the accounts of the group last week.\n",
    "comments": "Comments (3)\n\nThis is exactly what happens when regulators look the other way for years and "
                "nobody is ever held to account.\n\nI have been a customer for a decade and I am not surprised "
                "at all by this news, sadly.\n",
}
_WORD = re.compile(r"\w+")


def words(s: str) -> int:
    return len(_WORD.findall(s))


def marked(text: str, start: int, end: int) -> int:
    """Words of text[start:end] that fall inside clutter."""
    spans = find_clutter(text)
    return sum(1 for m in _WORD.finditer(text, start, end) if any(c.start <= m.start() < c.end for c in spans))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=80)
    args = ap.parse_args()
    files = sorted(DATA.glob("*.txt"))[: args.articles]
    titles = [f.read_text(encoding="utf-8").split("\n", 1)[0] for f in files]
    kept = total = 0
    fur_marked = fur_total = 0
    whole_lost = 0
    for k, f in enumerate(files):
        story = f.read_text(encoding="utf-8").strip()
        for banner in BANNERS:
            for marker in TOP_MARKERS:
                page = f"{banner}\n\n{marker}\n\n{story}\n"
                s = page.index(story)
                lost = marked(page, s, s + len(story))
                kept += words(story) - lost
                total += words(story)
                whole_lost += lost > 0.5 * words(story)
        for name, tmpl in BELOW.items():
            tail = tmpl.format(h1=titles[(k + 1) % len(titles)], h2=titles[(k + 2) % len(titles)])
            page = f"{story}\n\n{tail}"
            s = page.index(tail)
            fur_marked += marked(page, s, len(page))
            fur_total += words(tail)
            lost = marked(page, 0, len(story))
            kept += words(story) - lost
            total += words(story)
            whole_lost += lost > 0.5 * words(story)
            _ = name
    n_pages = len(files) * (len(BANNERS) * len(TOP_MARKERS) + len(BELOW))
    print(f"pages                     : {n_pages} built from {len(files)} Wikinews articles")
    print(f"article words kept as body: {kept / total:.1%}")
    print(f"pages losing >50% of story: {whole_lost}")
    print(f"furniture words marked    : {fur_marked / fur_total:.1%} (related lists and comment boxes below)")


if __name__ == "__main__":
    main()
