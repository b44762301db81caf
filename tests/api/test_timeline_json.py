"""GET /timeline.json: the same query as TimelineJS 3 JSON or vis-timeline items."""

from __future__ import annotations

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
    assert (item["start"], item["end"], item["type"]) == (
        "2017-11-09T00:00:00Z",
        "2017-11-10T00:00:00Z",
        "range",
    )
    assert {"id": "capture", "content": "capture"} in vis["groups"]

    empty = client.get("/timeline.json", params={"start": "2016-01-01", "end": "2016-02-01"})
    assert empty.json()["events"] == []


def test_unknown_shape_is_a_problem(client: TestClient) -> None:
    response = client.get("/timeline.json", params={"shape": "svg"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "shape" in response.json()["detail"]
