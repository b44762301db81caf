"""Property-based fuzzing of every endpoint from the OpenAPI schema (schemathesis).

Whatever the input, the API never answers with a server error, and every error is a
problem document with a detail.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from api.app import create_app
from timeline.settings import Settings
from timeline.store.migrate import upgrade

_DB = Path(tempfile.mkdtemp(prefix="timeline-fuzz-")) / "fuzz.db"
_URL = f"sqlite:///{_DB}"
upgrade(_URL)
APP = create_app(Settings(database_url=_URL, max_body_bytes=100_000))
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_server_errors_and_problems_for_errors(label: str) -> None:
    operation = OPERATIONS[label]

    @given(case=operation.as_strategy())
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    def call(case: schemathesis.Case) -> None:
        response = case.call()
        assert response.status_code < 500, f"{case.method} {case.path}: {response.text}"
        if response.status_code >= 400:
            [content_type] = response.headers["content-type"]
            assert content_type.startswith("application/problem+json"), content_type
            assert response.json()["detail"]

    call()
