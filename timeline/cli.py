"""`timeline` command: serve, ingest, load-demo, export, db upgrade/downgrade, tag."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from timeline.progress import progress_bar
from timeline.settings import get_settings
from timeline.tag_cli import TagMode as IngestMode

if TYPE_CHECKING:
    from collections.abc import Sequence

    from timeline.export.run import Export
    from timeline.ingest import DocumentDraft

app = typer.Typer(help="Event timeline reconstruction service.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db_app, name="db")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def _load_model() -> None:
    """Load the configured spaCy pipeline, or stop with what to install."""
    from timeline.extract.parse import ModelMissing, use_model

    try:
        use_model(get_settings().spacy_model)
    except ModelMissing as exc:
        raise _fail(str(exc)) from exc


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Migrate the configured database up to REVISION (default: the newest)."""
    from timeline.store.migrate import upgrade

    url = get_settings().database_url
    upgrade(url, revision)
    typer.echo(f"database at {_redacted(url)} is at {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: str = "base") -> None:
    """Migrate the configured database down to REVISION (default: empty)."""
    from timeline.store.migrate import downgrade

    downgrade(get_settings().database_url, revision)
    typer.echo(f"database downgraded to {revision}")


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="interface to bind")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs)."""
    import uvicorn

    from api.app import create_app

    settings = get_settings()
    _load_model()
    uvicorn.run(create_app(settings), host=host or settings.host, port=port or settings.port)


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="plain-text article files", exists=True)],
    published: Annotated[str, typer.Option(help="publication date or instant, ISO 8601")],
    source: Annotated[str, typer.Option(help="publisher name")],
    url: Annotated[str | None, typer.Option()] = None,
    title: Annotated[str | None, typer.Option()] = None,
    source_kind: Annotated[str, typer.Option(help="news, government, ngo, monitor")] = "news",
    timezone: Annotated[
        str | None, typer.Option(help="IANA zone of the articles' clock times (Europe/Moscow)")
    ] = None,
    source_timezone: Annotated[
        str | None, typer.Option(help="set the source's default IANA time zone")
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            help="ISO 639-1 code (en, ru, uk, ar, fr, de, es); detected per file if absent"
        ),
    ] = None,
    mode: Annotated[
        IngestMode, typer.Option(help="news or narrative resolution; auto chooses per document")
    ] = IngestMode.auto,
) -> None:
    """Ingest article files, one transaction each, showing progress."""
    from timeline.language import check_language
    from timeline.published import PublishedError, parse_published
    from timeline.temporal.zones import ZoneError, zone_of

    try:
        parse_published(published)  # the options first, once, before any file
        for option, zone in (("--timezone", timezone), ("--source-timezone", source_timezone)):
            if zone is not None:
                try:
                    zone_of(zone)
                except ZoneError as exc:
                    raise _fail(f"{option}: {exc}") from exc
        if language is not None:
            check_language(language)
    except (PublishedError, ValueError) as exc:  # ZoneError is answered above
        raise _fail(str(exc)) from exc
    fields = {
        "published": published,
        "source": source,
        "source_kind": source_kind,
        "url": url,
        "title": title,
        "language": language,
        "mode": mode.value,
        "timezone": timezone,
        "source_timezone": source_timezone,
    }
    # Every file is checked before any is stored, as the API checks a body.
    _ingest_all([(path, _draft(path, {**fields, "text": _read_text(path)})) for path in files])


def _draft(path: Path, fields: dict[str, object]) -> DocumentDraft:
    """The file's document, validated as POST /documents validates its body (NUL, lengths,
    source kinds; a leading byte-order mark dropped), or exit 2 naming the field."""
    from pydantic import ValidationError

    from api.drafts import draft_of, problems_of
    from api.schemas import DocumentIn

    try:
        return draft_of(DocumentIn.model_validate(fields))
    except ValidationError as exc:
        for field, what in problems_of(exc)[:-1]:
            typer.echo(f"error: {path}: {field}: {what}", err=True)
        field, what = problems_of(exc)[-1]
        raise _fail(f"{path}: {field}: {what}") from exc


def _read_text(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(f"{path} is not UTF-8 text (bad byte at offset {exc.start})") from exc
    if not text.strip():
        raise _fail(f"{path} is empty")
    return text


def _ingest_all(drafts: Sequence[tuple[Path, DocumentDraft]]) -> None:
    _load_model()
    from timeline.entities import GazetteerCache
    from timeline.extract import load_gazetteer
    from timeline.ingest import ingest
    from timeline.store.db import engine_for

    engine = engine_for(get_settings().database_url)
    gazetteers = GazetteerCache(load_gazetteer())
    total = len(drafts)
    with progress_bar("ingest", total, "documents") as bar:
        for number, (path, draft) in enumerate(drafts, start=1):
            outcome = ingest(engine, draft, gazetteers.current)
            state = "new" if outcome.created else "already there"
            typer.echo(f"[{number}/{total}] {path.name}: document {outcome.document_id} ({state})")
            bar.advance()


@app.command("load-demo")
def load_demo() -> None:
    """Ingest the demo articles (demo/) and the shared sample articles, if present."""
    from timeline.demo import DemoError, demo_drafts

    settings = get_settings()
    try:
        drafts = list(demo_drafts(settings.demo_dir, settings.samples_dir))
    except DemoError as exc:
        raise _fail(str(exc)) from exc
    if not drafts:
        raise _fail(f"no demo articles found in {settings.demo_dir}")
    _ingest_all(list(drafts))


@app.command()
def export(
    output: Annotated[Path, typer.Argument(help="events.csv or accounts.csv ('-' for stdout)")],
    what: Annotated[
        str | None, typer.Option(help="events or accounts (default: from name)")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="window start: ISO 8601 year, month, day or instant")
    ] = None,
    end: Annotated[
        str | None, typer.Option(help="window end (exclusive), read as --start is")
    ] = None,
    place: Annotated[str | None, typer.Option()] = None,
    claimant: Annotated[str | None, typer.Option()] = None,
    source: Annotated[str | None, typer.Option(help="publisher name")] = None,
    actor: Annotated[str | None, typer.Option()] = None,
    kind: Annotated[str | None, typer.Option(help="capture, attack, ...")] = None,
    disputed: Annotated[bool | None, typer.Option("--disputed/--undisputed")] = None,
    q: Annotated[str | None, typer.Option("--q", help="words that must all match")] = None,
) -> None:
    """Write events or accounts as CSV (the same columns and filters as the API's CSV)."""
    from timeline.export.run import count_rows, export_csv
    from timeline.published import PublishedError, parse_bound
    from timeline.store.db import engine_for
    from timeline.store.repositories import EventFilter
    from timeline.store.repositories.search import UnsearchableQueryError, search_words

    bounds = (("start", start), ("end", end))
    table = what or ("accounts" if "account" in output.name else "events")
    if table not in ("events", "accounts"):
        raise _fail(f"--what must be events or accounts, not {table!r}")
    try:
        window = [parse_bound(v, f"--{name}") if v else None for name, v in bounds]
    except PublishedError as exc:
        raise _fail(str(exc)) from exc
    try:
        words = search_words(q)
    except UnsearchableQueryError as exc:
        raise _fail(f"--q: {exc}") from exc
    f = EventFilter(
        start=window[0],
        end=window[1],
        q=words,
        place=place,
        actor=actor,
        claimant=claimant,
        source=source,
        kind=kind,
        disputed=disputed,
    )
    stream = sys.stdout if str(output) == "-" else output.open("w", encoding="utf-8", newline="")
    try:
        engine = engine_for(get_settings().database_url)
        rows_of: Export = "events" if table == "events" else "accounts"
        with progress_bar(f"export {table}", count_rows(engine, rows_of, f), "rows") as bar:
            rows = export_csv(engine, rows_of, f, stream, bar.done)
    finally:
        if stream is not sys.stdout:
            stream.close()
    typer.echo(f"{rows} {table} written to {output}", err=True)


try:  # the tagger's command lives with the tagger
    from timeline.tag_cli import tag_command

    app.command("tag")(tag_command)
except ImportError:  # pragma: no cover - only while the tagger is being built
    pass
