"""Refuse oversized or non-UTF-8 bodies before any handler reads them."""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import PROBLEM_JSON, TITLES

WITH_BODY = {"POST", "PUT", "PATCH"}
logger = logging.getLogger("timeline.api")


class BodyGuard:
    """Buffers a request body up to `limit` bytes, checks it is UTF-8, then replays it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WITH_BODY:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await _refuse(send, 413, self._too_large(declared))
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                await _refuse(send, 413, self._too_large(len(body)))
                return
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            detail = f"request body is not valid UTF-8 (bad byte at offset {exc.start})"
            await _refuse(send, 400, detail)
            return
        await self.app(scope, _replay(body, receive), send)

    def _too_large(self, size: int) -> str:
        return f"request body of {size} bytes is over the limit of {self.limit} bytes"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, upstream: Receive) -> Receive:
    """Hand the buffered body over once, then pass through (a later disconnect is real)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return await upstream()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _refuse(send: Send, status: int, detail: str) -> None:
    payload = {"type": "about:blank", "title": TITLES[status], "status": status, "detail": detail}
    body = json.dumps(payload).encode()
    headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class UnexpectedErrors:
    """Answers an exception nothing else handled with a problem 500, and returns: the
    connection stays open for the client's next request (Starlette's own last-resort
    handler re-raises after answering, and uvicorn then closes the connection).

    Once a response has started (a streamed CSV) there is no answering any more: the
    error goes on and the connection closes, so that a client never takes a cut body
    for a whole one. The CSV routes run their query before they start (`primed`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            if started:
                raise
            logger.exception("unexpected error on %s %s", scope["method"], scope["path"])
            detail = f"unexpected error ({type(exc).__name__}); nothing was stored"
            await _refuse(send, 500, detail)
