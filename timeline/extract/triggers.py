"""Finding event triggers in a sentence on its parse, with voice, negation, hedging and modality.

A verb rule matches a verb (VERB or AUX) whose lemma it lists; a phrasal verb is the lemma and
its particle ("pull out", "turn down"), and a verb with a particle that some rule lists is
that verb only ("took off" is no "take"). A noun rule matches a noun by lemma, a compound by
its lemma sequence ("air strikes"); a fixed phrase matches word by word. The inflection and
the voice are the parse's. A candidate is dropped when it is part of a name, when its rule's
idiom filters, argument checks or requirements fail, or when it is not reported as happening
(after a modal, in a purpose clause, or as a bare infinitive: "in order to strike"), so that
plans are not events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from timeline.extract.clauses import (
    SentenceView,
    ends_with_phrase,
    starts_with_phrase,
    words_after,
    words_before,
)
from timeline.extract.lexicon import NUMBER, Entry, Form, Lexicon, TriggerRule, VerbForm
from timeline.extract.mentions import Mention
from timeline.extract.spans import SpanSet
from timeline.extract.types import Sentence
from timeline.extract.unknown_entities import object_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_VERB_FORMS: Mapping[str, VerbForm] = {
    "VB": "base",
    "VBP": "base",
    "VBZ": "third",
    "VBG": "gerund",
    "VBD": "past",
    "VBN": "participle",
}
# Predicative complements: "58 were dead", "left seven people dead".
_COMPLEMENTS = frozenset({"acomp", "oprd", "xcomp", "ccomp"})
# Words that belong to an argument's name: "cruise missiles", "the banned nerve agent".
_NAME_PARTS = frozenset({"compound", "amod", "nmod"})
_ATTRIBUTIVE = frozenset({"amod", "compound"})
# Nouns that count what follows "of": "dozens of missiles", "a barrage of 59 missiles".
_QUANTITIES = frozenset(
    {"dozen", "hundred", "thousand", "score", "number", "couple", "pair", "handful", "total"}
    | {"barrage", "salvo", "volley", "wave", "series", "batch", "set", "string", "rain", "hail"}
)
# Particles that may stand apart from their verb ("pulled its troops out").
_PARTICLES = frozenset({"out", "off", "back", "down", "up", "away"})
_RELATIVE_TAGS = frozenset({"WDT", "WP"})
_OBJECT_GAP = re.compile(
    r"\s+(?:(?:the|of|control|town|city|village|border|key|strategic|most|much|all|part|parts|its|"
    r"their|remaining|last)\s+){0,4}",
    re.IGNORECASE,
)
_PLACE_WINDOW = 8
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Trigger:
    rule: TriggerRule
    form: Form
    start: int
    end: int
    text: str
    kind: str
    passive: bool
    negated: bool
    hedge: str | None


@dataclass(frozen=True, slots=True)
class _Word:
    """A word of the sentence: a token, or a compound written with hyphens
    ("counter-attacked", "re-entered") read through its last part."""

    first: int  # document index of its first token
    head: Token  # the token whose part of speech, tag and dependencies it has
    start: int
    end: int
    keys: tuple[str, ...]  # lemma and lowercase surface; without "re-" too


@dataclass(frozen=True, slots=True)
class _Match:
    entry: Entry
    first: int  # indices of the first and last matched word
    last: int
    head: Token  # the verb (the first word of a phrase) or the noun


def find_triggers(
    text: str,
    view: SentenceView,
    lexicon: Lexicon,
    mentions: Sequence[Mention],
    parsed: Doc,
) -> list[Trigger]:
    """Triggers of events reported in the sentence, in text order."""
    s = view.sentence
    span = parsed.char_span(s.start, s.end, alignment_mode="expand")
    if span is None or _imperative(span):
        return []
    words = _words(list(span))
    named = SpanSet((m.start, m.end) for m in mentions if not m.anaphor)
    found: list[Trigger] = []
    i = 0
    while i < len(words):
        last = i
        for match in _matches(words, i, lexicon):
            if named.overlaps(words[match.first].start, words[match.last].end):
                continue  # part of a name: "Free Syrian Army", "Al-Qaim border crossing"
            trigger = _candidate(text, view, lexicon, mentions, words, match)
            if trigger is not None:
                found.append(trigger)
                last = match.last
                break
        i = last + 1
    return found


def _imperative(sentence: Span) -> bool:
    """'Take a look at the jet that flew over Syria', 'Watch the video': an instruction to
    the reader (page chrome, a caption's call) reports no event; "Watch: troops entered the
    town" reports what follows the colon."""
    root = sentence.root
    return (
        root.tag_ == "VB"
        and root.i == sentence.start
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "aux"} for c in root.children)
        and not any(t.text in {":", "—", "–"} for t in sentence)
    )


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _lemmas(token: Token) -> set[str]:
    """The token's lemma and surface; a capitalised plural the tagger took for a name keeps
    its plural as its lemma ("Tomahawk Land Attack Missiles"), so its singular is one too."""
    found = {_norm(token.lemma_), _norm(token.text)}
    if token.pos_ == "PROPN" and token.lower_.endswith("s") and not token.lower_.endswith("ss"):
        found.add(_norm(token.text)[:-1])
    return found


