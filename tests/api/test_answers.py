"""A denial in one document answers the claim of another: `answers`, `answered_by` and the
polarity dispute's words. The texts are our own."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

CLAIM = {
    "text": "Russian jets bombed a hospital in Maarat al-Numan on Monday, killing nine people, "
    "the Syrian Civil Defence said.",
    "published": "2017-11-14",
    "source": "Levant Wire",
}
# The accused party denies it, two days later, in another publication.
DENIAL = {
    "text": "The Russian Defense Ministry on Wednesday denied that its aircraft had struck a "
    "hospital in Maarat al-Numan.",
    "published": "2017-11-16",
    "source": "Moscow Herald",
}


def _post(client: TestClient, document: dict[str, str]) -> dict[str, Any]:
    response = client.post("/documents", json=document)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _only(accounts: list[dict[str, Any]], **fields: str) -> dict[str, Any]:
    [account] = [a for a in accounts if all(a[k] == v for k, v in fields.items())]
    return account


def test_a_denial_by_the_accused_answers_the_claim_in_another_document(
    client: TestClient,
) -> None:
    claim_document = _post(client, CLAIM)
    claim = _only(claim_document["accounts"], kind="attack")
    assert claim["answers"] == [] and claim["answered_by"] == []

    denial_document = _post(client, DENIAL)
    denial = _only(denial_document["accounts"], polarity="denies")
    assert denial["claimant"]["name"] == "Russian Defense Ministry"
    assert denial["answers"] == [claim["id"]]
    assert denial["answered_by"] == []
    assert denial["event_id"] == claim["event_id"]

    event = client.get(f"/events/{claim['event_id']}").json()
    by_id = {a["id"]: a for a in event["accounts"]}
    assert by_id[claim["id"]]["answered_by"] == [denial["id"]]
    assert by_id[claim["id"]]["answers"] == []
    [polarity] = [d for d in event["disputes"] if d["aspect"] == "polarity"]
    assert (
        polarity["detail"] == "claimed by Syrian Civil Defence; denied by Russian Defense Ministry"
    )
    assert polarity["sides"] == [
        {"label": "asserts", "account_ids": [claim["id"]]},
        {"label": "denies", "account_ids": [denial["id"]]},
    ]
    # The first document, read again, shows who answers its claim.
    again = client.get(f"/documents/{claim_document['id']}").json()
    assert _only(again["accounts"], kind="attack")["answered_by"] == [denial["id"]]
    listed = client.get("/accounts", params={"source": "Moscow Herald"}).json()["items"]
    assert _only(listed, polarity="denies")["answers"] == [claim["id"]]


def test_the_fields_are_documented(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["AccountOut"]
    for field in ("answers", "answered_by"):
        assert field in schema["required"]
        assert schema["properties"][field]["type"] == "array"
        assert schema["properties"][field]["description"]
