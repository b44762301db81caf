"""GET /documents/{id}/mentions.csv: a document's time mentions, streamed, fixed columns,
the same bytes on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from timeline.export.csv_writer import MENTION_COLUMNS

TEXT = "Troops entered the town on Thursday. Two days later, at 0900 GMT, they took it."

EXPECTED = (
    ",".join(MENTION_COLUMNS) + "\r\n"
    "0,27,35,Thursday,DATE,2017-11-09,,2017-11-09T00:00:00Z,2017-11-10T00:00:00Z,day,,false,"
    "2017-11-09,publication\r\n"
    "1,37,51,Two days later,DATE,2017-11-11,,2017-11-11T00:00:00Z,2017-11-12T00:00:00Z,day,,"
    "false,2017-11-11,mention:0\r\n"
    "2,56,64,0900 GMT,TIME,2017-11-11T09:00,,2017-11-11T09:00:00Z,2017-11-11T10:00:00Z,hour,"
    "+00:00,false,2017-11-11T09:00:00Z,mention:1\r\n"
)


def test_the_mentions_of_a_document_as_exact_csv(client: TestClient) -> None:
    posted = client.post(
        "/documents", json={"text": TEXT, "published": "2017-11-12", "source": "Wire"}
    )
    assert posted.status_code == 201, posted.text
    response = client.get(f"/documents/{posted.json()['id']}/mentions.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.text == EXPECTED


def test_a_missing_document_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/documents/999/mentions.csv")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "999" in response.json()["detail"]
