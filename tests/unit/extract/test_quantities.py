from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.parse import parse
from timeline.extract.quantities import (
    Example,
    Negative,
    QuantityDataError,
    build_table,
    find_quantities,
    load_quantity_table,
)
from timeline.extract.types import Quantity

TABLE = load_quantity_table()
EXAMPLES = [(m.name, e) for m in TABLE.measures for e in m.examples]
NEGATIVES = [(m.name, n) for m in TABLE.measures for n in m.negatives]


def _found(text: str) -> tuple[Quantity, ...]:
    return find_quantities(parse(text), 0, len(text))


def _shape(q: Quantity) -> tuple[str, float | None, float | None, float | None, str | None]:
    return (q.measure, q.low, q.high, q.best, q.hedge)


@pytest.mark.parametrize(("measure", "example"), EXAMPLES, ids=[e.text for _, e in EXAMPLES])
def test_yaml_examples(measure: str, example: Example) -> None:
    found = _found(example.text)
    want = [(e.measure, e.low, e.high, e.best, e.hedge) for e in example.expect]
    assert [_shape(q) for q in found] == want, measure
    for check, quantity in zip(example.expect, found, strict=True):
        assert example.text[quantity.start : quantity.end] == quantity.text
        if check.text is not None:
            assert quantity.text == check.text


@pytest.mark.parametrize(("measure", "negative"), NEGATIVES, ids=[n.text for _, n in NEGATIVES])
def test_yaml_negatives(measure: str, negative: Negative) -> None:
    found = _found(negative.text)
    if negative.absent is None:
        assert found == (), measure
    else:
        assert not [q for q in found if q.measure in negative.absent], measure


def test_every_measure_has_examples_and_negatives() -> None:
    assert all(m.examples and m.negatives for m in TABLE.measures)
    wanted = {
        "deaths",
        "injured",
        "missiles_fired",
        "missiles_hit",
        "aircraft_destroyed",
        "share_of_place",
        "warning_lead_time",
    }
    assert wanted <= {m.name for m in TABLE.measures}


def test_range_is_the_evidence_only() -> None:
    text = "The blast killed 12 people. Later 30 more died in hospital."
    doc = parse(text)
    first = find_quantities(doc, 0, text.index(" Later"))
    assert [q.best for q in first] == [12]
    second = find_quantities(doc, text.index("Later"), len(text))
    assert [(q.measure, q.best) for q in second] == [("deaths", 30)]
    assert find_quantities(doc, 5, 5) == ()


def test_figures_are_sorted_and_offsets_exact() -> None:
    text = "Officials said 4 died and 9 were hurt; the toll later rose to 6."
    found = _found(text)
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert all(text[q.start : q.end] == q.text for q in found)
    assert [(q.measure, q.best) for q in found] == [("deaths", 4), ("injured", 9), ("deaths", 6)]


def test_governing_words_outside_the_range_still_count() -> None:
    text = "Medics said the raid killed at least 14 people."
    doc = parse(text)
    start = text.index("at least")
    found = find_quantities(doc, start, len(text))
    assert [(q.measure, q.low, q.hedge) for q in found] == [("deaths", 14, "at least")]


# --- the loader's validation ----------------------------------------------------------------


def _raw() -> dict[str, Any]:
    from importlib import resources

    text = resources.files("timeline.extract").joinpath("data/quantities.yaml").read_text("utf-8")
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return copy.deepcopy(loaded)


def _measure(raw: dict[str, Any], name: str) -> dict[str, Any]:
    found = next(m for m in raw["measures"] if m["name"] == name)
    assert isinstance(found, dict)
    return found


def test_packaged_data_builds() -> None:
    assert build_table(_raw()).measure("deaths").unit == "count"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r.pop("hedges"), r"missing sections \['hedges'\]"),
        (lambda r: r.update(extra=[]), r"unknown \['extra'\]"),
        (lambda r: _measure(r, "deaths").update(unit="litres"), r"'deaths': unit must be"),
        (lambda r: _measure(r, "deaths").update(name="Deaths!"), "name must be lowercase"),
        (lambda r: _measure(r, "deaths").update(counts=["ghosts"]), r"unknown groups \['ghosts'\]"),
        (lambda r: _measure(r, "deaths").update(verbs=["kill"]), r"'deaths': unknown fields"),
        (lambda r: _measure(r, "deaths").update(object_verbs=[True]), r"'deaths'.*quote"),
        (lambda r: _measure(r, "deaths").update(examples=[]), r"'deaths': needs examples"),
        (lambda r: _measure(r, "deaths").update(negatives=None), r"'deaths': needs negatives"),
        (
            lambda r: _measure(r, "deaths")["examples"][0]["expect"][0].update(measure="ghosts"),
            r"'deaths'.*unknown measure 'ghosts'",
        ),
        (
            lambda r: _measure(r, "deaths")["examples"][0]["expect"][0].update(low="many"),
            "expected a number or null",
        ),
        (lambda r: r["measures"].append(_measure(r, "deaths")), r"'deaths': duplicate name"),
        (lambda r: r["hedges"][0].update(low="n*2"), r"hedge #0: a bound is null or like"),
        (lambda r: r["hedges"][0].update(words=[]), r"hedge #0: words must be a non-empty"),
        (lambda r: r["vague"][0].update(low=None), r"vague #0: low is required"),
        (lambda r: r["groups"]["munitions"].update(whole="ghosts"), r"'munitions': unknown"),
        (lambda r: r["groups"]["persons"].update(colour=1), r"'persons': unknown fields"),
        (lambda r: r["combined"][0].update(measures=["deaths"]), r"combined #0: two known"),
        (lambda r: r["numbers"]["words"].update(eleven="11"), r"numbers.words.eleven"),
    ],
)
def test_bad_data_is_named(edit: Any, message: str) -> None:
    raw = _raw()
    edit(raw)
    with pytest.raises(QuantityDataError, match=message):
        build_table(raw)


def test_not_a_mapping_is_an_error() -> None:
    with pytest.raises(QuantityDataError, match="quantities: expected a mapping"):
        build_table([])


def test_yaml_booleans_are_caught() -> None:
    raw = _raw()
    raw["hedges"][0]["words"] = yaml.safe_load("[no, at least]")  # 'no' loads as False
    with pytest.raises(QuantityDataError, match="quote"):
        build_table(raw)


# --- robustness -------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200), st.integers(-5, 250), st.integers(-5, 250))
def test_never_raises_on_arbitrary_text(text: str, start: int, end: int) -> None:
    doc = parse(text)
    for quantity in find_quantities(doc, start, end):
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.low is None or quantity.high is None or quantity.low <= quantity.high


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "at least",
                "more than",
                "about",
                "up to",
                "dozens",
                "of",
                "a",
                "dozen",
                "fifty",
                "-",
                "eight",
                "58",
                "2,000",
                "half",
                "an",
                "hour",
                "percent",
                "between",
                "and",
                "to",
                "killed",
                "people",
                "were",
                "wounded",
                "missiles",
                "fired",
                "the",
                "toll",
                "rose",
                "before",
                "warned",
                "%",
                "hundreds",
                ",",
                ".",
            ]
        ),
        max_size=25,
    )
)
def test_never_raises_on_figure_like_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    for quantity in find_quantities(parse(text), 0, len(text)):
        assert quantity.measure in {m.name for m in TABLE.measures}
        assert text[quantity.start : quantity.end] == quantity.text
