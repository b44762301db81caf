"""GET /events and /accounts: filters, ordering, keyset pages, side-by-side accounts."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

# Our own wire-style snippets: two publishers telling the same capture, one another story.
REPORTS = [
    (
        "Levant Wire",
        "2017-11-10",
        "Syrian army troops captured Abu Kamal on Thursday, the army command said.",
    ),
    (
        "Gulf Dispatch",
        "2017-11-11",
        "Government forces seized Albu Kamal on Thursday, according to the Syrian army.",
    ),
    (
        "Gulf Dispatch",
        "2017-11-20",
        "Syrian troops recaptured Deir ez-Zor on Sunday, the army said.",
    ),
]


@pytest.fixture
def loaded(client: TestClient) -> list[dict[str, Any]]:
    documents = []
    for source, published, text in REPORTS:
        response = client.post(
            "/documents", json={"text": text, "published": published, "source": source}
        )
        assert response.status_code == 201, response.text
        documents.append(response.json())
    return documents


def _items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_two_publishers_one_capture_side_by_side(
    client: TestClient, loaded: list[dict[str, Any]]
) -> None:
    captures = _items(client, "/events", kind="capture", place="Abu Kamal")
    assert len(captures) == 1
    event = client.get(f"/events/{captures[0]['id']}").json()
    assert {a["publisher"]["name"] for a in event["accounts"]} == {"Levant Wire", "Gulf Dispatch"}
    assert event["account_count"] == 2
    assert all(a["time"]["value"] == "2017-11-09" for a in event["accounts"])


def test_events_are_ordered_by_time_and_paged_without_gaps(
    client: TestClient, loaded: list[dict[str, Any]]
) -> None:
    everything = _items(client, "/events", limit=500)
    assert len(everything) >= 2
    starts = [e["earliest"] or e["latest"] for e in everything]
    assert starts == sorted(starts)

    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = client.get("/events", params=params).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [e["id"] for e in everything]


@pytest.mark.parametrize(
    ("params", "expect_capture"),
    [
        ({"source": "Levant Wire"}, True),
        ({"source": "Nobody"}, False),
        ({"claimant": "Syrian Army"}, True),
        ({"actor": "Syrian Army"}, True),
        ({"q": "seized"}, True),
        ({"q": "100%"}, False),
        ({"start": "2017-11-09", "end": "2017-11-10"}, True),
        ({"start": "2017-11-10T00:00:00Z", "end": "2017-11-11"}, False),
        ({"disputed": "false"}, True),
    ],
)
def test_filters(
    client: TestClient, loaded: list[dict[str, Any]], params: dict[str, str], expect_capture: bool
) -> None:
    found = _items(client, "/events", place="Abu Kamal", **params)
    assert any(e["kind"] == "capture" for e in found) is expect_capture


def test_accounts_filter_on_their_own_interval(
    client: TestClient, loaded: list[dict[str, Any]]
) -> None:
    on_sunday = _items(client, "/accounts", start="2017-11-19", end="2017-11-20")
    assert on_sunday and all(a["time"]["value"] == "2017-11-19" for a in on_sunday)


@pytest.mark.parametrize(
    ("path", "params", "says"),
    [
        ("/events", {"colour": "red"}, "unknown query parameter(s): colour"),
        ("/accounts.csv", {"limit": "5"}, "unknown query parameter(s): limit"),
        ("/events", {"cursor": "not-a-cursor"}, "cursor is not one this service issued"),
        ("/events", {"start": "2017-12-01", "end": "2017-11-01"}, "must be before end"),
        ("/events", {"start": "last tuesday"}, "start"),
        ("/events", {"limit": "0"}, "limit"),
        ("/events/1", {"q": "x"}, "unknown query parameter"),
    ],
)
def test_bad_queries_are_problems(
    client: TestClient, path: str, params: dict[str, str], says: str
) -> None:
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"] == "application/problem+json"
    assert says in response.json()["detail"]


def test_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/events/424242")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_health_and_docs(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "database": "ok"}
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/documents", "/events", "/events/{event_id}", "/events.csv", "/accounts.csv"):
        assert path in paths


def test_tag_returns_mentions_without_storing(client: TestClient) -> None:
    response = client.post(
        "/tag", json={"text": "Last week the town fell.", "published": "2017-11-14"}
    )
    assert response.status_code == 200
    [mention] = response.json()["time_mentions"]
    assert (mention["text"], mention["value"]) == ("Last week", "2017-W45")
    assert mention["edtf"] == "2017-11-06/2017-11-12"
    assert client.get("/events").json()["items"] == []
