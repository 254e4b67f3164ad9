"""Stage 2, mentions: what the text names (``finder.MentionFinder`` → an ``Analysis``): spaCy's sentences and
entities, the knowledge base's companies, money and quantities (``amounts``), the kind of an unknown organisation
(``orgtype``), people with their roles and companies (``people``), one name per company (``short_names``); the
time expressions of stage 1 become date mentions."""
