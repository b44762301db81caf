"""A front end on another origin may read the API only when that origin is configured, and
CSV cells that a spreadsheet would run as formulas reach it as text (issue 10)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.app import create_app
from timeline.export.csv_writer import csv_chunks, neutralised
from timeline.settings import Settings

DESK = "https://desk.example.org"


@pytest.fixture
def cors_client(engine: Engine, database_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, cors_origins=f"{DESK}/, https://b.example")
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def test_a_configured_origin_may_read_events(cors_client: TestClient) -> None:
    response = cors_client.get("/events", headers={"Origin": DESK})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == DESK


def test_a_configured_origin_may_post_after_a_preflight(cors_client: TestClient) -> None:
    preflight = cors_client.options(
        "/documents",
        headers={
            "Origin": DESK,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == DESK
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_another_origin_gets_no_permission(cors_client: TestClient) -> None:
    response = cors_client.get("/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = cors_client.options(
        "/events",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers


def test_without_configuration_no_origin_is_allowed(client: TestClient) -> None:
    response = client.get("/events", headers={"Origin": DESK})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("Syrian troops captured the town.", "Syrian troops captured the town."),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised(cell: str, written: str) -> None:
    assert neutralised(cell) == written
    text = "".join(csv_chunks(["quote", "utc_offset"], [[cell, "+03:00"]]))
    # a quote is free text, neutralised; an offset is ours, written as it is
    assert list(csv.reader(io.StringIO(text))) == [["quote", "utc_offset"], [written, "+03:00"]]


def test_an_article_cannot_plant_a_formula_in_the_accounts_csv(client: TestClient) -> None:
    text = '=HYPERLINK("http://evil.example") Syrian troops captured Abu Kamal on Thursday.'
    response = client.post(
        "/documents", json={"text": text, "published": "2017-11-10", "source": "Wire"}
    )
    assert response.status_code == 201, response.text
    rows = list(csv.DictReader(io.StringIO(client.get("/accounts.csv").text)))
    assert rows, "the capture is an account"
    assert all(not row["quote"].startswith("=") for row in rows)
    assert any(row["quote"].startswith("'=HYPERLINK") for row in rows)
