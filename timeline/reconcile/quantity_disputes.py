"""Figures that cannot both hold: death tolls, counts of missiles, shares. Pure.

Each figure an account gives (a `Quantity`) bounds what its wording allows: "58" is exactly
58, "at least 58" is 58 or more, "about 60" what the extraction made of "about". Two figures
of one measure conflict when those [low, high] ranges do not meet, except that:

- one claimant in one document never disputes itself (`same_telling`);
- a cumulative measure (a toll, data/measures.yaml) grows while it is reported: a higher
  figure reported on a later day than a lower one is an update. Such figures are compared
  when reported the same day (or on a day not known), and when a later report gives a lower
  figure than an earlier one.

Each dispute carries the UCDP-style range of the measure across all the event's accounts
(`figure_range`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from statistics import median_low
from typing import Any

from timeline.extract.types import Quantity
from timeline.reconcile.dispute_model import (
    AccountView,
    Dispute,
    Side,
    clusters,
    most_common,
    same_telling,
)
from timeline.reconcile.wording import number, said, source_key
from timeline.yamldata import read_yaml


class MeasureRulesError(ValueError):
    pass


SETTINGS = frozenset({"cumulative", "unit", "word"})


@dataclass(frozen=True, slots=True)
class MeasureRules:
    cumulative: frozenset[str]  # measures whose counts grow while they are reported
    words: Mapping[str, str]  # measure → what follows its first figure in words ("killed")
    units: Mapping[str, str]  # measure → what every figure is written with ("%")

    def word(self, measure: str) -> str:
        return self.words.get(measure, measure)

    def unit(self, measure: str) -> str:
        return self.units.get(measure, "")


def parse_measure_rules(raw: Any) -> MeasureRules:
    if not isinstance(raw, Mapping) or set(raw) != {"measures"}:
        raise MeasureRulesError("measures data: expected a mapping with one key, 'measures'")
    measures = raw["measures"]
    if not isinstance(measures, Mapping):
        raise MeasureRulesError("measures data: 'measures' must map names to settings")
    cumulative: set[str] = set()
    words: dict[str, str] = {}
    units: dict[str, str] = {}
    for name, settings in measures.items():
        if not isinstance(name, str) or not name:
            raise MeasureRulesError(f"measures data: {name!r} is not a measure name")
        if not isinstance(settings, Mapping) or not set(settings) <= SETTINGS:
            raise MeasureRulesError(f"measure {name!r}: settings are {sorted(SETTINGS)}")
        if not isinstance(settings.get("cumulative"), bool):
            raise MeasureRulesError(f"measure {name!r}: 'cumulative' must be true or false")
        word, unit = settings.get("word", name), settings.get("unit", "")
        if not isinstance(word, str) or not word.strip():
            raise MeasureRulesError(f"measure {name!r}: 'word' must be a non-empty string")
        if not isinstance(unit, str) or unit != unit.rstrip():
            raise MeasureRulesError(f"measure {name!r}: 'unit' must be a string, no end space")
        if settings["cumulative"]:
            cumulative.add(name)
        words[name], units[name] = word.strip(), unit
    return MeasureRules(cumulative=frozenset(cumulative), words=words, units=units)


@lru_cache(maxsize=1)
def load_measure_rules() -> MeasureRules:
    text = resources.files("timeline.reconcile").joinpath("data/measures.yaml").read_text("utf-8")
    return parse_measure_rules(read_yaml(text))


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of one account, with the range its wording allows."""

    account: AccountView
    index: int  # its place among the account's quantities
    quantity: Quantity
    low: float  # -inf: unbounded below
    high: float  # inf: unbounded above

    @property
    def key(self) -> tuple[int, ...]:
        return self.account.id, self.index


def bounds(quantity: Quantity) -> tuple[float, float]:
    """The [low, high] a figure allows. A bare figure with neither hedge nor bounds is
    exact; a missing bound is open on that side."""
    exact = quantity.hedge is None and quantity.low is None and quantity.high is None
    point = quantity.best if exact else None
    low = quantity.low if quantity.low is not None else point
    high = quantity.high if quantity.high is not None else point
    low_, high_ = -math.inf if low is None else low, math.inf if high is None else high
    return min(low_, high_), max(low_, high_)