def _hyphenated(token: Token) -> list[str]:
    """A token written with a hyphen ("counter-attacked", "re-entered") is its prefix and the
    lemma of its last part, which the lemmatizer does not find for the whole word."""
    prefix, hyphen, last = _norm(token.text).rpartition("-")
    if not hyphen or not prefix or not last.isalpha():
        return []
    lemma = _part_lemma(last, token.pos_)
    return [f"{prefix}-{lemma}", lemma] if prefix == "re" else [f"{prefix}-{lemma}"]


@cache
def _part_lemma(word: str, pos: str) -> str:
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc

    from timeline.extract.parse import pipeline

    nlp = pipeline()
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer):
        return word
    doc = Doc(nlp.vocab, words=[word])
    doc[0].pos_ = pos
    return _norm(lemmatizer.rule_lemmatize(doc[0])[0])


def _words(tokens: Sequence[Token]) -> list[_Word]:
    words: list[_Word] = []
    i = 0
    while i < len(tokens):
        j = i
        while (
            j + 2 < len(tokens)
            and tokens[j + 1].text == "-"
            and not tokens[j].whitespace_
            and not tokens[j + 1].whitespace_
            and tokens[j].is_alpha
            and tokens[j + 2].is_alpha
        ):
            j += 2
        head = tokens[j]
        prefix = "".join(_norm(t.text) for t in tokens[i:j])  # "counter-"
        lemmas = sorted(_lemmas(head))
        keys = [prefix + lemma for lemma in lemmas]
        if prefix == "re-":
            keys += lemmas
        keys += _hyphenated(head)
        end = head.idx + len(head)
        words.append(_Word(tokens[i].i, head, tokens[i].idx, end, tuple(dict.fromkeys(keys))))
        i = j + 1
    return words


def _matches(words: Sequence[_Word], i: int, lexicon: Lexicon) -> list[_Match]:
    """The entries the word starts, longest first, then those that read the verb's arguments,
    then in the order of the data."""
    word = words[i]
    particle = _particle(word.head)
    phrasal = particle is not None and any(
        f"{key} {particle}" in lexicon.phrasal for key in word.keys
    )
    found: list[_Match] = []
    seen: set[int] = set()
    for key in word.keys:
        for entry in lexicon.entries.get(key, ()):
            if id(entry) in seen:
                continue
            seen.add(id(entry))
            if phrasal and entry.pos == "verb" and len(entry.words) == 1:
                continue  # "took off his jacket" is no "take"
            match = _match(entry, words, i, particle)
            if match is not None:
                found.append(match)
    return sorted(found, key=lambda m: (m.first - m.last, not m.entry.rule.constrained))


