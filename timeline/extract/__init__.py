"""Extraction: sentences, event mentions, participants and attribution. Pure."""

from timeline.extract.events import extract_events
from timeline.extract.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from timeline.extract.sentences import split_sentences

__all__ = ["Gazetteer", "GazetteerError", "extract_events", "load_gazetteer", "split_sentences"]
