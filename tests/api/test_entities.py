"""GET/POST /entities: the gazetteer is data users can extend, and extraction uses it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

NEW_PLACE = {
    "name": "Qasr al-Hayr",
    "kind": "place",
    "subtype": "town",
    "aliases": ["Qasr el-Heir", "Kasr al Hayr"],
    "lat": 34.39,
    "lon": 37.61,
}


def _entities(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/entities", params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_the_packaged_gazetteer_is_listed_with_aliases(client: TestClient) -> None:
    found = _entities(client, q="bukamal", kind="place")
    [abu_kamal] = [e for e in found if e["name"] == "Abu Kamal"]
    assert {"Al-Bukamal", "Albu Kamal"} <= set(abu_kamal["aliases"])
    assert abu_kamal["origin"] == "gazetteer"
    assert all(e["kind"] == "actor" for e in _entities(client, q="ministry", kind="actor"))


def test_entities_page_by_cursor(client: TestClient) -> None:
    everything = _entities(client, limit=500)
    first = client.get("/entities", params={"limit": 2}).json()
    second = client.get("/entities", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in everything[:4]]


def test_a_new_place_is_found_in_documents_ingested_after(client: TestClient) -> None:
    created = client.post("/entities", json=NEW_PLACE)
    assert created.status_code == 201, created.text
    entity = created.json()
    assert (entity["key"], entity["origin"]) == ("qasr-al-hayr", "user")

    text = "Syrian troops captured Qasr el-Heir on Thursday, the army said."
    document = client.post(
        "/documents", json={"text": text, "published": "2017-11-12", "source": "Wire"}
    ).json()
    [account] = document["accounts"]
    places = [p for p in account["participants"] if p["role"] == "location"]
    assert [(p["name"], p["entity_id"]) for p in places] == [("Qasr al-Hayr", entity["id"])]
    found = client.get("/events", params={"place": "Kasr al Hayr"}).json()["items"]
    assert [e["id"] for e in found] == [account["event_id"]]


def test_conflicts_and_bad_entities_are_refused(client: TestClient) -> None:
    assert client.post("/entities", json=NEW_PLACE).status_code == 201
    again = client.post("/entities", json=NEW_PLACE)
    assert again.status_code == 409
    assert "already exists" in again.json()["detail"]
    taken = client.post(
        "/entities", json={**NEW_PLACE, "name": "Elsewhere", "aliases": ["Bukamal"]}
    )
    assert taken.status_code == 409
    assert "already names" in taken.json()["detail"]
    bad = client.post("/entities", json={**NEW_PLACE, "key": "Not A Slug"})
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
