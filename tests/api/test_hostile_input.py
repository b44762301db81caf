"""Hostile input is a 4xx problem naming what is wrong, on both databases; never a 500."""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import create_app
from timeline.settings import Settings
from timeline.store.repositories import EventRepository

CAPTURE = "Syrian troops captured Abu Kamal on Wednesday, the army command said."
DOCUMENT = {"text": CAPTURE, "published": "2017-11-12", "source": "Wire A"}
NUL, SURROGATE = "\x00", "\ud800"


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["detail"]
    return body


def _json(body: Any) -> dict[str, Any]:
    """A request body as escaped JSON: a lone surrogate cannot be sent as UTF-8."""
    return {"content": json.dumps(body), "headers": {"Content-Type": "application/json"}}


def _fields(body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in body.get("errors", [])}


@pytest.fixture
def account_id(client: TestClient) -> int:
    assert client.post("/documents", json=DOCUMENT).status_code == 201
    [account] = client.get("/accounts").json()["items"]
    return int(account["id"])


@pytest.mark.parametrize("field", ["text", "source", "title", "url"])
@pytest.mark.parametrize("bad", [NUL, SURROGATE], ids=["nul", "surrogate"])
def test_a_document_field_with_nul_or_a_lone_surrogate_is_refused(
    client: TestClient, field: str, bad: str
) -> None:
    body = {**DOCUMENT, field: f"{DOCUMENT.get(field, 'x')}{bad}tail"}
    problem = _problem(client.post("/documents", **_json(body)), 422)
    assert _fields(problem) == {field}
    if bad == NUL:
        assert "NUL character (U+0000)" in problem["detail"]
    assert client.get("/documents").json()["items"] == []  # nothing stored


def test_a_leading_byte_order_mark_is_dropped_from_the_text(client: TestClient) -> None:
    created = client.post("/documents", json={**DOCUMENT, "text": "\ufeff" + CAPTURE})
    assert created.status_code == 201, created.text
    assert created.json()["text"] == CAPTURE
    again = client.post("/documents", json=DOCUMENT)  # the same text: the same document
    assert (again.status_code, again.json()["id"]) == (200, created.json()["id"])


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/tag", {"text": f"on Tuesday{SURROGATE}", "published": "2017-11-14"}, "text"),
        ("/entities", {"name": f"Wire{NUL}", "kind": "actor"}, "name"),
        ("/entities", {"name": "Wire", "kind": "actor", "aliases": [f"W{SURROGATE}"]}, "aliases.0"),
        ("/entities", {"name": "Wire", "kind": "actor", "aliases": ["x" * 201]}, "aliases.0"),
        ("/entities", {"name": "Wire", "kind": "actor", "subtype": f"a{NUL}"}, "subtype"),
    ],
)
def test_other_bodies_are_checked_alike(
    client: TestClient, path: str, body: dict[str, Any], field: str
) -> None:
    assert _fields(_problem(client.post(path, **_json(body)), 422)) == {field}


@pytest.mark.parametrize(
    "path", ["/events", "/accounts", "/events.csv", "/accounts.csv", "/timeline.json"]
)
@pytest.mark.parametrize("param", ["q", "place", "actor", "claimant", "source", "kind"])
def test_a_nul_in_a_filter_is_a_422_naming_it(client: TestClient, path: str, param: str) -> None:
    problem = _problem(client.get(path, params={param: f"Abu{NUL}Kamal"}), 422)
    assert _fields(problem) == {param}


@pytest.mark.parametrize("param", ["q", "source"])
def test_a_nul_in_a_document_filter_is_a_422(client: TestClient, param: str) -> None:
    assert _fields(_problem(client.get("/documents", params={param: NUL}), 422)) == {param}
    assert _fields(_problem(client.get("/entities", params={"q": NUL}), 422)) == {"q"}


def test_a_nul_in_the_curator_header_is_refused(client: TestClient, account_id: int) -> None:
    response = client.patch(
        f"/accounts/{account_id}", json={"hedged": True}, headers={"X-Curator": "a\x00b"}
    )
    assert _fields(_problem(response, 422)) == {"x-curator"}


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


