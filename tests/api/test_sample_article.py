"""Issue acceptance: what the service makes of the real sample article, over REST."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.testclient import TestClient

WINDOW = {"start": "2017-11-01", "end": "2017-12-01", "place": "Abu Kamal"}


def _events(client: TestClient, **params: str) -> list[dict[str, Any]]:
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def _accounts_of(client: TestClient, kind: str) -> list[dict[str, Any]]:
    response = client.get("/accounts", params={"kind": kind, "limit": 500})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def _quoted(text: str, account: dict[str, Any]) -> str:
    evidence = account["evidence"]
    assert text[evidence["start"] : evidence["end"]] == evidence["quote"]
    assert evidence["start"] <= evidence["trigger_start"] < evidence["trigger_end"]
    assert evidence["trigger_end"] <= evidence["end"]
    return str(evidence["quote"])


def test_capture_of_abu_kamal_dated_by_last_week(
    client: TestClient, post_sample: dict[str, Any], sample_text: str
) -> None:
    captures = _accounts_of(client, "capture")
    liberated = [a for a in captures if "liberated" in a["evidence"]["trigger"]]
    assert len(liberated) == 1
    account = liberated[0]
    assert "Abu Kamal" in _quoted(sample_text, account)
    assert account["time"]["value"] == "2017-W45"
    assert account["time"]["text"] == "Last week"
    assert account["time"]["source"] == "own"
    assert account["time"]["earliest"] == "2017-11-06T00:00:00Z"
    assert account["time"]["latest"] == "2017-11-13T00:00:00Z"
    assert account["time"]["granularity"] == "week"
    assert account["claimant"]["name"] == "Russian Defense Ministry"
    assert account["publisher"]["name"] == "Fort Russ News"
    roles = {(p["role"], p["name"]) for p in account["participants"]}
    assert ("location", "Abu Kamal") in roles
    assert ("agent", "Syrian Army") in roles

    event = client.get(f"/events/{account['event_id']}").json()
    assert event["kind"] == "capture"
    assert event["earliest"] == "2017-11-06T00:00:00Z"
    assert event["latest"] == "2017-11-13T00:00:00Z"
    assert [a["id"] for a in event["accounts"]] == [account["id"]]


def test_requests_refusal_aircraft_and_flags_are_events(
    client: TestClient, post_sample: dict[str, Any], sample_text: str
) -> None:
    requests = _accounts_of(client, "request")
    assert any("two requests" in _quoted(sample_text, a) for a in requests)
    refusals = _accounts_of(client, "refusal")
    assert any("refused" in _quoted(sample_text, a) for a in refusals)
    movements = _accounts_of(client, "movement")
    assert any("15-km zone" in _quoted(sample_text, a) for a in movements)
    discoveries = _accounts_of(client, "discovery")
    flags = [a for a in discoveries if "flags" in _quoted(sample_text, a)]
    assert flags and any(p["name"] == "Abu Kamal" for p in flags[0]["participants"])


def test_boilerplate_reports_no_event(client: TestClient, post_sample: dict[str, Any]) -> None:
    quotes = [a["evidence"]["quote"] for a in post_sample["accounts"]]  # type: ignore[union-attr]
    assert quotes
    assert not any("newsletter" in q or "Advertisement" in q for q in quotes)


def test_window_and_place_filters(client: TestClient, post_sample: dict[str, Any]) -> None:
    found = _events(client, **WINDOW)
    assert any(e["kind"] == "capture" for e in found)
    assert all(
        e["place"] is not None or e["kind"] != "capture" for e in found
    )  # the capture is placed
    in_2016 = _events(client, start="2016-01-01", end="2017-01-01", place="Abu Kamal")
    assert in_2016 == []  # undated accounts are presumed recent, not listed in any past year
    # ...but an undated one (the SDF flags found) is listed in the weeks before its report.
    recent = _events(client, start="2017-10-20", end="2017-11-01", place="Abu Kamal")
    assert any(e["kind"] == "discovery" and e["earliest"] is None for e in recent)
    # Aliases find the same place.
    by_alias = _events(client, start="2017-11-01", end="2017-12-01", place="Al-Bukamal")
    assert [e["id"] for e in by_alias] == [e["id"] for e in found]


def test_accounts_csv_of_the_same_query_has_one_row_per_account(
    client: TestClient, post_sample: dict[str, Any]
) -> None:
    response = client.get("/accounts.csv", params=WINDOW)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    listed = client.get("/accounts", params={**WINDOW, "limit": 500}).json()["items"]
    assert [int(r["account_id"]) for r in rows] == [a["id"] for a in listed]
    assert rows and all(r["publisher"] == "Fort Russ News" for r in rows)
    capture = next(r for r in rows if r["kind"] == "capture")
    assert capture["time_value"] == "2017-W45"
    assert capture["edtf"] == "2017-11-06/2017-11-12"
    assert capture["claimant"] == "Russian Defense Ministry"

    events = client.get("/events.csv", params=WINDOW)
    event_rows = list(csv.DictReader(io.StringIO(events.text)))
    assert {int(r["event_id"]) for r in event_rows} == {a["event_id"] for a in listed}


def test_document_keeps_its_time_mentions(client: TestClient, post_sample: dict[str, Any]) -> None:
    document = client.get(f"/documents/{post_sample['id']}").json()
    values = {m["text"]: m["value"] for m in document["time_mentions"]}
    assert values["November 14th, 2017"] == "2017-11-14"
    assert values["Last week"] == "2017-W45"
    assert document["source"]["name"] == "Fort Russ News"
    assert document["published_precision"] == "day"
