"""How a document frames its sentences: datelines, and quotations that span sentences.

A dateline ("BEIRUT, Nov 10 (Reuters) -") dates the report, not the events, so its time
mentions are treated like statement times. A quotation opened in one sentence and closed in
a later one of the same paragraph ('"We took the town. They fled," the commander said.')
belongs to the speaker named after its close.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.extract.attribution import Attribution
from timeline.extract.types import Sentence

# "BEIRUT, Nov 10 (Reuters) - ", "Beirut (AFP) — ", "MOSCOW, November 14. /TASS/. ",
# "DEIR EZ-ZOR — "
DATELINE = re.compile(
    r"[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[^()\n]{1,40}?)?\s*\([^()\n]{1,40}\)\s*[-–—]+\s"
    r"|[A-Z][A-Z .'’-]{1,40},\s*[^/\n]{1,30}?\s*/[^/\n]{2,20}/\.?(?:\s|$)"
    r"|[A-Z][A-Z'’-]+(?:\s[A-Z][A-Z'’-]+){0,3}(?:,\s*[A-Za-z .]{1,30}?)?\s+[—–]\s",
)
_OPENING = "“«"
_CLOSING = "”»"


def dateline_end(sentence: Sentence) -> int | None:
    """End offset of a dateline opening the sentence, if it has one."""
    match = DATELINE.match(sentence.text)
    return sentence.start + match.end() if match else None


def _quote_balance(text: str, inside: bool) -> tuple[bool, bool]:
    """(opened inside this text or before, still open at its end)."""
    was_open = inside
    for ch in text:
        if ch in _OPENING:
            inside = True
        elif ch in _CLOSING:
            inside = False
        elif ch == '"':
            inside = not inside
    return was_open, inside


def quotation_speakers(
    sentences: Sequence[Sentence], attributions: Sequence[Sequence[Attribution]]
) -> dict[int, Attribution]:
    """Sentences inside a multi-sentence quotation, mapped to the attribution closing it."""
    speakers: dict[int, Attribution] = {}
    pending: list[int] = []
    inside = False
    paragraph = -1
    for index, sentence in enumerate(sentences):
        if sentence.paragraph != paragraph:
            pending, inside, paragraph = [], False, sentence.paragraph
        was_open, inside = _quote_balance(sentence.text, inside)
        if inside:
            pending.append(index)
            continue
        if was_open and pending:
            closing = _closing_attribution(sentence, attributions[index])
            if closing is not None:
                for open_index in pending:
                    speakers[open_index] = _whole_sentence(closing, sentences[open_index])
        pending = []
    return speakers


def _closing_attribution(
    sentence: Sentence, attributions: Sequence[Attribution]
) -> Attribution | None:
    """The attribution after the closing quote ('..., citing X," the ministry said.')."""
    close = max(sentence.text.rfind(q) for q in (*_CLOSING, '"'))
    after_quote = sentence.start + close
    for attribution in attributions:
        if attribution.cue[0] > after_quote and attribution.claimant is not None:
            return attribution
    return None


def _whole_sentence(attribution: Attribution, sentence: Sentence) -> Attribution:
    return Attribution(
        claimant=attribution.claimant,
        scope=(sentence.start, sentence.end),
        cue=attribution.cue,
        sentence_level=False,
        polarity=attribution.polarity,
        hedge=attribution.hedge,
        relay=attribution.relay,
    )
