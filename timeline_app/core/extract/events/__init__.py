"""Stage 5, events: the per-sentence loop that runs stages 3-4 (``finder.EventFinder``), groups a sentence's
triggers into events (``grouping``) and folds the sentences that report one event into it (``coalesce``)."""
