"""Curation with history: merge, split, move, correct; every change recorded and undoable."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

CAPTURE_8 = "A commander said Syrian troops captured Abu Kamal on Wednesday."
CAPTURE_9 = "Syrian troops captured Abu Kamal on Thursday, the army command said."
ATTACK = "Islamic State fighters attacked Deir ez-Zor on Saturday, the monitor said."
WHO = {"X-Curator": "desk-editor"}


@pytest.fixture
def events(client: TestClient) -> dict[str, dict[str, Any]]:
    """Three events: two captures a day apart (one event, disputed) and an attack."""
    for source, text in (("Wire A", CAPTURE_8), ("Wire B", CAPTURE_9), ("Wire C", ATTACK)):
        response = client.post(
            "/documents", json={"text": text, "published": "2017-11-12", "source": source}
        )
        assert response.status_code == 201, response.text
    listed = client.get("/events", params={"limit": 500}).json()["items"]
    by_kind = {e["kind"]: client.get(f"/events/{e['id']}").json() for e in listed}
    assert set(by_kind) >= {"capture", "attack"}
    return by_kind


def _history(client: TestClient, event_id: int) -> list[dict[str, Any]]:
    response = client.get(f"/events/{event_id}/history")
    assert response.status_code == 200
    revisions: list[dict[str, Any]] = response.json()["revisions"]
    return revisions


def test_the_two_dates_are_one_disputed_event(events: dict[str, dict[str, Any]]) -> None:
    capture = events["capture"]
    assert capture["account_count"] == 2
    assert capture["disputed"] is True
    [dispute] = [d for d in capture["disputes"] if d["aspect"] == "time"]
    assert [side["label"] for side in dispute["sides"]] == ["2017-11-08", "2017-11-09"]


def test_split_then_undo(client: TestClient, events: dict[str, dict[str, Any]]) -> None:
    capture = events["capture"]
    moving = capture["accounts"][0]["id"]
    response = client.post(
        f"/events/{capture['id']}/split",
        json={"account_ids": [moving], "reason": "two different claims"},
        headers=WHO,
    )
    assert response.status_code == 200, response.text
    result = response.json()
    origin, fresh = result["events"]
    assert [a["id"] for a in fresh["accounts"]] == [moving]
    assert origin["account_count"] == 1 and origin["disputed"] is False
    revision = result["revision"]
    assert (revision["action"], revision["actor"], revision["reason"]) == (
        "split",
        "desk-editor",
        "two different claims",
    )

    undone = client.post(f"/revisions/{revision['id']}/undo", headers=WHO)
    assert undone.status_code == 200, undone.text
    restored = client.get(f"/events/{capture['id']}").json()
    assert restored["account_count"] == 2 and restored["disputed"] is True
    assert client.get(f"/events/{fresh['id']}").json()["merged_into"] == capture["id"]
    actions = [r["action"] for r in _history(client, capture["id"])]
    assert actions == ["split", "undo_split"]
    again = client.post(f"/revisions/{revision['id']}/undo", headers=WHO)
    assert again.status_code == 409


def test_merge_hides_the_merged_event_and_undo_brings_it_back(
    client: TestClient, events: dict[str, dict[str, Any]]
) -> None:
    capture, attack = events["capture"], events["attack"]
    response = client.post(f"/events/{capture['id']}/merge", json={"event_ids": [attack["id"]]})
    assert response.status_code == 200, response.text
    listed = {e["id"] for e in client.get("/events").json()["items"]}
    assert attack["id"] not in listed
    assert client.get(f"/events/{capture['id']}").json()["account_count"] == 3
    assert _history(client, attack["id"])[0]["action"] == "merge"

    revision_id = response.json()["revision"]["id"]
    assert client.post(f"/revisions/{revision_id}/undo").status_code == 200
    listed = {e["id"] for e in client.get("/events").json()["items"]}
    assert attack["id"] in listed
    assert client.get(f"/events/{capture['id']}").json()["account_count"] == 2


def test_move_and_correct_an_account(client: TestClient, events: dict[str, dict[str, Any]]) -> None:
    capture, attack = events["capture"], events["attack"]
    account = capture["accounts"][0]
    moved = client.patch(f"/accounts/{account['id']}", json={"event_id": attack["id"]})
    assert moved.status_code == 200, moved.text
    assert account["id"] in [
        a["id"] for a in client.get(f"/events/{attack['id']}").json()["accounts"]
    ]

    other = capture["accounts"][1]
    corrected = client.patch(
        f"/accounts/{other['id']}",
        json={
            "claimant_name": "Syrian Army",
            "time_value": "2017-11-08",
            "earliest": "2017-11-08T00:00:00Z",
            "latest": "2017-11-09T00:00:00Z",
            "reason": "the command's statement named Wednesday",
        },
    )
    assert corrected.status_code == 200, corrected.text
    revision = corrected.json()["revision"]
    assert revision["before"]["time_value"] == other["time"]["value"]
    assert revision["after"]["time_value"] == "2017-11-08"
    assert revision["after"]["time_source"] == "own"
    shown = client.get(f"/documents/{other['document_id']}").json()["accounts"][0]
    assert shown["claimant"]["name"] == "Syrian Army"
    assert shown["time"]["earliest"] == "2017-11-08T00:00:00Z"

    assert client.post(f"/revisions/{revision['id']}/undo").status_code == 200
    back = client.get(f"/documents/{other['document_id']}").json()["accounts"][0]
    assert back["claimant"] == other["claimant"]
    assert back["time"] == other["time"]


def test_undo_refuses_when_things_changed_since(
    client: TestClient, events: dict[str, dict[str, Any]]
) -> None:
    account = events["capture"]["accounts"][0]
    first = client.patch(f"/accounts/{account['id']}", json={"polarity": "denies"}).json()
    client.patch(f"/accounts/{account['id']}", json={"polarity": "asserts"})
    response = client.post(f"/revisions/{first['revision']['id']}/undo")
    assert response.status_code == 409
    assert "undo the later revisions first" in response.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "says"),
    [
        ("post", "/events/{capture}/merge", {"event_ids": "SELF"}, 422, "at least one other"),
        ("post", "/events/{capture}/merge", {"event_ids": [999999]}, 404, "no event with id"),
        ("post", "/events/{capture}/split", {"account_ids": [999999]}, 422, "are not in event"),
        ("patch", "/accounts/999999", {"polarity": "denies"}, 404, "no account with id"),
        ("patch", "/accounts/{account}", {}, 422, "nothing to change"),
        ("patch", "/accounts/{account}", {"polarity": "maybe"}, 422, "polarity"),
        ("patch", "/accounts/{account}", {"event_id": 1, "hedged": True}, 422, "separate"),
        ("post", "/revisions/999999/undo", None, 404, "no revision"),
    ],
)
def test_bad_curation_is_a_problem(
    client: TestClient,
    events: dict[str, dict[str, Any]],
    method: str,
    path: str,
    body: Any,
    status: int,
    says: str,
) -> None:
    ids = {"capture": events["capture"]["id"], "account": events["capture"]["accounts"][0]["id"]}
    if isinstance(body, dict) and body.get("event_ids") == "SELF":
        body = {"event_ids": [ids["capture"]]}
    response = client.request(method, path.format(**ids), json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert says in response.json()["detail"]
    assert _history(client, ids["capture"]) == []


def test_disputed_filter(client: TestClient, events: dict[str, dict[str, Any]]) -> None:
    disputed = client.get("/events", params={"disputed": "true"}).json()["items"]
    assert [e["id"] for e in disputed] == [events["capture"]["id"]]
    undisputed = client.get("/events", params={"disputed": "false"}).json()["items"]
    assert events["attack"]["id"] in [e["id"] for e in undisputed]
    assert events["capture"]["id"] not in [e["id"] for e in undisputed]
