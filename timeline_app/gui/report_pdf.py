"""Reports as PDF: the pure HTML report (core.formats.report) laid out by QTextDocument into a QPdfWriter,
with the timeline picture rasterised from its SVG (QTextDocument draws no inline SVG). Needs a QGuiApplication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtSvg import QSvgRenderer

from ..core.formats.report import ReportQuery, report_html, timeline_svg
from ..core.model import Document, Event

IMAGE_URL = "timeline-image.png"


def svg_to_image(svg: str, scale: float = 2.0) -> QImage:
    """Rasterise an SVG string (white background)."""
    r = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = r.defaultSize()
    img = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    img.fill(0xFFFFFFFF)
    p = QPainter(img)
    r.render(p)
    p.end()
    return img


def write_report_pdf(path: str, events: list[Event], documents: Mapping[str, Document], *,
                     title: str = "Timeline report", query: ReportQuery | None = None,
                     image: QImage | None = None, generated: dt.datetime | None = None) -> None:
    """Write the report to ``path`` as an A4 PDF. ``image`` replaces the drawn timeline (e.g. the viewer's)."""
    if image is None or image.isNull():
        image = svg_to_image(timeline_svg(events))
    writer = QPdfWriter(path)
    writer.setTitle(title)
    writer.setCreator("Timeline")
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(IMAGE_URL), image)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    # lay out at a screen-like width so fonts keep their size, then scale to the page
    doc.setPageSize(QSizeF(700, 700 * rect.height() / max(rect.width(), 1)))
    doc.setHtml(report_html(events, documents, title=title, query=query, image_src=IMAGE_URL, image_width=680,
                            generated=generated))
    doc.print_(writer)
