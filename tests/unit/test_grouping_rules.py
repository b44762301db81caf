"""The grouping parameters are data, validated on load."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline.reconcile.scoring import (
    DEFAULT_RULES,
    GroupingRulesError,
    load_grouping_rules,
    parse_grouping_rules,
)


def _packaged() -> dict[str, Any]:
    text = (Path(__file__).parents[2] / "timeline/reconcile/data/grouping.yaml").read_text()
    raw: dict[str, Any] = yaml.safe_load(text)
    return raw


def test_the_packaged_parameters_load() -> None:
    assert DEFAULT_RULES.far == timedelta(days=_packaged()["far_days"])
    assert DEFAULT_RULES.recent == timedelta(days=_packaged()["recent_days"])
    assert 0 < DEFAULT_RULES.threshold <= 1
    assert DEFAULT_RULES.weight("same_place") > DEFAULT_RULES.weight("near_place")


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"threshold": "high"}, "threshold"),
        ({"far_days": -1}, "far_days"),
        ({"recent_days": None}, "recent_days"),
        ({"weights": {"same_place": 0.4}}, "weights"),
    ],
)
def test_bad_parameters_are_refused_by_name(change: dict[str, Any], named: str) -> None:
    raw = {**_packaged(), **change}
    with pytest.raises(GroupingRulesError, match=named):
        parse_grouping_rules(raw, "test")


def test_another_file_can_be_loaded_for_fitting(tmp_path: Path) -> None:
    raw = {**_packaged(), "threshold": 0.9}
    path = tmp_path / "grouping.yaml"
    path.write_text(yaml.safe_dump(raw))
    assert load_grouping_rules(str(path)).threshold == 0.9
