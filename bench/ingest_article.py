"""Ingestion time per article of about 3 KB, on one core (issue 8).

The requirement: ingestion stays under 150 ms per 3 KB article on one core. Ingestion is
`timeline.ingest.ingest_document` as the service runs it: time tagging, the spaCy parse,
extraction and grouping into a SQLite store, one transaction per document.

Articles (read by path from ../shared beside the checkout):
- the TimeBank and AQUAINT stories of 2.5-3.5 KB as they are, and the longer ones cut at
  the sentence or paragraph end nearest 3 KB (within 2.5-3.5 KB); shorter ones are left out;
- the 20 real-world development texts (../shared/realworld-dev/texts, about 2 KB each).

Each article is ingested into a copy of a store, so that no measurement changes the next:
- an empty store (migrated, nothing in it);
- a full one holding an earlier version (the last paragraph left off) of every TimeBank,
  AQUAINT and real-world story (1989-2017), so that the grouping finds the same events on
  the same days; most of it is published after a given article, which makes every article
  a late arrival (the grouping regroups the later accounts of its families);
- in publication order: the store holds the earlier version of every story published up
  to the article's day and nothing later, as when news comes in as it is published.
Timed: the transaction (open, the gazetteer of the session, `ingest_document`, commit);
not timed: copying the file, the engine. The process is pinned to one core and the
BLAS/OpenMP pools to one thread before spaCy or numpy is imported; the first call, which
loads the spaCy model, is reported apart. `dateparser.search.search_dates` runs on the same
texts in the same run, interleaved with ingestion, as a peer: the machines are noisy, so
the ratio is the figure to compare. Then the stages of an empty-store ingestion are timed
one by one (tagger, each spaCy component, extraction), and with --profile the empty and
full passes are run again under cProfile.

Run from a checkout (the code measured is the `timeline` package first on sys.path):
    .venv/bin/python bench/ingest_article.py [--repeat R] [--profile N [--profile-out P]]
        [--limit N] [--shared DIR]
Older code, e.g. a git worktree WT of an earlier commit with this file copied into its bench/:
    cd WT && PYTHONPATH=. <checkout>/.venv/bin/python bench/ingest_article.py
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import json
import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

# One thread for every BLAS/OpenMP pool, set before anything imports numpy or spaCy (only
# the standard library is imported above; timeline is imported inside the functions).
for _var in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
):
    os.environ[_var] = "1"

CHECKOUT = Path(__file__).resolve().parents[1]
LOW, TARGET, HIGH = 2500, 3000, 3500  # bytes
BUDGET_MS = 150.0
_SENTENCE_END = re.compile(r"""[.!?]['"”’`]*(?=\s+['"“`(]*[A-Z0-9])""")


@dataclass(frozen=True)
class Article:
    name: str
    group: str  # "timex-3KB" or "realworld-2KB"
    text: str
    dct: str  # ISO date
    source: str
    earlier: str  # the earlier version stored in the full store

    @property
    def kb(self) -> float:
        return len(self.text.encode("utf-8")) / 1000


Peer = Callable[[Article], float]  # seconds of the peer (dateparser) on an article


# ----------------------------------------------------------------------------- articles


def cut_near(text: str) -> str | None:
    """`text` if it is 2.5-3.5 KB, else its prefix ending at the sentence or paragraph end
    nearest 3 KB within that range; None when there is none (or the text is too short)."""
    size = len(text.encode("utf-8"))
    if LOW <= size <= HIGH:
        return text
    if size < LOW:
        return None
    ends = {m.end() for m in _SENTENCE_END.finditer(text)}
    ends |= {m.start() for m in re.finditer(r"\n\s*\n", text)}
    best: tuple[int, int] | None = None
    for end in ends:
        piece = text[:end].rstrip()
        n = len(piece.encode("utf-8"))
        if LOW <= n <= HIGH and (best is None or abs(n - TARGET) < abs(best[1] - TARGET)):
            best = (len(piece), n)
    return text[: best[0]] if best else None


