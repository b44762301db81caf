"""Full-text search (q) on documents, events and accounts: words, stems, folding, ranking,
other filters alongside, hostile input, and an index that follows every change."""

from __future__ import annotations

import csv
import io
import random
import string
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from api.routers.documents import index_limit_problem
from timeline.demo import demo_drafts
from timeline.entities import GazetteerCache
from timeline.extract import load_gazetteer
from timeline.ingest import ingest_document
from timeline.settings import PROJECT_DIR
from timeline.store.db import unit_of_work
from timeline.store.models import Account, Document, Event, Source
from timeline.store.repositories import DocumentFilter, DocumentRepository

# Our own texts. ROUNDUP mentions a capture once in a long text and comes first in time;
# CAPTURE says it in the title and three times in a short text.
ROUNDUP = (
    "Wire A",
    "2017-11-08",
    "Weekly roundup",
    "The weekly roundup covers the provinces. Aid convoys reached Homs on Monday. Markets "
    "reopened in Hama after the storm. Schools in Latakia stayed closed. Troops captured a "
    "hill near Palmyra on Tuesday, the army said. Officials met in Damascus about water.",
)
CAPTURE = (
    "Wire B",
    "2017-11-10",
    "Troops capture Abu Kamal",
    "Syrian troops captured Abu Kamal on Thursday, the army command said. The capture of "
    "the town followed the capture of its bridge.",
)
ATTACK = (
    "Wire C",
    "2017-11-20",
    "Attack on Deir ez-Zor",
    "Rebels attacked Deir ez-Zor on Saturday, the monitor said. Shelling hit the Café "
    "Rivière district.",
)
REOPENING = (
    "Wire C",
    "2017-12-02",
    "Cafe Riviere reopens",
    "The Cafe Riviere in Deir ez-Zor reopened on Monday, its owner said.",
)
DOCUMENTS = (ROUNDUP, CAPTURE, ATTACK, REOPENING)
WHO = {"X-Curator": "desk-editor"}
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def loaded(client: TestClient) -> None:
    for source, published, title, text in DOCUMENTS:
        body = {"text": text, "published": published, "source": source, "title": title}
        response = client.post("/documents", json=body)
        assert response.status_code == 201, response.text


def _get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = _get(client, path, limit=500, **params)["items"]
    return items


def _titles(client: TestClient, **params: Any) -> list[str]:
    return [d["title"] for d in _items(client, "/documents", **params)]


def _ids(client: TestClient, path: str, **params: Any) -> set[int]:
    return {item["id"] for item in _items(client, path, **params)}


def _all_pages(client: TestClient, path: str, **params: Any) -> list[int]:
    seen: list[int] = []
    cursor = None
    while True:
        page = _get(client, path, limit=1, **params, **({"cursor": cursor} if cursor else {}))
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen


# --- documents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "titles"),
    [
        ("captures", {"Weekly roundup", "Troops capture Abu Kamal"}),  # stem of "captured"
        ("CAPTURED palmyra", {"Weekly roundup"}),  # every word must match
        ("cafe riviere", {"Attack on Deir ez-Zor", "Cafe Riviere reopens"}),  # accents folded
        ("RIVIÈRE", {"Attack on Deir ez-Zor", "Cafe Riviere reopens"}),  # both ways
        ("Rivière shelling", {"Attack on Deir ez-Zor"}),
        ("reopen", {"Weekly roundup", "Cafe Riviere reopens"}),  # "reopened", "reopens"
        ("capture zebra", set()),
    ],
)
def test_documents_are_found_by_their_words(
    client: TestClient, loaded: None, q: str, titles: set[str]
) -> None:
    assert set(_titles(client, q=q)) == titles


def test_the_better_match_ranks_first_and_sort_time_orders_by_publication(
    client: TestClient, loaded: None
) -> None:
    assert _titles(client, q="captured") == ["Troops capture Abu Kamal", "Weekly roundup"]
    assert _titles(client, q="captured", sort="time") == [
        "Weekly roundup",
        "Troops capture Abu Kamal",
    ]


def test_a_snippet_marks_the_matched_words(client: TestClient, loaded: None) -> None:
    found = _items(client, "/documents", q="captures")
    for document in found:
        marked = document["snippet"].split("**")[1::2]
        assert marked and all(word.lower().startswith("captur") for word in marked)
    listed = _items(client, "/documents")
    assert [d["snippet"] for d in listed] == [None] * len(DOCUMENTS)


