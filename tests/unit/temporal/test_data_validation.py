"""Rule and word-table files are validated on load, with messages that say what to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from timeline.temporal.grammar import RuleError, parse_rules
from timeline.temporal.lexicon import LexiconError, lexicon, parse_lexicon

HANDLERS = {"month_day"}
GOOD = {"id": "r", "type": "DATE", "handler": "month_day", "pattern": "{MONTH} {DAY}"}


def rules_with(**changes: Any) -> dict[str, Any]:
    rule = {**GOOD, "examples": [{"in": "Nov. 3", "value": "2017-11-03"}], **changes}
    return {"rules": [rule]}


def test_a_good_rule_loads_with_its_groups() -> None:
    (rule,) = parse_rules(rules_with(), HANDLERS)
    assert rule.groups == ("month", "day")
    assert "(?P<r__month>" in rule.regex


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"type": "DAY"}, "type 'DAY' is not one of"),
        ({"handler": "nope"}, "unknown handler 'nope'"),
        ({"pattern": "{MONTHS}"}, "unknown macro {MONTHS}"),
        ({"pattern": "{MONTH} {MONTH}"}, "used twice"),
        ({"pattern": "(unclosed"}, "bad pattern"),
        ({"examples": []}, "at least one example"),
        ({"examples": [{"in": "x"}]}, "needs 'in' and 'value'"),
        ({"examples": [{"in": "x", "value": "1", "span": "y"}]}, "is not in"),
        ({"id": "Bad Id"}, "snake_case"),
        ({"exmaples": []}, "unknown keys"),
        ({"examples": [{"in": "x", "value": "1", "spam": "x"}]}, "unknown example keys"),
    ],
)
def test_bad_rules_are_refused_with_a_clear_message(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_rules(rules_with(**changes), HANDLERS)


def test_duplicate_rule_ids_are_refused() -> None:
    raw = rules_with()
    raw["rules"].append(raw["rules"][0])
    with pytest.raises(RuleError, match="duplicate rule ids"):
        parse_rules(raw, HANDLERS)


def test_the_shipped_lexicon_loads() -> None:
    lex = lexicon()
    assert lex.months["sept"] == 9
    assert lex.units["centuries"].factor == 100
    assert lex.fuzzy["recently"] == "PAST_REF"
    assert lex.units["hrs"] is lex.units["hour"]  # an abbreviation is the same unit
    assert lex.informal_days["tmrw"] == "tomorrow"
    assert "sep" in lex.lowercase_day_months and "may" not in lex.lowercase_day_months


@pytest.mark.parametrize(
    ("table", "value", "message"),
    [
        ("months", {"January": 1}, "lowercase"),
        ("fuzzy", {"lately": "OLD_REF"}, "unknown codes"),
        ("units", {"day": {"plural": "days"}}, "units\\['day'\\]"),
        ("holidays", {"xmas": "25 Dec"}, "MM-DD"),
        ("year_cues", "in", "list of words"),
        ("informal_days", {"tmrw": "morrow"}, "must stand for"),
        (
            "units",
            {"hour": {"plural": "hours", "code": "H", "gran": "hour", "short": "hr"}},
            "short",
        ),
        ("holidays", {"black friday": [11, 4]}, "days after"),
        ("weekday_cues", ["on", 3], "list of words"),
        ("lowercase_day_months", ["sep", "spt"], "no months: \\['spt'\\]"),
        ("event_name_heads", "war", "list of words"),
    ],
)
def test_a_bad_lexicon_is_refused(table: str, value: Any, message: str) -> None:
    import yaml

    path = Path(__file__).resolve().parents[3] / "timeline/temporal/data/lexicon.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw[table] = value
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(raw)


def test_the_core_never_reads_the_clock() -> None:
    package = Path(__file__).resolve().parents[3] / "timeline/temporal"
    for source in package.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for forbidden in ("datetime.now", "date.today", "time.time(", "utcnow"):
            assert forbidden not in text, f"{source.name} uses {forbidden}"
