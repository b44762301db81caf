"""What an attribution is: a claimant, the span it covers and its cue; and relays folded in.

Attributions are read off the dependency parse: speech verbs and "according to" in
speech.py, leads ("X has provided some information, regarding ...") in leads.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from timeline.extract.mentions import Mention
from timeline.extract.types import Claimant, Polarity


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: Claimant | None  # None: a pronoun, i.e. the running claimant
    scope: tuple[int, int]
    cue: tuple[int, int]
    sentence_level: bool  # a finite cue, "according to" or a lead: sets the running claimant
    polarity: Polarity = "asserts"
    hedge: str | None = None
    relay: Claimant | None = None


def claimant_of(mention: Mention, cue: str) -> Claimant:
    return Claimant(mention.name, mention.key, cue, mention.start, mention.end)


def fold_relays(found: list[Attribution], mentions: Sequence[Mention]) -> list[Attribution]:
    """'The ministry said ..., TASS reported': TASS relays the ministry's claim.

    The media attributions stay (first, so that the inner speaker is the one that runs on):
    their spans are not participants, and they still cover what no inner speaker does."""
    media_keys = {m.key for m in mentions if m.subtype == "media" and m.key}
    media = [a for a in found if a.claimant and a.claimant.entity_key in media_keys]
    inner = [a for a in found if a not in media]
    if not media or not inner:
        return found
    relay = media[0].claimant
    return media + [replace(a, relay=a.relay or relay) for a in inner]
