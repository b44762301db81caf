"""A document prepared for extraction: sentences, mentions, attributions and time context.

Everything here is computed once per document before events are read sentence by sentence:
boilerplate sentences, entity mentions (gazetteer, anaphors, named entities it does not
know), each sentence's attributions, the speakers of multi-sentence quotations, and which
time mentions only date a statement or the report itself (datelines).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from timeline.extract.attribution import Attribution
from timeline.extract.clauses import break_regex
from timeline.extract.framing import dateline_end, quotation_speakers
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.layout import paragraph_layouts, tells_nothing
from timeline.extract.leads import lead_attributions
from timeline.extract.lexicon import Lexicon
from timeline.extract.mentions import Anaphora, Mention, compile_anaphora, find_mentions
from timeline.extract.parse import parse
from timeline.extract.sentences import sentences_of
from timeline.extract.spans import SpanSet, within
from timeline.extract.speech import parsed_attributions
from timeline.extract.timing import TimeContext
from timeline.extract.types import Sentence
from timeline.extract.unknown_entities import unknown_entities
from timeline.temporal.types import TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

_OPENING_GAP = re.compile(r"[\s,]*(?:(?:the|a|an)\s+)?", re.IGNORECASE)
_STATEMENT_TIME_GAP = re.compile(r"[\s,]*(?:(?:on|late|early|in|a|an|the|statement)\s+)*")


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    parsed: SpacyDoc
    sentences: list[Sentence]
    skipped: frozenset[int]  # boilerplate sentences
    mentions: list[Mention]
    attributions: list[list[Attribution]]  # per sentence
    quoted: dict[int, Attribution]  # sentences inside a quotation → its speaker
    times: TimeContext
    lexicon: Lexicon
    publisher_key: str | None
    publisher_name: str | None
    lead_paragraphs: frozenset[int]  # the first two of running text (a standfirst may lead)

    mention_starts: list[int]

    def mentions_in(self, s: Sentence) -> list[Mention]:
        return within(self.mentions, self.mention_starts, s.start, s.end)


@cache
def compiled(lexicon: Lexicon) -> tuple[Anaphora, re.Pattern[str]]:
    """Patterns derived from the lexicon, built once per lexicon."""
    return compile_anaphora(lexicon.cues["anaphora"]), break_regex(lexicon.cues["clause_breaks"])


def is_boilerplate(sentence: Sentence, lexicon: Lexicon) -> bool:
    return any(p.search(sentence.text) for p in lexicon.cues["_boilerplate"])


def is_caption(sentence: Sentence, lexicon: Lexicon) -> bool:
    """A photo or video caption: it carries a credit or a caption label."""
    return any(p.search(sentence.text) for p in lexicon.cues["_captions"])


def build_document(
    text: str,
    times: Sequence[TimeMention],
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    publisher: str | None,
) -> Document:
    parsed = parse(text)
    sentences = sentences_of(parsed)
    captions = {s.paragraph for s in sentences if is_caption(s, lexicon)}
    layouts = paragraph_layouts(sentences)
    skipped = frozenset(
        i
        for i, s in enumerate(sentences)
        if is_boilerplate(s, lexicon)
        or s.paragraph in captions
        or tells_nothing(layouts[s.paragraph])
    )
    narrative = {
        s.paragraph
        for i, s in enumerate(sentences)
        if i not in skipped and layouts[s.paragraph] == "body"
    }
    captioned = [s for s in sentences if s.paragraph in captions]
    mentions = _all_mentions(parsed, sentences, gazetteer, lexicon, times, captioned)
    starts = [m.start for m in mentions]
    attributions = [
        []
        if i in skipped
        else _attributions(parsed, s, within(mentions, starts, s.start, s.end), lexicon)
        for i, s in enumerate(sentences)
    ]
    context = TimeContext(sentences, times, narrative)
    for index, s in enumerate(sentences):
        context.statement_times.update(_statement_times(text, context, index, attributions[index]))
        context.statement_times.update(_dateline_times(s, context, index))
    entry = gazetteer.lookup(publisher) if publisher else None
    return Document(
        text=text,
        parsed=parsed,
        sentences=sentences,
        skipped=skipped,
        mentions=mentions,
        attributions=attributions,
        quoted=quotation_speakers(sentences, attributions),
        times=context,
        lexicon=lexicon,
        publisher_key=entry.key if entry else None,
        publisher_name=publisher,
        lead_paragraphs=frozenset(sorted(narrative)[:2]),
        mention_starts=starts,
    )


def _attributions(
    parsed: SpacyDoc, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    """The parse's attributions, and a lead that sets out what the document tells."""
    found = parsed_attributions(parsed, s, mentions, lexicon)
    cues = [a.cue for a in found]
    leads = lead_attributions(parsed, s, mentions, lexicon)
    return found + [a for a in leads if not any(c[0] < a.cue[1] and a.cue[0] < c[1] for c in cues)]


def _all_mentions(
    parsed: SpacyDoc,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    times: Sequence[TimeMention],
    captions: Sequence[Sentence],
) -> list[Mention]:
    """Gazetteer mentions and anaphors, then the parse's named entities in what is left.

    Datelines and photo captions name no mentions: the town a picture was taken in is
    neither a participant nor what "the town" of the story refers to."""
    anaphora, _ = compiled(lexicon)
    datelines = [(s.start, end) for s in sentences if (end := dateline_end(s)) is not None]
    unspoken = datelines + [(s.start, s.end) for s in captions]
    known = find_mentions(parsed.text, gazetteer, lexicon.cues, anaphora, SpanSet(unspoken))
    taken = [(m.start, m.end) for m in known] + [(t.start, t.end) for t in times] + unspoken
    names = unknown_entities(parsed, taken)
    return sorted([*known, *names], key=lambda m: m.start)


def _statement_times(
    text: str, context: TimeContext, index: int, attributions: Sequence[Attribution]
) -> set[int]:
    """Mentions that date a speech act: 'X said on Tuesday', 'X on Tuesday said'."""
    found = set()
    in_sentence = context.in_sentence(index)
    for i in in_sentence:
        mention = context.mention(i)
        for a in attributions:
            speaker_start = a.claimant.start if a.claimant and a.claimant.start else a.cue[0]
            between = speaker_start <= mention.start and mention.end <= a.cue[0]
            right_after = mention.start >= a.cue[1] and _STATEMENT_TIME_GAP.fullmatch(
                text, a.cue[1], mention.start
            )
            # "The following day, Thursday, the army said the town had fallen": what opens a
            # speaker-first sentence dates the statement.
            opening = (
                a.scope[0] >= a.cue[1]
                and mention.end <= speaker_start
                and _only_times_between(text, context, in_sentence, mention.end, speaker_start)
            )
            if between or right_after or opening:
                found.add(i)
    return found


def _only_times_between(
    text: str, context: TimeContext, mentions: Sequence[int], start: int, end: int
) -> bool:
    gap = text[start:end]
    for i in mentions:
        m = context.mention(i)
        if start <= m.start and m.end <= end:
            gap = gap.replace(m.text, " ")
    return _OPENING_GAP.fullmatch(gap) is not None


def _dateline_times(s: Sentence, context: TimeContext, index: int) -> set[int]:
    end = dateline_end(s)
    if end is None:
        return set()
    return {i for i in context.in_sentence(index) if context.mention(i).end <= end}
