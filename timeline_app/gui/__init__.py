"""The Qt layer: thin adapters and widgets over ``timeline_app.core``."""
