"""Who claims what, read off the dependency parse.

A speech verb's speaker is its subject ("the monitor said", "said NAME, head of ORG", "NAME
told AFP"); a participle ("..., adding that ...") shares the subject of the verb it hangs
from; "quoted/cited X as saying" makes X the speaker and the subject the relay; "according
to X" names X for the whole sentence. What the speaker claims is the verb's clausal
complement ("said [that the town fell]"), wherever it stands, so a trailing attribution
("The town fell, the army said") covers the clause before it.

The claimant's name is the subject's noun phrase without relative clauses. An apposition
or a title ("NAME, head of the Observatory"; "Observatory head NAME") links a person to the
body they speak for: the name keeps the person, the entity is the body's. A speaker that
is a relay ("TASS reported", "AFP told") is kept as the relay of an inner speaker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from timeline.extract.attribution import Attribution, fold_relays
from timeline.extract.lexicon import Lexicon
from timeline.extract.mentions import Mention
from timeline.extract.parse import text_of
from timeline.extract.syntax import can_speak, syntax_cues
from timeline.extract.types import Claimant, Polarity, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Clause-level dependents of a speech verb that carry its content.
_CONTENT = frozenset({"ccomp", "xcomp", "parataxis"})
# Dependents that are not part of a speaker's name.
_NOT_NAME = frozenset({"relcl", "appos", "punct", "cc", "conj", "advcl"})
# "a source, speaking on condition of anonymity": an aside about the source, not its name.
_ASIDES = frozenset({"speak", "ask", "request", "decline", "cite", "accord"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who", "which", "that"})
_QUOTING = frozenset({"quote", "cite"})
_RELATIVES = frozenset({"who", "which", "that"})
# A speaker with at least this many words before it, and nothing said after its verb,
# speaks of what comes before it.
_TRAILING_AFTER_WORDS = 4
_MAX_NAME_TOKENS = 24
# A speaker's name longer than this is a misparse (a clause taken for the subject).
_LONGEST_NAME_WORDS = 16
# A name written with more words than this is shown by its entity's canonical name.
_WRITTEN_NAME_WORDS = 8


def parsed_attributions(
    parsed: Doc, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    """The attributions of one sentence, from its parse."""
    span = parsed.char_span(s.start, s.end, alignment_mode="expand")
    if span is None:
        return []
    lemmas = lexicon.speech_lemmas
    found = [*_according(span, s, mentions)]
    for token in span:
        if _is_speech_verb(token, lemmas):
            made = _speech(token, span, s, mentions, lexicon)
            if made is not None:
                found.append(made)
    return fold_relays(found, mentions)


def _is_speech_verb(token: Token, lemmas: frozenset[str]) -> bool:
    """A verb of saying used as a verb: not "the report", not "the incident reported in"."""
    if token.pos_ not in {"VERB", "AUX"} or token.dep_ in {"amod", "compound", "acl"}:
        return False
    lemma = token.lemma_.lower()
    return lemma in lemmas or lemma in _QUOTING or _phrasal(token) in lemmas


def _phrasal(token: Token) -> str:
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    return f"{token.lemma_.lower()} {particle.lower_}" if particle is not None else ""


def _speech(
    verb: Token, span: Span, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> Attribution | None:
    lemma = verb.lemma_.lower()
    if lemma in _QUOTING:
        return _quoting(verb, s, mentions, lexicon)
    if verb.dep_ in {"pcomp", "advcl"} and verb.head.lower_ == "as":
        return None  # the "saying" of "quoted X as saying": told by _quoting
    if _object_only(verb, lexicon):
        return None  # "rejected Russian requests", "denied responsibility": an act, not a cue
    subject = _subject(verb)
    if subject is None:
        return None
    participle = verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp", "conj"}
    if subject.dep_ == "nsubjpass" and lemma not in {"quote", "cite"}:
        return None  # "it was reported that ...": nobody is named
    if not can_speak(subject, syntax_cues(), _names_actor(subject, mentions)):
        return None  # "the incident reported in the town"
    claimant = _claimant(subject, mentions, verb.lower_)
    polarity: Polarity = "denies" if lemma in lexicon.denial_lemmas else "asserts"
    hedge = verb.lower_ if lemma in lexicon.hedging_lemmas else None
    relay = _told_medium(verb, mentions) if lemma == "tell" else None
    scope = _scope(verb, span, s, subject)
    cue = (verb.idx, verb.idx + len(verb.text))
    return Attribution(claimant, scope, cue, not participle, polarity, hedge, relay)


def _object_only(verb: Token, lexicon: Lexicon) -> bool:
    """The verb takes a thing, not a clause or an event ("announced the capture"), as what
    is said."""
    children = list(verb.children)
    objects = [c for c in children if c.dep_ == "dobj"]
    if not objects or any(c.dep_ in _CONTENT for c in children) or _gerund_content(verb):
        return False
    nouns = event_nouns(lexicon)
    return not any(o.lemma_.lower() in nouns or o.lower_ in nouns for o in objects)


def _gerund_content(verb: Token) -> Token | None:
    """ "accused the coalition of refusing ...": what is said is the gerund after "of"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # The parser hangs "of" from the verb or from its object.
    for child in [c for t in (verb, *objects) for c in t.children]:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            gerund = next((c for c in child.children if c.dep_ == "pcomp"), None)
            if gerund is not None and gerund.tag_ == "VBG":
                return gerund
    return None