def earlier_version(text: str) -> str:
    """The story without its last paragraph (or last sentence when it has one paragraph)."""
    body = text.rstrip()
    paragraphs = [m.start() for m in re.finditer(r"\n\s*\n", body)]
    if paragraphs and paragraphs[-1] > len(body) // 3:
        return body[: paragraphs[-1]]
    ends = [m.end() for m in _SENTENCE_END.finditer(body) if m.end() < len(body) - 1]
    return body[: ends[-1]] if ends and ends[-1] > len(body) // 3 else body[: len(body) // 2]


def load_articles(shared: Path) -> tuple[list[Article], list[Article]]:
    """(measured articles, the other stories), both with their earlier versions."""
    measured: list[Article] = []
    others: list[Article] = []
    for corpus in ("timebank", "aquaint"):
        path = shared / "data" / "timex" / f"{corpus}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            cut = cut_near(doc["text"])
            article = Article(
                doc["id"],
                "timex-3KB",
                cut or doc["text"],
                doc["dct"],
                doc["id"][:3],
                earlier_version(cut or doc["text"]),
            )
            if cut and any(a.text == cut for a in measured):
                continue  # the same opening as a story already taken (two versions of a wire)
            (measured if cut else others).append(article)
    folder = shared / "realworld-dev"
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        text = (folder / entry["file"]).read_text(encoding="utf-8")
        name = Path(entry["file"]).stem
        measured.append(
            Article(
                name,
                "realworld-2KB",
                text,
                entry["published"],
                name.split("-", 1)[1],
                earlier_version(text),
            )
        )
    return measured, others


# ----------------------------------------------------------------------------- stores


class Stores:
    """Store templates in a scratch folder, and a fresh copy of one for each ingestion."""

    def __init__(self) -> None:
        from timeline.entities import GazetteerCache
        from timeline.extract import load_gazetteer

        self.folder = Path(tempfile.mkdtemp(prefix="ingest-article-"))
        self.gazetteers = GazetteerCache(load_gazetteer())
        self._engine: Any = None

    def url(self, name: str) -> str:
        return f"sqlite:///{self.folder / name}"

    def template(self, name: str) -> str:
        from timeline.store.migrate import upgrade

        upgrade(self.url(name))
        return name

    def fresh(self, template: str) -> Any:
        """The engine on a new copy of `template`, its first connection already made.

        One engine serves every copy, as one engine serves the service for its lifetime:
        its compiled-statement cache stays warm (a new engine per copy would compile every
        statement again). Its pool is emptied before the file is replaced."""
        from sqlalchemy import text

        from timeline.store.db import make_engine, unit_of_work

        if self._engine is None:
            self._engine = make_engine(self.url("run.db"))
        self._engine.dispose()
        target = self.folder / "run.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.folder / template, target)
        with unit_of_work(self._engine) as session:
            session.execute(text("SELECT count(*) FROM documents"))
        return self._engine

    def ingest(
        self, engine: Any, article: Article, text: str | None = None, *, new: bool = True
    ) -> float:
        """Seconds for one document's transaction; with `new`, it must be new to the store."""
        from timeline.ingest import DocumentDraft, ingest_document
        from timeline.published import parse_published
        from timeline.store.db import unit_of_work

        published, precision = parse_published(article.dct)
        draft = DocumentDraft(text or article.text, published, precision, source=article.source)
        started = time.perf_counter()
        with unit_of_work(engine) as session:
            outcome = ingest_document(
                session, draft, self.gazetteers.current(session), datetime.now(UTC)
            )
        elapsed = time.perf_counter() - started
        if new and not outcome.created:
            sys.exit(f"error: {article.name} was already in the store")
        return elapsed

    def fill(self, name: str, stories: Iterable[Article]) -> int:
        """Ingest the earlier version of every story into template `name` (a text already
        stored is stored once); returns how many documents the store holds."""
        from timeline.store.db import make_engine

        engine = make_engine(self.url(name))
        stories = list(stories)
        started = time.perf_counter()
        for count, story in enumerate(stories, 1):
            self.ingest(engine, story, story.earlier, new=False)
            if count % 25 == 0 or count == len(stories):
                rate = 1000 * (time.perf_counter() - started) / count
                print(f"  prefill {count}/{len(stories)} ({rate:.0f} ms/doc so far)", flush=True)
        stored = self.count(engine)
        engine.dispose()
        return stored

    def count(self, engine: Any) -> int:
        from sqlalchemy import text

        from timeline.store.db import unit_of_work

        with unit_of_work(engine) as session:
            return int(session.execute(text("SELECT count(*) FROM documents")).scalar_one())

    def in_order(
        self, measured: list[Article], others: list[Article], repeat: int, peer: Peer
    ) -> dict[str, tuple[float, int, float]]:
        """News arriving in order: each measured article ingested (into a copy) when the
        store holds the earlier version of every story published up to its day and nothing
        later. Returns, by article name, (best seconds, documents in the store, dateparser
        seconds measured beside it)."""
        from timeline.store.db import make_engine

        name = self.template("inorder.db")
        wanted = {a.name for a in measured}
        stories = sorted([*others, *measured], key=lambda a: (a.dct, a.name))
        found: dict[str, tuple[float, int, float]] = {}
        engine = make_engine(self.url(name))
        for position, story in enumerate(stories):
            self.ingest(engine, story, story.earlier, new=False)
            following = stories[position + 1].dct if position + 1 < len(stories) else None
            day = [a for a in stories if a.dct == story.dct and a.name in wanted]
            if following == story.dct or not day:
                continue
            size = self.count(engine)
            engine.dispose()  # the copy must hold everything written so far
            for article in day:
                best = parallel = float("inf")
                for _ in range(repeat):
                    parallel = min(parallel, peer(article))
                    copy = self.fresh(name)
                    best = min(best, self.ingest(copy, article))
                    copy.dispose()
                found[article.name] = (best, size, parallel)
                print(
                    f"  [{len(found):>3}/{len(measured)}] {article.name:<22} {article.dct}  "
                    f"store of {size:>3}  {1000 * best:6.1f} ms  dateparser "
                    f"{1000 * parallel:6.1f} ms",
                    flush=True,
                )
            engine = make_engine(self.url(name))
        engine.dispose()
        return found


