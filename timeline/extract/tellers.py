"""Who tells the sentences that name no source: the document's running attribution.

Two levels. A lead in the first paragraphs of running text ("The Russian Defense Ministry has
provided some information, regarding ...", or a speaker-first attribution by a known source)
frames the whole document: its source tells every later sentence that names no other.
Any other attribution holds to the end of its paragraph, after which the frame tells again.
A pronoun speaker ("It said") is the last named speaker, in any paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from timeline.extract.attribution import Attribution
from timeline.extract.document import Document
from timeline.extract.types import Claimant


@dataclass(slots=True)
class Tellers:
    frame: Claimant | None = None
    local: Claimant | None = None
    local_paragraph: int = -1
    last: Claimant | None = None

    def inherited(self, paragraph: int) -> Claimant | None:
        """The claimant of a sentence in `paragraph` that names none itself."""
        teller = self.local if self.local_paragraph == paragraph else self.frame
        return None if teller is None else replace(teller, cue="inherited")

    def pronoun(self) -> Claimant | None:
        return None if self.last is None else replace(self.last, cue="pronoun")

    def effective(self, doc: Document, index: int) -> Claimant | None:
        """Who tells sentence `index` as a whole (its first sentence-level attribution)."""
        for a in doc.attributions[index]:
            if a.sentence_level:
                return a.claimant or self.pronoun()
        return self.inherited(doc.sentences[index].paragraph)

    def update(self, doc: Document, index: int) -> None:
        s = doc.sentences[index]
        for a in doc.attributions[index]:
            if not a.sentence_level:
                continue
            claimant = a.claimant or self.last
            if claimant is None:
                continue
            self.last = claimant
            if a.claimant is not None and _opens_document(doc, index, a):
                self.frame, self.local = claimant, None
            else:
                self.local, self.local_paragraph = claimant, s.paragraph


def _opens_document(doc: Document, index: int, a: Attribution) -> bool:
    claimant = a.claimant
    s = doc.sentences[index]
    if claimant is None or s.paragraph not in doc.lead_paragraphs:
        return False
    # Only a lead that sets out what follows ("X has provided some information, regarding
    # ...") frames a document; a news story's first speaker tells only its own sentences,
    # and the background is the publisher's.
    return claimant.cue == "lead"


def identity(claimant: Claimant | None, anonymous_heads: frozenset[str]) -> str | None:
    """What makes two claimants the same teller: the entity, else the kind of source."""
    if claimant is None:
        return None
    if claimant.entity_key:
        return claimant.entity_key
    words = claimant.name.lower().split()
    return next((w for w in words if w in anonymous_heads), claimant.name.lower())
