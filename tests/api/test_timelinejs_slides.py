"""GET /timeline.json follows TimelineJS 3: required year, known parts only, original wording."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.unit.test_timelinejs_dates import assert_conforms

SLIDE_FIELDS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}
REPORTS = [
    ("Syrian troops captured Abu Kamal last week, the army said.", "2017-11-14"),
    ("Rebels seized Deir ez-Zor in 2016, the monitor said.", "2017-11-14"),
    ("Troops captured Raqqa in 2016, <b>Levant</b> Army said.", "2017-11-14"),
]


def _slides(client: TestClient) -> list[dict[str, Any]]:
    for text, published in REPORTS:
        response = client.post(
            "/documents", json={"text": text, "published": published, "source": "Wire"}
        )
        assert response.status_code == 201, response.text
    timeline = client.get("/timeline.json").json()
    assert set(timeline) == {"title", "events"}
    slides: list[dict[str, Any]] = timeline["events"]
    return slides


def test_every_slide_conforms_and_keeps_the_wording(client: TestClient) -> None:
    slides = _slides(client)
    assert slides
    for slide in slides:
        assert set(slide) <= SLIDE_FIELDS
        assert_conforms(slide["start_date"])
        if "end_date" in slide:
            assert_conforms(slide["end_date"])
    [week] = [s for s in slides if "Abu Kamal" in s["text"]["headline"]]
    assert week["display_date"] == "last week"
    assert week["start_date"] == {"year": "2017", "month": "11", "day": "6"}
    assert week["end_date"] == {"year": "2017", "month": "11", "day": "12"}
    [year] = [s for s in slides if "Deir ez-Zor" in s["text"]["headline"]]
    assert (year["display_date"], year["start_date"]) == ("2016", {"year": "2016"})
    assert "end_date" not in year


def test_article_text_is_escaped_for_timelinejs_html(client: TestClient) -> None:
    [raqqa] = [s for s in _slides(client) if "Raqqa" in s["text"]["headline"]]
    assert "<b>" not in raqqa["text"]["text"]
    assert "&lt;b&gt;" in raqqa["text"]["text"] or "&lt;/b&gt;" in raqqa["text"]["text"]
