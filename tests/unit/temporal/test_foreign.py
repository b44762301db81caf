"""The foreign-language tagger: each language's corpus (data/languages/<code>.yaml) at its
anchor, the dispatch of `tag` on `language`, spans and granularities."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import SUPPORTED_LANGUAGES, UnsupportedLanguage, tag
from timeline.temporal.cal import interval_of
from timeline.temporal.foreign import tag_foreign
from timeline.temporal.foreign_lexicon import (
    LANGUAGES,
    ForeignLexiconError,
    _not_after,
    _own_words,
    vocabulary,
)
from timeline.temporal.timex import narrow

ANCHOR = date(2017, 11, 14)  # a Tuesday; ISO week 2017-W46


def _cases(kind: str) -> list[dict[str, Any]]:
    cases = []
    for language in LANGUAGES:
        corpus = vocabulary(language).corpus
        for case in corpus.get(kind, []):
            cases.append({"language": language, "anchor": corpus["anchor"], **case})
    return cases


def _id(case: dict[str, Any]) -> str:
    return f"{case['language']}:{case['in']}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_a_corpus_of_thirty_expressions_and_negatives(language: str) -> None:
    corpus = vocabulary(language).corpus
    assert len(corpus["positive"]) >= 30
    assert len(corpus["negative"]) >= 3


@pytest.mark.parametrize("case", _cases("positive"), ids=_id)
def test_positive(case: dict[str, Any]) -> None:
    anchor = date.fromisoformat(case["anchor"])
    span = case.get("span", case["in"])
    mentions = tag(case["in"], anchor, language=case["language"])
    found = [m for m in mentions if m.text == span]
    assert found, f"{span!r} not found in {[m.text for m in mentions]}"
    m = found[0]
    assert (m.value, m.type, m.mod) == (case["value"], case.get("type", "DATE"), case.get("mod"))
    assert case["in"][m.start : m.end] == span
    if m.type == "DATE" and not m.value.endswith("_REF"):
        # the interval and granularity are the value's, narrowed by the mod, as in English
        found = interval_of(m.value)
        assert found is not None
        first, last, granularity = found
        assert (m.earliest, m.latest, m.granularity) == (*narrow(first, last, m.mod), granularity)
    if m.type == "DURATION":
        assert (m.earliest, m.latest, m.granularity) == (None, None, None)


@pytest.mark.parametrize("case", _cases("negative"), ids=_id)
def test_negative(case: dict[str, Any]) -> None:
    anchor = date.fromisoformat(case["anchor"])
    mentions = tag(case["in"], anchor, language=case["language"])
    forbid = case.get("forbid", case["in"])
    start = case["in"].index(forbid)
    end = start + len(forbid)
    assert [m.text for m in mentions if m.start < end and start < m.end] == []


def test_granularity_follows_what_is_said() -> None:
    text = "Ещё в 2017 г. , точнее в ноябре 2017 года, а именно 14 ноября 2017 г."
    found = [(m.text, m.value, m.granularity) for m in tag(text, ANCHOR, language="ru")]
    assert found == [
        ("2017 г.", "2017", "year"),
        ("ноябре 2017 года", "2017-11", "month"),
        ("14 ноября 2017 г.", "2017-11-14", "day"),
    ]


def test_last_week_is_the_iso_week_before_the_anchors() -> None:
    (ru,) = tag("На прошлой неделе армия взяла город.", ANCHOR, language="ru")
    (ar,) = tag("سيطر الجيش على المدينة الأسبوع الماضي.", ANCHOR, language="ar")
    for m in (ru, ar):
        assert m.value == "2017-W45"
        assert (m.earliest, m.latest) == (
            datetime(2017, 11, 6, tzinfo=UTC),
            datetime(2017, 11, 13, tzinfo=UTC),
        )


def test_repeated_expressions_get_their_own_spans() -> None:
    text = "Вчера был удар. Вчера же вечером был второй. Вчера!"
    mentions = tag(text, ANCHOR, language="ru")
    assert [m.start for m in mentions] == [0, 16, 45]
    assert all(text[m.start : m.end] == "Вчера" for m in mentions)


def test_the_anchor_decides_relative_values() -> None:
    later = date(2018, 3, 7)
    (m,) = tag("Вчера был удар.", later, language="ru")
    assert m.value == "2018-03-06"
    (m,) = tag("Вчера был удар.", datetime(2018, 3, 7, 9, 30, tzinfo=UTC), language="ru")
    assert m.value == "2018-03-06"


def test_a_date_never_spans_two_sentences() -> None:
    text = "Их было 9. Ноября 2017 года ждали все."
    joined = tag(text, ANCHOR, language="ru")
    assert [m.text for m in joined] == ["9. Ноября 2017 года"]
    apart = tag(text, ANCHOR, language="ru", sentences=[(0, 10), (11, len(text))])
    assert [(m.text, m.value) for m in apart] == [("Ноября 2017 года", "2017-11")]


def test_english_stays_on_its_own_rules() -> None:
    text = "Last week, the army took the town, the ministry said on Tuesday."
    assert tag(text, ANCHOR, language="en") == tag(text, ANCHOR)
    assert all(not m.rule.startswith(LANGUAGES) for m in tag(text, ANCHOR))


def test_an_unsupported_language_is_a_clear_error() -> None:
    with pytest.raises(UnsupportedLanguage) as caught:
        tag("Ieri l'esercito ha preso la città.", ANCHOR, language="it")
    message = str(caught.value)
    assert "'it'" in message
    assert all(code in message for code in SUPPORTED_LANGUAGES)
    with pytest.raises(ValueError):
        tag_foreign("text", ANCHOR, "en")


def test_rules_name_the_language() -> None:
    (m,) = tag("Hier, les frappes ont repris.", ANCHOR, language="fr")
    assert m.rule == "fr.relative"


def test_month_names_as_words_are_no_dates() -> None:
    # a month name alone is a date only after a preposition of the month
    assert tag("Мая и Ноябрина пришли.", ANCHOR, language="ru") == []
    assert [m.value for m in tag("Это было в мае.", ANCHOR, language="ru")] == ["2017-05"]


@pytest.mark.parametrize(
    "raw",
    [
        {"months": {"smarch": ["x"]}},
        {"months": {"march": "марте"}},
        {"numbers": {"три": "3"}},
        {"relative": {"last week": ["на прошлой неделе"]}},
        {"ago": "назад"},
    ],
)
def test_malformed_language_data_is_refused(raw: dict[str, Any]) -> None:
    with pytest.raises(ForeignLexiconError):
        _own_words(raw, "ru")


def test_malformed_blockers_are_refused() -> None:
    with pytest.raises(ForeignLexiconError):
        _not_after({"not_after": {"morgen": "am"}}, "de")


WORDS = [
    "вчера",
    "на",
    "прошлой",
    "неделе",
    "14",
    "ноября",
    "2017",
    "г.",
    "в",
    "году",
    "назад",
    "через",
    "999",
    "лет",
    "الأسبوع",
    "الماضي",
    "قبل",
    "يومين",
    "في",
    "٩",
    "نوفمبر",
    "le",
    "1er",
    "mars",
    "il",
    "y",
    "a",
    "deux",
    "jours",
    "vor",
    "Tagen",
    "9.",
    "November",
    "de",
    "mayo",
    "hace",
    "días",
    ",",
    ".",
    "\n",
    "31",
    "02",
    "2199",
    "0",
]


@given(
    st.lists(st.sampled_from(WORDS), max_size=30),
    st.sampled_from(LANGUAGES),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
@settings(max_examples=300, deadline=None)
def test_any_words_at_any_anchor_give_sorted_slices_of_the_text(
    words: list[str], language: str, anchor: date
) -> None:
    text = " ".join(words)
    mentions = tag_foreign(text, anchor, language)
    ends = [0] + [m.end for m in mentions]
    for m, previous_end in zip(mentions, ends, strict=False):
        assert previous_end <= m.start < m.end
        assert text[m.start : m.end] == m.text