@cache
def event_nouns(lexicon: Lexicon) -> frozenset[str]:
    """The nominal triggers of what happens ("capture", "strikes"); a request or a claim
    rejected is an act of its own, not content."""
    return frozenset(
        form.text.split()[-1]
        for rule in lexicon.rules
        if rule.category != "communication"
        for form in rule.forms
        if form.pos == "noun"
    )


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb a participle or conjunct hangs from;
    failing both, the speaker-like noun right before the verb (the parser sometimes hangs
    "but a US official, speaking on condition of anonymity, said" off the clause before)."""
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            break
        # A conjunct shares an active subject only: in "people were affected by nerve
        # agents, the WHO said", the people are not the speaker.
        wanted = _SUBJECTS if current.i == verb.i else {"nsubj"}
        subjects = [c for c in current.children if c.dep_ in wanted]
        # Two subjects are a misparse ("An air strike killed ..., TASS reported"; "al" and
        # "-Assad"): the first that can speak is the speaker.
        speakers = [c for c in subjects if can_speak(c, syntax_cues(), named_actor=False)]
        subject = next(iter(speakers or subjects), None)
        if subject is not None and subject.lower_ in _RELATIVES and current.dep_ == "relcl":
            return current.head  # "Colonel Thomas, who said that ...": the colonel
        if subject is not None:
            return subject
        if current.dep_ not in {"conj", "advcl", "xcomp"} or current.head.i == current.i:
            break
        current = current.head
    return _noun_before(verb)


def _noun_before(verb: Token) -> Token | None:
    cues = syntax_cues()
    i = verb.i - 1
    sentence_start = verb.sent.start
    while i >= sentence_start:
        token = verb.doc[i]
        if token.dep_ == "acl" or token.is_punct:
            i = min(token.left_edge.i, i) - 1
            continue
        if token.pos_ in {"VERB", "AUX"} and token.dep_ != "acl":
            return None
        if token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"conj", "appos", "dobj", "ROOT"}:
            return token if can_speak(token, cues, named_actor=False) else None
        if token.dep_ not in {"prep", "pobj", "det", "compound", "amod", "punct", "poss"}:
            return None
        i -= 1
    return None


def _scope(verb: Token, span: Span, s: Sentence, subject: Token) -> tuple[int, int]:
    """The content: the verb's clausal complement; else what follows the verb; else all."""
    content = [c for c in verb.children if c.dep_ in _CONTENT]
    gerund = _gerund_content(verb)
    if gerund is not None:
        content.append(gerund)
    if content:
        start = min(c.left_edge.idx for c in content)
        last = max(content, key=lambda c: c.right_edge.i).right_edge
        return max(start, s.start), min(last.idx + len(last.text), s.end)
    before = subject.left_edge.idx
    words_before = len(text_of(subject.doc)[s.start : before].split())
    if subject.i < verb.i and words_before >= _TRAILING_AFTER_WORDS:
        # "The town fell, the army said (, TASS reported)": a speaker after what it says,
        # however the parser hung the speech verb.
        return s.start, before
    after = verb.idx + len(verb.text)
    if span[-1].idx + len(span[-1].text) - after > 3:
        return after, s.end
    return s.start, s.end


