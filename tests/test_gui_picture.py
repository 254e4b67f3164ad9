"""Exported pictures (issue 21, defect 1 and `timeline-app image`): one drawing for File ▸ Export image, the report
and the command line. Read back: the PNG's plot area is light and shows a mark of every event type; in the SVG and
the PDF the axis label of a year sits over the mark of an event on that year's 1 January; SVG marks are shapes;
the report's header states the search; the PDF report has no gap and a sensible page count."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage

from timeline_app.cli import main as cli_main
from timeline_app.core.model import EVENT_TYPES, Entity, Event
from timeline_app.core.palette import type_colour
from timeline_app.core.store.workspace import Workspace
from timeline_app.gui.picture import PicturePainter

from .conftest import SEEDS
from .gui_support import isolate_settings, shown_window

SVG = "{http://www.w3.org/2000/svg}"
N_COMPANIES = 8
OTHER_DAY = dt.date(2024, 1, 1)  # the "other" event (black marks) sits on a year's first day


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


def _every_type_workspace(path: Path) -> Path:
    """One day event of every type (spread over 8 company lanes, 17 days apart), "other" on 2024-01-01, one
    month-long bar, one planned event and one event without a company."""
    ws = Workspace(path)
    events = []
    base = dt.date(2022, 6, 1)
    for i, t in enumerate(EVENT_TYPES):
        day = OTHER_DAY if t == "other" else base + dt.timedelta(days=23 * i)
        events.append(Event(id=f"e{i:02d}", type=t, summary=f"A {t} event", start=day, end=day, precision="day",
                            status="happened", companies=[f"Company {i % N_COMPANIES}"], confidence=0.9))
    events.append(Event(id="bar", type="contract", summary="A month-long contract", start=dt.date(2023, 3, 1),
                        end=dt.date(2023, 3, 31), precision="month", status="happened", companies=["Company 1"],
                        confidence=0.9))
    events.append(Event(id="plan", type="launch", summary="A planned launch", start=dt.date(2025, 5, 5),
                        end=dt.date(2025, 5, 5), precision="day", status="planned", companies=["Company 2"],
                        confidence=0.9))
    events.append(Event(id="orphan", type="lawsuit", summary="Nobody named", start=dt.date(2024, 6, 1),
                        end=dt.date(2024, 6, 1), precision="day", status="happened", companies=[], confidence=0.9))
    entities = {f"c{i}": Entity(f"c{i}", f"Company {i}", "company") for i in range(N_COMPANIES)}
    ws.write_events(entities, events)
    ws.close()
    return path


@pytest.fixture
def every_type(tmp_path: Path) -> Path:
    return _every_type_workspace(tmp_path / "every.timeline")


def _near(c: QColor, rgb: tuple[int, int, int], tol: int = 40) -> bool:
    return abs(c.red() - rgb[0]) + abs(c.green() - rgb[1]) + abs(c.blue() - rgb[2]) <= tol


# -- PNG: light plot area, every type visible -----------------------------------------------------------------
@pytest.fixture(params=["light", "dark", "high-contrast"])
def theme(request):
    """The window's look while exporting (exports are always the light look, for paper and slides)."""
    from timeline_app.gui.theme import set_theme_mode

    set_theme_mode(request.param)
    yield request.param
    set_theme_mode("system")


def test_png_export_has_a_light_plot_area_and_a_visible_mark_of_every_type(qtbot, tmp_path, every_type,
                                                                            theme) -> None:
    win = shown_window(qtbot, every_type, size=(1400, 800))
    win.fit_all()
    out = tmp_path / "view.png"
    win.export_image_to(str(out))
    assert win.timeline.theme.dark == (theme == "dark")  # the window keeps its own look
    img = QImage(str(out))
    data = win.view_picture()
    pp = PicturePainter(data, max(win.timeline.width(), 600))
    assert (img.width(), img.height()) == (pp.size.width() * 2, pp.size.height() * 2)
    plot = pp.layout.plot
    # the plot area: light everywhere but where something is drawn
    light = dark = n = 0
    for y in np.linspace(plot.top() + 1, plot.bottom() - 1, 40):
        for x in np.linspace(plot.left() + 1, plot.right() - 1, 120):
            c = img.pixelColor(round(x * 2), round(y * 2))
            n += 1
            light += c.lightness() > 200
            dark += c.lightness() < 40
    assert light / n > 0.9 and dark / n < 0.03, (light / n, dark / n)
    # every type's mark is drawn in its own family colour where its event is (black "other" included)
    idx, cols = data.index, data.cols
    seen = set()
    for k in range(len(idx)):
        ev = int(idx.event[k])
        if cols.precision_code[ev] != 0 or cols.status_code[ev] != 0:
            continue
        t = EVENT_TYPES[int(cols.type_code[ev])]
        x = float(pp.x_of((idx.t0[k] + idx.t1[k]) / 2))
        y = float(pp.y_of(int(idx.lane[k])))
        assert plot.left() < x < plot.right() and plot.top() < y < plot.bottom(), t
        assert _near(img.pixelColor(round(x * 2), round(y * 2)), type_colour(t)), t
        seen.add(t)
    assert seen == set(EVENT_TYPES)


