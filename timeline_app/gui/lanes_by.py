"""Lanes by any field: company (the default), event type, family, person, place, tag or source article. The
choice is in the filter panel ("Lanes by") and View ▸ Lanes by (``B`` cycles), and kept in the settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ..core.index import LANE_FIELDS
from ..core.store.lane_keys import lane_keys
from .window_base import WindowParts

SETTINGS_KEY = "view/lanes_by"


class LanesByMixin(WindowParts):
    """Connects the "Lanes by" control to the timeline and remembers the choice."""

    def init_lanes_by(self) -> None:
        """Hook the control up and restore the saved choice (a value that cannot be used: company)."""
        self.timeline.lane_keys = self._lane_keys
        saved = QSettings().value(SETTINGS_KEY, "company")
        field = saved if isinstance(saved, str) and saved in LANE_FIELDS else "company"
        box = self.filters.lanes_by
        box.blockSignals(True)
        box.setCurrentIndex(max(box.findData(field), 0))
        box.blockSignals(False)
        self.timeline.lanes_by = field
        self.filters.lanesByChanged.connect(self.set_lanes_by)

    def _lane_keys(self, field: str) -> list[list[str]]:
        """Per event row, its names for lanes by ``field`` (read from the workspace)."""
        return lane_keys(self.ws.db, field) if self.ws is not None else []

    def set_lanes_by(self, field: str) -> None:
        """Make the lanes of ``field`` and keep the choice."""
        if field not in LANE_FIELDS:
            return
        self.timeline.lanes_by = field
        QSettings().setValue(SETTINGS_KEY, field)
        self.apply_filters()
        self.statusBar().showMessage(f"Lanes by {LANE_FIELDS[field]}", 4000)

    def cycle_lanes_by(self) -> None:
        """The next field lanes are made of."""
        self.filters.cycle_lanes_by()
