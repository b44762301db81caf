"""The time of an account: its sentence's own mention, the narrative context, or none.

Only DATE and TIME mentions date an account (a duration or a set is not a time). In its own
sentence the mention nearest the trigger wins, specific values over fuzzy references
(PAST_REF). Without one, the last mention earlier in the same paragraph, else the last one in
the previous narrative paragraph, is inherited; else the account is only known to precede
publication.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.extract.types import Sentence, TimeSource
from timeline.temporal.types import TimeMention

_DATING_TYPES = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class TimeChoice:
    index: int | None
    source: TimeSource
    rule: str  # own, same_paragraph, previous_paragraph, publication


PUBLICATION = TimeChoice(None, "publication", "publication")


def _dating(mentions: Sequence[TimeMention]) -> list[int]:
    return [i for i, m in enumerate(mentions) if m.type in _DATING_TYPES]


def _is_fuzzy(mention: TimeMention) -> bool:
    return mention.value.endswith("_REF")


class TimeContext:
    """Time mentions of one document, indexed by sentence and paragraph."""

    def __init__(
        self,
        sentences: Sequence[Sentence],
        mentions: Sequence[TimeMention],
        narrative_paragraphs: set[int],
    ) -> None:
        self._mentions = mentions
        self._sentences = sentences
        self._narrative = narrative_paragraphs
        self._by_sentence: dict[int, list[int]] = {}
        dating = _dating(mentions)
        for index, s in enumerate(sentences):
            self._by_sentence[index] = [i for i in dating if s.start <= mentions[i].start < s.end]

    def own(self, sentence_index: int, trigger_start: int) -> int | None:
        """The sentence's best mention for a trigger at trigger_start, if any."""
        candidates = self._by_sentence.get(sentence_index, [])
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda i: (
                _is_fuzzy(self._mentions[i]),
                abs(self._mentions[i].start - trigger_start),
            ),
        )

    def choose(self, sentence_index: int, trigger_start: int) -> TimeChoice:
        own = self.own(sentence_index, trigger_start)
        if own is not None:
            return TimeChoice(own, "own", "own")
        paragraph = self._sentences[sentence_index].paragraph
        earlier = [
            i
            for j in range(sentence_index)
            if self._sentences[j].paragraph == paragraph
            for i in self._by_sentence[j]
        ]
        if earlier:
            return TimeChoice(earlier[-1], "context", "same_paragraph")
        previous = self._previous_narrative(paragraph)
        if previous is not None:
            inherited = [
                i
                for j, s in enumerate(self._sentences)
                if s.paragraph == previous
                for i in self._by_sentence[j]
            ]
            if inherited:
                return TimeChoice(inherited[-1], "context", "previous_paragraph")
        return PUBLICATION

    def _previous_narrative(self, paragraph: int) -> int | None:
        earlier = [p for p in self._narrative if p < paragraph]
        return max(earlier) if earlier else None
