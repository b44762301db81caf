"""An event's place: a town named in the text, even one the gazetteer does not know, is kept
by name; never replaced by a country, nor by the place of a photo caption."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from timeline.extract import load_gazetteer

# Our own sentences. Kafr Tala and Deir Hafer are not in the gazetteer (checked below);
# Mayadin and Syria are.
CAPTION = "Smoke rises over Mayadin after an air strike. WIREPIX/Jana Haddad"
COUNTRY_THEN_TOWN = (
    "An air strike killed 12 people in Syria overnight, the Observatory said.\n\n"
    "Turkish jets bombed Kafr Tala, the monitor said."
)


def test_the_towns_are_unknown_to_the_gazetteer() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Kafr Tala") is None and gazetteer.lookup("Deir Hafer") is None
    assert gazetteer.lookup("Mayadin") is not None and gazetteer.lookup("Syria") is not None


def _post(client: TestClient, text: str) -> None:
    body = {"text": text, "published": "2017-11-14", "source": "Levant Wire"}
    response = client.post("/documents", json=body)
    assert response.status_code == 201, response.text


def _events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_an_unknown_town_beats_the_country_an_earlier_sentence_names(
    client: TestClient,
) -> None:
    _post(client, COUNTRY_THEN_TOWN)
    (attack,) = _events(client, kind="attack")
    assert attack["account_count"] == 2
    assert attack["place"] == {"name": "Kafr Tala", "entity_id": None}


def test_a_captions_town_is_not_the_events_place(client: TestClient) -> None:
    _post(client, f"{CAPTION}\n\nSyrian troops captured Deir Hafer on Monday, the army said.")
    (capture,) = _events(client, kind="capture")
    assert capture["place"] == {"name": "Deir Hafer", "entity_id": None}
    assert _events(client, place="Mayadin") == []