def test_documents_narrowed_by_source_and_publication(client: TestClient, loaded: None) -> None:
    assert _titles(client, q="captured", source="wire a") == ["Weekly roundup"]
    assert _titles(client, q="captured", start="2017-11-09") == ["Troops capture Abu Kamal"]
    assert _titles(client, q="riviere", end="2017-12-01") == ["Attack on Deir ez-Zor"]
    assert _titles(client, source="Wire C") == ["Attack on Deir ez-Zor", "Cafe Riviere reopens"]


def test_documents_listed_by_publication_and_paged(client: TestClient, loaded: None) -> None:
    listed = _items(client, "/documents")
    assert [d["title"] for d in listed] == [title for _, _, title, _ in DOCUMENTS]
    assert {d["source"] for d in listed} == {"Wire A", "Wire B", "Wire C"}
    assert _all_pages(client, "/documents") == [d["id"] for d in listed]
    ranked = _items(client, "/documents", q="said")
    assert len(ranked) == len(DOCUMENTS)
    assert _all_pages(client, "/documents", q="said") == [d["id"] for d in ranked]


def test_the_two_stemmers_differ_as_the_readme_says(client: TestClient, engine: Engine) -> None:
    """Porter (SQLite) makes "news" of "new"; Snowball (PostgreSQL) "die" of "dying"."""
    body = {"text": "A new crew helped those dying of thirst.", "published": "2017-11-08"}
    assert client.post("/documents", json={**body, "source": "Wire D"}).status_code == 201
    porter = engine.dialect.name == "sqlite"
    assert len(_items(client, "/documents", q="news")) == (1 if porter else 0)
    assert len(_items(client, "/documents", q="die")) == (0 if porter else 1)
    assert len(_items(client, "/documents", q="crews helping")) == 1  # the same on both


# --- events and accounts ----------------------------------------------------------------


def _told(event: dict[str, Any]) -> list[str]:
    """The texts an event is searched by: its title and its accounts' quotes and triggers."""
    words = [event["title"]]
    for account in event["accounts"]:
        words += [account["evidence"]["quote"], account["evidence"]["trigger"]]
    return [w.casefold() for w in words]


def _events_telling(client: TestClient, stem: str) -> set[int]:
    """The oracle: the listed events whose title, quotes or triggers contain `stem`."""
    ids = {e["id"] for e in _items(client, "/events")}
    details = [_get(client, f"/events/{event_id}") for event_id in ids]
    return {d["id"] for d in details if any(stem in text for text in _told(d))}


@pytest.mark.parametrize(
    ("q", "stem"), [("captures", "captur"), ("ATTACKS", "attack"), ("Thursday", "thursday")]
)
def test_events_and_accounts_are_found_by_stemmed_words(
    client: TestClient, loaded: None, q: str, stem: str
) -> None:
    expected = _events_telling(client, stem)
    assert expected
    assert _ids(client, "/events", q=q) == expected
    accounts = _items(client, "/accounts", q=q)
    every = _items(client, "/accounts")
    assert {a["id"] for a in accounts} == {
        a["id"]
        for a in every
        if stem in a["evidence"]["quote"].casefold() or stem in a["evidence"]["trigger"].casefold()
    }


@pytest.mark.parametrize(
    "narrowing",
    [
        {"source": "Wire B"},
        {"start": "2017-11-09", "end": "2017-11-15"},
        {"disputed": "false"},
        {"place": "Abu Kamal"},
        {"kind": "capture"},
    ],
)
def test_q_combines_with_every_other_filter(
    client: TestClient, loaded: None, narrowing: dict[str, str]
) -> None:
    for path in ("/events", "/accounts"):
        by_words = _ids(client, path, q="captured")
        narrowed = _ids(client, path, **narrowing)
        both = _ids(client, path, q="captured", **narrowing)
        assert both == by_words & narrowed
    assert _ids(client, "/events", q="captured", **narrowing)  # some capture is that


def test_ranked_pages_have_no_gaps_and_time_order_stays_available(
    client: TestClient, loaded: None
) -> None:
    for path in ("/events", "/accounts"):
        ranked = [item["id"] for item in _items(client, path, q="said")]
        assert len(ranked) >= 2
        assert _all_pages(client, path, q="said") == ranked
        by_time = [item["id"] for item in _items(client, path, q="said", sort="time")]
        assert sorted(by_time) == sorted(ranked)
        assert _all_pages(client, path, q="said", sort="time") == by_time
    events = _items(client, "/events", q="said", sort="time")
    starts = [e["earliest"] or e["latest"] for e in events]
    assert starts == sorted(starts)


