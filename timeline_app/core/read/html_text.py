"""The visible text of an HTML page (scripts, styles and markup dropped, blocks as lines), its title and the
published date in its metadata: the reader's own parser, used where trafilatura finds no main text."""

from __future__ import annotations

from html.parser import HTMLParser

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "button",
              "select", "form"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
               "article", "header", "footer", "aside", "nav", "blockquote", "figcaption", "time", "dd", "dt",
               "table", "hr", "main", "pre"}


class _VisibleText(HTMLParser):
    """Collects visible text with block structure as newlines, plus title and date metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self._in_title = False
        self._title_parts: list[str] = []
        self.date: str | None = None
        self.h1: str | None = None
        self._in_h1 = False
        self._h1_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "date", "pubdate", "dc.date",
                       "og:published_time", "publish-date", "sailthru.date") and not self.date:
                self.date = a.get("content") or None
            if key == "og:title" and not self.title:
                self.title = a.get("content") or None
            return
        if tag == "time" and a.get("datetime") and not self.date:
            self.date = a["datetime"]
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in _SKIP_TAGS and tag != "head":
            self.skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            if not self.title:
                self.title = " ".join("".join(self._title_parts).split()) or None
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.h1 = self.h1 or " ".join("".join(self._h1_parts).split()) or None
        if tag in _SKIP_TAGS and tag != "head" and self.skip:
            self.skip -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self.skip:
            return
        if self._in_h1:
            self._h1_parts.append(data)
        self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Visible text of an HTML page (scripts, styles and markup dropped), its title and published date."""
    p = _VisibleText()
    p.feed(html)
    p.close()
    lines = [" ".join(line.split()) for line in "".join(p.parts).split("\n")]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    return "\n".join(out).strip(), (p.h1 or p.title), p.date
