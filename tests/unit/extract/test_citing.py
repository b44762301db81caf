"""'X said, citing Y': a medium citing someone relays that one's claim; anyone else citing
its sources makes the claim its own."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extract import Gazetteer, extract_events
from timeline.temporal import tag

ANCHOR = date(2017, 4, 5)


def _claimants(text: str, gazetteer: Gazetteer) -> list[tuple[str, str | None]]:
    found = extract_events(text, tag(text, ANCHOR), gazetteer, publisher="Example Wire")
    return [(e.claimant.name, e.claimant.entity_key) for e in found if e.claimant]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Many people fainted in Idlib on Monday, the Syrian Observatory for Human Rights "
            "said, citing local doctors who described it as a sign of a chemical attack.",
            "Syrian Observatory for Human Rights",
        ),
        (
            "Dozens of people were coughing blood in Saraqib on Tuesday, the health directorate "
            "said, citing doctors who saw signs of a chlorine attack.",
            "the health directorate",
        ),
    ],
)
def test_a_monitor_or_body_citing_its_sources_claims_itself(
    text: str, claimant: str, gazetteer: Gazetteer
) -> None:
    names = [name for name, _ in _claimants(text, gazetteer)]
    assert names and all(claimant.lower() in name.lower() for name in names), names


def test_a_medium_citing_someone_relays_that_ones_claim(gazetteer: Gazetteer) -> None:
    text = (
        "TASS reported, citing the Russian Defence Ministry, that rebels shelled Aleppo on Monday."
    )
    names = [name for name, _ in _claimants(text, gazetteer)]
    assert names and all("Ministry" in name for name in names), names
