"""File formats written and read by Timeline (the timeline-app/2 JSON contract, JSONL, CSV)."""
