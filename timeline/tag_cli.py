"""`timeline tag`: the time tagger on files.

    timeline tag --input IN.jsonl --output OUT.jsonl     # batch, for evaluation
    timeline tag --published 2017-11-14 article.txt     # a readable table

Batch lines are {"id", "dct": "YYYY-MM-DD", "text"}; output lines are
{"id", "timexes": [{"start", "end", "text", "type", "value", "mod", "earliest",
"latest", "granularity"}]}, the format ../shared/eval/score.py reads.

Like ingestion and `POST /tag`, it reads each expression's tense within its sentence, as
the configured spaCy pipeline splits the text (`sentence_bounds`).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from timeline.extract.parse import ModelMissing, use_model
from timeline.extract.sentences import sentence_bounds
from timeline.settings import get_settings
from timeline.temporal import TimeMention, tag
from timeline.temporal.zones import ZoneError, zone_of


class TagMode(StrEnum):
    auto = "auto"
    news = "news"
    narrative = "narrative"


class BadInput(Exception):
    """Input the user must fix; the message says where and what."""


def tag_command(
    file: Annotated[
        Path | None, typer.Argument(help="text file to tag and show as a table ('-': stdin)")
    ] = None,
    input: Annotated[
        Path | None, typer.Option("--input", help="JSONL of {id, dct, text} to tag in batch")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="JSONL to write (default: stdout)")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="publication date of FILE, YYYY-MM-DD (or ISO instant)")
    ] = None,
    mode: Annotated[
        TagMode,
        typer.Option(help="news or narrative resolution; auto chooses per document"),
    ] = TagMode.auto,
    timezone: Annotated[
        str | None,
        typer.Option(help="IANA zone of the text's clock times and days (e.g. Europe/Moscow)"),
    ] = None,
) -> None:
    """Find time expressions and print their TIMEX3 values and intervals."""
    try:
        zone = parse_zone(timezone)
        if input is not None:
            if file is not None:
                raise BadInput("give either --input IN.jsonl or FILE, not both")
            load_model()
            _batch(input, output, mode.value, zone)
        elif file is not None:
            if published is None:
                raise BadInput("FILE needs --published YYYY-MM-DD (its publication date)")
            anchor = parse_anchor(published, "--published")
            load_model()
            _table(file, anchor, mode.value, zone)
        else:
            raise BadInput("give --input IN.jsonl (batch) or --published DATE FILE (table)")
    except BadInput as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc


def load_model() -> None:
    """The configured spaCy pipeline, whose sentences the tagger reads within."""
    try:
        use_model(get_settings().spacy_model)
    except ModelMissing as exc:
        raise BadInput(str(exc)) from exc


def tag_text(
    text: str, anchor: date | datetime, mode: str, zone: tzinfo | None = None
) -> list[TimeMention]:
    """The time mentions of `text`, the tense of each read within its sentence."""
    bounds = sentence_bounds(text)
    return tag(text, anchor, mode=mode, sentences=bounds, zone=zone)  # type: ignore[arg-type]


def parse_zone(name: str | None) -> tzinfo | None:
    if name is None:
        return None
    try:
        return zone_of(name)
    except ZoneError as exc:
        raise BadInput(f"--timezone: {exc}") from exc


def parse_anchor(raw: str, where: str) -> date | datetime:
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw)
        return datetime.fromisoformat(raw)
    except ValueError as exc:
        raise BadInput(f"{where}: {raw!r} is not a date like 2017-11-14") from exc


def mention_json(m: TimeMention) -> dict[str, Any]:
    return {
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "type": m.type,
        "value": m.value,
        "mod": m.mod,
        "earliest": m.earliest.isoformat() if m.earliest else None,
        "latest": m.latest.isoformat() if m.latest else None,
        "granularity": m.granularity,
        "utc_offset": m.utc_offset,
    }


def _document(line: str, number: int, path: Path) -> tuple[str, date | datetime, str]:
    where = f"{path}:{number}"
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}: not JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(doc, dict):
        raise BadInput(f"{where}: each line must be an object with id, dct and text")
    missing = [k for k in ("id", "dct", "text") if k not in doc]
    if missing:
        raise BadInput(f"{where}: missing {', '.join(missing)}")
    if not isinstance(doc["text"], str) or not isinstance(doc["dct"], str):
        raise BadInput(f"{where}: 'text' and 'dct' must be strings")
    return str(doc["id"]), parse_anchor(doc["dct"][:10], f"{where} dct"), doc["text"]


def _batch(path: Path, output: Path | None, mode: str, zone: tzinfo | None) -> None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read {path}: {exc}") from exc
    docs = [_document(line, n, path) for n, line in enumerate(lines, 1) if line.strip()]
    sink: TextIO = sys.stdout if output is None else output.open("w", encoding="utf-8")
    started, chars = time.perf_counter(), 0
    try:
        for number, (doc_id, anchor, text) in enumerate(docs, 1):
            mentions = tag_text(text, anchor, mode, zone)
            sink.write(json.dumps({"id": doc_id, "timexes": [mention_json(m) for m in mentions]}))
            sink.write("\n")
            chars += len(text)
            if number % 500 == 0 or number == len(docs):
                rate = chars / max(time.perf_counter() - started, 1e-9)
                typer.echo(f"[{number}/{len(docs)}] {rate:,.0f} chars/s", err=True)
    finally:
        if output is not None:
            sink.close()


def _table(path: Path, anchor: date | datetime, mode: str, zone: tzinfo | None) -> None:
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read {path}: {exc}") from exc
    mentions = tag_text(text, anchor, mode, zone)
    typer.echo(f"{'span':>11}  {'type':8} {'value':14} {'mod':7} {'interval':35} text")
    for m in mentions:
        interval = f"{_day(m.earliest)} .. {_day(m.latest)}" if m.type in ("DATE", "TIME") else ""
        span = f"{m.start}-{m.end}"
        typer.echo(f"{span:>11}  {m.type:8} {m.value:14} {m.mod or '':7} {interval:35} {m.text}")
    typer.echo(f"{len(mentions)} time expressions", err=True)


def _day(moment: datetime | None) -> str:
    if moment is None:
        return "open"
    return moment.strftime("%Y-%m-%d" if moment.hour == moment.minute == 0 else "%Y-%m-%dT%H:%M")
