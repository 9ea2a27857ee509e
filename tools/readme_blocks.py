"""The README's generated blocks: text between a start and an end marker, which a tool
writes (``--write``) and the tests compare (``--check``)."""

from __future__ import annotations


def block(text: str, start: str, end: str) -> str:
    """The block of ``text`` from ``start`` to ``end``, markers included."""
    first, last = text.find(start), text.find(end)
    if first < 0 or last < 0:
        raise ValueError(f"README.md has no block marked {start!r} ... {end!r}")
    return text[first:last + len(end)]
