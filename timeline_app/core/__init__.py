"""Pure-Python core: reading articles, extracting mentions and events, merging, and the workspace store.

Nothing in this package imports Qt; ``tests/test_architecture.py`` enforces it.
"""
