"""The speech verbs of cues.yaml: lemmas only, validated on load, read off the parse in any
inflection. Every sentence here is our own."""

from __future__ import annotations

from typing import Any

import pytest

from timeline.extract import Gazetteer
from timeline.extract.document import build_document
from timeline.extract.lexicon import LexiconError, _read, build_lexicon, default_lexicon


def _cues_with(**attribution: Any) -> dict[str, Any]:
    cues: dict[str, Any] = _read("cues.yaml")
    cues["attribution"] = {**cues["attribution"], **attribution}
    return cues


def test_speech_verbs_are_lemmas_only() -> None:
    with pytest.raises(LexiconError, match="speech_verbs must be a list of strings"):
        build_lexicon(_read("triggers.yaml"), _cues_with(speech_verbs=[{"lemma": "say"}]))
    with pytest.raises(LexiconError, match="speech_verbs must list"):
        build_lexicon(_read("triggers.yaml"), _cues_with(speech_verbs=[]))


def test_denial_and_hedging_verbs_are_speech_verbs() -> None:
    with pytest.raises(LexiconError, match=r"must be speech verbs: \['disavow'\]"):
        build_lexicon(_read("triggers.yaml"), _cues_with(denial_verbs=["deny", "disavow"]))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # Irregular forms and a phrasal verb are read by their lemma, nothing inflects them.
        ("The coalition wrote that its jets struck ISIS near Raqqa.", "wrote"),
        ("The coalition has written that its jets struck ISIS near Raqqa.", "written"),
        ("The coalition told reporters that its jets struck ISIS near Raqqa.", "told"),
        ("The coalition is saying that its jets struck ISIS near Raqqa.", "saying"),
        ("The coalition pointed out that its jets struck ISIS near Raqqa.", "pointed"),
    ],
)
def test_a_speech_verb_in_any_form(text: str, cue: str, gazetteer: Gazetteer) -> None:
    doc = build_document(text, [], gazetteer, default_lexicon(), None)
    (said,) = doc.attributions[0]
    assert said.claimant is not None and said.claimant.entity_key == "us-led-coalition"
    assert text[said.cue[0] : said.cue[1]] == cue
    assert text[said.scope[0] : said.scope[1]] == "that its jets struck ISIS near Raqqa"
