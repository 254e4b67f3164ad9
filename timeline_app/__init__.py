"""Timeline: business events from news articles on a zoomable, evidence-linked timeline."""

__version__ = "0.1.0"
