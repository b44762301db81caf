"""Read the demo articles (demo/*.md with YAML front matter) and the shared sample articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from timeline.ingest import DocumentDraft
from timeline.published import PublishedError, parse_published


class DemoError(ValueError):
    pass


def draft_from_fields(path: Path, fields: dict[str, Any], text: str) -> DocumentDraft:
    for required in ("source", "published"):
        if not fields.get(required):
            raise DemoError(f"{path}: front matter lacks '{required}'")
    try:
        published, precision = parse_published(str(fields["published"]))
    except PublishedError as exc:
        raise DemoError(f"{path}: {exc}") from exc
    return DocumentDraft(
        text=text,
        published=published,
        published_precision=precision,
        source=str(fields["source"]),
        source_kind=str(fields.get("source_kind", "news")),
        url=fields.get("url"),
        title=fields.get("title"),
        language=str(fields.get("language", "en")),
    )


def read_front_matter(path: Path) -> DocumentDraft:
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n"):
        raise DemoError(f"{path}: does not start with a '---' front-matter block")
    header, sep, body = raw[4:].partition("\n---\n")
    if not sep:
        raise DemoError(f"{path}: front matter is not closed by a '---' line")
    try:
        # BaseLoader keeps every value a string: "2017-02-30" must reach our own date check.
        fields = yaml.load(header, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        raise DemoError(f"{path}: front matter is not valid YAML ({exc})") from exc
    if not isinstance(fields, dict):
        raise DemoError(f"{path}: front matter is not a mapping")
    return draft_from_fields(path, fields, body.strip("\n") + "\n")


def demo_drafts(demo_dir: Path, samples_dir: Path | None) -> Iterator[tuple[Path, DocumentDraft]]:
    """Our demo articles, then each listed shared sample that is present."""
    for path in sorted(demo_dir.glob("[0-9]*.md")):
        yield path, read_front_matter(path)
    manifest = demo_dir / "samples.yaml"
    if samples_dir is None or not samples_dir.is_dir() or not manifest.exists():
        return
    listed = yaml.load(manifest.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    for name, fields in sorted(listed.items()):
        path = samples_dir / name
        if path.exists():
            yield path, draft_from_fields(path, fields, path.read_text(encoding="utf-8"))
