"""Reports as PDF: the pure HTML report (core.formats.report) laid out by QTextDocument and paginated onto A4 pages
of a QPdfWriter by hand: the header, the timeline picture (drawn by :mod:`.picture`, the drawing of every
exported picture) at the page's width right under it, then the events, each page cut between two lines of
text, so the picture leaves no gap and the text runs on. Needs a QGuiApplication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from ..core.formats.picture import PictureData
from ..core.formats.report import CSS, ReportQuery, report_parts
from ..core.model import Document, Event
from .picture import PicturePainter

LAYOUT_WIDTH = 700.0  # the text is laid out this many pixels wide, then scaled to the page's width
FONT_PX = 11  # body text in layout pixels (about 8.5 pt on A4)
GAP = 10.0  # between the picture and the text around it (layout pixels)
FOOTER_H = 18.0  # the line under every page's text: title, page N of M


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
                     picture: PictureData | None = None, picture_width: int = 1000, image: QImage | None = None,
                     generated: dt.datetime | None = None) -> int:
    """Write the report to ``path`` as an A4 PDF. The timeline picture is ``picture`` drawn as vectors (laid out
    ``picture_width`` pixels wide, then scaled to the page), else ``image``, else none. Every page ends with the
    title and "page N of M". Returns the number of pages."""
    head_html, body_html = report_parts(events, documents, title=title, query=query, generated=generated)
    return write_pdf_parts(path, head_html, body_html, title=title, picture=picture, picture_width=picture_width,
                           image=image)


def write_pdf_parts(path: str, head_html: str, body_html: str, *, title: str = "Timeline report",
                    picture: PictureData | None = None, picture_width: int = 1000,
                    image: QImage | None = None) -> int:
    """:func:`write_report_pdf` of a report already made into its header and body HTML fragments (the streamed
    report's, :func:`..core.formats.report_stream.report_pieces`: the full one or the summary)."""
    writer = QPdfWriter(path)
    writer.setTitle(title)
    writer.setCreator("Timeline")
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 12), QPageLayout.Unit.Millimeter))
    head, body = _document(head_html), _document(body_html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    scale = rect.width() / LAYOUT_WIDTH
    page_h = rect.height() / scale - FOOTER_H
    painter_ = PicturePainter(picture, picture_width) if picture is not None and len(picture.index) else None
    size = (painter_.size.width(), painter_.size.height()) if painter_ is not None else \
        (image.width(), image.height()) if image is not None and not image.isNull() else None
    y = head.size().height() + GAP
    figure: QRectF | None = None
    fig_scale = 1.0
    if size is not None:
        w, h = LAYOUT_WIDTH, LAYOUT_WIDTH * size[1] / max(size[0], 1)
        if y + h > page_h:  # a very tall picture is shrunk to the page, keeping its proportions
            h = page_h - y
            w = h * size[0] / max(size[1], 1)
        figure, fig_scale = QRectF(0, y, w, h), w / max(size[0], 1)
        y += h + GAP
    # the pages: (top of the text on the page, the slice of the body shown there)
    spans, total, start = _line_spans(body), body.size().height(), 0.0
    slices: list[tuple[float, float, float]] = []
    while start < total - 0.5:
        end = _cut(spans, start, start + page_h - y)
        slices.append((y, start, end))
        start, y = end, 0.0
    pages = max(1, len(slices))
    p = QPainter(writer)
    try:
        p.scale(scale, scale)
        head.drawContents(p)
        if figure is not None:
            if painter_ is not None:
                p.save()
                p.translate(figure.topLeft())
                p.scale(fig_scale, fig_scale)
                painter_.paint(p)
                p.restore()
            elif image is not None:
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                p.drawImage(figure, image)
        for k, (top, a, b) in enumerate(slices):
            if k:
                writer.newPage()
            p.save()
            p.translate(0, top - a)
            body.drawContents(p, QRectF(0, a, LAYOUT_WIDTH, b - a))
            p.restore()
            _footer(p, title, k + 1, pages, page_h)
        if not slices:
            _footer(p, title, 1, 1, page_h)
    finally:
        p.end()
    return pages


def _footer(p: QPainter, title: str, page: int, pages: int, page_h: float) -> None:
    """The title and "page N of M" under the text of a page."""
    p.save()
    font = QFont()
    font.setPixelSize(9)
    p.setFont(font)
    p.setPen(QColor("#666666"))
    box = QRectF(0, page_h + 4, LAYOUT_WIDTH, FOOTER_H - 4)
    p.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
    p.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"page {page} of {pages}")
    p.restore()
