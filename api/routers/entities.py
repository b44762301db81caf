"""Actors and places: list them with their aliases, add new ones for extraction to use."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, status
from sqlalchemy import Engine

from api.deps import (
    MAX_ROW_ID,
    Limit,
    Text,
    get_engine,
    get_gazetteers,
    only_params,
    require_writer,
)
from api.problems import Problem
from api.schemas import EntityIn, EntityOut, EntityPage
from api.views import entity_out
from timeline.entities import EntityError, GazetteerCache, create_entity
from timeline.store.db import unit_of_work
from timeline.store.repositories import EntityRepository

router = APIRouter(tags=["entities"])
Db = Annotated[Engine, Depends(get_engine)]


@router.get("/entities", dependencies=[Depends(only_params("q", "kind", "limit", "cursor"))])
def list_entities(
    engine: Db,
    q: Annotated[Text, Query(max_length=200, description="part of a name or alias")] = None,
    kind: Literal["actor", "place"] | None = None,
    limit: Limit = 100,
    cursor: Annotated[
        str | None,
        Query(pattern=r"^\d{1,10}$", description="next_cursor of the last page (a row id)"),
    ] = None,
) -> EntityPage:
    """Known actors and places, the packaged gazetteer's and the users', with their aliases."""
    with unit_of_work(engine) as session:
        after = int(cursor) if cursor else None
        if after is not None and after > MAX_ROW_ID:
            raise Problem(
                400, f"cursor {cursor} is beyond any row id; pass next_cursor as returned"
            )
        rows, last = EntityRepository(session).page(q, kind, limit, after)
        return EntityPage(items=[entity_out(e) for e in rows], next_cursor=_cursor(last))


def _cursor(last_id: int | None) -> str | None:
    return None if last_id is None else str(last_id)


@router.post(
    "/entities",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(only_params()), Depends(require_writer)],
    responses={409: {"description": "its key or an alias already names another entity"}},
)
def post_entity(
    body: EntityIn, engine: Db, gazetteers: Annotated[GazetteerCache, Depends(get_gazetteers)]
) -> EntityOut:
    """Add an actor or a place; documents ingested from now on find it by any of its aliases."""
    with unit_of_work(engine) as session:
        try:
            entity = create_entity(session, gazetteers.base, body.model_dump())
        except EntityError as exc:
            raise Problem(exc.status, str(exc)) from exc
        return entity_out(entity)
