"""Other languages through the API: a Russian and an Arabic article give their dated
accounts, the language is detected when not given and validated when it is, and
`POST /tag` reads the language and the mode asked for (auto by default)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

# Written for these tests from plain facts of the kind wire copy reports.
RUSSIAN = (
    "МОСКВА, 14 ноября. Министерство обороны сообщило во вторник, что на прошлой неделе "
    "армия освободила город Абу-Кемаль.\n\n"
    "По данным ведомства, боевики отступили к границе.\n\n"
    "Вчера авиация нанесла удары по складам боеприпасов к югу от города. В результате "
    "ударов погибли пять боевиков.\n\n"
    "9 ноября колонна гуманитарной помощи вошла в город.\n\n"
    "Министерство заявило, что обстановка в районе остаётся напряжённой."
)
ARABIC = (
    "دمشق - قال الجيش يوم الثلاثاء إن قواته سيطرت على مدينة البوكمال الأسبوع الماضي.\n\n"
    "وأضاف البيان أن الطائرات قصفت مواقع المسلحين أمس قرب الحدود. وأدى القصف إلى مقتل "
    "عشرة مسلحين.\n\n"
    "ودخلت قافلة مساعدات المدينة في 9 نوفمبر 2017.\n\n"
    "وقال مسؤول محلي إن الوضع هادئ الآن."
)


def _post(client: TestClient, text: str, **extra: Any) -> dict[str, Any]:
    body = {"text": text, "published": "2017-11-14", "source": "Test Wire", **extra}
    response = client.post("/documents", json=body)
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    return document


def _dated(document: dict[str, Any]) -> list[tuple[str, str, str | None, str]]:
    return [
        (a["kind"], a["evidence"]["trigger"], a["time"]["value"], a["time"]["source"])
        for a in sorted(document["accounts"], key=lambda a: a["evidence"]["trigger_start"])
    ]


def test_a_russian_article_gives_its_dated_accounts(client: TestClient) -> None:
    document = _post(client, RUSSIAN)
    assert document["language"] == "ru"  # detected
    assert _dated(document) == [
        ("capture", "освободила", "2017-W45", "own"),
        ("movement", "отступили", None, "publication"),  # a new paragraph inherits nothing
        ("attack", "удары", "2017-11-13", "own"),
        ("attack", "ударов", "2017-11-13", "context"),
        ("casualties", "погибли", "2017-11-13", "context"),
        ("movement", "вошла", "2017-11-09", "own"),
    ]
    capture = next(a for a in document["accounts"] if a["kind"] == "capture")
    assert capture["time"]["earliest"] == "2017-11-06T00:00:00Z"
    assert capture["time"]["latest"] == "2017-11-13T00:00:00Z"
    assert capture["claimant"] == {
        "name": "Test Wire",
        "entity_id": None,
        "cue": "publisher",
        "via": None,
    }
    values = [m["value"] for m in document["time_mentions"]]
    assert values == ["2017-11-14", "2017-11-14", "2017-W45", "2017-11-13", "2017-11-09"]


def test_an_arabic_article_gives_its_dated_accounts(client: TestClient) -> None:
    document = _post(client, ARABIC, language="ar")
    assert document["language"] == "ar"
    assert _dated(document) == [
        ("capture", "سيطرت", "2017-W45", "own"),  # not Tuesday: the day it was said
        ("attack", "قصفت", "2017-11-13", "own"),
        ("attack", "القصف", "2017-11-13", "context"),
        ("casualties", "مقتل", "2017-11-13", "context"),
        ("movement", "ودخلت", "2017-11-09", "own"),
    ]
    capture = next(a for a in document["accounts"] if a["kind"] == "capture")
    assert [p["name"] for p in capture["participants"]] == ["Abu Kamal"]
    fetched = client.get(f"/documents/{document['id']}").json()
    assert _dated(fetched) == _dated(document)


def test_english_is_detected_and_read_by_its_own_rules(client: TestClient) -> None:
    document = _post(client, "Syrian troops captured the town of Abu Kamal on Thursday.")
    assert document["language"] == "en"
    assert [a["kind"] for a in document["accounts"]] == ["capture"]


@pytest.mark.parametrize(
    ("language", "says"),
    [("RU", "two lowercase letters"), ("rus", "two lowercase letters"), ("it", "supported: en")],
)
def test_a_bad_language_is_refused_with_a_useful_detail(
    client: TestClient, language: str, says: str
) -> None:
    body = {"text": RUSSIAN, "published": "2017-11-14", "source": "W", "language": language}
    for path in ("/documents", "/tag"):
        response = client.post(path, json=body if path == "/documents" else _tag_body(body))
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert says in response.json()["detail"]


def _tag_body(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k in ("text", "published", "language")}


def test_tag_reads_the_language_given_or_detected(client: TestClient) -> None:
    text = "Вчера армия вошла в город."
    for extra in ({}, {"language": "ru"}):
        response = client.post("/tag", json={"text": text, "published": "2017-11-14", **extra})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["language"] == "ru"
        assert [(m["text"], m["value"]) for m in body["time_mentions"]] == [("Вчера", "2017-11-13")]


NARRATIVE = (
    "The town was founded on the river in 1840. In September a fort was built there. "
    "Two years later a railway reached it, and the following year the fort was abandoned."
)


def test_tag_mode_defaults_to_auto(client: TestClient) -> None:
    def values(**extra: str) -> list[str]:
        body = {"text": NARRATIVE, "published": "2017-11-14", **extra}
        response = client.post("/tag", json=body)
        assert response.status_code == 200, response.text
        return [m["value"] for m in response.json()["time_mentions"]]

    assert values() == values(mode="auto") == values(mode="narrative")
    assert values(mode="news") != values(mode="narrative")
    bad = client.post("/tag", json={"text": NARRATIVE, "published": "2017-11-14", "mode": "story"})
    assert bad.status_code == 422


def test_documents_take_a_mode(client: TestClient) -> None:
    news = _post(client, NARRATIVE, mode="news")
    narrative = _post(client, NARRATIVE + " ", mode="narrative")
    auto = _post(client, NARRATIVE + "  ")
    assert [m["value"] for m in auto["time_mentions"]] == [
        m["value"] for m in narrative["time_mentions"]
    ]
    assert [m["value"] for m in news["time_mentions"]] != [
        m["value"] for m in narrative["time_mentions"]
    ]


def test_a_russian_account_joins_the_english_accounts_of_its_event(client: TestClient) -> None:
    russian = _post(client, RUSSIAN)
    english = _post(client, "Syrian troops liberated Abu Kamal last week, the army said.")
    ru_capture = next(a for a in russian["accounts"] if a["kind"] == "capture")
    en_capture = next(a for a in english["accounts"] if a["kind"] == "capture")
    assert [p["name"] for p in ru_capture["participants"]] == ["Abu Kamal"]
    assert ru_capture["event_id"] == en_capture["event_id"]
    event = client.get(f"/events/{ru_capture['event_id']}").json()
    assert {a["document_id"] for a in event["accounts"]} == {russian["id"], english["id"]}
