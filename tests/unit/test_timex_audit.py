"""bench/timex_audit.yaml loads, every entry matches the gold, and only listed values change."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _load_module() -> ModuleType:
    path = REPO / "bench" / "timex_audit.py"
    spec = importlib.util.spec_from_file_location("timex_audit", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


audit = _load_module()


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data_dir: Path = audit.DATA_DIR
    if not data_dir.exists():
        message = f"{data_dir} is missing (../shared must sit beside the checkout)"
        if IN_CI:
            pytest.fail(f"{message}; required under CI=true", pytrace=False)
        pytest.skip(message)
    return {c: audit.load_jsonl(data_dir / f"{c}.jsonl") for c in audit.CORPORA}


def _doc() -> dict[str, Any]:
    timexes = [
        {"start": 0, "end": 4, "text": "1949", "type": "DATE", "value": "1949-XX"},
        {"start": 10, "end": 19, "text": "last week", "type": "DATE", "value": "P1W"},
    ]
    return {"id": "d1", "dct": "1999-03-12", "text": "x" * 20, "timexes": timexes}


def _entry(**changes: Any) -> Any:
    fields = {
        "corpus": "aquaint",
        "doc": "d1",
        "start": 0,
        "end": 4,
        "text": "1949",
        "gold": "1949-XX",
        "corrected": "1949",
        "rule": "contradicts_text",
        "why": "A bare year padded with a month.",
    }
    fields.update(changes)
    return audit.Entry(**fields)


def test_yaml_loads_with_entries_of_every_rule() -> None:
    entries = audit.load_audit()
    assert entries
    assert {e.rule for e in entries} == set(audit.RULES)
    for entry in entries:
        assert isinstance(entry.gold, str) and isinstance(entry.corrected, str)
        assert len(entry.text) <= 40, f"{entry.label()}: text must be the timex only"
        assert entry.why.strip() and "\n" not in entry.why


def test_every_entry_matches_the_gold(gold: dict[str, Any]) -> None:
    entries = audit.load_audit()
    audit.validate(entries, gold)


def test_corrected_gold_changes_exactly_the_listed_values(gold: dict[str, Any]) -> None:
    entries = audit.load_audit()
    for corpus in audit.CORPORA:
        mine = [e for e in entries if e.corpus == corpus]
        wanted = {(e.doc, e.start, e.end): e.corrected for e in mine}
        fixed = audit.corrected_gold(gold[corpus], mine)
        changed = {}
        for doc_id, doc in gold[corpus].items():
            new = fixed[doc_id]
            assert {k: v for k, v in new.items() if k != "timexes"} == {
                k: v for k, v in doc.items() if k != "timexes"
            }
            assert len(new["timexes"]) == len(doc["timexes"])
            for old_tx, new_tx in zip(doc["timexes"], new["timexes"], strict=True):
                assert {k: v for k, v in new_tx.items() if k != "value"} == {
                    k: v for k, v in old_tx.items() if k != "value"
                }
                if new_tx["value"] != old_tx["value"]:
                    changed[(doc_id, old_tx["start"], old_tx["end"])] = new_tx["value"]
        assert changed == wanted


def test_writer_leaves_the_input_untouched_and_round_trips(tmp_path: Path) -> None:
    gold = {"d1": _doc()}
    fixed = audit.corrected_gold(gold, [_entry()])
    assert gold["d1"]["timexes"][0]["value"] == "1949-XX"
    assert [t["value"] for t in fixed["d1"]["timexes"]] == ["1949", "P1W"]
    path = tmp_path / "fixed.jsonl"
    audit.write_jsonl(fixed, path)
    assert audit.load_jsonl(path) == fixed


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"gold": "1949-XX-XX"}, "gold value is '1949-XX'"),
        ({"corrected": "1949-XX"}, "corrected equals gold"),
        ({"text": "1950"}, "gold text is '1949'"),
        ({"start": 1}, "no gold timex with this span"),
        ({"doc": "d2"}, "document not in the aquaint gold"),
        ({"corrected": "1949-W7"}, "not a TIMEX3 value"),
        ({"rule": "looks_wrong"}, "is not one of"),
    ],
)
def test_validate_names_the_bad_entry(changes: dict[str, Any], message: str) -> None:
    entry = _entry(**changes)
    with pytest.raises(audit.AuditError, match=message) as raised:
        audit.validate([entry], {"aquaint": {"d1": _doc()}})
    assert entry.doc in str(raised.value)


ACCEPTED = ["1989", "198", "19", "1989-Q4", "2000-W02", "1998-W33-WE", "1989-09-27", "PTXM"]
ACCEPTED += ["P13Y", "2000-01-12TEV", "1991-02-23T12:00", "XXXX-WXX-1TNI", "PRESENT_REF"]


@pytest.mark.parametrize("value", [*ACCEPTED, "1989-11-06T17"])
def test_timex3_value_accepts(value: str) -> None:
    assert audit.is_timex3_value(value)


@pytest.mark.parametrize(
    "value", ["2000-W7", "1989-9-27", "1989-Q5", "P", "PT", "last week", "1989-09-27T25x", ""]
)
def test_timex3_value_rejects(value: str) -> None:
    assert not audit.is_timex3_value(value)


def test_unquoted_number_in_yaml_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "audit.yaml"
    path.write_text(
        "entries:\n  - {corpus: aquaint, doc: d1, start: 0, end: 4, text: 1949, gold: 1949-XX,"
        " corrected: '1949', rule: contradicts_text, why: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(audit.AuditError, match="text must be a non-empty string"):
        audit.load_audit(path)


def test_dates_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "audit.yaml"
    path.write_text(
        "entries:\n  - {corpus: aquaint, doc: d1, start: 0, end: 7, text: Tuesday,"
        " gold: 1990-08-07, corrected: 1990-08-14, rule: contradicts_dct, why: x}\n",
        encoding="utf-8",
    )
    (entry,) = audit.load_audit(path)
    assert (entry.gold, entry.corrected) == ("1990-08-07", "1990-08-14")
