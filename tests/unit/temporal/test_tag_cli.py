"""`timeline tag`: batch JSONL for the scorer, and a table for people."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from timeline.tag_cli import tag_command

app = typer.Typer()
app.command()(tag_command)
runner = CliRunner()


def write(path: Path, lines: list[object]) -> Path:
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_batch_writes_one_line_per_document(tmp_path: Path) -> None:
    docs = [
        {"id": "a", "dct": "2017-11-14", "text": "Last week the town fell."},
        {"id": "b", "dct": "2017-11-14", "text": "No dates here."},
    ]
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["--input", str(write(tmp_path / "in.jsonl", docs)), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    (timex,) = lines[0]["timexes"]
    assert timex == {
        "start": 0,
        "end": 9,
        "text": "Last week",
        "type": "DATE",
        "value": "2017-W45",
        "mod": None,
        "earliest": "2017-11-06T00:00:00+00:00",
        "latest": "2017-11-13T00:00:00+00:00",
        "granularity": "week",
        "utc_offset": None,
    }
    assert lines[1]["timexes"] == []


def test_a_time_zone_places_clock_times_and_a_bad_one_is_named(tmp_path: Path) -> None:
    docs = [{"id": "a", "dct": "2017-11-14", "text": "It began at 3 p.m."}]
    source, out = write(tmp_path / "in.jsonl", docs), tmp_path / "out.jsonl"
    args = ["--input", str(source), "--output", str(out), "--timezone"]
    result = runner.invoke(app, [*args, "Europe/Moscow"])
    assert result.exit_code == 0, result.output
    (timex,) = json.loads(out.read_text(encoding="utf-8"))["timexes"]
    assert (timex["utc_offset"], timex["earliest"]) == ("+03:00", "2017-11-14T12:00:00+00:00")
    bad = runner.invoke(app, [*args, "Europe/Atlantis"])
    assert bad.exit_code == 2
    assert "--timezone" in bad.output and "Europe/Atlantis" in bad.output


def test_batch_names_the_bad_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "in.jsonl", [{"id": "a", "dct": "2017-11-14", "text": "x"}, {"id": "b"}])
    result = runner.invoke(app, ["--input", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2: missing dct, text" in result.output


def test_batch_refuses_a_bad_date(tmp_path: Path) -> None:
    bad = write(tmp_path / "in.jsonl", [{"id": "a", "dct": "14/11/2017", "text": "x"}])
    result = runner.invoke(app, ["--input", str(bad)])
    assert result.exit_code == 2
    assert "is not a date like 2017-11-14" in result.output


def test_table_for_one_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Yesterday the ministry spoke; talks resume next week.", encoding="utf-8")
    result = runner.invoke(app, ["--published", "2017-11-14", str(article)])
    assert result.exit_code == 0, result.output
    assert "2017-11-13" in result.output and "Yesterday" in result.output
    assert "2017-W47" in result.output


def test_table_needs_the_publication_date(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Yesterday.", encoding="utf-8")
    result = runner.invoke(app, [str(article)])
    assert result.exit_code == 2
    assert "--published" in result.output


def test_narrative_mode_resolves_against_the_story(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("On June 6, 1944 they landed. Yesterday the storm ended.", encoding="utf-8")
    args = ["--published", "2017-11-14", "--mode", "narrative", str(article)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1944-06-05" in result.output


def test_batch_chooses_narrative_or_news_per_document_by_default(tmp_path: Path) -> None:
    docs = [
        {
            "id": "story",
            "dct": "2017-11-14",
            "text": "In 1914 war came in August. Two years later, peace.",
        },
        {
            "id": "news",
            "dct": "2017-11-14",
            "text": "Shares fell in August, the bank said on Monday.",
        },
    ]
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["--input", str(write(tmp_path / "in.jsonl", docs)), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    august = [[t["value"] for t in line["timexes"] if t["text"] == "August"] for line in lines]
    assert august == [["1914-08"], ["2017-08"]]
