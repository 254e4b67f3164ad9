"""Every user action in one table: menu, name, shortcuts, and what it does (a method name on the window).
Menus, shortcuts and the F1 shortcut sheet are all built from it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

SK = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    menu: str
    name: str
    keys: tuple[QKeySequence.StandardKey | str, ...]
    slot: str
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("&File", "&Open…", (SK.Open,), "open_dialog", "Open a workspace, an extraction .json, or articles"),
    ActionSpec("&File", "&Add articles…", ("Ctrl+Shift+O",), "add_articles",
               "Add articles or a folder to this workspace"),
    ActionSpec("&File", "&Import events…", ("Ctrl+I",), "import_events",
               "Import events from a CSV/TSV (choose the columns), TimelineJS, Timesketch or Timeline JSON file"),
    ActionSpec("&File", "Export &events…", ("Ctrl+E",), "export_events",
               "Export the shown events: Timeline JSON, CSV, TimelineJS, Timesketch, Chrome trace or iCalendar"),
    ActionSpec("&File", "Export &image…", ("Ctrl+Shift+E",), "export_image",
               "Export the view as PNG, SVG or PDF with title, date range, legend and lane labels"),
    ActionSpec("&File", "Export re&port…", ("Ctrl+Shift+R",), "export_report",
               "A shareable report of the shown events: self-contained HTML or PDF"),
    ActionSpec("&File", "&Quit", (SK.Quit,), "close", "Quit Timeline"),
    ActionSpec("&Edit", "&Undo", (SK.Undo,), "undo_edit", "Undo the last edit (the menu names it)"),
    ActionSpec("&Edit", "&Redo", ("Ctrl+Shift+Z", SK.Redo), "redo_edit", "Redo the last undone edit"),
    ActionSpec("&Edit", "&Edit event…", ("E",), "edit_event", "Edit the selected event: date, type, companies…"),
    ActionSpec("&Edit", "&Delete event", ("Del",), "delete_event", "Delete the selected event (undoable)"),
    ActionSpec("&Edit", "&Merge selected events", ("M",), "merge_selection",
               "Merge the events selected in the table into one"),
    ActionSpec("&Edit", "&Star event", ("S",), "toggle_star", "Star or unstar the selected event"),
    ActionSpec("&Edit", "&Note…", ("N",), "edit_note", "Write a note on the selected event"),
    ActionSpec("&Edit", "S&plit off this source", ("Ctrl+Shift+M",), "split_source",
               "Make the source shown in the source panel an event of its own"),
    ActionSpec("&Edit", "&Company…", ("K",), "edit_company",
               "Rename the current lane's company, make it an alias or part of a group, or not a company"),
    ActionSpec("&Edit", "&Add event from selection", ("A",), "add_event_from_selection",
               "A new event whose evidence is the text selected in the source panel"),
    ActionSpec("&Edit", "Not an e&vent", ("Shift+Del",), "mark_not_event",
               "The text selected in the source panel is not an event"),
    ActionSpec("&Edit", "Article &publication date…", ("Ctrl+D",), "set_article_date",
               "Set the date of the article in the source panel; its relative dates re-resolve"),
    ActionSpec("&Edit", "E&xclude article", ("Ctrl+Shift+Del",), "exclude_article",
               "Leave the article in the source panel out of the timeline"),
    ActionSpec("&Edit", "&Retype selected…", ("T",), "retype_selection",
               "Give the selected event(s) another type (many: one undoable step)"),
    ActionSpec("&Edit", "Add a compan&y to selected…", ("Ctrl+K",), "add_company_to_selection",
               "Add a company to every selected event (one undoable step)"),
    ActionSpec("&Edit", "Remove a company from selec&ted…", ("Ctrl+Shift+K",), "remove_company_from_selection",
               "Remove a company from every selected event (one undoable step)"),
    ActionSpec("&Edit", "Accept selected (confirmed ✓)", ("Y",), "accept_selection",
               "Mark the selected event(s) as reviewed and right"),
    ActionSpec("&Edit", "Reject selected (not events)", ("Shift+N",), "reject_selection",
               "Mark the selected event(s) as not events: they leave the timeline (undoable)"),
    ActionSpec("&Edit", "Forget what corrections &taught…", (), "forget_learned",
               "New and re-extracted articles stop using what this workspace's corrections taught the classifier"),
    ActionSpec("&Edit", "Edit &history…", ("Ctrl+H",), "show_edit_history",
               "Every stored edit; revert or re-apply any, also from earlier sessions"),
    ActionSpec("&Go", "&Next event", ("Right",), "next_event", "Next event in time"),
    ActionSpec("&Go", "&Previous event", ("Left",), "previous_event", "Previous event in time"),
    ActionSpec("&Go", "Next in &lane", ("Alt+Right",), "next_in_lane", "Next event in the current lane"),
    ActionSpec("&Go", "Previous in l&ane", ("Alt+Left",), "previous_in_lane", "Previous event in the current lane"),
    ActionSpec("&Go", "Lane &above", ("Up",), "lane_above", "Nearest event in the lane above"),
    ActionSpec("&Go", "Lane &below", ("Down",), "lane_below", "Nearest event in the lane below"),
    ActionSpec("&Go", "&First event", ("Home",), "first_event", "First event"),
    ActionSpec("&Go", "&Last event", ("End",), "last_event", "Last event"),
    ActionSpec("&Go", "&Open source", ("Return", "Enter"), "open_source", "Show the source article and focus it"),
    ActionSpec("&Go", "Next &source", ("]",), "next_source", "Next source of this event"),
    ActionSpec("&Go", "Previous so&urce", ("[",), "previous_source", "Previous source of this event"),
    ActionSpec("&Go", "Scroll lanes &up", ("PgUp",), "scroll_lanes_up", "Show the previous page of lanes"),
    ActionSpec("&Go", "Scroll lanes &down", ("PgDown",), "scroll_lanes_down", "Show the next page of lanes"),
    ActionSpec("&Go", "Pan &earlier", ("Ctrl+Left",), "pan_left",
               "Move the time window earlier (the overview follows)"),
    ActionSpec("&Go", "Pan la&ter", ("Ctrl+Right",), "pan_right", "Move the time window later (the overview follows)"),
    ActionSpec("&View", "Zoom &in", ("+", "=", SK.ZoomIn), "zoom_in", "Zoom in on the time axis"),
    ActionSpec("&View", "Zoom &out", ("-", SK.ZoomOut), "zoom_out", "Zoom out on the time axis"),
    ActionSpec("&View", "&Fit all", ("F",), "fit_all", "Show all events"),
    ActionSpec("&View", "&Zoom to selection", ("Z",), "zoom_to_selection", "Fit the view to the selected event"),
    ActionSpec("&View", "Fit &lanes", ("L",), "fit_lanes", "Show as many lanes as fit, from the first"),
    ActionSpec("&View", "Lane &order", ("O",), "cycle_lane_order",
               "Order lanes by group, by name, by number of events or by first event"),
    ActionSpec("&View", "Lanes &by", ("B",), "cycle_lanes_by",
               "Lanes by company, event type, family, person, place, tag or source article"),
    ActionSpec("&View", "&Cycle focus", ("Tab",), "cycle_focus",
               "Next control: filters → timeline → undated → table → source panel"),
    ActionSpec("&View", "Cycle focus &back", ("Shift+Tab", "Backtab"), "cycle_focus_back", "Previous control"),
    ActionSpec("&View", "Focus &timeline", ("Alt+1",), "focus_timeline", "Put the keyboard focus on the timeline"),
    ActionSpec("&View", "Focus fil&ters", ("Alt+2",), "focus_filters", "Put the keyboard focus on the company list"),
    ActionSpec("&View", "&Search", (SK.Find, "/"), "focus_search",
               "Search summaries and source text; is:starred, is:edited, tag:NAME, note:WORD"),
    ActionSpec("&View", "&Clear", ("Esc",), "clear", "Clear the search, or the selection"),
    ActionSpec("&View", "Only this &company", ("C",), "only_current_company", "Filter to the current lane's company"),
    ActionSpec("&View", "&Reset filters", ("Ctrl+R",), "reset_filters", "Show everything again"),
    ActionSpec("&View", "Re&view queue", ("R",), "toggle_review",
               "Review events one at a time, least sure first: Enter/Y accept, N not an event, Space skip"),
    ActionSpec("&View", "T&itles on marks", ("Ctrl+Shift+T",), "toggle_titles",
               "Show the events' titles beside their marks when zoomed in (hover shows the rest)"),
    ActionSpec("&View", "&High contrast", ("Ctrl+Shift+H",), "toggle_high_contrast",
               "Black on white with thicker marks (again: follow the system look)"),
    ActionSpec("&Help", "&Keyboard shortcuts", ("F1",), "show_shortcuts", "This sheet"),
    ActionSpec("&Help", "&About Timeline", (), "show_about", "Version and licences"),
)