def claimant_from(subject: Token, mentions: Sequence[Mention], cue: str) -> Claimant | None:
    """The subject's noun phrase as a claimant, if it can speak; None for a pronoun."""
    if not can_speak(subject, syntax_cues(), _names_actor(subject, mentions)):
        return None
    return _claimant(subject, mentions, cue)


def _names_actor(phrase: Token, mentions: Sequence[Mention]) -> bool:
    """Whether an actor is named inside the phrase ("a media unit run by Hezbollah")."""
    start, end = phrase.left_edge.idx, _end(phrase.right_edge)
    return any(m.kind == "actor" and start <= m.start and m.end <= end for m in mentions)


def _claimant(subject: Token, mentions: Sequence[Mention], cue: str) -> Claimant | None:
    """The subject's noun phrase as a claimant; None for a pronoun (the running speaker)."""
    if subject.lower_ in _PRONOUNS and subject.pos_ == "PRON":
        return None  # the running speaker ("WHO", the organisation, is no pronoun)
    if _in_dateline(subject):
        return None
    tokens = _name_tokens(subject)
    if not tokens:
        return None
    tokens = _without_bare_title(tokens)
    if len(tokens) > _LONGEST_NAME_WORDS:
        return None
    start, end = tokens[0].idx, _end(tokens[-1])
    body = _body(subject, mentions)
    own = _entity_in(mentions, start, end, head=subject)
    entity = own or body
    name = text_of(subject.doc)[start:end]
    title = _title(subject)
    if title is not None:
        name = f"{name}, {title}"
    if own is not None and (own.anaphor or _short_form(name, own.name)):
        # "the Observatory", "the ministry": the entity the short form stands for.
        name = own.name if title is None else f"{own.name}, {title}"
    elif entity is not None:
        name = _trimmed(name)  # as written ("the Syrian military"), linked to its entity
    return Claimant(name, entity.key if entity else None, cue, start, end)


def _name_tokens(head: Token) -> list[Token]:
    """The head's phrase without clauses, appositions or coordinations, at most a few words."""
    kept = [head]
    stack = [c for c in head.children if _in_name(c)]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(c for c in token.children if c.dep_ not in {"relcl", "appos"})
    kept.sort(key=lambda t: t.i)
    # Only a contiguous run around the head counts (a dropped clause leaves a gap).
    run = [t for t in kept if abs(t.i - head.i) <= _MAX_NAME_TOKENS]
    # "the ministry" is the ministry; "a military source" stays as written (anonymous).
    while run and run[0].is_punct:
        run = run[1:]
    while run and run[-1].is_punct:
        run = run[:-1]
    return _with_hyphenated_tail(run)


def _with_hyphenated_tail(run: list[Token]) -> list[Token]:
    """ "Bashar al-Assad" parsed as "al" and a stray "-Assad": keep the name whole."""
    if not run:
        return run
    doc = run[0].doc
    i = run[-1].i
    while i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].pos_ == "PROPN":
        if doc[i + 1].whitespace_ or run[-1].whitespace_:
            break
        run = [*run, doc[i + 1], doc[i + 2]]
        i += 2
    return run


