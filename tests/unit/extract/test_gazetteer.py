from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract import Gazetteer, GazetteerError, load_gazetteer
from timeline.extract.gazetteer import force_table


def _keys(gazetteer: Gazetteer, text: str) -> list[str]:
    return [m.entry.key for m in gazetteer.find(text)]


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("Abu Kamal", "abu-kamal"),
        ("Al-Bukamal", "abu-kamal"),
        ("Albu Kamal", "abu-kamal"),
        ("Abu-Kemal", "abu-kamal"),
        ("Bukamal", "abu-kamal"),
        ("al bukamal", "abu-kamal"),
        ("ISIS", "isis"),
        ("ISIL", "isis"),
        ("IS", "isis"),
        ("Islamic State", "isis"),
        ("Daesh", "isis"),
        ("the jihadists", "isis"),
        ("Syrian Army", "syrian-army"),
        ("Syrian army", "syrian-army"),
        ("government forces", "syrian-army"),
        ("US-led coalition", "us-led-coalition"),
        ("Washington-led coalition", "us-led-coalition"),
        ("U.S.-led coalition", "us-led-coalition"),
        ("Russian Defense Ministry", "russian-defense-ministry"),
        ("Russian MoD", "russian-defense-ministry"),
        ("Russian Ministry of Defence", "russian-defense-ministry"),
        ("Russia’s Defence Ministry", "russian-defense-ministry"),
        ("Hezbollah", "hezbollah"),
        ("Hizbollah", "hezbollah"),
        ("SOHR", "sohr"),
        ("Syrian Observatory for Human Rights", "sohr"),
        ("SDF", "sdf"),
        ("Syrian Democratic Forces", "sdf"),
    ],
)
def test_spelling_variants(gazetteer: Gazetteer, surface: str, key: str) -> None:
    assert _keys(gazetteer, f"Reports from {surface} today.") == [key]
    assert gazetteer.lookup(surface) is not None


@pytest.mark.parametrize(
    "text",
    [
        "This is what it is.",
        "Tell us more.",
        "The F-16 flew.",
        "Some 2,000 fighters.",
        "Resolution 2254 was adopted.",
        "Take a look.",
        "WHAT IS THIS",
        "Isis was a goddess.",
        "The sdf file.",
        "His kamal.",
    ],
)
def test_negative_corpus_finds_no_entity(gazetteer: Gazetteer, text: str) -> None:
    assert _keys(gazetteer, text) == []


def test_longest_alias_wins_and_offsets_are_exact(gazetteer: Gazetteer) -> None:
    text = "The Syrian Observatory for Human Rights and the US-led coalition."
    matches = list(gazetteer.find(text))
    assert [m.text for m in matches] == ["Syrian Observatory for Human Rights", "US-led coalition"]
    assert all(text[m.start : m.end] == m.text for m in matches)


def test_packaged_entries_are_complete(gazetteer: Gazetteer) -> None:
    places = [e for e in gazetteer.entries.values() if e.kind == "place"]
    assert gazetteer.entries["abu-kamal"].lat is not None
    assert all(e.subtype for e in places)
    assert {"actor", "place"} == {e.kind for e in gazetteer.entries.values()}


def test_from_entries_builds_from_rows() -> None:
    g = Gazetteer.from_entries(
        [
            {
                "key": "x-town",
                "name": "X Town",
                "kind": "place",
                "subtype": "town",
                "aliases": ["Ex Town"],
                "lat": 1.5,
                "lon": 2,
            }
        ]
    )
    assert [m.entry.key for m in g.find("near ex-town")] == ["x-town"]
    assert g.entries["x-town"].lon == 2.0


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"key": "Bad Key", "name": "n", "kind": "actor", "subtype": "s"}, "slug"),
        ({"key": "k", "name": "", "kind": "actor", "subtype": "s"}, "name"),
        ({"key": "k", "name": "nn", "kind": "person", "subtype": "s"}, "kind"),
        ({"key": "k", "name": "n", "kind": "actor", "subtype": "s", "aliases": "x"}, "aliases"),
        ({"key": "k", "name": "nn", "kind": "place", "subtype": "s", "lat": 123}, "lat"),
        ({"key": "k", "name": "nn", "kind": "place", "subtype": "s", "colour": 1}, "unknown"),
        ({"key": "k", "name": "Kay", "kind": "actor", "subtype": "s", "aliases": ["K"]}, "two"),
    ],
)
def test_bad_entries_are_named(entry: dict[str, object], message: str) -> None:
    with pytest.raises(GazetteerError, match=message) as info:
        Gazetteer.from_entries([entry])
    assert "gazetteer entry #0" in str(info.value)


