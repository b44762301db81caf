"""Fit the grouping parameters on the real-world development set.

For each setting of a small grid over timeline/reconcile/data/grouping.yaml (threshold,
far_days, recent_days, near_km), runs the service on a throwaway database with
TIMELINE_GROUPING_RULES pointing at that setting, scores it with
../shared/eval/evaluate.py, and prints B-cubed F1 with the dispute figures, best first.
The packaged file is not changed: copy the chosen row's values into it by hand, and say
so in bench/RESULTS.md.

Run: .venv/bin/python bench/fit_grouping.py [--quick]
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_realworld import REPO, run_evaluation

PACKAGED = REPO / "timeline" / "reconcile" / "data" / "grouping.yaml"
GRID = {
    "threshold": [0.5, 0.6, 0.7],
    "far_days": [1, 2, 3],
    "recent_days": [2, 3],
    "near_km": [0, 40],
}
QUICK = {"threshold": [0.6, 0.7], "far_days": [2, 3], "recent_days": [2, 3], "near_km": [40]}


def settings(grid: dict[str, list[Any]]) -> list[dict[str, Any]]:
    keys = sorted(grid)
    return [dict(zip(keys, v, strict=True)) for v in itertools.product(*(grid[k] for k in keys))]


def score(setting: dict[str, Any], scratch: Path, index: int) -> dict[str, Any]:
    raw = yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))
    raw.update(setting)
    rules = scratch / f"grouping-{index}.yaml"
    rules.write_text(yaml.safe_dump(raw), encoding="utf-8")
    report = scratch / f"report-{index}.json"
    code = run_evaluation(
        ["--json", str(report)], {"TIMELINE_GROUPING_RULES": str(rules)}, quiet=True
    )
    if code != 0 or not report.is_file():
        sys.exit(f"error: the evaluation failed for {setting} (exit {code})")
    figures = json.loads(report.read_text(encoding="utf-8"))
    disputes = figures["disputes"]
    return {
        **setting,
        "b3_f1": figures["grouping"]["b_cubed"]["f1"],
        "dispute_recall": disputes["recall"],
        "dispute_precision": disputes["precision"],
    }


def main(argv: list[str]) -> int:
    grid = QUICK if "--quick" in argv else GRID
    rows = []
    todo = settings(grid)
    with tempfile.TemporaryDirectory(prefix="timeline-fit-") as scratch:
        for index, setting in enumerate(todo, 1):
            print(f"[{index}/{len(todo)}] {setting} ...", file=sys.stderr, flush=True)
            rows.append(score(setting, Path(scratch), index))
    rows.sort(key=lambda r: (-(r["b3_f1"] or 0), -(r["dispute_precision"] or 0)))
    keys = [*sorted(grid), "b3_f1", "dispute_recall", "dispute_precision"]
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join(_cell(row[k]) for k in keys))
    return 0


def _cell(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
