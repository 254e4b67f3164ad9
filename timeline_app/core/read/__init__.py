"""Reading: raw bytes → articles (text, title, metadata), page clutter, publication dates."""
