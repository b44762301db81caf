"""A modest event extractor for Russian, Ukrainian, Arabic, French, German and Spanish.

No parser or model reads these languages here, so this is what can be done honestly with
spaCy's tokenizer for the language (`spacy.blank(code)`, no model) and its rule-based
sentencizer: a sentence holding a trigger word of an event kind (data/foreign_triggers.yaml)
is an account of that kind, one per rule and sentence; it is dated by the time mention
of its sentence nearest the trigger, or else by the last one of the sentence before
(time_source "context"), or else only by publication. The places of its sentence that the
gazetteer knows (by the aliases it has in the language) are its locations. The claimant is
the publisher: attribution, agents and targets, and polarity need a parse. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from timeline.extract.families import default_families
from timeline.extract.foreign_triggers import ForeignRule, ForeignTriggers, foreign_triggers
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.parse import PARSING
from timeline.extract.sentences import sentence_bounds, sentences_of
from timeline.extract.types import EventMention, Participant, Sentence, TimeSource
from timeline.temporal import TimeMention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@cache
def pipeline(language: str) -> Language:
    """spaCy's tokenizer for `language` and its rule-based sentencizer, once per process."""
    import spacy

    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    return nlp


def foreign_sentences(text: str, language: str) -> list[Sentence]:
    """The sentences of `text`, cut at paragraph ends as for English (`sentences_of`)."""
    with PARSING:  # the blank pipelines' vocabularies are not thread-safe either
        return sentences_of(pipeline(language)(text))


def foreign_sentence_bounds(text: str, language: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in foreign_sentences(text, language)]


def sentence_bounds_in(text: str, language: str) -> list[tuple[int, int]]:
    """The sentence bounds the tagger reads `text` within: the English pipeline's parse
    for English, the language's sentencizer for the others."""
    if language == "en":
        return sentence_bounds(text)
    return foreign_sentence_bounds(text, language)


def extract_foreign_events(
    text: str,
    time_mentions: Sequence[TimeMention],
    language: str,
    sentences: Sequence[Sentence] | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[EventMention]:
    """The event mentions of `text`, in order, each dated by `time_mentions` (the tagger's,
    indexes into them), located at the `gazetteer`'s places named in its sentence.
    ValueError for a language without trigger rules."""
    triggers = foreign_triggers()
    if language not in triggers.rules:
        raise ValueError(f"no event triggers for language {language!r}")
    found: list[EventMention] = []
    sentences = foreign_sentences(text, language) if sentences is None else sentences
    tokenizer = pipeline(language).tokenizer
    openers = triggers.reported_clause.get(language, frozenset())
    with PARSING:  # its tokens read the shared vocabulary
        for index, sentence in enumerate(sentences):
            tokens = tokenizer(sentence.text)
            words = _words(tokens, sentence.start)
            clauses = [
                sentence.start + t.idx + len(t.text)
                for t in tokens
                if t.lower_.rstrip("'’") in openers
            ]
            places = _places(text, sentence, gazetteer)
            for rule in triggers.rules[language]:
                hit = _trigger(rule, words, triggers, bool(places))
                if hit is None:
                    continue
                clause = max((c for c in clauses if c <= hit[0]), default=sentence.start)
                dated = _time(hit, Clause(sentence, clause), index, sentences, time_mentions)
                found.append(_mention(rule, hit, sentence, index, dated, places))
    return found


def _places(text: str, sentence: Sentence, gazetteer: Gazetteer | None) -> tuple[Participant, ...]:
    """The known places named in the sentence, each once, as locations (without a parse
    the roles of actors cannot be told, so actors are left out)."""
    if gazetteer is None:
        return ()
    found: dict[str, Participant] = {}
    for m in gazetteer.find(text, sentence.start, sentence.end):
        if m.entry.kind == "place" and m.entry.key not in found:
            found[m.entry.key] = Participant(
                "location", m.entry.name, m.entry.key, "place", m.start, m.end
            )
    return tuple(found.values())


@dataclass(frozen=True, slots=True)
class Clause:
    """A trigger's sentence, and where the clause whose times may date it begins: the
    sentence's start, or the end of the word opening the reported clause it is in."""

    sentence: Sentence
    start: int


Word = tuple[int, int, str]  # start, end (in the text), lowercase form


def _words(doc: Doc, offset: int) -> list[Word]:
    return [(offset + t.idx, offset + t.idx + len(t.text), t.lower_) for t in doc if t.is_alpha]


def _trigger(
    rule: ForeignRule, words: list[Word], triggers: ForeignTriggers, has_place: bool
) -> Word | None:
    """The first word of the sentence that is one of the rule's triggers, when the
    sentence also holds a word of its context or a known place (if it has a context)."""
    if rule.context is not None and not has_place:
        context = rule.context
        if not any(
            context.matches(f) for w in words for f in triggers.candidates(rule.language, w[2])
        ):
            return None
    for word in words:
        if any(rule.words.matches(f) for f in triggers.candidates(rule.language, word[2])):
            return word
    return None


def _mention(
    rule: ForeignRule,
    trigger: Word,
    sentence: Sentence,
    index: int,
    dated: tuple[int | None, TimeSource],
    places: tuple[Participant, ...],
) -> EventMention:
    time_index, source = dated
    start, end, _ = trigger
    return EventMention(
        kind=rule.kind,
        trigger=sentence.text[start - sentence.start : end - sentence.start],
        trigger_start=start,
        trigger_end=end,
        evidence_start=sentence.start,
        evidence_end=sentence.end,
        sentence_index=index,
        participants=places,
        time_index=time_index,
        time_source=source,
        rule=rule.id,
        family=default_families().family(rule.kind) or rule.kind,
        extras={"category": rule.category, "language": rule.language, "time_rule": source},
    )


def _dating(m: TimeMention) -> bool:
    """A mention that can date an event: a date or time with an interval."""
    return m.type in ("DATE", "TIME") and (m.earliest is not None or m.latest is not None)


def _time(
    trigger: Word,
    clause: Clause,
    index: int,
    sentences: Sequence[Sentence],
    time_mentions: Sequence[TimeMention],
) -> tuple[int | None, TimeSource]:
    """The mention nearest the trigger in its clause; else, when the trigger is in no
    reported clause, the last of the sentence before in its paragraph; else none."""
    sentence = clause.sentence
    own = [
        (abs(m.start - trigger[0]), i)
        for i, m in enumerate(time_mentions)
        if _dating(m) and clause.start <= m.start < sentence.end
    ]
    if own:
        return min(own)[1], "own"
    if clause.start > sentence.start:
        return None, "publication"  # the times of the sentence are the saying's
    if index > 0:
        before = sentences[index - 1]
        earlier = [
            i
            for i, m in enumerate(time_mentions)
            if _dating(m) and before.start <= m.start < before.end
        ]
        if earlier and before.paragraph == sentence.paragraph:
            return earlier[-1], "context"
    return None, "publication"
