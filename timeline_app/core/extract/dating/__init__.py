"""Stage 4a, dating: which time expression a trigger governs and the interval it gives, whether the event
happened, is planned or is ongoing, the news convention for undated news (``when``); and a sentence that only
says when a change just reported happens (``when_anaphor``)."""