def figure_range(figures: Sequence[Figure]) -> tuple[float | None, float | None, float | None]:
    """The UCDP-style (low, best, high) of these figures.

    low is the lowest stated best figure or low bound, high the highest best figure or high
    bound; a figure bounded on one side only ("fewer than 50") stands for that bound on the
    other side too. best is the median of the best figures the sources state, each source
    (claimant_id) counting each of its figures once however many outlets relay it; with an
    even number the lower middle one (`statistics.median_low`), so that best is always a
    figure some source gave. None where no figure says anything.
    """
    lows: list[float] = []
    highs: list[float] = []
    for f in figures:
        q = f.quantity
        down = [v for v in (q.best, q.low) if v is not None]
        up = [v for v in (q.best, q.high) if v is not None]
        lows.extend(down or up)
        highs.extend(up or down)
    stated = {(source_key(f.account), f.quantity.best) for f in figures}
    bests = sorted(best for _, best in stated if best is not None)
    return (
        min(lows) if lows else None,
        median_low(bests) if bests else None,
        max(highs) if highs else None,
    )


def quantity_disputes(
    accounts: Sequence[AccountView], rules: MeasureRules | None = None
) -> list[Dispute]:
    """One dispute per measure and group of figures that clash, measures alphabetical."""
    rules = rules or load_measure_rules()
    by_measure: dict[str, list[Figure]] = {}
    for account in accounts:
        for index, quantity in enumerate(account.quantities):
            low, high = bounds(quantity)
            figure = Figure(account, index, quantity, low, high)
            by_measure.setdefault(quantity.measure, []).append(figure)
    found: list[Dispute] = []
    for measure in sorted(by_measure):
        figures = by_measure[measure]
        cumulative = measure in rules.cumulative

        def clash(f: Figure, g: Figure, cumulative: bool = cumulative) -> bool:
            return _figures_clash(f, g, cumulative=cumulative)

        summary = figure_range(figures)
        for group in clusters(figures, clash, lambda f: f.key):
            found.append(_dispute(measure, group, summary, rules, cumulative=cumulative))
    return found


def _figures_clash(f: Figure, g: Figure, *, cumulative: bool) -> bool:
    if same_telling(f.account, g.account) or max(f.low, g.low) <= min(f.high, g.high):
        return False
    day_f, day_g = f.account.reported, g.account.reported
    if cumulative and day_f is not None and day_g is not None and day_f != day_g:
        earlier, later = (f, g) if day_f < day_g else (g, f)
        return later.high < earlier.low  # a later, higher toll is an update
    return True


def _dispute(
    measure: str,
    group: list[Figure],
    summary: tuple[float | None, float | None, float | None],
    rules: MeasureRules,
    *,
    cumulative: bool,
) -> Dispute:
    by_label: dict[str, list[Figure]] = {}
    for member in group:
        by_label.setdefault(_label(member), []).append(member)
    ordered = sorted(by_label.items(), key=lambda item: (min(map(_size, item[1])), item[0]))
    days = {f.account.reported for f in group if f.account.reported is not None}
    with_days = cumulative and len(days) > 1
    words: list[str] = []
    sides: list[Side] = []
    for i, (label, told) in enumerate(ordered):
        stated = most_common([_words(f.quantity, label) for f in told]) + rules.unit(measure)
        if i == 0:
            stated = f"{stated} {rules.word(measure)}"
        accounts = [f.account for f in told]
        words.append(said(stated, accounts, with_days=with_days))
        sides.append((label, tuple(sorted({a.id for a in accounts}))))
    detail = "; ".join(words) + _range_words(summary)
    return Dispute("quantity", detail, tuple(sides), figures=summary, measure=measure)


def _label(figure: Figure) -> str:
    q = figure.quantity
    if q.best is not None:
        return number(q.best)
    if q.hedge:
        return q.hedge.strip()
    return _span(figure.low, figure.high) or q.text.strip() or "?"


def _words(quantity: Quantity, label: str) -> str:
    if quantity.best is not None and quantity.hedge:
        return f"{quantity.hedge.strip()} {label}"
    return label


def _size(figure: Figure) -> float:
    """Where a figure stands on the number line, to put sides in ascending order."""
    q = figure.quantity
    if q.best is not None:
        return q.best
    return figure.low if math.isfinite(figure.low) else figure.high


def _span(low: float, high: float) -> str:
    """A range as a label: "24–36", "24 or more", "up to 50", "" when unbounded."""
    if math.isfinite(low) and math.isfinite(high):
        return number(low) if low == high else f"{number(low)}–{number(high)}"
    if math.isfinite(low):
        return f"{number(low)} or more"
    return f"up to {number(high)}" if math.isfinite(high) else ""


def _range_words(summary: tuple[float | None, float | None, float | None]) -> str:
    low, best, high = summary
    span = _span(-math.inf if low is None else low, math.inf if high is None else high)
    parts = [f"range {span}"] if span else []
    if best is not None:
        parts.append(f"best {number(best)}")
    return f" ({', '.join(parts)})" if parts else ""
