"""Stage 3, triggers: the words of a sentence that report a business event, with its type
(``find.sentence_triggers``): the trigger lexicon, then the syntax that tells the event sense from others
(``senses``, ``actions``, ``nonevents``, ``appointments``) and what a launch is of (``products``)."""
