"""Extraction: sentences, event mentions, participants and attribution. Pure.

    split_sentences(text) -> list[Sentence]           exact offsets, paragraph indexes
    load_gazetteer(path=None) -> Gazetteer             validated; Gazetteer.from_entries(rows)
    extract_events(text, time_mentions, gazetteer, *, publisher=None) -> list[EventMention]

The flow (events.py): the document is prepared once (document.py: sentences, boilerplate,
entity mentions with anaphors and the parse's named entities the gazetteer does not know
(unknown_entities.py, data/unknown_entities.yaml), attributions, quotations, statement times);
then each sentence's triggers (triggers.py, rules in data/triggers.yaml) get participants
(participants.py), a claimant (speech.py, leads.py, tellers.py) and a time
(timing.py), assembled into EventMention objects (assemble.py). Then two passes look back
over the document: leaders.py ("the assault was led by X": the event told before, retold with
X as agent, rule "lead-of-event") and denials.py ("those claims were rejected": each claim
referred to, told again as denied by the denier, rule "denial-of-claims"). Cue lexicons live
in data/cues.yaml, forces named by nationality in data/forces.yaml, actors and places in
timeline/data/gazetteer.yaml.

Event kinds: capture, attack, casualties, movement, request, refusal, denial, accusation,
statement, discovery. EventMention.extras keys (all strings): category (control_change,
attack, casualties, movement, communication, discovery), voice (active|passive), time_rule
(own, same_paragraph, previous_paragraph, before_statement, publication; antecedent and
denied_claim: the time of the event referred back to), and when they apply other_triggers,
relayed_by / relayed_by_key (a medium relaying the claimant), count ("two" requests),
antecedent (the trigger a lead refers back to), denied_trigger (the claim a denial denies).
Claimant.cue tells how the claimant was found: the cue word ("said",
"according to", "quoted as saying"), "lead", "inherited" (the running attribution) or
"pronoun".
"""

from timeline.extract.events import extract_events
from timeline.extract.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from timeline.extract.sentences import split_sentences

__all__ = ["Gazetteer", "GazetteerError", "extract_events", "load_gazetteer", "split_sentences"]
