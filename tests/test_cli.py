"""The `timeline` command, end to end on a fresh SQLite file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
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
    assert "ingest" in result.output and "2/2" in result.output  # the bar, drawn at the end
    assert "documents/s" in result.output
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
    assert "export accounts" in result.output and "1/1" in result.output
    assert "rows/s" in result.output


def test_export_takes_the_api_filters(database: str, tmp_path: Path) -> None:
    capture = _article(tmp_path, "Syrian troops captured Abu Kamal on Thursday, the army said.")
    shelling = _article(tmp_path, "Rebels shelled Mayadin on Friday, a monitor said.", "b.txt")
    args = ["ingest", str(capture), str(shelling), "--published", "2017-11-10", "--source", "W"]
    assert runner.invoke(app, args).exit_code == 0
    out = tmp_path / "events.csv"
    for filters, titles in [
        (["--q", "captures"], ["Capture of Abu Kamal"]),
        (["--kind", "attack"], ["Attack at Mayadin"]),
        (["--q", "shelled", "--kind", "capture"], []),
        (["--undisputed", "--q", "Mayadin"], ["Attack at Mayadin"]),
    ]:
        result = runner.invoke(app, ["export", str(out), *filters])
        assert result.exit_code == 0, result.output
        got = [r["title"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))]
        assert [t.split(" (")[0] for t in got] == titles, filters
    refused = runner.invoke(app, ["export", str(out), "--q", "?!"])
    assert refused.exit_code == 2 and "--q" in refused.output


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


def _stored_document(database: str) -> tuple[str, list[str]]:
    from sqlalchemy import create_engine, select

    from timeline.store.models import Document, TimeMentionRow

    engine = create_engine(database)
    with engine.connect() as connection:
        language = connection.scalar(select(Document.language))
        values = list(connection.scalars(select(TimeMentionRow.value)))
    engine.dispose()
    return str(language), values


def test_ingest_detects_the_language_of_each_file(database: str, tmp_path: Path) -> None:
    article = _article(tmp_path, "Вчера армия вошла в город, сообщило министерство.")
    args = ["ingest", str(article), "--published", "2017-11-10", "--source", "W"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert _stored_document(database) == ("ru", ["2017-11-09"])


def test_ingest_takes_a_language_and_a_mode(database: str, tmp_path: Path) -> None:
    story = "The fort was built in 1840. In September a road reached it. Two years later it fell."
    article = _article(tmp_path, story)
    args = ["ingest", str(article), "--published", "2017-11-10", "--source", "W"]
    result = runner.invoke(app, [*args, "--language", "en", "--mode", "news"])
    assert result.exit_code == 0, result.output
    # news: "In September" is the last September before publication
    assert _stored_document(database) == ("en", ["1840", "2017-09", "2019-09"])


def test_ingest_reads_a_story_as_a_narrative_by_default(database: str, tmp_path: Path) -> None:
    story = "The fort was built in 1840. In September a road reached it. Two years later it fell."
    args = ["ingest", str(_article(tmp_path, story)), "--published", "2017-11-10", "--source", "W"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert _stored_document(database) == ("en", ["1840", "1840-09", "1842-09"])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--language", "Russian"], "two lowercase letters"),
        (["--language", "it"], "supported: en, ru"),
        (["--mode", "story"], "story"),
    ],
)
def test_ingest_refuses_a_bad_language_or_mode(
    database: str, tmp_path: Path, args: list[str], says: str
) -> None:
    article = _article(tmp_path, "Syrian troops captured Abu Kamal on Thursday.")
    base = ["ingest", str(article), "--published", "2017-11-10", "--source", "W"]
    result = runner.invoke(app, [*base, *args])
    assert result.exit_code == 2
    assert says in result.output


# `timeline ingest` validates each file as POST /documents validates its body, on both
# databases: the same refusal, naming the file and the field, and nothing stored.


@pytest.fixture
def either_database(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    monkeypatch.setenv("TIMELINE_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield engine
    get_settings.cache_clear()


def _stored(engine: Engine) -> int:
    from sqlalchemy import func, select

    from timeline.store.models import Document

    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Document)).scalar_one())


CAPTURE = "Syrian troops captured Abu Kamal on Thursday, the army said."


@pytest.mark.parametrize(
    ("text", "options", "field", "says"),
    [
        (f"{CAPTURE}\x00", [], "text", "NUL character (U+0000)"),
        (CAPTURE, ["--source", "W" * 201], "source", "at most 200 characters"),
        (CAPTURE, ["--source", "Wire\x00"], "source", "NUL character"),
        (CAPTURE, ["--title", "T" * 501], "title", "at most 500 characters"),
        (CAPTURE, ["--url", "https://example.org/" + "u" * 2000], "url", "at most 2000"),
        (CAPTURE, ["--source-kind", "blog"], "source_kind", "'news'"),
    ],
)
def test_ingest_validates_as_the_api_does(
    either_database: Engine,
    tmp_path: Path,
    text: str,
    options: list[str],
    field: str,
    says: str,
) -> None:
    good = _article(tmp_path, CAPTURE.replace("Thursday", "Friday"), "a.txt")
    bad = _article(tmp_path, text, "b.txt")
    options = ["--source", "Wire", *options]  # a later --source wins
    result = runner.invoke(
        app, ["ingest", str(good), str(bad), "--published", "2017-11-10", *options]
    )
    assert result.exit_code == 2, result.output
    # an option's mistake shows at the first file, a text's at its own
    named = good if options[2:] else bad
    assert f"error: {named}: {field}: " in result.output
    assert says in result.output
    assert isinstance(result.exception, SystemExit)  # a clear exit, no traceback
    assert _stored(either_database) == 0  # every file is checked before any is stored


def test_ingest_drops_a_leading_byte_order_mark(either_database: Engine, tmp_path: Path) -> None:
    with_bom = _article(tmp_path, "\ufeff" + CAPTURE, "bom.txt")
    without = _article(tmp_path, CAPTURE, "plain.txt")
    args = ["--published", "2017-11-10", "--source", "Wire"]
    assert runner.invoke(app, ["ingest", str(with_bom), *args]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(without), *args])
    assert "(already there)" in again.output  # the same text once the mark is dropped
    from sqlalchemy import select

    from timeline.store.models import Document

    with either_database.connect() as connection:
        [text] = connection.execute(select(Document.text)).scalars()
    assert text == CAPTURE


def test_export_reads_a_year_and_refuses_numbers(database: str, tmp_path: Path) -> None:
    article = _article(tmp_path, CAPTURE)
    assert (
        runner.invoke(
            app, ["ingest", str(article), "--published", "2017-11-10", "--source", "W"]
        ).exit_code
        == 0
    )
    out = tmp_path / "events.csv"
    for window, rows in ((["--start", "2017", "--end", "2018"], 1), (["--start", "2018"], 0)):
        result = runner.invoke(app, ["export", str(out), *window])
        assert result.exit_code == 0, result.output
        assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))) == rows
    refused = runner.invoke(app, ["export", str(out), "--start", "1510617600"])
    assert refused.exit_code == 2
    assert "error: --start '1510617600' is a number" in refused.output
