"""The positive and negative corpus (timeline/temporal/data/corpus.yaml) is the spec."""

from __future__ import annotations

from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

import pytest
import yaml

from timeline.temporal import TimeMention, tag

CORPUS: dict[str, Any] = yaml.safe_load(
    resources.files("timeline.temporal").joinpath("data/corpus.yaml").read_text("utf-8")
)
ANCHOR = date.fromisoformat(CORPUS["anchor"])


def _instant(raw: str) -> datetime | None:
    if raw == "open":
        return None
    moment = datetime.fromisoformat(raw)
    return moment.replace(tzinfo=UTC)


def _tagged(case: dict[str, Any]) -> list[TimeMention]:
    anchor = date.fromisoformat(case["anchor"]) if "anchor" in case else ANCHOR
    return tag(case["in"], anchor, mode=case.get("mode", "news"))


@pytest.mark.parametrize("case", CORPUS["positive"], ids=lambda c: c["in"])
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
    for bound in ("earliest", "latest"):
        if bound in case:
            assert getattr(m, bound) == _instant(str(case[bound])), bound


@pytest.mark.parametrize("case", CORPUS["negative"], ids=lambda c: c["in"])
def test_negative(case: dict[str, Any]) -> None:
    mentions = _tagged(case)
    forbid = case.get("forbid")
    if forbid is None:
        assert mentions == []
        return
    start = case["in"].index(forbid)
    end = start + len(forbid)
    assert all(m.end <= start or m.start >= end for m in mentions), mentions