CRAFTED = {
    "naive time": "2017-11-08T00:00:00|1",
    "id beyond int4": f"2017-11-08T00:00:00+00:00|{2**31}",
    "id beyond int8": f"2017-11-08T00:00:00+00:00|{2**64}",
    "id zero": "2017-11-08T00:00:00+00:00|0",
    "negative id": "2017-11-08T00:00:00+00:00|-5",
    "overflowing offset": "0001-01-01T00:00:00+05:00|1",
    "spaced id": "2017-11-08T00:00:00+00:00| 1",
    "rank beyond int8": f"rank:0.5|{2**63}",
    "infinite rank": "rank:inf|1",
}


@pytest.mark.parametrize("raw", CRAFTED.values(), ids=CRAFTED.keys())
@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/events", {}),
        ("/accounts", {}),
        ("/documents", {}),
        ("/events", {"q": "captured"}),
        ("/accounts", {"q": "captured"}),
        ("/documents", {"q": "captured"}),
    ],
)
def test_a_crafted_cursor_is_a_400(
    client: TestClient, account_id: int, path: str, params: dict[str, str], raw: str
) -> None:
    response = client.get(path, params={**params, "cursor": _cursor(raw)})
    assert "cursor" in _problem(response, 400)["detail"]


def test_an_entity_cursor_beyond_any_row_id_is_a_400(client: TestClient) -> None:
    assert "cursor" in _problem(client.get("/entities?cursor=9999999999"), 400)["detail"]


def test_an_issued_cursor_still_pages(client: TestClient) -> None:
    for source in ("Wire A", "Wire B"):
        text = f"{CAPTURE} {source} reported it."
        response = client.post("/documents", json={**DOCUMENT, "text": text, "source": source})
        assert response.status_code == 201
    first = client.get("/accounts", params={"limit": 1}).json()
    second = client.get("/accounts", params={"limit": 1, "cursor": first["next_cursor"]})
    assert second.status_code == 200
    assert second.json()["items"][0]["id"] != first["items"][0]["id"]


@pytest.mark.parametrize("field", ["hedged", "claimant_name", "polarity", "event_id"])
def test_patch_null_for_a_field_an_account_always_has_is_a_422(
    client: TestClient, account_id: int, field: str
) -> None:
    response = client.patch(f"/accounts/{account_id}", json={field: None})
    assert _fields(_problem(response, 422)) == {field}


def test_patch_null_clears_a_nullable_time(client: TestClient, account_id: int) -> None:
    response = client.patch(f"/accounts/{account_id}", json={"time_value": None})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("moment", ["2017-11-08T10:00:00", "0001-01-01T00:00:00+05:00"])
def test_patch_a_naive_or_unrepresentable_instant_is_a_422(
    client: TestClient, account_id: int, moment: str
) -> None:
    response = client.patch(f"/accounts/{account_id}", json={"earliest": moment})
    assert _fields(_problem(response, 422)) == {"earliest"}


