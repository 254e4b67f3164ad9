"""Dates shared by every stage: calendar words, TimeML values → intervals, precision order and nesting."""
