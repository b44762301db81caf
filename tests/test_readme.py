"""The README documents what the code does: CSV columns and every endpoint."""

from __future__ import annotations

from api.app import create_app
from timeline.export.csv_writer import ACCOUNT_COLUMNS, EVENT_COLUMNS
from timeline.settings import PROJECT_DIR, Settings

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def test_every_csv_column_is_documented() -> None:
    for column in [*EVENT_COLUMNS, *ACCOUNT_COLUMNS]:
        assert f"`{column}`" in README, column


def test_every_endpoint_has_a_curl_example() -> None:
    app = create_app(Settings(database_url="sqlite://"))
    paths = app.openapi()["paths"]
    assert len(paths) >= 8
    for path in paths:
        stem = path.split("{")[0].rstrip("/")
        assert f"localhost:8000{stem}" in README, path
