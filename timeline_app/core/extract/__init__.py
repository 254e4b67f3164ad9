"""Extraction: one article → its mentions, entities and events, a pure function (``document.extract_document``).

The subpackages are the pipeline's stages, in the order they run (README.md beside this file tells each step):
``timex`` (time expressions) → ``mentions`` (names, amounts, entities) → per sentence: ``triggers`` (event words
and their type) → ``dating`` and ``participants`` (when, and who; independent of each other) → ``events``
(grouping the triggers into events, folding the reports of one event together). At the top: ``document`` (the
entry), ``nlp`` (the spaCy model), ``kb`` (the company knowledge base), ``syntax`` (token helpers) and
``vocabulary`` (the rules' word lists, data in ``resources/extraction/``). A stage imports only from the stages
before it (an import-linter contract in pyproject.toml)."""
