"""GET /timeline.json: the same query as TimelineJS 3 JSON or vis-timeline items."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

TEXT = "Syrian troops captured Abu Kamal on Thursday, the army said."


def test_timelinejs_and_vis_shapes(client: TestClient) -> None:
    posted = client.post(
        "/documents", json={"text": TEXT, "published": "2017-11-10", "source": "W"}
    )
    assert posted.status_code == 201

    timeline = client.get("/timeline.json", params={"place": "Abu Kamal"}).json()
    [event] = timeline["events"]
    assert event["start_date"] == {"year": "2017", "month": "11", "day": "9"}
    assert "end_date" not in event  # a single day
    assert event["text"]["headline"].startswith("Capture of Abu Kamal")
    assert event["group"] == "capture"

    vis = client.get("/timeline.json", params={"shape": "vis"}).json()
    [item] = [i for i in vis["items"] if i["group"] == "capture"]
    # a single day is a point: no end, and nothing uncertain about one account's day
    assert (item["start"], item["type"], item["className"]) == (
        "2017-11-09T00:00:00Z",
        "point",
        "",
    )
    assert "end" not in item
    assert (item["earliest"], item["latest"]) == ("2017-11-09T00:00:00Z", "2017-11-10T00:00:00Z")
    assert item["content"] == event["text"]["headline"]
    assert item["title"].splitlines()[0] == item["content"]
    assert {"id": "capture", "content": "capture"} in vis["groups"]

    empty = client.get("/timeline.json", params={"start": "2016-01-01", "end": "2016-02-01"})
    assert empty.json()["events"] == []


def test_unknown_shape_is_a_problem(client: TestClient) -> None:
    response = client.get("/timeline.json", params={"shape": "svg"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "shape" in response.json()["detail"]


def _vis_capture(client: TestClient) -> dict[str, Any]:
    items = client.get("/timeline.json", params={"shape": "vis", "kind": "capture"}).json()
    [item] = items["items"]
    return item  # type: ignore[no-any-return]


def _post(client: TestClient, text: str, published: str, source: str) -> None:
    response = client.post(
        "/documents", json={"text": text, "published": published, "source": source}
    )
    assert response.status_code == 201, response.text


def test_a_week_is_a_range_and_vaguer_or_disputed_accounts_soften_it(client: TestClient) -> None:
    _post(
        client, "Syrian troops captured Abu Kamal last week, the ministry said.", "2017-11-14", "M"
    )
    week = _vis_capture(client)
    assert (week["start"], week.get("end"), week["type"]) == (
        "2017-11-06T00:00:00Z",
        "2017-11-13T00:00:00Z",
        "range",
    )
    assert week["className"] == ""

    # "Thursday" inside "last week": the event is drawn on the day, its bounds soft, since
    # one account reaches further either side
    _post(client, "Syrian troops captured Abu Kamal on Thursday, the army said.", "2017-11-10", "W")
    day = _vis_capture(client)
    assert (day["start"], day["type"]) == ("2017-11-09T00:00:00Z", "point")
    assert day["className"].split() == ["soft-start", "soft-end"]
    assert "bounds uncertain" in day["title"]

    # a second day, told by other claimants: disputed, a range over both days
    _post(client, "Rebels said Syrian troops captured Abu Kamal on Wednesday.", "2017-11-10", "R")
    disputed = _vis_capture(client)
    assert (disputed["start"], disputed["end"], disputed["type"]) == (
        "2017-11-08T00:00:00Z",
        "2017-11-10T00:00:00Z",
        "range",
    )
    assert disputed["className"].split() == ["disputed", "soft-start", "soft-end"]
    [dispute] = [line for line in disputed["title"].splitlines() if line.startswith("Disputed")]
    assert "8 Nov 2017 according to Rebels" in dispute
