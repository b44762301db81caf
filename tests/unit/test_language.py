"""Language detection (py3langid) on short texts of each supported language, and the
check of the codes clients give."""

from __future__ import annotations

import pytest

from timeline.language import check_language, detect_language

SHORT_TEXTS = {
    "en": "The ministry said on Tuesday that the army had taken the town.",
    "ru": "Министерство сообщило во вторник, что армия взяла город.",
    "uk": "Міністерство повідомило у вівторок, що армія взяла місто.",
    "ar": "قالت الوزارة يوم الثلاثاء إن الجيش سيطر على البلدة.",
    "fr": "Le ministère a déclaré mardi que l'armée avait pris la ville.",
    "de": "Das Ministerium sagte am Dienstag, die Armee habe die Stadt eingenommen.",
    "es": "El ministerio dijo el martes que el ejército había tomado la ciudad.",
}


@pytest.mark.parametrize(("code", "text"), SHORT_TEXTS.items())
def test_short_texts_of_each_language(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "12345 67", "2017-11-14"])
def test_no_letters_is_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text", ["Tuesday", "last week", "on Nov. 9", "the Bundestag", "Abu Kamal", "Mar 5"]
)
def test_short_english_strings_stay_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_a_language_we_cannot_read_is_read_as_english() -> None:
    assert (
        detect_language("Il ministero ha dichiarato martedì che l'esercito ha preso la città.")
        == "en"
    )


def test_detection_is_deterministic() -> None:
    text = SHORT_TEXTS["uk"]
    assert {detect_language(text) for _ in range(5)} == {"uk"}


@pytest.mark.parametrize(
    ("code", "says"),
    [("RU", "two lowercase letters"), ("rus", "two lowercase letters"), ("it", "supported")],
)
def test_bad_codes_are_refused(code: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        check_language(code)


def test_supported_codes_pass() -> None:
    assert [check_language(c) for c in SHORT_TEXTS] == list(SHORT_TEXTS)