# ----------------------------------------------------------------------------- report


def describe(ms: list[float]) -> str:
    ordered = sorted(ms)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered):8.1f} {p90:8.1f} {ordered[-1]:8.1f}"


def report(title: str, articles: list[Article], ms: list[float]) -> None:
    print(f"\n{title}")
    print(f"  {'articles':<24} {'n':>3} {'KB med':>6} {'median':>8} {'p90':>8} {'max':>8}  ms/KB")
    groups = [*sorted({a.group for a in articles}), "all"]
    for group in groups:
        chosen = [(a, t) for a, t in zip(articles, ms, strict=True) if group in ("all", a.group)]
        times = [t for _, t in chosen]
        per_kb = statistics.median(t / a.kb for a, t in chosen)
        kb = statistics.median(a.kb for a, _ in chosen)
        print(f"  {group:<24} {len(chosen):>3} {kb:6.2f} {describe(times)}  {per_kb:5.1f}")


def code_revision() -> str:
    import timeline

    package = Path(timeline.__file__).resolve().parent
    try:
        head = subprocess.run(
            ["git", "-C", str(package), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(package), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
        changed = [line for line in dirty if line.strip()]
        note = f", {len(changed)} files changed in the working tree" if changed else ""
        return f"{package} at {head}{note}"
    except (OSError, subprocess.CalledProcessError):
        return str(package)


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def stages(articles: list[Article], stores: Stores, empty: str) -> None:
    """Where an empty-store ingestion's time goes, timed stage by stage without a profiler,
    once per article in the same pass as a whole ingestion: the tagger, each spaCy
    component, the whole of `extract_events` (its own parse included), and what is left of
    the ingestion for storing and grouping."""
    from timeline.extract import extract_events
    from timeline.temporal import tag

    components: list[tuple[str, Any]] = []
    if importlib.util.find_spec("timeline.extract.parse") is not None:
        from timeline.extract.parse import pipeline

        nlp = pipeline()
        components = list(nlp.pipeline)
    times: dict[str, list[float]] = {}
    for article in articles:
        anchor = date.fromisoformat(article.dct)
        engine = stores.fresh(empty)
        whole = stores.ingest(engine, article)
        engine.dispose()
        row: dict[str, float] = {"ingest_document (whole)": whole}
        started = time.perf_counter()
        mentions = tag(article.text, anchor, mode="auto")
        row["tag (time tagger)"] = time.perf_counter() - started
        if components:
            started = time.perf_counter()
            doc = nlp.make_doc(article.text)
            row["spaCy tokenizer"] = time.perf_counter() - started
            for name, component in components:
                started = time.perf_counter()
                doc = component(doc)
                row[f"spaCy {name}"] = time.perf_counter() - started
        gazetteer = stores.gazetteers.base
        started = time.perf_counter()
        extract_events(article.text, mentions, gazetteer, publisher=article.source)
        row["extract_events (with its parse)"] = time.perf_counter() - started
        parsed = sum(t for key, t in row.items() if key.startswith("spaCy"))
        row["  of which extraction rules (no parse)"] = (
            row["extract_events (with its parse)"] - parsed
        )
        row["store + grouping (the rest)"] = (
            whole - row["tag (time tagger)"] - row["extract_events (with its parse)"]
        )
        for key, value in row.items():
            times.setdefault(key, []).append(1000 * value)
    median_whole = statistics.median(times["ingest_document (whole)"])
    print("\nstages, empty store, one pass, median ms per article (share of the whole):")
    for key, values in times.items():
        median = statistics.median(values)
        print(f"  {key:<40} {median:8.1f} ms  {100 * median / median_whole:5.1f}%")


# ----------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="best of R per article")
    parser.add_argument("--profile", type=int, default=0, help="cProfile: print the top N")
    parser.add_argument("--profile-out", help="with --profile: dump the stats to PATH.empty|full")
    parser.add_argument("--shared", type=Path, default=CHECKOUT.parent / "shared")
    parser.add_argument("--limit", type=int, default=0, help="measure the first N articles")
    args = parser.parse_args()
    if not (args.shared / "data" / "timex" / "timebank.jsonl").is_file():
        sys.exit(f"error: needs {args.shared} (../shared beside the checkout, or --shared)")

    os.sched_setaffinity(0, {0})
    print(f"pinned to cores {sorted(os.sched_getaffinity(0))}; python {sys.version.split()[0]}")
    print(f"code: {code_revision()}", flush=True)

    measured, others = load_articles(args.shared)
    if args.limit:
        measured = measured[: args.limit]
    sizes = [a.kb for a in measured]
    counts = {g: sum(a.group == g for a in measured) for g in sorted({a.group for a in measured})}
    print(
        f"{len(measured)} articles {counts}, {min(sizes):.2f}-{max(sizes):.2f} KB "
        f"(median {statistics.median(sizes):.2f})",
        flush=True,
    )

    started = time.perf_counter()
    stores = Stores()
    empty = stores.template("empty.db")
    full = stores.template("full.db")
    print(f"imports, gazetteer, migrations: {time.perf_counter() - started:.1f} s", flush=True)

    if importlib.util.find_spec("timeline.extract.parse") is not None:
        from timeline.extract.parse import pipeline

        load = timed(pipeline)
        print(f"spaCy model load (first pipeline() call): {1000 * load:.0f} ms", flush=True)
    else:
        print("spaCy model load: none (this code has no spaCy parse)", flush=True)
    warm = others[0]
    engine = stores.fresh(empty)
    first = stores.ingest(engine, warm)
    engine.dispose()
    print(
        f"first ingestion after that ({warm.name}, {warm.kb:.1f} KB, lexicons and rules "
        f"loaded on first use): {1000 * first:.0f} ms",
        flush=True,
    )
    from dateparser.search import search_dates

    def peer(article: Article) -> float:  # a Peer
        base = datetime.combine(date.fromisoformat(article.dct), datetime.min.time())
        return timed(
            lambda: search_dates(article.text, languages=["en"], settings={"RELATIVE_BASE": base})
        )

    print(f"dateparser first call (loads its data): {1000 * peer(warm):.0f} ms", flush=True)

    print(f"full store: {len(others) + len(measured)} earlier versions", flush=True)
    started = time.perf_counter()
    stored = stores.fill(full, [*others, *measured])
    print(f"  {stored} documents stored in {time.perf_counter() - started:.0f} s", flush=True)

    runs: dict[str, list[float]] = {"empty": [], "full": [], "dateparser": []}
    for index, article in enumerate(measured, 1):
        best = {key: float("inf") for key in runs}
        for _ in range(args.repeat):
            best["dateparser"] = min(best["dateparser"], peer(article))
            for key, template in (("empty", empty), ("full", full)):
                engine = stores.fresh(template)
                best[key] = min(best[key], stores.ingest(engine, article))
                engine.dispose()
        for key in runs:
            runs[key].append(1000 * best[key])
        print(
            f"  [{index:>3}/{len(measured)}] {article.name:<22} {article.kb:4.2f} KB  "
            f"empty {runs['empty'][-1]:6.1f} ms  full {runs['full'][-1]:6.1f} ms  "
            f"dateparser {runs['dateparser'][-1]:6.1f} ms",
            flush=True,
        )

    print("in-order store: the earlier versions ingested by publication day", flush=True)
    ordered = stores.in_order(measured, others, args.repeat, peer)
    runs["in order"] = [1000 * ordered[a.name][0] for a in measured]
    runs["dateparser (in-order pass)"] = [1000 * ordered[a.name][2] for a in measured]
    sizes_in_order = sorted(ordered[a.name][1] for a in measured)

    report("ingest_document into an empty store (ms per article)", measured, runs["empty"])
    report(
        f"ingest_document into a store of {stored} documents (1989-2017; most of it published "
        "after the article, so its family's later accounts are regrouped)",
        measured,
        runs["full"],
    )
    report(
        "ingest_document in publication order (the store holds every story up to the "
        f"article's day: {sizes_in_order[0]}-{sizes_in_order[-1]} documents, median "
        f"{statistics.median(sizes_in_order):.0f})",
        measured,
        runs["in order"],
    )
    report("dateparser.search.search_dates, same texts (peer)", measured, runs["dateparser"])
    print()
    for key, peer_key in (
        ("empty", "dateparser"),
        ("full", "dateparser"),
        ("in order", "dateparser (in-order pass)"),
    ):
        median = statistics.median(runs[key])
        peer_median = statistics.median(runs[peer_key])
        verdict = "under" if median < BUDGET_MS else "OVER"
        over = sum(t >= BUDGET_MS for t in runs[key])
        print(
            f"{key:>8}: median {median:.1f} ms, {verdict} the {BUDGET_MS:.0f} ms budget; "
            f"{over}/{len(measured)} articles at or over it; "
            f"{median / peer_median:.1f}x dateparser's median beside it ({peer_median:.1f} ms)"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")

    stages(measured, stores, empty)

    if args.profile:
        for key, template in (("empty", empty), ("full", full)):
            profile = cProfile.Profile()
            for article in measured:
                engine = stores.fresh(template)
                profile.enable()
                stores.ingest(engine, article)
                profile.disable()
                engine.dispose()
            if args.profile_out:
                profile.dump_stats(f"{args.profile_out}.{key}")
            for order in ("cumulative", "tottime"):
                print(f"\ncProfile, {len(measured)} articles into the {key} store, by {order}:")
                pstats.Stats(profile).strip_dirs().sort_stats(order).print_stats(args.profile)
    shutil.rmtree(stores.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
