"""Re-score time-tagger predictions against the audited TempEval-3 development gold.

    .venv/bin/python bench/timex_audit.py [--timebank PRED_TB] [--aquaint PRED_AQ]
                                          [--skip-rule RULE ...] [--gold-out DIR]

Reads bench/timex_audit.yaml (gold TIMEX3 values judged wrong, with corrections), checks
every entry against the gold in ../shared/data/timex (doc, offsets, text and gold value
must match exactly; the corrected value must be TIMEX3 syntax), writes corrected gold
files to a temporary directory and scores the predictions on the original and the
corrected gold with ../shared/eval/score.py, imported by path. Without --timebank or
--aquaint, `timeline tag` is run into a temporary directory for that corpus (it reads each
expression's tense within the spaCy parse's sentences, as ingestion and `POST /tag` do).
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

# the tagger's own TIMEX3 value grammar: a corrected value must be one the tagger could give
from timeline.temporal.timex import is_valid_value as is_timex3_value

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA_DIR = SHARED / "data" / "timex"
SCORE_PY = SHARED / "eval" / "score.py"
AUDIT_YAML = REPO / "bench" / "timex_audit.yaml"
CORPORA = ("timebank", "aquaint")
RULES = ("nonstandard", "contradicts_text", "contradicts_dct")
FIELDS = ("corpus", "doc", "start", "end", "text", "gold", "corrected", "rule", "why")

GoldDocs = dict[str, dict[str, Any]]


class AuditError(Exception):
    """An audit entry that is malformed or does not match the gold."""


@dataclass(frozen=True)
class Entry:
    corpus: str
    doc: str
    start: int
    end: int
    text: str
    gold: str
    corrected: str
    rule: str
    why: str

    def label(self) -> str:
        return f"{self.corpus}/{self.doc}[{self.start}:{self.end}] {self.text!r}"


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates such as 1990-08-07 as strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _entry(raw: Any, index: int) -> Entry:
    where = f"entry {index}"
    if not isinstance(raw, dict):
        raise AuditError(f"{where}: not a mapping")
    where = f"entry {index} ({raw.get('doc')} {raw.get('start')}-{raw.get('end')})"
    missing = [f for f in FIELDS if f not in raw]
    extra = sorted(set(raw) - set(FIELDS))
    if missing or extra:
        raise AuditError(f"{where}: missing fields {missing}, unknown fields {extra}")
    for name in ("start", "end"):
        if type(raw[name]) is not int:
            raise AuditError(f"{where}: {name} must be an integer")
    for name in ("corpus", "doc", "text", "gold", "corrected", "rule", "why"):
        if not isinstance(raw[name], str) or not raw[name]:
            raise AuditError(f"{where}: {name} must be a non-empty string (quote numbers)")
    return Entry(**{f: raw[f] for f in FIELDS})


def load_audit(path: Path = AUDIT_YAML) -> list[Entry]:
    """The entries of the audit file, checked for shape, rule and corrected-value syntax."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise AuditError(f"{path}: no 'entries' list")
    entries = [_entry(raw, i) for i, raw in enumerate(data["entries"])]
    for entry in entries:
        check_entry_fields(entry)
    duplicates = [k for k, n in Counter(_key(e) for e in entries).items() if n > 1]
    if duplicates:
        raise AuditError(f"duplicate entries for {duplicates}")
    return entries


def check_entry_fields(entry: Entry) -> None:
    if entry.corpus not in CORPORA:
        raise AuditError(f"{entry.label()}: corpus must be one of {CORPORA}")
    if entry.rule not in RULES:
        raise AuditError(f"{entry.label()}: rule {entry.rule!r} is not one of {RULES}")
    if entry.corrected == entry.gold:
        raise AuditError(f"{entry.label()}: corrected equals gold")
    if not is_timex3_value(entry.corrected):
        raise AuditError(f"{entry.label()}: corrected {entry.corrected!r} is not a TIMEX3 value")


def _key(entry: Entry) -> tuple[str, str, int, int]:
    return (entry.corpus, entry.doc, entry.start, entry.end)


def load_score_module(path: Path = SCORE_PY) -> ModuleType:
    """Import ../shared/eval/score.py by path (it is not a package)."""
    spec = importlib.util.spec_from_file_location("timex_score", path)
    if spec is None or spec.loader is None:
        raise AuditError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def load_jsonl(path: Path) -> GoldDocs:
    docs: GoldDocs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            docs[doc["id"]] = doc
    return docs


