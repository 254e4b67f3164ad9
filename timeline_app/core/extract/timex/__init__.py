"""Stage 1, time expressions: every date, time, duration and set in the text, normalised to TimeML-style values
against the publication date (``find.find_timexes``; the rules live in ``dates``, ``periods``, ``spans``,
``extra`` and ``anaphora``, registered in that order on import; ``base`` holds what they share)."""
