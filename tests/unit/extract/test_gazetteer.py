from __future__ import annotations

from pathlib import Path

import pytest

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