def find_timex(gold: GoldDocs, entry: Entry) -> dict[str, Any]:
    """The gold timex an entry names; AuditError unless doc, span, text and value all match."""
    doc = gold.get(entry.doc)
    if doc is None:
        raise AuditError(f"{entry.label()}: document not in the {entry.corpus} gold")
    for timex in doc["timexes"]:
        if (timex["start"], timex["end"]) == (entry.start, entry.end):
            if timex["text"] != entry.text:
                raise AuditError(f"{entry.label()}: gold text is {timex['text']!r}")
            if timex["value"] != entry.gold:
                raise AuditError(f"{entry.label()}: gold value is {timex['value']!r}")
            return dict(timex)
    raise AuditError(f"{entry.label()}: no gold timex with this span")


def validate(entries: list[Entry], gold: dict[str, GoldDocs]) -> None:
    for entry in entries:
        check_entry_fields(entry)
        find_timex(gold[entry.corpus], entry)


def corrected_gold(gold: GoldDocs, entries: list[Entry]) -> GoldDocs:
    """A copy of one corpus's gold with the entries' values replaced (entries already valid)."""
    fixed = copy.deepcopy(gold)
    for entry in entries:
        find_timex(gold, entry)
        for timex in fixed[entry.doc]["timexes"]:
            if (timex["start"], timex["end"]) == (entry.start, entry.end):
                timex["value"] = entry.corrected
    return fixed


def write_jsonl(docs: GoldDocs, path: Path) -> None:
    lines = (json.dumps(doc, ensure_ascii=False) for doc in docs.values())
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def timeline_executable() -> str:
    local = Path(sys.executable).parent / "timeline"
    found = str(local) if local.exists() else shutil.which("timeline")
    if not found:
        raise AuditError("`timeline` not found; pass --timebank and --aquaint")
    return found


def tag_corpus(corpus: str, out_dir: Path) -> Path:
    out = out_dir / f"pred_{corpus}.jsonl"
    command = [timeline_executable(), "tag", "--input", str(DATA_DIR / f"{corpus}.jsonl")]
    subprocess.run([*command, "--output", str(out)], check=True, cwd=REPO, capture_output=True)
    return out


def value_f1(score: ModuleType, gold_path: Path, pred_path: Path) -> float:
    result = score.score(score.load_jsonl(str(gold_path)), score.load_jsonl(str(pred_path)))
    return float(result["value_f1"])


def score_corpus(
    score: ModuleType, corpus: str, entries: list[Entry], pred: Path, work: Path
) -> tuple[float, float, int]:
    original = DATA_DIR / f"{corpus}.jsonl"
    mine = [e for e in entries if e.corpus == corpus]
    fixed = work / f"{corpus}.corrected.jsonl"
    write_jsonl(corrected_gold(load_jsonl(original), mine), fixed)
    return value_f1(score, original, pred), value_f1(score, fixed, pred), len(mine)


def format_table(rows: list[tuple[str, float, float, int]]) -> str:
    lines = [
        "| corpus   | value F1 original | value F1 corrected | entries applied |",
        "|----------|------------------:|-------------------:|----------------:|",
    ]
    for corpus, before, after, n in rows:
        lines.append(f"| {corpus:<8} | {100 * before:17.2f} | {100 * after:18.2f} | {n:15d} |")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timebank", type=Path, help="predictions for timebank.jsonl")
    parser.add_argument("--aquaint", type=Path, help="predictions for aquaint.jsonl")
    parser.add_argument("--audit", type=Path, default=AUDIT_YAML)
    parser.add_argument("--skip-rule", action="append", default=[], choices=RULES)
    parser.add_argument("--gold-out", type=Path, help="keep the corrected gold files here")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, work: Path) -> str:
    if not DATA_DIR.exists() or not SCORE_PY.exists():
        raise AuditError(f"{DATA_DIR} or {SCORE_PY} missing (../shared beside the checkout)")
    entries = [e for e in load_audit(args.audit) if e.rule not in args.skip_rule]
    validate(entries, {c: load_jsonl(DATA_DIR / f"{c}.jsonl") for c in CORPORA})
    score = load_score_module()
    rows = []
    for corpus in CORPORA:
        pred = getattr(args, corpus) or tag_corpus(corpus, work)
        rows.append((corpus, *score_corpus(score, corpus, entries, pred, work)))
    return format_table(rows)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="timex_audit_") as tmp:
        work = args.gold_out or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        try:
            print(run(args, work))
        except AuditError as exc:
            print(f"timex_audit: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
