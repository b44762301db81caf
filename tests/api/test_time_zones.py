"""Time zones through the API: the publication's local day, a source's default zone, zones
named in the text, and clock times with no known zone that accuse nobody."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

CAPTURE_3PM = "Syrian troops captured Abu Kamal at 3 p.m. on Tuesday, a commander said."
CAPTURE_GMT = "Syrian troops captured Abu Kamal at 15:00 GMT on Tuesday, the army command said."
CAPTURE_MOSCOW = "Syrian troops captured Abu Kamal at 9 a.m. on Tuesday, the ministry said."


def _post(client: TestClient, **fields: Any) -> dict[str, Any]:
    response = client.post("/documents", json={"published": "2017-11-15", **fields})
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    return document


def _mention(document: dict[str, Any], text: str) -> dict[str, Any]:
    [found] = [m for m in document["time_mentions"] if m["text"] == text]
    return found


def _capture(client: TestClient) -> dict[str, Any]:
    listed = client.get("/events", params={"kind": "capture"}).json()["items"]
    assert len(listed) == 1, listed
    event: dict[str, Any] = client.get(f"/events/{listed[0]['id']}").json()
    return event


def test_yesterday_is_the_local_previous_day_of_a_moscow_publication(client: TestClient) -> None:
    document = _post(
        client,
        text="The ministry said yesterday that its jets had struck a depot near Raqqa.",
        source="Moscow Desk",
        published="2017-11-14T01:30:00+03:00",
    )
    assert document["published"] == "2017-11-13T22:30:00Z"  # still the 13th in UTC
    assert document["published_offset"] == "+03:00"
    assert _mention(document, "yesterday")["value"] == "2017-11-13"  # the 14th's eve, locally
    stored = client.get(f"/documents/{document['id']}").json()
    assert stored["published_offset"] == "+03:00"


def test_a_zone_less_clock_time_does_not_dispute_the_same_hour_in_gmt(client: TestClient) -> None:
    floating = _post(client, text=CAPTURE_3PM, source="Wire A")
    zoned = _post(client, text=CAPTURE_GMT, source="Wire B")
    assert _mention(floating, "3 p.m. on Tuesday")["floating"] is True
    gmt = _mention(zoned, "15:00 GMT on Tuesday")
    assert (gmt["floating"], gmt["utc_offset"]) == (False, "+00:00")
    event = _capture(client)
    assert event["account_count"] == 2
    assert [d for d in event["disputes"] if d["aspect"] == "time"] == []


def test_an_unknown_offset_accuses_nobody(client: TestClient) -> None:
    # 3 p.m. in Moscow is 12:00 GMT: with no zone known, the two may be the same moment.
    _post(client, text=CAPTURE_3PM, source="Wire A")
    _post(client, text=CAPTURE_GMT.replace("15:00", "12:00"), source="Wire B")
    event = _capture(client)
    assert event["account_count"] == 2
    assert [d for d in event["disputes"] if d["aspect"] == "time"] == []


def test_a_source_zone_places_its_clock_times_and_can_then_disagree(client: TestClient) -> None:
    moscow = _post(
        client, text=CAPTURE_MOSCOW, source="Moscow Desk", source_timezone="Europe/Moscow"
    )
    assert moscow["timezone"] == "Europe/Moscow"
    assert moscow["source"]["timezone"] == "Europe/Moscow"
    nine = _mention(moscow, "9 a.m. on Tuesday")
    assert (nine["utc_offset"], nine["earliest"]) == ("+03:00", "2017-11-14T06:00:00Z")
    assert nine["floating"] is False
    # The source's zone now governs its later documents too.
    later = _post(
        client,
        text="The ministry said the army entered Mayadin at 6 p.m. on Monday.",
        source="Moscow Desk",
    )
    assert later["timezone"] == "Europe/Moscow"
    _post(client, text=CAPTURE_GMT, source="Wire B")
    event = _capture(client)
    [dispute] = [d for d in event["disputes"] if d["aspect"] == "time"]
    # 06:00 UTC against 15:00 UTC: a real disagreement, each side named with its zone
    labels = [side["label"] for side in dispute["sides"]]
    assert labels == ["2017-11-14T09:00+03:00", "2017-11-14T15:00Z"]
    assert "09:00 +03:00 on 14 Nov 2017" in dispute["detail"], dispute


def test_the_document_zone_wins_over_the_source_zone(client: TestClient) -> None:
    _post(
        client,
        text="A statement came at 8 a.m. on Monday.",
        source="Desk",
        source_timezone="Europe/Moscow",
    )
    document = _post(
        client,
        text="A second statement came at 8 a.m. on Monday.",
        source="Desk",
        timezone="Asia/Damascus",
    )
    assert document["timezone"] == "Asia/Damascus"
    assert _mention(document, "8 a.m. on Monday")["utc_offset"] == "+02:00"


def test_an_unknown_time_zone_is_a_clear_422_and_stores_nothing(client: TestClient) -> None:
    response = client.post(
        "/documents",
        json={
            "text": CAPTURE_3PM,
            "published": "2017-11-15",
            "source": "Wire A",
            "timezone": "Mars/Olympus",
        },
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "Mars/Olympus" in response.text and "timezone" in response.text
    assert client.get("/events").json()["items"] == []


def test_tag_takes_a_time_zone(client: TestClient) -> None:
    response = client.post(
        "/tag",
        json={"text": "It began at 3 p.m.", "published": "2017-11-14", "timezone": "Asia/Tokyo"},
    )
    assert response.status_code == 200, response.text
    [mention] = response.json()["time_mentions"]
    assert (mention["utc_offset"], mention["earliest"]) == ("+09:00", "2017-11-14T06:00:00Z")