def test_exports_and_timeline_use_the_same_words(client: TestClient, loaded: None) -> None:
    events = _items(client, "/events", q="captured", sort="time")
    exported = client.get("/events.csv", params={"q": "captured"})
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [int(row["event_id"]) for row in rows] == [e["id"] for e in events]
    accounts = client.get("/accounts.csv", params={"q": "captured"})
    assert len(list(csv.DictReader(io.StringIO(accounts.text)))) == len(
        _items(client, "/accounts", q="captured")
    )
    timeline = _get(client, "/timeline.json", q="riviere shelling")
    assert timeline["events"] == []
    assert _get(client, "/timeline.json", q="captured")["events"]


# --- hostile queries ----------------------------------------------------------------------

NO_WORDS = ['"', "-", "*", "...", "'", "NEAR(", "a:b", "x" * 200, "(", '" OR "', "^", "—", "_"]
SEARCH_PATHS = ("/events", "/accounts", "/documents", "/events.csv", "/accounts.csv")


@pytest.mark.parametrize("q", NO_WORDS)
def test_hostile_queries_answer_200_or_a_clear_422(
    client: TestClient, loaded: None, q: str
) -> None:
    for path in (*SEARCH_PATHS, "/timeline.json"):
        response = client.get(path, params={"q": q})
        assert response.status_code in (200, 422), (path, q, response.text)
        if response.status_code == 422:
            assert response.headers["content-type"] == "application/problem+json"
            assert "no word to search for" in response.json()["detail"]


@pytest.mark.parametrize(
    ("hostile", "plain"),
    [
        ("-captured", "captured"),
        ("captured*", "captured"),
        ('"captured', "captured"),
        ("NEAR(captured army)", "near captured army"),
        ("captured:army", "captured army"),
        ("captured OR zebra", "captured or zebra"),
        ("captured AND NOT army", "captured and not army"),
    ],
)
def test_query_syntax_is_only_words(
    client: TestClient, loaded: None, hostile: str, plain: str
) -> None:
    """Operators of FTS5 or tsquery do nothing: the query is the words it holds, all ANDed."""
    for path in ("/events", "/accounts", "/documents"):
        assert _ids(client, path, q=hostile) == _ids(client, path, q=plain)
    assert _ids(client, "/documents", q="-captured")  # not a negation


def test_no_word_and_too_long_and_mixed_orders_are_problems(
    client: TestClient, loaded: None
) -> None:
    assert client.get("/events", params={"q": "?!"}).status_code == 422
    assert client.get("/events", params={"q": "x" * 201}).status_code == 422
    assert client.get("/events", params={"q": "   "}).status_code == 200  # blank: no filter
    relevance_without_words = client.get("/documents", params={"sort": "relevance"})
    assert relevance_without_words.status_code == 400
    assert "give q" in relevance_without_words.json()["detail"]
    time_cursor = _get(client, "/events", limit=1)["next_cursor"]
    rank_cursor = _get(client, "/events", limit=1, q="said")["next_cursor"]
    assert time_cursor and rank_cursor
    for params in ({"q": "said", "cursor": time_cursor}, {"cursor": rank_cursor}):
        wrong = client.get("/events", params=params)
        assert wrong.status_code == 400
        assert "cursor is not one this service issued" in wrong.json()["detail"]


def test_a_text_too_wordy_for_postgresql_is_a_clear_422(engine: Engine) -> None:
    """~110,000 distinct made-up words: FTS5 indexes them; PostgreSQL's tsvector (1 MB at
    most) refuses, and POST /documents answers 422 saying so instead of a 500."""
    rng = random.Random(10)
    words = ["".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(110_000)]
    document = {"language": "en", "published": NOW, "published_precision": "day"}
    try:
        with unit_of_work(engine) as session:
            source = Source(name="Big", kind="news", created_at=NOW)
            session.add(source)
            session.flush()
            text = " ".join(words)
            session.add(Document(source_id=source.id, text=text, content_sha256="x" * 64,
                                 ingested_at=NOW, **document))  # fmt: skip
    except DBAPIError as exc:
        assert engine.dialect.name == "postgresql"
        problem = index_limit_problem(exc)
        assert problem is not None and problem.status == 422
        assert "too many distinct words" in problem.detail
        return
    assert engine.dialect.name == "sqlite"
    with unit_of_work(engine) as session:
        found = DocumentRepository(session).page(DocumentFilter(q=words[-1]), 5, None)
        assert len(found.items) == 1