def _match(entry: Entry, words: Sequence[_Word], i: int, particle: str | None) -> _Match | None:
    head = words[i].head
    if entry.pos == "verb":
        if head.pos_ not in _VERBAL or head.dep_ in _ATTRIBUTIVE:
            return None  # a noun, or a participle describing one ("the fleeing militants")
        if len(entry.words) == 2 and (
            entry.words[1] == particle or entry.words[1] in _loose_particles(head)
        ):
            following = i + 1 < len(words) and words[i + 1].head.head.i == head.i
            adjacent = following and _norm(words[i + 1].head.text) == entry.words[1]
            return _Match(entry, i, i + 1 if adjacent else i, head)
    last = i + len(entry.words) - 1
    if last >= len(words) or any(
        w not in words[i + k].keys for k, w in enumerate(entry.words) if k
    ):
        return None
    if entry.pos == "noun":
        head = words[last].head
        if head.pos_ not in _NOMINAL:
            return None
    return _Match(entry, i, last, head)


def _particle(token: Token) -> str | None:
    return next((_norm(c.text) for c in token.children if c.dep_ == "prt"), None)


def _loose_particles(verb: Token) -> set[str]:
    """Particles the parser hung from the verb as a preposition or adverb: "pulled its
    troops out of the town"."""
    return {
        _norm(c.text)
        for c in verb.rights
        if c.dep_ in {"prep", "advmod"} and _norm(c.text) in _PARTICLES
    }


def _candidate(
    text: str,
    view: SentenceView,
    lexicon: Lexicon,
    mentions: Sequence[Mention],
    words: Sequence[_Word],
    match: _Match,
) -> Trigger | None:
    s, cues, rule = view.sentence, lexicon.cues, match.entry.rule
    start, end = words[match.first].start, words[match.last].end
    before = words_before(text, s.start, start, 6)
    # Modality and negation look no further back than the last comma.
    local = words_before(text, max(s.start, text.rfind(",", s.start, start) + 1), start, 6)
    after = words_after(text, end, s.end, 4)
    if starts_with_phrase(after, rule.not_followed_by) or _preceded_by(before, rule):
        return None
    if _not_asserted(text, view, start, local, cues):
        return None
    verb = match.head if match.entry.pos != "noun" else None
    passive = verb is not None and _is_passive(verb, words[match.first].first)
    if verb is not None and not _arguments_fit(rule, verb, passive):
        return None
    clause = view.clause(start, end)
    if not _requirement_met(rule, text, clause, mentions, (start, end), verb, passive):
        return None
    if rule.requires_after and not _particle_follows(text, end, clause[1], rule):
        return None
    if passive and rule.no_passive:
        return None
    form = _form(match, text[start:end])
    if form.verb_form == "third" and rule.category != "communication" and _narrative(s):
        return None  # news tells events in the past: "the reversal leaves the town exposed"
    if verb is not None and rule.complements:
        end = _complement_end(verb, rule, end)
    if passive and rule.passive_kind:
        kind = rule.passive_kind
    else:
        kind = _object_kind(rule, after, verb, passive)
    return Trigger(
        rule=rule,
        form=form,
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,
        passive=passive,
        negated=_negated(text, s.start, start, local, cues),
        hedge=_hedge(text, clause, start, end, cues["_hedges"]),
    )


def _form(match: _Match, surface: str) -> Form:
    words = " ".join(surface.lower().split())
    if match.entry.pos == "noun":
        return Form(words, "noun")
    verb_form = _VERB_FORMS.get(match.head.tag_)
    if verb_form is None:  # a fixed phrase the tagger did not read as a verb
        verb_form = "gerund" if words.split()[0].endswith("ing") else "past"
    return Form(words, "verb", verb_form)


def _is_passive(verb: Token, first: int) -> bool:
    """'was liberated by', 'flags found in', 'a convoy hit by strikes'."""
    own = [c for c in verb.children if not c.is_punct and not first <= c.i < verb.i]
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in own):
        return True
    if verb.tag_ != "VBN" or any(c.dep_ == "dobj" for c in own):
        return False  # "an attack, ..., killed 58 people": a participle with an object is active
    if verb.dep_ == "acl" or any(c.dep_ == "agent" for c in own):
        return True
    # "was captured and destroyed": a bare participle shares the voice it is conjoined to.
    return (
        verb.dep_ == "conj"
        and verb.head.tag_ == "VBN"
        and not any(c.dep_ in {"nsubj", "aux"} for c in own)
        and _is_passive(verb.head, verb.head.i)
    )


