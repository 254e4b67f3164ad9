"""Reports as PDF: the pure HTML report (core.formats.report) laid out by QTextDocument and paginated onto A4 pages
of a QPdfWriter by hand: the header, the timeline picture (drawn by :mod:`.picture`, the drawing of every
exported picture) at the page's width right under it, then the events, each page cut between two lines of
text, so the picture leaves no gap and the text runs on. Needs a QGuiApplication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from ..core.formats.report import CSS, ReportQuery, report_parts
from ..core.model import Document, Event

LAYOUT_WIDTH = 700.0  # the text is laid out this many pixels wide, then scaled to the page's width
FONT_PX = 11  # body text in layout pixels (about 8.5 pt on A4)
GAP = 10.0  # between the picture and the text around it (layout pixels)


def _document(fragment: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont(doc.defaultFont())
    font.setPixelSize(FONT_PX)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(CSS + " body { margin: 0; max-width: none; }")  # the page sets the width
    doc.setHtml(f"<html><body>{fragment}</body></html>")
    doc.setTextWidth(LAYOUT_WIDTH)
    return doc


def _line_spans(doc: QTextDocument) -> list[tuple[float, float]]:
    """(top, bottom) of every laid-out line of ``doc``, in document coordinates, top to bottom."""
    spans = []
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lay = block.layout()
        for i in range(lay.lineCount()):
            line = lay.lineAt(i)
            spans.append((top + line.y(), top + line.y() + line.height()))
        block = block.next()
    return sorted(spans)


def _cut(spans: list[tuple[float, float]], start: float, limit: float) -> float:
    """Where to end a page that shows the document from ``start``: before the first line that would not fit
    above ``limit`` (at ``limit`` when not even one line fits)."""
    for top, bottom in spans:
        if bottom > limit and top >= start:
            return top if top > start else limit
    return limit


def write_report_pdf(path: str, events: list[Event], documents: Mapping[str, Document], *,
                     title: str = "Timeline report", query: ReportQuery | None = None,
                     image: QImage | None = None, generated: dt.datetime | None = None) -> int:
    """Write the report to ``path`` as an A4 PDF; ``image`` is the timeline picture (none when None). Returns
    the number of pages."""
    writer = QPdfWriter(path)
    writer.setTitle(title)
    writer.setCreator("Timeline")
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    head_html, body_html = report_parts(events, documents, title=title, query=query, generated=generated)
    head, body = _document(head_html), _document(body_html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    scale = rect.width() / LAYOUT_WIDTH
    page_h = rect.height() / scale
    pages = 1
    p = QPainter(writer)
    try:
        p.scale(scale, scale)
        head.drawContents(p)
        y = head.size().height() + GAP
        if image is not None and not image.isNull():
            h = LAYOUT_WIDTH * image.height() / max(image.width(), 1)
            if y + h > page_h:
                h = page_h - y  # a very tall picture is shrunk to the page, keeping its proportions
                w = h * image.width() / max(image.height(), 1)
            else:
                w = LAYOUT_WIDTH
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(QRectF(0, y, w, h), image)
            y += h + GAP
        spans, total, start = _line_spans(body), body.size().height(), 0.0
        while start < total - 0.5:
            end = _cut(spans, start, start + page_h - y)
            p.save()
            p.translate(0, y - start)
            body.drawContents(p, QRectF(0, start, LAYOUT_WIDTH, end - start))
            p.restore()
            start = end
            if start < total - 0.5:
                writer.newPage()
                pages += 1
                y = 0.0
    finally:
        p.end()
    return pages
