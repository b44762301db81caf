"""The positive and negative corpus (timeline/temporal/data/corpus/*.yaml) is the spec.

Each file holds one theme (core forms, ranges, narratives...), with its own default anchor."""

from __future__ import annotations

from datetime import UTC, date, datetime
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from timeline.temporal import TimeMention, tag

CORPUS_DIR = resources.files("timeline.temporal").joinpath("data/corpus")


def _cases(kind: str) -> list[dict[str, Any]]:
    """The `kind` (positive or negative) cases of every corpus file, each with its anchor."""
    cases: list[dict[str, Any]] = []
    for entry in sorted(CORPUS_DIR.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        corpus: dict[str, Any] = yaml.safe_load(entry.read_text("utf-8"))
        for case in corpus.get(kind, []):
            cases.append({"anchor": corpus["anchor"], **case, "file": entry.name})
    return cases


POSITIVE, NEGATIVE = _cases("positive"), _cases("negative")


def test_every_corpus_file_has_cases() -> None:
    names = {c["file"] for c in POSITIVE + NEGATIVE}
    files = {e.name for e in CORPUS_DIR.iterdir() if e.name.endswith(".yaml")}
    assert names == files


def _instant(raw: str) -> datetime | None:
    if raw == "open":
        return None
    moment = datetime.fromisoformat(raw)
    return moment.replace(tzinfo=UTC)


def _tagged(case: dict[str, Any]) -> list[TimeMention]:
    anchor: date | datetime = date.fromisoformat(str(case["anchor"]))
    if "published" in case:
        anchor = datetime.fromisoformat(str(case["published"]))
    zone = ZoneInfo(case["zone"]) if "zone" in case else None
    return tag(case["in"], anchor, mode=case.get("mode", "news"), zone=zone)


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: f"{c['file']}:{c['in']}")
def test_positive(case: dict[str, Any]) -> None:
    span = case.get("span", case["in"])
    mentions = _tagged(case)
    found = [m for m in mentions if m.text == span]
    assert found, f"{span!r} not found in {[m.text for m in mentions]}"
    m = found[0]
    assert m.value == case["value"]
    if "type" in case:
        assert m.type == case["type"]
    if "mod" in case:
        assert m.mod == case["mod"]
    if "utc_offset" in case:
        assert m.utc_offset == (None if case["utc_offset"] == "none" else case["utc_offset"])
    if "floating" in case:
        assert m.floating is case["floating"]
    for bound in ("earliest", "latest"):
        if bound in case:
            assert getattr(m, bound) == _instant(str(case[bound])), bound


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: f"{c['file']}:{c['in']}")
def test_negative(case: dict[str, Any]) -> None:
    mentions = _tagged(case)
    forbid = case.get("forbid")
    if forbid is None:
        assert mentions == []
        return
    start = case["in"].index(forbid)
    end = start + len(forbid)
    assert all(m.end <= start or m.start >= end for m in mentions), mentions
