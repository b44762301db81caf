"""The docs say what the code does: every page linked, CSV columns in order, EDTF examples true."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from edtf import parse_edtf

from api.app import create_app
from timeline.export.csv_writer import ACCOUNT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS
from timeline.export.edtf import edtf
from timeline.settings import PROJECT_DIR, Settings
from timeline.temporal import tag

DOCS = PROJECT_DIR / "docs"
README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
PAGES = sorted(DOCS.glob("*.md"))
LINK = re.compile(r"\]\(([^)#]+)(#[^)]*)?\)")


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_every_page_is_linked_from_the_readme() -> None:
    assert len(PAGES) >= 6
    for page in PAGES:
        assert f"(docs/{page.name})" in README, page.name


@pytest.mark.parametrize("page", [PROJECT_DIR / "README.md", *PAGES], ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    for target, _ in LINK.findall(page.read_text(encoding="utf-8")):
        if not target.startswith(("http://", "https://")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def _table(markdown: str, heading: str) -> list[tuple[str, str]]:
    section = markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| \d+ \| `([^`]+)` \| (.*) \|$", section, flags=re.M)
    return [(name, meaning.replace("&#124;", "|")) for name, meaning in rows]


@pytest.mark.parametrize(
    ("heading", "columns"),
    [
        ("`/events.csv`", EVENT_COLUMNS),
        ("`/accounts.csv`", ACCOUNT_COLUMNS),
        ("`/documents/{id}/mentions.csv`", MENTION_COLUMNS),
    ],
)
def test_csv_columns_are_documented_in_order(heading: str, columns: dict[str, str]) -> None:
    assert _table(_read("csv.md"), heading) == list(columns.items())


def test_every_endpoint_has_a_curl_example() -> None:
    api = _read("api.md")
    paths = create_app(Settings(database_url="sqlite://")).openapi()["paths"]
    assert len(paths) >= 8
    for path in paths:
        stem = path.split("{")[0].rstrip("/")
        assert f"localhost:8000{stem}" in api, path


def _edtf_examples() -> list[tuple[str, str]]:
    section = _read("time-model.md").split("## EDTF\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| ([a-z][^|]*?) \| `([^`]+)`", section, flags=re.M)


@pytest.mark.parametrize(("text", "expected"), _edtf_examples())
def test_the_edtf_examples_are_what_the_tagger_writes(text: str, expected: str) -> None:
    [mention] = [m for m in tag(text, date(2017, 11, 14)) if m.type in ("DATE", "TIME")]
    assert edtf(mention.earliest, mention.latest, mention.granularity, mention.mod) == expected
    parse_edtf(expected)