WRITES = [
    ("POST", "/documents", DOCUMENT),
    ("POST", "/entities", {"name": "Wire", "kind": "actor"}),
    ("PATCH", "/accounts/1", {"hedged": True}),
    ("POST", "/events/1/merge", {"event_ids": [2]}),
    ("POST", "/events/1/split", {"account_ids": [2]}),
    ("POST", "/revisions/1/undo", None),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[w[1] for w in WRITES])
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong", "Bearer s3crét", "Bearer \u00ff\u00fe", "Basic czNjcmV0", "Bearer"],
)
def test_a_missing_or_wrong_token_is_a_401_with_www_authenticate(
    client: TestClient,
    settings: Settings,
    method: str,
    path: str,
    body: Any,
    authorization: str | None,
) -> None:
    settings.api_token = "s3cret"
    # as bytes: a client may send any, here UTF-8
    headers = {} if authorization is None else {"Authorization": authorization.encode()}
    response = client.request(method, path, json=body, headers=headers)
    _problem(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_the_right_token_passes(client: TestClient, settings: Settings) -> None:
    settings.api_token = "s3crét"  # a non-ASCII token works, sent as UTF-8
    headers = {"Authorization": "Bearer s3crét".encode()}
    assert client.post("/documents", json=DOCUMENT, headers=headers).status_code == 201


def test_a_wrong_method_is_a_405_with_allow(client: TestClient) -> None:
    response = client.delete("/events")
    _problem(response, 405)
    assert response.headers["allow"] == "GET"
    assert "POST" in client.put("/documents").headers["allow"]


@pytest.fixture
def stored_week(client: TestClient) -> None:
    for day, source in (("2017-11-08", "Wire A"), ("2018-03-02", "Wire B")):
        text = f"Syrian troops captured Abu Kamal on {day}, the army command said."
        body = {"text": text, "published": day, "source": source}
        assert client.post("/documents", json=body).status_code == 201


def test_a_year_is_a_year_not_unix_seconds(client: TestClient, stored_week: None) -> None:
    in_2017 = client.get("/events", params={"start": "2017", "end": "2018"}).json()["items"]
    assert [e["earliest"][:10] for e in in_2017] == ["2017-11-08"]
    in_march = client.get("/accounts", params={"start": "2018-03", "end": "2018-04"}).json()
    assert [a["time"]["earliest"][:10] for a in in_march["items"]] == ["2018-03-02"]
    documents = client.get("/documents", params={"start": "2018"}).json()["items"]
    assert [d["published"][:10] for d in documents] == ["2018-03-02"]


@pytest.mark.parametrize("value", ["1510617600", "1510617600.5", "-3", "2017-13", "17-11", "x"])
@pytest.mark.parametrize("param", ["start", "end"])
@pytest.mark.parametrize("path", ["/events", "/events.csv", "/documents"])
def test_a_number_or_a_non_iso_bound_is_a_422(
    client: TestClient, path: str, param: str, value: str
) -> None:
    problem = _problem(client.get(path, params={param: value}), 422)
    assert _fields(problem) == {param}
    if value.lstrip("-").replace(".", "").isdigit():
        assert "Unix seconds" in problem["detail"]


def test_openapi_declares_the_bearer_scheme_and_the_problems(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "the write token (TIMELINE_API_TOKEN), when the service has one",
    }
    operations = {
        (method.upper(), path): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }
    for (method, path), operation in operations.items():
        writes = method != "GET"
        is_secured = bool(operation.get("security"))
        assert is_secured == (writes and path != "/tag"), (method, path)
        codes = set(operation["responses"])
        takes_input = "requestBody" in operation or bool(operation.get("parameters"))
        expected = {"400"} | ({"422"} if takes_input else set())
        expected |= {"401"} if is_secured else set()
        expected |= {"404"} if "{" in path else set()
        expected |= {"413"} if "requestBody" in operation else set()
        assert expected <= codes, (method, path, codes)
        for code in expected:
            content = operation["responses"][code]["content"]
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }
    for operation in (
        operations[("POST", "/entities")],
        operations[("PATCH", "/accounts/{account_id}")],
    ):
        assert "409" in operation["responses"]


# A 500 must not cost the client its connection: against a real server, on one keep-alive
# connection, an unexpected error and then a normal request.


@pytest.fixture
def live_server(settings: Settings) -> Iterator[str]:
    app = create_app(settings)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def _broken(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("the store broke")


@pytest.mark.parametrize("failing", ["/events", "/events.csv"])
def test_a_500_keeps_the_connection(
    live_server: str, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    monkeypatch.setattr(EventRepository, "page", _broken)
    monkeypatch.setattr(EventRepository, "stream", _broken)
    monkeypatch.setattr(EventRepository, "matching", _broken)  # the CSV reader's query
    peers = []

    def remember_peer(response: httpx.Response) -> None:
        stream = response.extensions["network_stream"]
        peers.append(stream.get_extra_info("socket").getsockname())

    with httpx.Client(base_url=live_server, event_hooks={"response": [remember_peer]}) as http:
        problem = _problem(http.get(failing), 500)
        assert "RuntimeError" in problem["detail"]
        assert http.get("/health").status_code == 200
        assert http.get("/entities", params={"limit": 1}).status_code == 200
    assert len(peers) == 3 and len(set(peers)) == 1  # one connection, never reset


def test_null_for_an_optional_field_is_its_absence(client: TestClient) -> None:
    optional = ("url", "title", "language", "timezone", "source_timezone")
    response = client.post("/documents", json={**DOCUMENT, **dict.fromkeys(optional)})
    assert response.status_code == 201, response.text
    entity = {"name": "Wire", "kind": "actor", "key": None, "subtype": None, "lat": None}
    assert client.post("/entities", json=entity).status_code == 201
