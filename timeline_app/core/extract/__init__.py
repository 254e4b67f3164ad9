"""Extraction: one article → its mentions, entities and events (a pure function, see ``document.py``)."""