def _short_form(written: str, canonical: str) -> bool:
    """ "Observatory" for the Syrian Observatory for Human Rights; not "Syrian military"
    for the Syrian Army, nor "White House" for the United States (other words, kept)."""
    words = {w.strip(".,'’").lower() for w in written.split()} - {"the", "'s", "’s"}
    return len(written.split()) > _WRITTEN_NAME_WORDS or words <= {
        w.lower() for w in canonical.split()
    }


def _in_dateline(subject: Token) -> bool:
    """ "BEIRUT: ...", "Damascus, SANA - ...": a place opening the sentence before a colon or
    a dash is the dateline, not a speaker."""
    if subject.ent_type_ not in {"GPE", "LOC"} or subject.i - subject.sent.start > 3:
        return False
    following = subject.doc[subject.i + 1 : subject.i + 5]
    return any(t.text in {":", "-", "–", "—"} for t in following)


def _without_bare_title(tokens: list[Token]) -> list[Token]:
    """ "Spokesman Ryan Dillon said": the person; a title with its body stays ("Coalition
    spokesman Ryan Dillon")."""
    titled = len(tokens) > 1 and tokens[1].pos_ == "PROPN" and tokens[0].is_title
    if titled and tokens[0].lemma_.lower() in syntax_cues().speaker_heads:
        return tokens[1:]
    return tokens