def test_duplicate_alias_across_entries_is_an_error() -> None:
    entries = [
        {"key": "a", "name": "Alpha", "kind": "actor", "subtype": "s", "aliases": ["Common"]},
        {"key": "b", "name": "Beta", "kind": "actor", "subtype": "s", "aliases": ["common"]},
    ]
    with pytest.raises(GazetteerError, match=r"'b'.*already names 'a'"):
        Gazetteer.from_entries(entries)


def test_load_from_path_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("- key: ok\n  name: Ok\n  kind: actor\n  subtype: s\n- key: bad\n", "utf-8")
    with pytest.raises(GazetteerError, match=r"g\.yaml.*'bad'"):
        load_gazetteer(path)
    path.write_text("{not: a list}", "utf-8")
    with pytest.raises(GazetteerError, match="list"):
        load_gazetteer(path)


FORCE_EXAMPLES = force_table()["examples"]


@pytest.mark.parametrize("example", FORCE_EXAMPLES, ids=lambda e: e["text"])
def test_forces_named_by_their_nationality(example: dict[str, str], gazetteer: Gazetteer) -> None:
    assert example["key"] in _keys(gazetteer, f"Reports say {example['text']} moved.")


def test_force_aliases_never_shadow_a_listed_alias(gazetteer: Gazetteer) -> None:
    assert _keys(gazetteer, "Syrian Army units") == ["syrian-army"]
    assert _keys(gazetteer, "Russian Air Force") == ["russian-air-force"]


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("Shayrat", "shayrat-air-base"),
        ("al-Shayrat military airfield", "shayrat-air-base"),
        ("Shairat airbase", "shayrat-air-base"),
        ("Sharyat airfield", "shayrat-air-base"),
        ("T-4 airbase", "tiyas-air-base"),
        ("Khmeimim airbase", "hmeimim"),
        ("Khan Shaykhoun", "khan-sheikhoun"),
        ("Homs province", "homs-province"),
        ("Homs", "homs"),
        ("Damascus countryside", "rif-dimashq"),
        ("Latakia province", "latakia-province"),
        ("Latakia", "latakia"),
        ("SOHR", "sohr"),
        ("Syrian state TV", "syrian-state-tv"),
        ("White House", "white-house"),
        ("Kremlin", "kremlin"),
        ("US Central Command", "centcom"),
        ("CENTCOM", "centcom"),
        ("Russia's Defence Ministry", "russian-defense-ministry"),
        ("Turkish Health Ministry", "turkish-health-ministry"),
        ("World Health Organization", "world-health-organization"),
        ("WHO", "world-health-organization"),
        ("OPCW", "opcw"),
        ("UN Security Council", "un-security-council"),
        ("Union of Medical Care and Relief Organizations", "uossm"),
        ("White Helmets", "syrian-civil-defence"),
        ("High Negotiations Committee", "high-negotiations-committee"),
        ("Syrian Coalition", "syrian-national-coalition"),
        ("Jabhat Fatah al-Sham", "hts"),
        ("Syrian warplanes", "syrian-air-force"),
        ("U.S. Navy", "us-armed-forces"),
        ("BBC", "bbc"),
        ("Sputnik", "sputnik"),
    ],
)
def test_wire_copy_names(gazetteer: Gazetteer, surface: str, key: str) -> None:
    assert _keys(gazetteer, f"Reports from {surface} today.") == [key]
    entry = gazetteer.lookup(surface)
    assert entry is not None and entry.key == key


