"""POST /documents: created once, idempotent, all or nothing, clear refusals."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from timeline.store.models import Account, Document, Event, Source, TimeMentionRow

ARTICLE = (
    "DAMASCUS, Nov 10 (Levant Wire) - Syrian government forces captured the town of "
    "Abu Kamal on Thursday, the army command said in a statement on Friday.\n\n"
    "The town was the last stronghold of Islamic State in Syria, according to the army."
)


def _doc(**overrides: Any) -> dict[str, Any]:
    return {"text": ARTICLE, "published": "2017-11-10", "source": "Levant Wire", **overrides}


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def _stored(engine: Engine) -> dict[str, int]:
    models = (Source, Document, TimeMentionRow, Event, Account)
    return {model.__name__: _count(engine, model) for model in models}


def test_post_creates_then_returns_the_same_document(client: TestClient, engine: Engine) -> None:
    first = client.post("/documents", json=_doc(title="Town captured"))
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["title"] == "Town captured"
    assert body["published"] == "2017-11-10T00:00:00Z"
    assert body["time_mentions"] and body["accounts"]
    before = _stored(engine)

    again = client.post("/documents", json=_doc(source="Someone Else"))
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert _stored(engine) == before

    fetched = client.get(f"/documents/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.json()["content_sha256"] == body["content_sha256"]


def test_thursday_in_a_past_tense_report_is_the_thursday_before(client: TestClient) -> None:
    body = client.post("/documents", json=_doc()).json()
    capture = next(a for a in body["accounts"] if a["kind"] == "capture")
    assert capture["time"]["value"] == "2017-11-09"
    assert capture["time"]["earliest"] == "2017-11-09T00:00:00Z"


@pytest.mark.parametrize(
    ("payload", "status", "says"),
    [
        ({"published": "2017-11-10", "source": "X"}, 422, "text"),
        (_doc(text="   \n "), 422, "text is empty"),
        (_doc(published="10 November"), 422, "not an ISO 8601"),
        (_doc(published="2017-02-30"), 422, "not a real date"),
        (_doc(source=""), 422, "source"),
        (_doc(colour="red"), 422, "colour"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_stored(
    client: TestClient, engine: Engine, payload: dict[str, Any], status: int, says: str
) -> None:
    response = client.post("/documents", json=payload)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert says in problem["detail"]
    assert _count(engine, Document) == 0


def test_body_over_the_limit_is_413(client: TestClient, engine: Engine) -> None:
    response = client.post("/documents", json=_doc(text="word " * 50_000))
    assert response.status_code == 413
    assert "over the limit of 200000 bytes" in response.json()["detail"]
    assert _count(engine, Document) == 0


def test_invalid_utf8_is_400(client: TestClient, engine: Engine) -> None:
    raw = b'{"text": "caf\xe9", "published": "2017-11-10", "source": "X"}'
    response = client.post("/documents", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert "not valid UTF-8" in response.json()["detail"]
    assert _count(engine, Document) == 0


def test_malformed_json_is_400(client: TestClient) -> None:
    response = client.post(
        "/documents", content=b'{"text": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]


def test_failure_mid_flow_leaves_nothing_half_stored(
    client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.grouping

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("store failed after the document was written")

    monkeypatch.setattr(timeline.grouping, "refresh_event", explode)
    response = client.post("/documents", json=_doc())
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert _stored(engine) == {name: 0 for name in _stored(engine)}


def test_unknown_document_is_404(client: TestClient) -> None:
    response = client.get("/documents/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "no document with id 999999"


def test_write_token_when_configured(client: TestClient, settings: Any) -> None:
    settings.api_token = "s3cret"
    try:
        refused = client.post("/documents", json=_doc())
        assert refused.status_code == 401
        allowed = client.post("/documents", json=_doc(), headers={"Authorization": "Bearer s3cret"})
        assert allowed.status_code == 201
    finally:
        settings.api_token = None


@pytest.mark.parametrize("published", ["1000-01-01", "8999-12-31", "8999-12-31T23:59:59+00:00"])
def test_publication_dates_at_the_edges_of_the_calendar(client: TestClient, published: str) -> None:
    text = f"Troops captured Abu Kamal yesterday and left next year, the army said. ({published})"
    response = client.post(
        "/documents", json={"text": text, "published": published, "source": "Edge"}
    )
    assert response.status_code == 201, response.text
    tagged = client.post("/tag", json={"text": "next century, last year", "published": published})
    assert tagged.status_code == 200, tagged.text


def test_a_publication_off_the_calendar_is_refused(client: TestClient, engine: Engine) -> None:
    response = client.post(
        "/documents", json={"text": "Troops left.", "published": "9999-12-31", "source": "X"}
    )
    assert response.status_code == 422
    assert "outside the years 1000-8999" in response.json()["detail"]
    assert _count(engine, Document) == 0


def test_an_account_keeps_its_relay_its_family_and_its_figures(client: TestClient) -> None:
    text = (
        "BEIRUT, April 4 (Levant Wire) - An air strike killed at least 20 people in the town "
        "of Khan Sheikhoun on Tuesday, the Syrian Observatory for Human Rights said, "
        "TASS reported.\n\nThe army would never strike the town, a general said."
    )
    response = client.post(
        "/documents", json={"text": text, "published": "2017-04-04", "source": "Levant Wire"}
    )
    assert response.status_code == 201, response.text
    accounts = response.json()["accounts"]
    strike = next(a for a in accounts if a["evidence"]["trigger"] == "killed")
    assert strike["claimant"]["name"] == "Syrian Observatory for Human Rights"
    assert strike["claimant"]["via"] == "TASS"
    assert strike["family"] == "violence" and strike["modality"] == "actual"
    [deaths] = [q for q in strike["quantities"] if q["measure"] == "deaths"]
    assert (deaths["low"], deaths["high"], deaths["hedge"]) == (20, None, "at least")
    would = [a for a in accounts if a["evidence"]["trigger"] == "strike"]
    assert all(a["modality"] == "hypothetical" for a in would)
