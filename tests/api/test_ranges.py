"""An account dated by a range ("on Nov. 9-10") gets the range's interval, and a source
naming one day inside it does not dispute it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

# Our own wire-style snippets: one source dates the capture by a range, another by a day.
RANGE_REPORT = "Syrian army troops captured Abu Kamal on Nov. 9-10, the army command said."
DAY_REPORT = "Government forces seized Albu Kamal on Nov. 10, according to the Syrian army."
OTHER_DAY_REPORT = "Syrian troops captured Abu Kamal on Nov. 8, a monitor said."


def _post(client: TestClient, source: str, text: str) -> dict[str, Any]:
    response = client.post(
        "/documents", json={"text": text, "published": "2017-11-14", "source": source}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _capture(document: dict[str, Any]) -> dict[str, Any]:
    captures = [a for a in document["accounts"] if a["kind"] == "capture"]
    assert len(captures) == 1, document["accounts"]
    return captures[0]


def test_an_account_dated_by_a_range_spans_both_days(client: TestClient) -> None:
    document = _post(client, "Levant Wire", RANGE_REPORT)
    sides = [(m["text"], m["value"]) for m in document["time_mentions"]]
    assert sides == [("Nov. 9", "2017-11-09"), ("10", "2017-11-10")]
    time = _capture(document)["time"]
    assert time["earliest"] == "2017-11-09T00:00:00Z"
    assert time["latest"] == "2017-11-11T00:00:00Z"
    assert time["value"] == "2017-11-09/2017-11-10"
    assert time["granularity"] == "day"


def test_a_day_inside_the_range_is_no_time_dispute(client: TestClient) -> None:
    _post(client, "Levant Wire", RANGE_REPORT)
    event_id = _capture(_post(client, "Gulf Dispatch", DAY_REPORT))["event_id"]
    event = client.get(f"/events/{event_id}").json()
    assert event["account_count"] == 2
    assert [d for d in event["disputes"] if d["aspect"] == "time"] == []


def test_a_day_outside_the_range_is_a_time_dispute(client: TestClient) -> None:
    _post(client, "Levant Wire", RANGE_REPORT)
    event_id = _capture(_post(client, "Border Monitor", OTHER_DAY_REPORT))["event_id"]
    event = client.get(f"/events/{event_id}").json()
    assert event["account_count"] == 2
    (dispute,) = [d for d in event["disputes"] if d["aspect"] == "time"]
    assert [side["label"] for side in dispute["sides"]] == ["2017-11-08", "2017-11-09/2017-11-10"]
    assert "9 Nov 2017 to 10 Nov 2017" in dispute["detail"]
