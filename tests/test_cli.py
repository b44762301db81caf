"""The `timeline` command, end to end on a fresh SQLite file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.settings import get_settings

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("TIMELINE_DATABASE_URL", url)
    get_settings.cache_clear()
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    yield url
    get_settings.cache_clear()


def _article(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_shows_progress_and_is_idempotent(database: str, tmp_path: Path) -> None:
    first = _article(tmp_path, "Syrian troops captured Abu Kamal on Thursday, the army said.")
    second = _article(tmp_path, "Islamic State fighters left Abu Kamal yesterday.", "b.txt")
    args = ["ingest", str(first), str(second), "--published", "2017-11-10", "--source", "Wire"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "[1/2] report.txt: document 1 (new)" in result.output
    assert "[2/2] b.txt: document 2 (new)" in result.output
    again = runner.invoke(app, args[:2] + args[3:])
    assert "document 1 (already there)" in again.output


def test_export_writes_parseable_csv(database: str, tmp_path: Path) -> None:
    article = _article(tmp_path, "Syrian troops captured Abu Kamal on Thursday, the army said.")
    ingested = runner.invoke(
        app, ["ingest", str(article), "--published", "2017-11-10", "--source", "Wire"]
    )
    assert ingested.exit_code == 0, ingested.output
    out = tmp_path / "accounts.csv"
    result = runner.invoke(app, ["export", str(out), "--place", "Abu Kamal"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["kind"] for r in rows] == ["capture"]
    assert rows[0]["time_value"] == "2017-11-09"
    assert rows[0]["publisher"] == "Wire"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--published", "2017-13-01", "--source", "W"], "not a real date"),
        (["--published", "soon", "--source", "W"], "not an ISO 8601"),
        (["--published", "2017-11-14", "--source", "W", "--timezone", "Moscow"], "--timezone"),
        (
            ["--published", "2017-11-14", "--source", "W", "--source-timezone", "GMT+3"],
            "IANA time zone",
        ),
    ],
)
def test_ingest_errors_name_what_to_fix(
    database: str, tmp_path: Path, args: list[str], says: str
) -> None:
    article = _article(tmp_path, "Troops captured the town.")
    result = runner.invoke(app, ["ingest", str(article), *args])
    assert result.exit_code == 2
    assert says in result.output


def test_ingest_refuses_non_utf8(database: str, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9 captured")
    result = runner.invoke(app, ["ingest", str(path), "--published", "2017-11-10", "--source", "W"])
    assert result.exit_code == 2
    assert "is not UTF-8 text" in result.output


def test_load_demo_ingests_our_articles(database: str) -> None:
    result = runner.invoke(app, ["load-demo"])
    assert result.exit_code == 0, result.output
    demo_files = sorted(get_settings().demo_dir.glob("[0-9]*.md"))
    assert len(demo_files) >= 6
    for path in demo_files:
        assert f"{path.name}: document" in result.output
