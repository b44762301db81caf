"""Fast overlap and range queries over character spans (documents can be long)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class Spanned(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=Spanned)


class SpanSet:
    """Spans that can be asked whether any of them overlaps [start, end)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._longest = max((e - s for s, e in self._spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, start - self._longest)
        for s, e in self._spans[i:]:
            if s >= end:
                return False
            if start < e:
                return True
        return False


def within(items: Sequence[T], starts: Sequence[int], start: int, end: int) -> list[T]:
    """The items (sorted by start, with their starts) that start in [start, end)."""
    return list(items[bisect_left(starts, start) : bisect_left(starts, end)])
