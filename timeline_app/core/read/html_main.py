"""The main text, title and publication date of a news page, found by trafilatura (main-text extraction)
and htmldate (publication date). Nothing is fetched: the page is parsed once into a tree here and only the
tree is handed on (given a string that looks like a URL, htmldate would download it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # trafilatura and lxml load on the first HTML page, never at start-up
    from lxml.html import HtmlElement

from .pubdate import date_shown_for

# trafilatura and htmldate log every page they find little in; a batch of articles should not.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)

@dataclass
class PageParts:
    """What the extractors found on a page; None where they found nothing."""

    text: str | None = None
    title: str | None = None
    date: str | None = None  # ISO date


def _tree(html: str) -> HtmlElement | None:
    import trafilatura
    from lxml.html import HtmlElement

    tree = trafilatura.load_html(html)
    return tree if isinstance(tree, HtmlElement) else None


def main_parts(html: str) -> PageParts:
    """Main text (paragraphs separated by blank lines, page furniture left out), title and original
    publication date of ``html``. Never raises: a page the extractors cannot read gives empty parts."""
    try:
        import trafilatura
        from trafilatura.settings import Document

        tree = _tree(html)
        if tree is None:
            return PageParts()
        doc = trafilatura.bare_extraction(
            tree, include_comments=False, include_tables=False, include_images=False, with_metadata=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception:  # a third-party parser on untrusted input: any failure means "found nothing"
        return PageParts()
    if not isinstance(doc, Document):
        return PageParts()
    paragraphs = [" ".join(p.split()) for p in (doc.text or "").split("\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    return PageParts(text or None, doc.title or None, doc.date or None)


def page_date(field: str | None, found: str | None, visible_text: str, title: str | None = None) -> str | None:
    """The page's publication date: its own metadata ``field`` first (a UTC timestamp read as the local
    date the page shows under its ``title`` in ``visible_text``), else the date htmldate ``found``."""
    if field:
        at = visible_text.find(title) if title else -1
        shown = date_shown_for(field, visible_text[max(at, 0):])
        return shown[0].isoformat() if shown else field
    return found