# --- the index follows every change -------------------------------------------------------

ATTACK_WORDS = "rebels attacked saturday"


def _event_of(client: TestClient, q: str) -> set[int]:
    return {a["event_id"] for a in _items(client, "/accounts", q=q)}


def test_merge_split_and_move_keep_search_in_step(client: TestClient, loaded: None) -> None:
    [attack] = _event_of(client, ATTACK_WORDS)
    [capture] = _event_of(client, "troops captured abu kamal thursday")
    assert attack != capture
    merged = client.post(f"/events/{capture}/merge", json={"event_ids": [attack]}, headers=WHO)
    assert merged.status_code == 200, merged.text
    assert _ids(client, "/events", q=ATTACK_WORDS) == {capture}
    assert _event_of(client, ATTACK_WORDS) == {capture}

    [moving] = [a["id"] for a in _items(client, "/accounts", q=ATTACK_WORDS)]
    split = client.post(f"/events/{capture}/split", json={"account_ids": [moving]}, headers=WHO)
    assert split.status_code == 200, split.text
    fresh = split.json()["events"][1]["id"]
    assert _ids(client, "/events", q=ATTACK_WORDS) == {fresh}

    moved = client.patch(f"/accounts/{moving}", json={"event_id": capture}, headers=WHO)
    assert moved.status_code == 200, moved.text
    assert _ids(client, "/events", q=ATTACK_WORDS) == {capture}


def test_writes_to_quotes_and_titles_reach_the_index(
    client: TestClient, engine: Engine, loaded: None
) -> None:
    """Whatever code path writes (here the ORM directly), the triggers or the generated
    column keep the index true: the old words go, the new ones are found."""
    [account_id] = [a["id"] for a in _items(client, "/accounts", q=ATTACK_WORDS)]
    with unit_of_work(engine) as session:
        account = session.get_one(Account, account_id)
        account.quote = "Insurgents shelled the granary on Saturday."
        event = session.get_one(Event, account.event_id)
        event.title = "Granary shelled"
        event_id = event.id
    assert _items(client, "/accounts", q=ATTACK_WORDS) == []
    assert _ids(client, "/accounts", q="insurgent granaries") == {account_id}
    assert _ids(client, "/events", q="granary shelled") == {event_id}
    with unit_of_work(engine) as session:
        session.get_one(Event, event_id).title = "Renamed"
    assert _ids(client, "/events", q="granary shelled") == {event_id}  # its quote still says
    assert _ids(client, "/events", q="renamed") == {event_id}


def test_an_event_deleted_by_regrouping_leaves_the_results(
    client: TestClient, engine: Engine
) -> None:
    """Ingesting the demo corpus newest first regroups, and an emptied event is deleted."""
    drafts = [draft for _, draft in demo_drafts(PROJECT_DIR / "demo", None)][::-1]
    gazetteers = GazetteerCache(load_gazetteer())
    deleted: dict[int, Told] = {}
    for draft in drafts:
        before = _events_told(engine)
        with unit_of_work(engine) as session:
            ingest_document(session, draft, gazetteers.current(session), NOW)
        after = _events_told(engine)
        deleted |= {eid: told for eid, told in before.items() if eid not in after}
    assert deleted, "the corpus no longer regroups newest-first: pick another order"
    checked = 0
    for event_id, (title, accounts) in deleted.items():
        assert event_id not in _ids(client, "/events", q=title)
        for account_id, quote in accounts:
            q = " ".join(quote.split()[:12])[:200]
            found = _ids(client, "/events", q=q)
            assert event_id not in found
            now_in = {
                a["event_id"] for a in _items(client, "/accounts", q=q) if a["id"] == account_id
            }
            assert now_in and now_in <= found
            checked += 1
    assert checked


Told = tuple[str, list[tuple[int, str]]]


def _events_told(engine: Engine) -> dict[int, Told]:
    """Each event's title and its accounts' (id, quote)."""
    with unit_of_work(engine) as session:
        told: dict[int, Told] = {e.id: (e.title, []) for e in session.scalars(select(Event))}
        for event_id, account_id, quote in session.execute(
            select(Account.event_id, Account.id, Account.quote)
        ):
            told[event_id][1].append((account_id, quote))
    return told
