"""The OpenAPI document, with the problem answers each operation can give declared.

FastAPI declares 422 only, with its own error shape; every error here is a problem
document (api/problems.py), so each operation gets the codes it can answer with:
400 (an unknown query parameter, a body that is not JSON or UTF-8, a bad cursor), 401
when it needs the write token, 404 when a path names a row, 413 when it takes a body, 422
when it takes input; a route adds others (409) in its own `responses`."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.problems import PROBLEM_JSON

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "what is wrong, and how to fix it"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "for invalid input: each field and what is wrong with it",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
DESCRIPTIONS = {
    "400": "bad request: an unknown query parameter, a body that is not JSON, a bad cursor",
    "401": "the write token is missing or wrong (see WWW-Authenticate)",
    "404": "no such row",
    "409": "conflicts with the state of the store",
    "413": "request body too large",
    "422": "invalid input; `errors` names each field",
}


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            declare_problems(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def declare_problems(schema: dict[str, Any]) -> None:
    for path, item in schema["paths"].items():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for code in sorted(problem_codes(path, operation) | _declared_errors(responses)):
                described = responses.get(code, {}).get("description")
                responses[code] = {
                    "description": described or DESCRIPTIONS.get(code, "error"),
                    "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
                }
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)


def problem_codes(path: str, operation: dict[str, Any]) -> set[str]:
    codes = {"400"}
    takes_body = "requestBody" in operation
    if takes_body or operation.get("parameters"):
        codes.add("422")
    if takes_body:
        codes.add("413")
    if operation.get("security"):
        codes.add("401")
    if "{" in path:
        codes.add("404")
    return codes


def _declared_errors(responses: dict[str, Any]) -> set[str]:
    return {code for code in responses if code.startswith("4")}
