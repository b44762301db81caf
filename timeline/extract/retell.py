"""An earlier claim told again by someone who denies it (denials, debunkings)."""

from __future__ import annotations

from timeline.extract.types import Claimant, EventMention


def denying_retelling(
    claim: EventMention,
    *,
    cue: tuple[str, int, int],
    evidence: tuple[int, int],
    sentence_index: int,
    claimant: Claimant | None,
    rule: str,
    extras: dict[str, str],
) -> EventMention:
    """The claimed event, its participants and time, with the denier's cue as evidence."""
    text, start, end = cue
    return EventMention(
        kind=claim.kind,
        trigger=text,
        trigger_start=start,
        trigger_end=end,
        evidence_start=evidence[0],
        evidence_end=evidence[1],
        sentence_index=sentence_index,
        participants=claim.participants,
        claimant=claimant,
        polarity="denies",
        time_index=claim.time_index,
        time_source="context" if claim.time_index is not None else "publication",
        rule=rule,
        extras={
            "category": claim.extras.get("category", ""),
            **extras,
            "denied_trigger": claim.trigger,
        },
    )