def _subject(verb: Token, passive: bool) -> Token | None:
    """Who acts: the active subject, the passive's "by" agent, or a conjoined verb's."""
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)
    if subject is not None:
        if subject.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl":
            return verb.head  # "missiles that hit the base"
        return subject
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head  # "jets taking off from the base"
    if verb.dep_ in {"conj", "xcomp"} and verb.head.pos_ in _VERBAL:
        return _subject(verb.head, _is_passive(verb.head, verb.head.i))
    return None


def _theme(verb: Token, passive: bool) -> Token | None:
    """What is acted on: the object, the passive's subject, or the noun a participle
    describes ("the missiles, fired from two destroyers")."""
    if not passive:
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None:
        return subject
    if verb.dep_ == "acl":
        return verb.head
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBAL:
        return _theme(verb.head, _is_passive(verb.head, verb.head.i))
    return None


def _heads(argument: Token | None) -> Iterator[Token]:
    """An argument, what it counts ("dozens of missiles", "all of its missiles") and what
    it is conjoined with ("missiles and rockets")."""
    if argument is None:
        return
    yield argument
    counts = argument.pos_ in {"NUM", "PRON", "DET", "ADJ"} or argument.lemma_ in _QUANTITIES
    for child in argument.children:
        if child.dep_ == "prep" and child.lower_ == "of" and counts:
            yield from (c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "conj":
            yield child


def _names_one(argument: Token | None, nouns: Sequence[str]) -> bool:
    """Whether the argument is one of the nouns (lemma phrases, matched at its end)."""
    for token in _heads(argument):
        if NUMBER in nouns and (token.like_num or token.pos_ == "NUM"):
            return True
        name = [t for t in token.lefts if t.dep_ in _NAME_PARTS] + [token]
        keys = [_lemmas(t) for t in name]
        for noun in nouns:
            parts = noun.split()
            if len(parts) <= len(keys) and all(
                p in k for p, k in zip(parts, keys[len(keys) - len(parts) :], strict=True)
            ):
                return True
    return False


def _complement(verb: Token, rule: TriggerRule) -> Token | None:
    wanted = set(rule.complements)
    return next(
        (c for c in verb.children if c.dep_ in _COMPLEMENTS and _lemmas(c) & wanted),
        None,
    )


def _complement_end(verb: Token, rule: TriggerRule, end: int) -> int:
    """'were dead': the trigger takes in a complement that follows at once (or after adverbs)."""
    complement = _complement(verb, rule)
    if complement is None or complement.i <= verb.i:
        return end
    between = verb.doc[verb.i + 1 : complement.i]
    if all(t.pos_ in {"ADV", "PART"} for t in between):
        return complement.idx + len(complement)
    return end


def _arguments_fit(rule: TriggerRule, verb: Token, passive: bool) -> bool:
    """The verb's arguments are what the rule asks for ("fired missiles", not "fired the
    manager"; "planes took off", not "took off his jacket")."""
    theme = _theme(verb, passive)
    if rule.objects and not _names_one(theme, rule.objects):
        return False
    if rule.not_objects and _names_one(theme, rule.not_objects):
        return False
    if rule.subjects and not _names_one(_subject(verb, passive), rule.subjects):
        return False
    if rule.complements and _complement(verb, rule) is None:
        return False
    if rule.no_object and not passive and theme is not None:
        return False
    return not (rule.needs_object and theme is None)


def _participant_noun(rule: TriggerRule, verb: Token, passive: bool) -> bool:
    """'clinics were targeted by air strikes', 'missiles hit their targets': an argument
    that the rule takes for a participant when none is named."""
    if not rule.participant_nouns:
        return False
    arguments = [_subject(verb, passive), _theme(verb, passive)]
    arguments += [
        grandchild
        for child in verb.children
        if child.dep_ == "prep"
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]
    return any(_names_one(a, rule.participant_nouns) for a in arguments)


def _not_asserted(
    text: str, view: SentenceView, start: int, before: list[str], cues: Mapping[str, Any]
) -> bool:
    """Modal, purpose or bare-infinitive context: the event is not reported as happening."""
    if any(w in cues["modals"] for w in before[-4:]):  # "could no longer be found"
        return True
    if before[-1:] == ["to"] or (before[-2:-1] == ["to"] and before[-1].endswith("ly")):
        at = len(before) - before[::-1].index("to") - 1
        governor = before[at - 1] if at >= 1 else ""
        if (
            governor not in cues["infinitive_asserting"]
            and governor not in cues["infinitive_negating"]
        ):
            return True
    return _in_purpose_scope(text, view, start, cues["_purpose"])


def _in_purpose_scope(text: str, view: SentenceView, start: int, purpose: re.Pattern[str]) -> bool:
    s = view.sentence
    for match in purpose.finditer(text, s.start, start):
        if match.start() - s.start <= 3:  # opening purpose clause: ends at the first comma
            comma = text.find(",", match.end(), s.end)
            if comma == -1 or start < comma:
                return True
        else:
            return True
    return False


def _negated(
    text: str, sentence_start: int, start: int, before: list[str], cues: Mapping[str, Any]
) -> bool:
    """'did not enter', "didn't", 'refused to leave', 'no evidence that ... entered'."""
    if any(w in cues["negations"] or w.endswith("n't") for w in before[-3:]):
        return True
    for match in cues["_negation_phrases"].finditer(text, sentence_start, start):
        # "no evidence that ... entered", but not across a comma or "but".
        between = text[match.end() : start]
        if " " in match.group() and not re.search(r"[,;]|\bbut\b|\bwhile\b", between):
            return True
    if "to" in before[-2:]:
        at = len(before) - before[::-1].index("to") - 1
        return at >= 1 and before[at - 1] in cues["infinitive_negating"]
    return False


def _hedge(
    text: str, clause: tuple[int, int], start: int, end: int, hedges: re.Pattern[str]
) -> str | None:
    match = hedges.search(text, clause[0], start) or hedges.match(text, end + 1, clause[1])
    return match.group().lower() if match else None


def _near(text: str, trigger: tuple[int, int], m: Mention) -> bool:
    """Within eight words of the trigger: the place taken, not one named in passing."""
    gap = text[trigger[1] : m.start] if m.start >= trigger[1] else text[m.end : trigger[0]]
    return len(_WORDS.findall(gap)) <= _PLACE_WINDOW


def _requirement_met(
    rule: TriggerRule,
    text: str,
    clause: tuple[int, int],
    mentions: Sequence[Mention],
    trigger: tuple[int, int],
    verb: Token | None,
    passive: bool,
) -> bool:
    inside = [m for m in mentions if clause[0] <= m.start < clause[1] and not m.modifier]
    if rule.requires == "none":
        return True
    if rule.requires == "object_place":  # "lost (control of) Abu Kamal", not "lost 20 men in"
        return any(
            m.kind == "place"
            and m.start >= trigger[1]
            and _OBJECT_GAP.fullmatch(text, trigger[1], m.start)
            for m in inside
        )
    if rule.requires == "place":
        near_place = any(m.kind == "place" and _near(text, trigger, m) for m in inside)
        return (
            near_place
            or object_place(text, trigger[1], inside) is not None
            or bool(re.search(r"\bcontrol\b", text[clause[0] : clause[1]], re.IGNORECASE))
        )
    return bool(inside) or (verb is not None and _participant_noun(rule, verb, passive))


def _object_kind(rule: TriggerRule, after: list[str], verb: Token | None, passive: bool) -> str:
    """'rejected Russian requests': the object decides between a refusal and a denial."""
    theme = _theme(verb, passive) if verb is not None else None
    for kind, nouns in rule.kind_by_object:
        if _names_one(theme, sorted(nouns)) or any(w in nouns for w in after[:3]):
            return kind
    return rule.kind


def _preceded_by(before: list[str], rule: TriggerRule) -> bool:
    if ends_with_phrase(before, rule.not_preceded_by):
        return True
    return any(w in rule.not_preceded_by for w in before[-2:])


def _narrative(sentence: Sentence) -> bool:
    """Running text, not a headline (headlines tell the past in the present)."""
    return sentence.text.rstrip()[-1:] in '.!?"”’'


def _particle_follows(text: str, end: int, stop: int, rule: TriggerRule) -> bool:
    """'drove Islamic State out of the town': the particle comes a few words later."""
    following = " " + " ".join(words_after(text, end, stop, 8)) + " "
    return any(f" {phrase} " in following for phrase in rule.requires_after)
