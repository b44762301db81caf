"""The foreign-language tagger against dateparser, on each language's own corpus.

    .venv/bin/python bench/foreign.py [--repeat 20]

Text: the positive and negative sentences of timeline/temporal/data/languages/<code>.yaml
(written for the project), joined into one text per language and tagged at the corpus
anchor. Reported per language: corpus size; characters per second of `tag_foreign` and of
`dateparser.search.search_dates` (languages=[code], RELATIVE_BASE = anchor, PREFER_DATES_FROM
past), both warm (the first call, which loads the language data, timed apart); and how many
of the corpus expressions search_dates finds with the same text and a date inside our
interval, and how many matches it reports on the negative sentences.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.temporal.foreign import tag_foreign
from timeline.temporal.foreign_lexicon import LANGUAGES, vocabulary


def _settings(anchor: date) -> dict[str, object]:
    return {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "TIMEZONE": "UTC",
    }


def _rate(run: object, text: str, repeat: int) -> tuple[float, float]:
    """(seconds of the first call, characters per second warm)."""
    assert callable(run)
    started = time.perf_counter()
    run(text)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(repeat):
        run(text)
    return first, len(text) * repeat / (time.perf_counter() - started)


def _agreement(language: str, anchor: date, positives: list[dict[str, object]]) -> int:
    """Corpus expressions search_dates finds with the same text and a date inside ours."""
    from dateparser.search import search_dates

    agreed = 0
    for case in positives:
        text, span = str(case["in"]), str(case.get("span", case["in"]))
        ours = [m for m in tag_foreign(text, anchor, language) if m.text == span]
        found = search_dates(text, languages=[language], settings=_settings(anchor)) or []
        for matched, when in found:
            if matched.strip(" .,") != span.strip(" .,") or not ours:
                continue
            m = ours[0]
            if (
                m.earliest
                and m.latest
                and m.earliest.replace(tzinfo=None) <= when < m.latest.replace(tzinfo=None)
            ):
                agreed += 1
                break
    return agreed


def _row(language: str, repeat: int) -> str:
    from dateparser.search import search_dates

    corpus = vocabulary(language).corpus
    anchor = date.fromisoformat(str(corpus["anchor"]))
    positives, negatives = corpus["positive"], corpus["negative"]
    text = "\n".join(str(c["in"]) for c in [*positives, *negatives])
    settings = _settings(anchor)

    def ours(t: str) -> object:
        return tag_foreign(t, anchor, language)

    def theirs(t: str) -> object:
        return search_dates(t, languages=[language], settings=settings)

    ours_first, ours_rate = _rate(ours, text, repeat)
    theirs_first, theirs_rate = _rate(theirs, text, max(1, repeat // 10))
    agreed = _agreement(language, anchor, positives)
    false = sum(len(theirs(str(c["in"])) or []) for c in negatives)  # type: ignore[arg-type]
    return (
        f"| {language} | {len(positives)} | {len(negatives)} | {ours_rate:,.0f} "
        f"| {theirs_rate:,.0f} | {ours_rate / theirs_rate:.1f}x "
        f"| {ours_first * 1000:.0f} / {theirs_first * 1000:.0f} "
        f"| {agreed}/{len(positives)} | {false} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(
        "| language | positives | negatives | tag_foreign chars/s | search_dates chars/s "
        "| ratio | first call ours / dateparser (ms) | search_dates agrees "
        "| search_dates on negatives |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for language in LANGUAGES:
        print(_row(language, args.repeat))


if __name__ == "__main__":
    main()
