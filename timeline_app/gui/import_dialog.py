"""File ▸ Import: choose a file, see how it will be read (format, which column holds which field, a preview of
the first rows with the reason each bad row is refused), then import it off the UI thread.

The preview reads a bounded sample of the file once (``core.formats.importing.read_sample``: the first 8 MB, a
JSON document whole up to the import's bound); whatever goes wrong while previewing (a file nested too deeply, one
that cannot be read, any other error) is said in the dialog with Import off: the dialog always opens."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.formats.importing import (
    IMPORT_FORMATS,
    PREVIEW_BYTES,
    ImportBatch,
    ImportError_,
    Sample,
    format_from_suffix,
    read_import,
    read_sample,
    store_import,
    table_columns,
)
from ..core.formats.tables_import import TARGETS, guess_mapping
from ..core.ingest import open_workspace, remerge
from ..core.model import when_iso

PREVIEW_ROWS = 50
NOT_USED = "(not used)"


def _cannot_preview(e: BaseException) -> str:
    """What the dialog says about an error while previewing: a file's own problem in its words, anything else
    named with its kind (never raised into Qt, where it would stop the dialog from opening)."""
    if isinstance(e, (ImportError_, OSError)):
        return str(e)
    if isinstance(e, RecursionError):
        return f"Cannot preview this file: it is nested too deeply to read ({type(e).__name__}). Import is off."
    detail = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
    return f"Cannot preview this file ({detail}). Import is off; choose another format or fix the file."


def _item(text: str) -> QTableWidgetItem:
    it = QTableWidgetItem(text)  # plain text: file contents are never shown as rich text
    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return it


class ImportDialog(QDialog):
    """Format, column mapping (for CSV/TSV) and a live preview of how the first rows will be read."""

    def __init__(self, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(f"Import {Path(path).name}")
        self.resize(900, 600)
        self.format_box = QComboBox()
        for key, label in IMPORT_FORMATS.items():
            self.format_box.addItem(label, key)
        self.columns: list[str] = []
        #: what the preview reads of the file (once), or None when it cannot be read; ``problem`` says why
        self.sample: Sample | None = None
        self.problem = ""
        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setHorizontalHeaderLabels(["Column in the file", "Holds"])
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview = QTableWidget(0, 6)
        self.preview.setHorizontalHeaderLabels(["Row", "Date", "Precision", "Companies", "Type", "Summary / problem"])
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        self.mapping_label = QLabel("Which column holds what:")
        lay.addWidget(self.mapping_label)
        lay.addWidget(self.mapping_table, 1)
        lay.addWidget(QLabel(f"Preview (first {PREVIEW_ROWS} rows):"))
        lay.addWidget(self.preview, 2)
        lay.addWidget(self.summary)
        lay.addWidget(self.buttons)
        self._detect()
        self.format_box.currentIndexChanged.connect(self._format_changed)

    # -- state ------------------------------------------------------------------------------------------
    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def mapping(self) -> dict[str, list[str]] | None:
        """The mapping chosen in the table (None when the format has no columns to map)."""
        if self.fmt() != "csv":
            return None
        out: dict[str, list[str]] = {}
        for r, col in enumerate(self.columns):
            box = self.mapping_table.cellWidget(r, 1)
            if isinstance(box, QComboBox) and box.currentData():
                out.setdefault(str(box.currentData()), []).append(col)
        return out

    def set_column(self, column: str, target: str | None) -> None:
        """Map ``column`` onto ``target`` (None: not used), as a user choosing in the table would."""
        box = self.mapping_table.cellWidget(self.columns.index(column), 1)
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(max(0, box.findData(target)))

    def _detect(self) -> None:
        """Read the preview's sample of the file and choose the format found in it (else the one the file's name
        suggests; the preview then says why)."""
        fmt = format_from_suffix(self.path)
        try:
            self.sample = read_sample(self.path)
            fmt = self.sample.fmt
        except Exception as e:  # whatever it is, the dialog opens and says it
            self.sample, self.problem = None, _cannot_preview(e)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))
        self._format_changed()

    def _format_changed(self) -> None:
        is_table = self.fmt() == "csv"
        self.mapping_table.setVisible(is_table)
        self.mapping_label.setVisible(is_table)
        self.mapping_table.setRowCount(0)
        self.columns = []
        if self.sample is None:
            self._show_error(self.problem)
            return
        if is_table:
            try:
                self.columns = table_columns(self.path, self.sample.decoded.text)
            except Exception as e:  # whatever it is, said in the dialog
                self._show_error(self._problem_of(e))
                return
            guessed = guess_mapping(self.columns)
            by_col = {c: key for key, cols in guessed.items() for c in cols}
            self.mapping_table.setRowCount(len(self.columns))
            for r, col in enumerate(self.columns):
                self.mapping_table.setItem(r, 0, _item(col))
                box = QComboBox()
                box.addItem(NOT_USED, None)
                for key in TARGETS:
                    box.addItem(key, key)
                box.setCurrentIndex(max(0, box.findData(by_col.get(col))))
                box.currentIndexChanged.connect(self.refresh)
                self.mapping_table.setCellWidget(r, 1, box)
        self.refresh()

    def _show_error(self, message: str) -> None:
        self.preview.setRowCount(0)
        self.summary.setText(message)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _problem_of(self, e: BaseException) -> str:
        """The message for an error while previewing in the format chosen; the detection's own message when the
        format is the one the file's name suggested because its contents could not tell."""
        if self.sample is not None and self.sample.problem and self.fmt() == self.sample.fmt:
            return f"Cannot import this file: {self.sample.problem}"
        return _cannot_preview(e)

    def refresh(self) -> None:
        """Read the first rows of the sample as they would be imported and show each one's outcome."""
        if self.sample is None:
            self._show_error(self.problem)
            return
        try:
            batch = read_import(self.path, self.mapping(), self.fmt(), limit=PREVIEW_ROWS,
                                decoded=self.sample.decoded)
        except Exception as e:  # whatever it is, said in the dialog: never raised into Qt
            self._show_error(self._problem_of(e))
            return
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        rows: list[tuple[int, list[str]]] = []
        for ev in batch.events[:PREVIEW_ROWS]:
            n = _row_of(ev.sources[0].start, batch) if ev.sources else 0
            rows.append((n, [str(n) if n else "", when_iso(ev.start, ev.start_time) or "undated", ev.precision,
                             "; ".join(ev.companies), ev.type, ev.summary]))
        for r in batch.rejected[:PREVIEW_ROWS]:
            rows.append((r.row, [f"{r.unit} {r.row}", "", "", "", "", f"refused: {r.reason}"]))
        rows.sort(key=lambda x: x[0])
        self.preview.setRowCount(len(rows))
        for i, (_n, cells) in enumerate(rows):
            for j, text in enumerate(cells):
                self.preview.setItem(i, j, _item(text))
        part = f" (of the first {PREVIEW_BYTES // 2**20} MB)" if self.sample.cut else ""
        self.summary.setText(f"First rows{part}: {len(batch.events)} will be imported, {len(batch.rejected)} refused"
                             + (f"; {batch.notes[0]}" if batch.notes else ""))


