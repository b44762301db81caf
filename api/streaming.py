"""Streamed answers that fail before they start, never halfway through."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain


def primed(chunks: Iterator[str]) -> Iterator[str]:
    """The chunks, the first already made: the query runs before the response starts, so
    that its errors are answered (a problem) instead of cutting a begun stream."""
    first = next(chunks, None)
    return chain([first] if first is not None else [], chunks)
