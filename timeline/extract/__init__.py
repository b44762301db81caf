"""Extraction: sentences, event mentions, participants and attribution. Pure.

    split_sentences(text) -> list[Sentence]           exact offsets, paragraph indexes
    load_gazetteer(path=None) -> Gazetteer             validated; Gazetteer.from_entries(rows)
    extract_events(text, time_mentions, gazetteer, *, publisher=None) -> list[EventMention]

The flow (events.py): the document is prepared once (document.py: sentences, boilerplate,
entity mentions with anaphors and unknown names, attributions, quotations, statement times);
then each sentence's triggers (triggers.py, rules in data/triggers.yaml) get participants
(participants.py), a claimant (attribution.py, speakers.py, tellers.py) and a time
(timing.py), assembled into EventMention objects (assemble.py). Cue lexicons live in
data/cues.yaml, actors and places in timeline/data/gazetteer.yaml.
"""

from timeline.extract.events import extract_events
from timeline.extract.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from timeline.extract.sentences import split_sentences

__all__ = ["Gazetteer", "GazetteerError", "extract_events", "load_gazetteer", "split_sentences"]
