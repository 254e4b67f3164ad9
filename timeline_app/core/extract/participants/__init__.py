"""Stage 4b, participants: who takes part in an event: the companies a sentence names or refers back to
(``companies``), the parties of deals stated without a deal word (``deals``, ``supply``) and of a legal dispute
(``disputes``), and the person whose role an appointment changes (``person_refs``, ``appointees``)."""