# -- SVG: shapes, and the axis over the marks ------------------------------------------------------------------
def _svg_black_mark_centres(root: ET.Element, below: float) -> list[float]:
    """x of the centre of every black-filled polygon lower than ``below`` (marks of type "other")."""
    xs = []
    for g in root.iter(f"{SVG}g"):
        if g.get("fill") != "#000000":
            continue
        for poly in g.iter(f"{SVG}polygon"):
            pts = [tuple(map(float, p.split(","))) for p in poly.get("points", "").split()]
            if pts and min(y for _, y in pts) > below:
                xs.append(sum(x for x, _ in pts) / len(pts))
    return xs


def test_svg_export_draws_shapes_and_its_axis_labels_sit_over_the_marks(qtbot, tmp_path, every_type) -> None:
    win = shown_window(qtbot, every_type, size=(1400, 800))
    win.fit_all()
    out = tmp_path / "view.svg"
    win.export_image_to(str(out))
    root = ET.parse(out).getroot()
    assert not list(root.iter(f"{SVG}image"))  # nothing rasterised: no sprite boxes
    for g in root.iter(f"{SVG}g"):
        assert g.get("transform") in (None, "matrix(1,0,0,1,0,0)")  # one coordinate system for axis and marks
    texts = [(t.text or "", float(t.get("x", 0)), float(t.get("y", 0))) for t in root.iter(f"{SVG}text")]
    lane_ys = [y for s, _, y in texts if s.startswith("Company")]
    axis_y = max(y for s, _, y in texts if re.fullmatch(r"\d{4}|[A-Z][a-z]{2}", s))
    font = QFont()
    font.setPixelSize(12)
    fm = QFontMetricsF(font)
    label = next((x + fm.horizontalAdvance(s) / 2 for s, x, y in texts if s == "2024" and y == axis_y), None)
    assert label is not None, "no 2024 label on the axis"
    marks = _svg_black_mark_centres(root, min(lane_ys) - 20)
    assert marks, "the black 'other' mark is not drawn as a polygon"
    assert min(abs(m - label) for m in marks) < 1.5, (marks, label)
    # every type has a polygon in its family's colour in the plot
    fills = {g.get("fill") for g in root.iter(f"{SVG}g") if list(g.iter(f"{SVG}polygon"))}
    assert {"#{:02x}{:02x}{:02x}".format(*type_colour(t)) for t in EVENT_TYPES} <= fills


# -- PDF: read the page's content stream -----------------------------------------------------------------------
def _pdf_objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}


def _pdf_stream(body: bytes) -> bytes:
    m = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
    assert m is not None
    raw = m.group(1)
    return zlib.decompress(raw) if b"/FlateDecode" in body[:m.start()] else raw