def _row_of(pos: int, batch: ImportBatch) -> int:
    """The row number of an imported event, read from its evidence line (``row 12: …``)."""
    for d in batch.documents:
        line = d.text[pos:pos + 24]
        if line.startswith("row "):
            head = line[4:].split(":", 1)[0]
            return int(head) if head.isdigit() else 0
    return 0


class ImportWorker(QObject):
    """Reads, stores and merges an import in a QThread; reports through signals."""

    finished = Signal(object)  # ImportBatch
    failed = Signal(str)

    def __init__(self, workspace_path: str, path: str, fmt: str, mapping: dict[str, list[str]] | None):
        super().__init__()
        self.workspace_path, self.path, self.fmt, self.mapping = workspace_path, path, fmt, mapping
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop before anything is stored (reading and checking the file is the long part)."""
        self._cancel.set()

    def run(self) -> None:
        try:
            batch = read_import(self.path, self.mapping, self.fmt)
            if self._cancel.is_set():
                self.failed.emit("cancelled; nothing was imported")
                return
            ws = open_workspace(self.workspace_path)
            try:
                store_import(ws, batch)
                remerge(ws)
            finally:
                ws.close()
        except Exception as e:  # reported to the UI, never raised into Qt
            self.failed.emit(f"{type(e).__name__}: {e}")
            return
        self.finished.emit(batch)