def test_the_mayadeen_channel_is_not_the_town(gazetteer: Gazetteer) -> None:
    assert _keys(gazetteer, "The governor told al-Mayadeen TV.") == ["al-mayadeen"]
    assert _keys(gazetteer, "He told Al Mayadeen.") == ["al-mayadeen"]
    assert _keys(gazetteer, "Troops entered Mayadin.") == ["mayadin"]
    assert _keys(gazetteer, "Troops entered al-Mayadin.") == ["mayadin"]
    assert gazetteer.entries["al-mayadeen"].subtype == "media"
    assert gazetteer.entries["mayadin"].kind == "place"


@pytest.mark.parametrize(
    "text",
    [
        "He was hit by a car.",
        "The general amnesty was announced.",
        "Who is there?",
        "The Federal Police of Germany.",
        "Step by step news came in.",
        "Warned Russia 24 hours in advance.",
    ],
)
def test_new_aliases_swallow_no_common_words(gazetteer: Gazetteer, text: str) -> None:
    assert [k for k in _keys(gazetteer, text) if k != "russia"] == []


def test_capitals_name_the_actor_they_seat(gazetteer: Gazetteer) -> None:
    assert gazetteer.entries["damascus"].capital_of == "syrian-government"
    assert gazetteer.entries["baghdad"].capital_of == "iraqi-government"
    assert gazetteer.entries["homs"].capital_of is None
    for entry in gazetteer.entries.values():
        if entry.capital_of is not None:
            assert entry.kind == "place"
            assert gazetteer.entries[entry.capital_of].kind == "actor"


_STATE = {"key": "state-x", "name": "State X", "kind": "actor", "subtype": "state"}
_TOWN = {"key": "x-town", "name": "X Town", "kind": "place", "subtype": "town"}


def test_capital_of_is_kept_and_served_with_the_entry() -> None:
    g = Gazetteer.from_entries([_STATE, {**_TOWN, "capital_of": "state-x"}])
    assert g.entries["x-town"].capital_of == "state-x"
    assert g.entries["state-x"].capital_of is None


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([_STATE, {**_TOWN, "capital_of": "nowhere"}], r"'x-town'.*capital_of 'nowhere'"),
        (
            [_STATE, _TOWN, {**_TOWN, "key": "y", "name": "Why Town", "capital_of": "x-town"}],
            "no actor",
        ),
        ([{**_STATE, "capital_of": "state-x"}], "on a place"),
        ([_STATE, {**_TOWN, "capital_of": 3}], "capital_of"),
        ([_STATE, {**_TOWN, "capital_of": "State X"}], "slug"),
    ],
)
def test_bad_capital_of_is_refused(entries: list[dict[str, object]], message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        Gazetteer.from_entries(entries)


@cache
def _packaged_with_words() -> tuple[Gazetteer, list[str]]:
    """The packaged gazetteer (built once: its alternation takes a while to compile) and the
    words of its aliases."""
    gazetteer = load_gazetteer()
    aliases = {a for e in gazetteer.entries.values() for a in (e.name, *e.aliases)}
    return gazetteer, sorted({w for a in aliases for w in a.replace("-", " ").split()})


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_word_indexed_search_finds_what_the_one_alternation_finds(data: st.DataObject) -> None:
    """The fast path (aliases tried by the word they open with) is the alternation of every
    alias, match for match, on text made of alias words, case changes and punctuation."""
    gazetteer, words = _packaged_with_words()
    word = st.sampled_from(words).flatmap(lambda w: st.sampled_from([w, w.lower(), w.upper()]))
    glue = st.sampled_from([" ", "-", ", ", ".", "'s ", "\n", "x", " the "])
    parts = data.draw(st.lists(st.tuples(word, glue), max_size=14))
    text = "".join(w + g for w, g in parts)
    start = data.draw(st.integers(0, len(text)))
    fast = [m.span() for m in gazetteer._matches(text, start, len(text))]
    slow = [m.span() for m in gazetteer._pattern.finditer(text, start, len(text))]
    assert fast == slow


def test_an_alias_opening_with_punctuation_is_still_found() -> None:
    gazetteer = Gazetteer.from_entries(
        [
            {
                "key": "quoted",
                "name": "'Quoted Front'",
                "kind": "actor",
                "subtype": "armed_group",
                "aliases": [],
            }
        ]
    )
    assert [m.entry.key for m in gazetteer.find("Fighters of 'Quoted Front' said")] == ["quoted"]