def _in_name(token: Token) -> bool:
    if token.dep_ in _NOT_NAME:
        return False
    return not (token.dep_ == "acl" and token.lemma_.lower() in _ASIDES)


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def _trimmed(name: str) -> str:
    words = name.split()
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def _title(subject: Token) -> str | None:
    """An apposition giving the speaker's role: "NAME, head of the monitor"."""
    appos = next((c for c in subject.children if c.dep_ == "appos"), None)
    if appos is None:
        return None
    tokens = _name_tokens(appos)
    if not tokens or len(tokens) > _MAX_NAME_TOKENS:
        return None
    return text_of(subject.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _body(subject: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The body a person speaks for: an actor in the apposition or the title before the name
    ("NAME, head of the Observatory"; "Observatory head NAME"; "the monitor's chief")."""
    parts = [c for c in subject.children if c.dep_ in {"appos", "compound", "poss", "prep", "acl"}]
    for part in parts:
        found = _entity_in(mentions, part.left_edge.idx, _end(part.right_edge), head=None)
        if found is not None:
            return found
    return None


def _entity_in(
    mentions: Sequence[Mention], start: int, end: int, head: Token | None
) -> Mention | None:
    """The actor mention inside [start, end); with a head, the mention covering the head
    (a country or capital speaking counts: "Iraq said", "Moscow denied")."""
    if head is not None:
        covering = [m for m in mentions if m.key and m.start <= head.idx < m.end]
        if covering:
            return covering[0]
        return None
    inside = [m for m in mentions if m.kind == "actor" and start <= m.start and m.end <= end]
    return inside[0] if inside else None


def _told_medium(verb: Token, mentions: Sequence[Mention]) -> Claimant | None:
    """ "X told AFP": AFP relays X's claim."""
    for child in verb.children:
        if child.dep_ in {"dobj", "dative", "iobj"}:
            found = _entity_in(mentions, child.left_edge.idx, _end(child.right_edge), None)
            if found is not None and found.subtype == "media":
                return Claimant(found.name, found.key, "told", found.start, found.end)
    return None


def _quoting(
    verb: Token, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> Attribution | None:
    """ "TASS quoted the ministry as saying ...", "cited sources as saying", "quoted a
    statement by X": the one quoted claims, the subject relays."""
    quoted = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if quoted is None:
        return None
    by = _pobj_of(quoted, "by") or _pobj_of(quoted, "from")
    speaker = by if by is not None and quoted.lemma_.lower() in _DOCUMENTS else quoted
    claimant = _claimant(speaker, mentions, "quoted as saying")
    subject = _relaying_subject(verb, lexicon)
    relay = _claimant(subject, mentions, "quoted") if subject is not None else None
    if quoted.dep_ == "nsubjpass":  # "X was quoted by RIA as saying"
        agent = _pobj_of(verb, "by")
        claimant, relay = _claimant(quoted, mentions, "quoted as saying"), None
        if agent is not None:
            relay = _claimant(agent, mentions, "quoted")
    saying = next((t for t in verb.subtree if t.lower_ in _SAYING and t.i > verb.i), None)
    if verb.tag_ == "VBG" and saying is None and relay and not _is_medium(subject, mentions):
        # "the monitor said, citing medical sources who ...": the monitor's claim, on its
        # sources' word; only a medium citing someone ("TASS reported, citing the
        # ministry") relays it.
        cited_by = replace(relay, cue=claimant.cue if claimant else relay.cue)
        return Attribution(cited_by, (_end(verb), s.end), (verb.idx, _end(verb)), True)
    start = _end(saying) if saying is not None else _end(verb.right_edge)
    return Attribution(claimant, (start, s.end), (verb.idx, start), True, relay=relay)


def _is_medium(speaker: Token | None, mentions: Sequence[Mention]) -> bool:
    if speaker is None:
        return False
    found = _entity_in(mentions, speaker.left_edge.idx, _end(speaker.right_edge), head=speaker)
    return found is not None and found.subtype == "media"


def _relaying_subject(verb: Token, lexicon: Lexicon) -> Token | None:
    """Who quotes: the subject; for a participle ("TASS reported, citing the ministry, ..."),
    the subject of the speech verb before it, wherever the parser hung the participle."""
    if verb.tag_ != "VBG":
        return _subject(verb)
    lemmas = lexicon.speech_lemmas
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.pos_ == "VERB" and token.lemma_.lower() in lemmas:
            return _subject(token)
    return None


_DOCUMENTS = frozenset({"statement", "report", "communique", "message", "letter", "post"})
_SAYING = frozenset({"saying", "stating", "telling", "reporting", "confirming", "that"})


def _pobj_of(token: Token, preposition: str) -> Token | None:
    for child in token.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ == preposition:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _according(span: Span, s: Sentence, mentions: Sequence[Mention]) -> Iterable[Attribution]:
    """ "According to X, ...": X claims the whole sentence."""
    for token in span:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if source is None:
            continue
        # "according to a statement from the ministry": the ministry claims.
        if source.lemma_.lower() in _DOCUMENTS:
            source = _pobj_of(source, "from") or _pobj_of(source, "by") or source
        named = _entity_in(mentions, source.idx, _end(source), head=source) is not None
        if not can_speak(source, syntax_cues(), named):
            continue  # "according to orders issued by ...", "according to the data"
        claimant = _claimant(source, mentions, "according to")
        if claimant is None:
            continue
        relay = None
        owned = _media_owner(source, mentions)
        if owned is not None:  # "according to the group's Amaq agency": the group claims
            claimant, relay = owned
        cue_end = to.idx + len(to.text) if to is not None else token.idx + len(token.text)
        yield Attribution(claimant, (s.start, s.end), (token.idx, cue_end), True, relay=relay)


def _media_owner(source: Token, mentions: Sequence[Mention]) -> tuple[Claimant, Claimant] | None:
    """The body whose outlet a medium is, and the medium ("the group's Amaq agency")."""
    start, end = source.left_edge.idx, _end(source.right_edge)
    media = [m for m in mentions if m.subtype == "media" and start <= m.start and m.end <= end]
    owner = next((c for c in source.children if c.dep_ == "poss"), None)
    if not media or owner is None:
        return None
    found = _entity_in(mentions, owner.left_edge.idx, _end(owner.right_edge), head=None)
    if found is None or found.key == media[0].key:
        return None
    claimant = Claimant(found.name, found.key, "according to", found.start, found.end)
    medium = media[0]
    return claimant, Claimant(medium.name, medium.key, "via", medium.start, medium.end)
