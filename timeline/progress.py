"""Progress bars for long CLI work (ingest, export): counts, rates and time left, on stderr.

On a terminal the bar redraws in place; in a log or a pipe it is drawn once, when the work
ends, so that scripts still see how much was done and how fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Items per second, in the unit of the work ("12.5 documents/s")."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        shown = "…" if speed is None else f"{speed:,.1f}"
        return Text(f"{shown} {self.unit}/s", style="progress.data.speed")


@dataclass
class Bar:
    progress: Progress
    task: TaskID

    def done(self, count: int) -> None:
        """`count` items are done in all."""
        self.progress.update(self.task, completed=count)

    def advance(self) -> None:
        self.progress.advance(self.task)


@contextmanager
def progress_bar(description: str, total: int | None, unit: str) -> Iterator[Bar]:
    """A bar for `total` items of `unit` (None: unknown, the bar pulses and counts)."""
    columns = [
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(unit),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True)) as progress:
        yield Bar(progress, progress.add_task(description, total=total))
