from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.app import create_app
from timeline.settings import Settings


@pytest.fixture
def settings(engine: Engine, database_url: str) -> Settings:
    return Settings(database_url=database_url, max_body_bytes=200_000)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def post_sample(client: TestClient, sample_text: str) -> dict[str, object]:
    response = client.post(
        "/documents",
        json={
            "text": sample_text,
            "published": "2017-11-14",
            "source": "Fort Russ News",
            "title": sample_text.strip().splitlines()[0],  # the headline, read from the file
        },
    )
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body
