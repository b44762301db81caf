"""English inflection of verb lemmas, for the attribution cues that still match text.

Triggers match on the parse's lemmas (triggers.py); only the speech verbs and lead verbs of
cues.yaml, which attribution.py finds with regular expressions, need their surface forms.
Over-generation is harmless (a form that never occurs never matches), so the rules are
simple; irregular past tenses and participles are given in the data.
"""

from __future__ import annotations

_VOWELS = "aeiou"


def _doubles_final(word: str) -> bool:
    """Short consonant-vowel-consonant verbs double the consonant: ban → banned."""
    return (
        len(word) <= 4
        and len(word) >= 3
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def _third(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in tuple(_VOWELS):
        return word[:-1] + "ies"
    return word + "s"


def _past(word: str) -> str:
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and word[-2:-1] not in tuple(_VOWELS):
        return word[:-1] + "ied"
    if _doubles_final(word):
        return word + word[-1] + "ed"
    return word + "ed"


def _gerund(word: str) -> str:
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return word[:-1] + "ing"
    if _doubles_final(word):
        return word + word[-1] + "ing"
    return word + "ing"


def verb_forms(lemma: str, past: str | None = None, participle: str | None = None) -> list[str]:
    """Base, third person, past, participle and gerund, in that order; in a phrasal verb
    ("point out") the first word inflects."""
    head, _, rest = lemma.lower().partition(" ")
    tail = f" {rest}" if rest else ""
    past_form = past.lower() if past else _past(head) + tail
    participle_form = participle.lower() if participle else past_form
    return [
        lemma.lower(),
        _third(head) + tail,
        past_form,
        participle_form,
        _gerund(head) + tail,
    ]
