"""Throughput and memory of the time tagger against dateparser, on the same news text.

    .venv/bin/python bench/tagging.py [--repeat 3] [--limit-chars N]

Warm and cold: the throughput is warm (the grammar built, best of --repeat passes); the
cold costs are read in fresh processes: the import, the first call without a warm-up,
the first call after `timeline.temporal.warm()`, and the first `POST /tag` of a service
just created (`create_app` warms up) against the median of the next ones.

Text: the TimeBank and AQUAINT development documents (../shared/data/timex), else the
shared sample article. Each document is tagged with its own publication date by
`timeline.temporal.tag` in auto mode (the default of `timeline tag`) and searched by
`dateparser.search.search_dates` (English, RELATIVE_BASE = publication date), in the
same process, the tagger first so that its peak memory (ru_maxrss) is read before
dateparser is even imported.

The tagger is given each document's sentence bounds, as every product path gives them.
The tagger core is timed with the bounds computed beforehand, in a child process (the
spaCy parse is not part of the core, and its memory stays out of this process's peak); the
path of `POST /tag` and `timeline tag`, the parse included, is timed last, after dateparser.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import socket
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.temporal import tag

SHARED = Path(__file__).resolve().parents[2] / "shared"
Doc = tuple[date, str]
Bounds = list[tuple[int, int]]


def load_docs(limit: int | None) -> list[Doc]:
    docs: list[Doc] = []
    for name in ("timebank", "aquaint"):
        path = SHARED / "data" / "timex" / f"{name}.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                d = json.loads(line)
                docs.append((date.fromisoformat(d["dct"]), d["text"]))
    if not docs:
        sample = SHARED / "samples" / "fortruss-2017-11-14-russian-mod-us-isis.txt"
        docs = [(date(2017, 11, 14), sample.read_text(encoding="utf-8"))]
    if limit:
        kept, total = [], 0
        for doc in docs:
            kept.append(doc)
            total += len(doc[1])
            if total >= limit:
                break
        docs = kept
    return docs


def throughput(run: Callable[[Doc], object], docs: list[Doc], repeat: int) -> float:
    """Best characters per second over `repeat` passes."""
    chars = sum(len(text) for _, text in docs)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for doc in docs:
            run(doc)
        best = min(best, time.perf_counter() - started)
    return chars / best


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def traced_peak_mb(docs: list[Doc], bounds: dict[str, Bounds]) -> float:
    tracemalloc.start()
    for anchor, text in docs:
        tag(text, anchor, mode="auto", sentences=bounds[text])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit-chars", type=int, default=None)
    args = parser.parse_args()
    docs = load_docs(args.limit_chars)
    chars = sum(len(text) for _, text in docs)
    print(f"text: {len(docs)} documents, {chars:,} characters")

    bounds = sentences_of_each(docs)
    tag(docs[0][1], docs[0][0])  # load and compile the rules outside the timing
    ours = throughput(
        lambda d: tag(d[1], d[0], mode="auto", sentences=bounds[d[1]]), docs, args.repeat
    )
    rss = peak_rss_mb()
    print(f"timeline.temporal.tag (core) {ours:>12,.0f} chars/s (sentence bounds given)")
    print(f"  peak RSS of the process    {rss:>12.1f} MB (before dateparser or spaCy is loaded)")
    print(f"  tracemalloc peak (tagging) {traced_peak_mb(docs, bounds):>12.2f} MB")

    from dateparser.search import search_dates

    def dateparser_run(d: Doc) -> object:
        base = datetime(d[0].year, d[0].month, d[0].day)
        return search_dates(d[1], languages=["en"], settings={"RELATIVE_BASE": base})

    dateparser_run(docs[0])
    theirs = throughput(dateparser_run, docs, 1)
    print(f"dateparser search_dates (en) {theirs:>12,.0f} chars/s")
    print(f"ratio (core)                 {ours / theirs:>12.1f}x")

    from timeline.tag_cli import load_model, tag_text

    load_model()
    path = throughput(lambda d: tag_text(d[1], d[0], "auto"), docs, 1)
    print(f"tag with its parse (/tag)    {path:>12,.0f} chars/s")
    print(f"ratio (with the parse)       {path / theirs:>12.1f}x")

    print("cold (fresh processes):")
    for name, ms in startup_costs().items():
        print(f"  {name:<27} {ms:>10.1f} ms")


def startup_costs() -> dict[str, float]:
    """Milliseconds, each read in a fresh process: the import, the first call, warm(), the
    first call after it; then a service started as `timeline serve` runs it, and its
    first POST /tag over HTTP against the median of the next twenty."""
    child = subprocess.run(
        [sys.executable, "-c", _COLD_TAGGER], capture_output=True, text=True, check=True
    )
    costs: dict[str, float] = json.loads(child.stdout)
    costs.update(_cold_service())
    return costs


_COLD_TAGGER = """
import json, time
from datetime import date
started = time.perf_counter()
from timeline.temporal import tag, warm
imported = time.perf_counter()
probe = "The ministry said on Tuesday, two days after the strike of Nov. 12, that talks end today."
tag(probe, date(2017, 11, 14))
first = time.perf_counter()
warm()
warmed = time.perf_counter()
tag(probe.replace("Tuesday", "Monday"), date(2017, 11, 14))
after = time.perf_counter()
print(json.dumps({
    "import": 1000 * (imported - started),
    "first call (no warm-up)": 1000 * (first - imported),
    "warm()": 1000 * (warmed - first),
    "first call after warm()": 1000 * (after - warmed),
}))
"""


def _cold_service() -> dict[str, float]:
    import statistics
    import tempfile

    import httpx

    timeline = Path(sys.executable).with_name("timeline")
    with tempfile.TemporaryDirectory() as folder, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        env = {**os.environ, "TIMELINE_DATABASE_URL": f"sqlite:///{folder}/bench.db"}
        subprocess.run([timeline, "db", "upgrade"], env=env, check=True, capture_output=True)
        probe.close()
        started = time.perf_counter()
        server = subprocess.Popen(
            [timeline, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_port(port, server)
            up = time.perf_counter()
            times = []
            with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
                for n in range(21):
                    body = {"text": _PROBE.replace("12", str(n + 1)), "published": "2017-11-14"}
                    begun = time.perf_counter()
                    client.post("/tag", json=body).raise_for_status()
                    times.append(1000 * (time.perf_counter() - begun))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {
        "service start (to listening)": 1000 * (up - started),
        "first POST /tag": times[0],
        "later POST /tag (median)": statistics.median(times[1:]),
    }


_PROBE = "The ministry said on Tuesday, two days after the strike of Nov. 12, that talks end today."


def _wait_for_port(port: int, server: subprocess.Popen[bytes]) -> None:
    """Until the server accepts connections (no request is sent before the timed one)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"error: timeline serve exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit("error: timeline serve did not listen within 120 s")


def sentences_of_each(docs: list[Doc]) -> dict[str, Bounds]:
    """Each text's sentence bounds, spaCy's, from a child process, outside any timing."""
    texts = [text for _, text in docs]
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as child:
        return dict(zip(texts, child.submit(bounds_of, texts).result(), strict=True))


def bounds_of(texts: list[str]) -> list[Bounds]:
    """In the child: the configured pipeline's sentence bounds of each text."""
    from timeline.extract.sentences import sentence_bounds
    from timeline.tag_cli import load_model

    load_model()
    return [sentence_bounds(text) for text in texts]


if __name__ == "__main__":
    main()
