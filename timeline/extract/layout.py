"""What each paragraph of a page is: headline, running text, or something else on the page.

Wire copy and news pages carry more than the story: a headline (and a standfirst) before
it, then, among and after its paragraphs, titles of other stories ("Read more: ..." links,
digests, galleries), crossheads, bylines and lines repeated by the page. A story's
paragraphs are sentences: they end with a full stop, a question or exclamation mark, or a
closing quote. A short line that does not is a title. Before the first paragraph of running
text it is the story's own headline, kept (a headline is the publisher's account); after it,
it is the title of something else on the page, and tells nothing of this story. A paragraph
that repeats an earlier one word for word tells nothing new.

Only the layout decides, never a phrase: the rules hold for any story. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from timeline.extract.types import Sentence

Layout = Literal["headline", "byline", "body", "title", "repeat"]

# A line of at most this many words without a final stop is a title; a longer one is
# running text cut short (the excerpt ends, or the page dropped the stop).
_TITLE_WORDS = 20
# Running text starts at the first paragraph of a sentence of at least this many words.
_BODY_WORDS = 10
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*\s*$|[\"”’»]\s*$")
_WORD = re.compile(r"\w+")
# "By NAME, NAME and NAME, AGENCY": who wrote it, not what happened.
_BYLINE = re.compile(r"^By\s+[A-Z]")


def paragraph_layouts(sentences: Sequence[Sentence]) -> dict[int, Layout]:
    """The layout of every paragraph the sentences belong to, by paragraph index."""
    paragraphs = _paragraph_texts(sentences)
    seen: set[str] = set()
    body_started = False
    layouts: dict[int, Layout] = {}
    for index, text in paragraphs.items():
        words = _WORD.findall(text)
        folded = " ".join(w.casefold() for w in words)
        if folded and folded in seen:
            layouts[index] = "repeat"
            continue
        seen.add(folded)
        is_title = len(words) <= _TITLE_WORDS and not _ENDS_SENTENCE.search(text)
        if is_title and _BYLINE.match(text):
            layouts[index] = "byline"
        elif is_title:
            layouts[index] = "title" if body_started else "headline"
        else:
            layouts[index] = "body"
            body_started = body_started or len(words) >= _BODY_WORDS
    return layouts


def tells_nothing(layout: Layout) -> bool:
    """Whether a paragraph's sentences are left out of the story's accounts."""
    return layout in ("byline", "title", "repeat")


def _paragraph_texts(sentences: Sequence[Sentence]) -> dict[int, str]:
    texts: dict[int, list[str]] = {}
    for s in sentences:
        texts.setdefault(s.paragraph, []).append(s.text)
    return {index: " ".join(parts).strip() for index, parts in texts.items()}
