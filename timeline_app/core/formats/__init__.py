"""File formats written and read by Timeline (the timeline-app/1 JSON contract, JSONL, CSV)."""
