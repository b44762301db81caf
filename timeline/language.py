"""Which language a text is written in, when the client does not say (ISO 639-1).

py3langid (langid.py's naive Bayes model over byte n-grams, shipped inside the package:
no download) is deterministic: the same text always gets the same answer. A text the
model gives to a language we cannot read (Italian), or that has no letters, is read as
English, the tagger's default, and stored as such.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from timeline.temporal import SUPPORTED_LANGUAGES

DEFAULT_LANGUAGE = "en"
LANGUAGE_CODE = re.compile(r"[a-z]{2}")  # ISO 639-1, as clients send it
SAMPLE_CHARS = 5_000  # enough for the model; a long article's language is its opening's
MIN_LETTERS = 3
# French, German and Spanish share English's script: on a short English string (a name, a
# dateline) the model's guess among them is weak, and a wrong foreign reading loses every
# English expression, so a guess of one of them must be this sure.
LATIN_SCRIPT = frozenset({"fr", "de", "es"})
LATIN_MIN_CONFIDENCE = 0.5


@cache
def _identifier() -> Any:
    """The model, loaded once per process (about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the model now (at service start) rather than on the first request."""
    _identifier()


def detect_language(text: str) -> str:
    """The ISO 639-1 code of `text`'s language among `SUPPORTED_LANGUAGES`, else "en"."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return DEFAULT_LANGUAGE
    code, confidence = _identifier().classify(sample)
    if code not in SUPPORTED_LANGUAGES:
        return DEFAULT_LANGUAGE
    if code in LATIN_SCRIPT and confidence < LATIN_MIN_CONFIDENCE:
        return DEFAULT_LANGUAGE
    return str(code)


def check_language(code: str) -> str:
    """`code` if it is a supported ISO 639-1 code, else ValueError saying what is."""
    if LANGUAGE_CODE.fullmatch(code) is None:
        raise ValueError(
            f"language must be an ISO 639-1 code of two lowercase letters, not {code!r}"
        )
    if code not in SUPPORTED_LANGUAGES:
        supported = ", ".join(SUPPORTED_LANGUAGES)
        raise ValueError(f"language {code!r} is not supported; supported: {supported}")
    return code
