"""One function per figure of the book, grouped by chapter; all use ``analysis.style``."""
