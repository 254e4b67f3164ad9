"""Generate a large, varied news corpus for scale benchmarks from the real articles.

Each generated article takes the headline, dateline and first paragraphs of one real article (Wikinews
business and the MEANTIME Apple set), adds a paragraph recombined from another article's sentences, shifts
every year and the dateline by an offset that depends on the article's number, and replaces known company
names with generated ones drawn from a pool shared by neighbouring articles (so reports still overlap and
merge, while lanes and merge blocks spread over thousands of companies as in a real collection).

    python bench/corpus_gen.py OUT_DIR --count 1000 [--start 0] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = [ROOT.parent / "shared" / "data" / "wikinews-business", ROOT / "tests" / "data" / "meantime-apple",
        ROOT / "seeds"]

SYLLABLES = ["ar", "bel", "cor", "dan", "el", "fin", "gor", "hal", "is", "jor", "kel", "lum", "mar", "nor",
             "or", "pel", "quin", "ros", "sol", "tor", "ul", "ver", "wen", "xan", "yor", "zel"]
SUFFIXES = ["Corp", "Inc.", "Group", "Holdings", "Technologies", "Motors", "Energy", "Systems", "Ltd.", "AG"]
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
YEAR = re.compile(r"\b(19[7-9]\d|20[0-3]\d)\b")


def company_name(k: int) -> str:
    rnd = random.Random(k)
    stem = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 3))).capitalize()
    return f"{stem} {rnd.choice(SUFFIXES)}"


def load_sources() -> list[str]:
    texts = []
    for folder in DATA:
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))
                      if p.name != "LICENSE.txt"]
    if not texts:
        raise SystemExit("no source articles found")
    return texts


def company_regex() -> re.Pattern[str]:
    from timeline_app.core.extract.kb import load_kb

    return load_kb().alias_regex()


def generate(texts: list[str], i: int, seed: int, names: re.Pattern[str]) -> str:
    rnd = random.Random(seed * 1_000_003 + i)
    base = texts[i % len(texts)]
    other = texts[rnd.randrange(len(texts))]
    years = (i // len(texts)) % 31 - 15  # the same story moved to another year, as a new event
    days = rnd.randint(-3, 3)
    paras = [p for p in base.split("\n\n") if p.strip()]
    extra = [s for s in SENT.split(" ".join(p for p in other.split("\n\n")[2:] if p.strip())) if len(s) > 40]
    body = paras[:6]
    if extra:
        body.append(" ".join(rnd.sample(extra, min(2, len(extra)))))
    text = "\n\n".join(body)
    # a pool of companies shared by neighbouring articles of one year offset: reports overlap, lanes spread
    pool = i // 40
    mapping: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        name = m.group(0)
        if name not in mapping:
            h = sum(map(ord, name))
            mapping[name] = company_name(pool * 7919 + h % 13) if rnd.random() < 0.6 else name
        return mapping[name]

    text = names.sub(rename, text)
    text = YEAR.sub(lambda m: str(int(m.group(1)) + years), text)

    def shift_dateline(m: re.Match[str]) -> str:
        try:
            d = dt.datetime.strptime(m.group(0), "%B %d, %Y").date() + dt.timedelta(days=days)
        except ValueError:
            return m.group(0)
        return f"{d:%B} {d.day}, {d.year}"

    text = re.sub(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                  r" \d{1,2}, \d{4}\b", shift_dateline, text, count=1)
    return text + f"\n\nReference {i}.\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--start", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    texts, names = load_sources(), company_regex()
    for i in range(a.start, a.start + a.count):
        (out / f"a{i:07d}.txt").write_text(generate(texts, i, a.seed, names), encoding="utf-8")
    print(f"{a.count} articles in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