def _to_unicode(cmap: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for a, b, dst in re.findall(rb"<([0-9A-F]+)> <([0-9A-F]+)> (\[[^\]]*\]|<[0-9A-F]+>)", cmap):
        lo, hi = int(a, 16), int(b, 16)
        if dst.startswith(b"["):
            for k, code in enumerate(re.findall(rb"<([0-9A-F]+)>", dst)):
                out[lo + k] = chr(int(code, 16))
        else:
            for k in range(hi - lo + 1):
                out[lo + k] = chr(int(dst[1:-1], 16) + k)
    for a, dst in re.findall(rb"<([0-9A-F]+)> <([0-9A-F]+)>\s*\n", cmap.split(b"beginbfchar", 1)[-1]
                             if b"beginbfchar" in cmap else b""):
        out[int(a, 16)] = chr(int(dst, 16))
    return out


def _pdf_page(path: Path) -> tuple[list[tuple[str, float, float, float]], list[tuple[tuple[float, ...], list]]]:
    """The text runs (text, x, baseline y, width) and the filled paths (fill colour, points) of a one-page PDF
    written by Qt, in the painter's coordinates."""
    data = path.read_bytes()
    objs = _pdf_objects(data)
    fonts = {}
    for body in objs.values():
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            tu = re.search(rb"/ToUnicode (\d+) 0 R", objs.get(int(ref), b""))
            if tu:
                fonts[name.decode()] = _to_unicode(_pdf_stream(objs[int(tu.group(1))]))
    content = next(_pdf_stream(b) for b in objs.values() if b"stream" in b and b"BT" in _safe(b))
    runs, paths = [], []
    fill: tuple[float, ...] = ()
    stack: list[float] = []
    pts: list[tuple[float, float]] = []
    font: dict[int, str] = {}
    in_text = False
    run: list = []
    for tok in content.decode("latin1").split():
        if re.fullmatch(r"-?[\d.]+", tok):
            stack.append(float(tok))
            continue
        if tok.startswith("<") and in_text:
            run.append(("glyph", font.get(int(tok.strip("<>"), 16), "?")))
        elif tok == "scn":
            fill = tuple(stack[-3:])
        elif tok in ("m", "l", "c"):  # a curve's end point is enough for a centre
            pts.append((stack[-2], stack[-1]))
        elif tok in ("B*", "B", "f", "f*", "b", "b*"):
            paths.append((fill, pts))
            pts = []
        elif tok in ("S", "n"):
            pts = []
        elif tok.startswith("/F"):
            font = fonts.get(tok[1:], {})
        elif tok == "BT":
            in_text, run = True, []
        elif tok == "Td":
            run.append(("td", stack[-2], stack[-1]))
        elif tok == "ET":
            in_text = False
            tds = [r for r in run if r[0] == "td"]
            glyphs = [r[1] for r in run if r[0] == "glyph"]
            if tds and glyphs:
                x0, y0 = tds[0][1], -tds[0][2]
                adv = [r[1] for r in tds[1:]]
                width = sum(adv) + (adv[-1] if adv else 0.0)  # the last glyph's advance: as its neighbour's
                runs.append(("".join(glyphs), x0, y0, width))
        stack = [] if not re.fullmatch(r"-?[\d.]+", tok) else stack
    return runs, paths


def _safe(body: bytes) -> bytes:
    try:
        return _pdf_stream(body)
    except (AssertionError, zlib.error):
        return b""


def test_pdf_export_axis_labels_sit_over_the_marks(qtbot, tmp_path, every_type) -> None:
    win = shown_window(qtbot, every_type, size=(1400, 800))
    win.fit_all()
    out = tmp_path / "view.pdf"
    win.export_image_to(str(out))
    runs, paths = _pdf_page(out)
    assert any(text.startswith("Timeline") for text, *_ in runs)  # the text was decoded
    axis_y = max(y for text, _, y, _ in runs if re.fullmatch(r"\d{4}|[A-Z][a-z]{2}", text))
    label = [(x + w / 2) for text, x, y, w in runs if text == "2024" and abs(y - axis_y) < 0.01]
    assert len(label) == 1
    lane_y = min(y for text, _, y, _ in runs if text.startswith("Company"))
    black = [sum(p[0] for p in pts) / len(pts) for fill, pts in paths
             if fill == (0.0, 0.0, 0.0) and pts and min(p[1] for p in pts) > lane_y - 20]
    assert black, "the black 'other' mark is missing"
    assert min(abs(x - label[0]) for x in black) < 1.5, (black, label)


# -- the command line -------------------------------------------------------------------------------------------
def test_image_command_writes_png_svg_pdf_with_every_event_and_filters(qtbot, tmp_path, every_type, capsys) -> None:
    for ext in ("png", "svg", "pdf"):
        out = tmp_path / f"x.{ext}"
        assert cli_main(["image", str(every_type), "--output", str(out)]) == 0
        assert out.stat().st_size > 2000
    img = QImage(str(tmp_path / "x.png"))
    assert img.width() == 2400
    grid = [(x, y) for x in range(0, img.width(), 8) for y in range(0, img.height(), 8)]
    assert sum(img.pixelColor(x, y).lightness() < 40 for x, y in grid) / len(grid) < 0.05
    texts = [t.text or "" for t in ET.parse(tmp_path / "x.svg").getroot().iter(f"{SVG}text")]
    assert "(no company)" in texts  # an event naming no company still has a lane
    assert "Lawsuit" in texts and "Other" in texts
    # filters: a family, a search, dates
    out = tmp_path / "deals.svg"
    assert cli_main(["image", str(every_type), "-o", str(out), "--type", "deal", "--from", "2022-01-01"]) == 0
    root = ET.parse(out).getroot()
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "Contract" in texts and "Other" not in texts and "Lawsuit" not in texts
    assert any("types:" in s for s in texts)  # the subtitle says what is selected
    out = tmp_path / "year.svg"
    assert cli_main(["image", str(every_type), "-o", str(out), "--from", "2024-01-01", "--to", "2024-12-31"]) == 0
    texts = [t.text or "" for t in ET.parse(out).getroot().iter(f"{SVG}text")]
    assert any(s.startswith("2023-12-24 to 2025-01-08 ·") for s in texts)  # the asked year (2 % around it)
    out = tmp_path / "one.svg"
    assert cli_main(["image", str(every_type), "-o", str(out), "--company", "company 1"]) == 0
    lanes = {t.text for t in ET.parse(out).getroot().iter(f"{SVG}text") if (t.text or "").startswith(("Company", "("))}
    assert lanes == {"Company 1"}  # only the chosen company's lane, as the viewer's company filter
    out = tmp_path / "types.svg"
    assert cli_main(["image", str(every_type), "-o", str(out), "--lanes-by", "family"]) == 0
    texts = [t.text or "" for t in ET.parse(out).getroot().iter(f"{SVG}text")]
    assert "Deals" in texts and "Other" in texts and not any(s.startswith("Company") for s in texts)
    assert any("lanes by family" in s for s in texts)
    out = tmp_path / "search.png"
    assert cli_main(["image", str(every_type), "-o", str(out), "--search", "planned"]) == 0
    assert "1 event(s)" in capsys.readouterr().err
    # a bad suffix, a missing workspace: nothing written, nothing created
    with pytest.raises(SystemExit) as e:
        cli_main(["image", str(every_type), "-o", str(tmp_path / "x.gif")])
    assert e.value.code == 2
    assert cli_main(["image", str(tmp_path / "none.timeline"), "-o", str(tmp_path / "n.png")]) == 2
    assert not (tmp_path / "none.timeline").exists() and not (tmp_path / "n.png").exists()
    # an earlier file survives a failed write
    assert cli_main(["image", str(every_type), "-o", str(tmp_path / "missing" / "x.png")]) == 1


# -- reports: the selection in the header, the PDF's pages ------------------------------------------------------
def test_report_header_states_the_search_and_the_picture_is_the_exported_one(qtbot, tmp_path, every_type) -> None:
    win = shown_window(qtbot, every_type, size=(1400, 800))
    win.filters.search.setText("planned")
    with qtbot.waitSignal(win.loaded, timeout=10_000):
        win.filters.search.returnPressed.emit()
    assert int(win.shown_mask.sum()) == 1
    out = tmp_path / "r.html"
    with qtbot.waitSignal(win.reportDone, timeout=60_000):
        win.export_report_to(str(out))
    h = out.read_text(encoding="utf-8")
    assert "Selection: search “planned”" in h and "all events" not in h
    assert h.count("<div class='event'>") == 1 and "data:image/png;base64," in h


def test_pdf_report_has_a_sensible_page_count(qtbot, tmp_path, seeds_report_ws) -> None:
    out = tmp_path / "r.pdf"
    assert cli_main(["report", str(seeds_report_ws), "--output", str(out)]) == 0
    data = out.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert 1 <= pages <= 8, pages  # 33 events with their quotes (12 pages before)
    runs, _ = _pdf_page(out)  # the first page
    texts = [" ".join(text.split()) for text, *_ in runs]
    assert f"page 1 of {pages}" in texts
    assert "2024" in texts and "Events in date order" in texts  # the chart is vectors (its labels are text)
    html_out = tmp_path / "r.html"
    assert cli_main(["report", str(seeds_report_ws), "--output", str(html_out), "--search", "Samsung"]) == 0
    h = html_out.read_text(encoding="utf-8")
    assert "Selection: search “Samsung”" in h and "data:image/png;base64," in h and "<svg" not in h


@pytest.fixture
def seeds_report_ws(tmp_path_factory) -> Path:
    from timeline_app.core.ingest import ingest

    path = tmp_path_factory.mktemp("seeds") / "seeds.timeline"
    ws = Workspace(path)
    ingest(ws, [str(SEEDS)])
    ws.close()
    return path


def test_picture_of_a_workspace_without_events_is_written(qtbot, tmp_path) -> None:
    path = tmp_path / "empty.timeline"
    Workspace(path).close()
    out = tmp_path / "e.png"
    assert cli_main(["image", str(path), "-o", str(out)]) == 0
    assert QImage(str(out)).width() == 2400
    shutil.rmtree(tmp_path / "config", ignore_errors=True)
