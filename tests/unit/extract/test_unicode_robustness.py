"""Any Unicode text, tagged and parsed as ingestion does it, gives well-formed mentions.

test_robustness.py feeds word salad with hand-made time mentions, and plain `st.text()`
with no time mentions and no checks. Here the text goes through the real tagger
(`tag(text, anchor)`) and a publisher, as `ingest_document` runs them, and the text mixes
event sentences with what real pages carry: control characters, right-to-left scripts and
bidi marks, CJK, emoji sequences, combining marks, odd line and paragraph separators, very
long words and runs of newlines. Every offset must lie inside the text, and no evidence
span may start or end with whitespace.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.extract import extract_events, load_gazetteer
from timeline.extract.types import EventMention
from timeline.temporal import tag
from timeline.temporal.types import TimeMention

GAZETTEER = load_gazetteer()
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any code point but the surrogates, which no str read from UTF-8 can hold.
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
CONTROLS = [chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]]
SEPARATORS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\x1c", "\x1e", "\u3000"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0", "\u202f"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]
# Words of our own in other scripts: "the city" and "the army" (Arabic), "news" (Hebrew),
# "Syria" (Chinese, Japanese), "attack" (Korean), "war" (Russian).
FOREIGN = ["المدينة", "الجيش", "חדשות", "叙利亚", "シリア", "攻撃", "공격", "война"]
EMOJI = ["🔥", "💥", "🇸🇾", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈", "❤️", "1️⃣", "🚀"]
COMBINING = [chr(c) for c in range(0x0300, 0x0370)] + ["\u20dd", "\u0489", "\u1ab0"]
# Event sentences of our own, so that the noise meets triggers, actors, places and times.
SENTENCES = [
    "ISIS fighters fled Abu Kamal on Tuesday, the ministry said.",
    "The Syrian army captured Mayadin last week.",
    "Coalition jets struck positions near Raqqa, killing at least 12 people.",
    "Hezbollah denied that its units entered the town.",
    "The army tried to take the town but was pushed back.",
    '"We liberated Al-Bukamal," a commander told Reuters on 9 November 2017.',
    "According to SANA, dozens of militants surrendered.",
]


def _noise() -> st.SearchStrategy[str]:
    long_word = st.builds(
        lambda piece, times: piece * times,
        st.sampled_from(["a", "ب", "字", "x\u0301", "-", "9", "😀", "Abu"]),
        st.integers(200, 3000),
    )
    newlines = st.integers(2, 400).map(lambda n: "\n" * n)
    return st.one_of(
        st.sampled_from(CONTROLS + SEPARATORS + INVISIBLE + BIDI),
        st.sampled_from(FOREIGN + EMOJI),
        st.lists(st.sampled_from(COMBINING), min_size=1, max_size=30).map("".join),
        st.text(ANY_CHARACTER, min_size=1, max_size=20),
        long_word,
        newlines,
    )


def _mixed() -> st.SearchStrategy[str]:
    """Event sentences, cut or whole, with noise between, inside and glued to words."""
    sentence = st.sampled_from(SENTENCES)
    glue = st.sampled_from([" ", "\n\n", ". "])
    piece = st.one_of(sentence, sentence, _noise(), glue)  # sentences twice as likely
    return st.lists(piece, min_size=1, max_size=25).flatmap(_spliced)


def _spliced(pieces: list[str]) -> st.SearchStrategy[str]:
    # Noise may also land inside a word: a sentence split at a drawn point.
    text = "".join(pieces)
    return st.tuples(st.integers(0, len(text)), _noise()).map(
        lambda cut: text[: cut[0]] + cut[1] + text[cut[0] :]
    )


ANCHORS = st.dates(date(1950, 1, 1), date(2060, 12, 31))
PUBLISHERS = st.one_of(
    st.none(),
    st.sampled_from(["Reuters", "SANA", "Al-Masdar News", "TASS", "رويترز"]),
    st.text(ANY_CHARACTER, max_size=15),
)


def _check(text: str, mentions: list[TimeMention], events: list[EventMention]) -> None:
    size = len(text)
    for m in mentions:
        assert 0 <= m.start < m.end <= size
    for e in events:
        assert 0 <= e.evidence_start <= e.trigger_start < e.trigger_end <= e.evidence_end <= size
        assert text[e.trigger_start : e.trigger_end] == e.trigger
        evidence = text[e.evidence_start : e.evidence_end]
        assert evidence.strip(), (e.kind, e.trigger, evidence)
        assert not evidence[0].isspace(), (e.kind, e.trigger, evidence)
        assert not evidence[-1].isspace(), (e.kind, e.trigger, evidence)
        for p in e.participants:
            assert 0 <= p.start < p.end <= size
        for q in e.quantities:
            assert 0 <= q.start < q.end <= size
        if e.claimant is not None and e.claimant.start is not None:
            assert e.claimant.end is not None
            assert 0 <= e.claimant.start < e.claimant.end <= size
        if e.time_index is not None:
            assert 0 <= e.time_index < len(mentions)
            assert mentions[e.time_index].type in ("DATE", "TIME")


def _run(text: str, anchor: date, publisher: str | None) -> None:
    mentions = tag(text, anchor)
    events = extract_events(text, mentions, GAZETTEER, publisher=publisher)
    _check(text, mentions, events)


@SETTINGS
@given(st.text(ANY_CHARACTER, max_size=600), ANCHORS, PUBLISHERS)
def test_any_text_tagged_and_extracted(text: str, anchor: date, publisher: str | None) -> None:
    _run(text, anchor, publisher)


@SETTINGS
@given(_mixed(), ANCHORS, PUBLISHERS)
def test_event_sentences_among_odd_characters(
    text: str, anchor: date, publisher: str | None
) -> None:
    _run(text, anchor, publisher)


@SETTINGS
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
    st.sampled_from(SEPARATORS + INVISIBLE + BIDI + ["\n" * 50, "\t", "  "]),
    ANCHORS,
)
def test_sentences_joined_by_unusual_separators(
    sentences: list[str], separator: str, anchor: date
) -> None:
    # Separators and marks around each sentence, as pasted pages have them.
    text = separator + separator.join(sentences) + separator
    _run(text, anchor, "Reuters")


@SETTINGS
@given(st.sampled_from(SENTENCES), st.sampled_from(COMBINING + BIDI + INVISIBLE), ANCHORS)
def test_a_mark_after_every_character(sentence: str, mark: str, anchor: date) -> None:
    # Combining marks on every letter (decomposed accents, Zalgo text) or a bidi or
    # zero-width mark between all characters shifts every offset the parse gives.
    text = "".join(ch + mark for ch in sentence)
    _run(text, anchor, "Reuters")


def test_a_huge_word_and_a_flood_of_newlines() -> None:
    text = (
        "x" * 20000
        + "\n" * 3000
        + "ISIS fighters fled Abu Kamal on Tuesday.\n"
        + "🔥" * 5000
        + " The army captured Mayadin."
    )
    mentions = tag(text, date(2017, 11, 9))
    events = extract_events(text, mentions, GAZETTEER, publisher="Reuters")
    _check(text, mentions, events)
    assert {e.kind for e in events} >= {"movement", "capture"}
