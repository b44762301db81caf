"""Curation: merge, split, move or correct, each recorded as a revision that can be undone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api.deps import IdPath, get_engine, only_params, require_writer
from api.problems import Problem
from api.schemas import AccountPatch, CurationOut, HistoryOut, MaybeCleanStr, MergeIn, SplitIn
from api.views import event_detail, revision_out
from timeline import curation
from timeline.curation import CurationError, Curator
from timeline.store.db import unit_of_work
from timeline.store.models import Revision
from timeline.store.repositories import EventRepository, RevisionRepository

CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "the event was merged away, or the change was undone or overtaken"}
}
router = APIRouter(tags=["curation"], dependencies=[Depends(only_params())])
Db = Annotated[Engine, Depends(get_engine)]


def curator(
    writer: Annotated[str, Depends(require_writer)],
    x_curator: Annotated[
        MaybeCleanStr, Header(max_length=100, description="who is curating")
    ] = None,
) -> str:
    return x_curator or writer


Who = Annotated[str, Depends(curator)]


def _run(engine: Engine, change: Callable[[Session], Revision]) -> CurationOut:
    """Make one change in one transaction and show the revision and the events it touched."""
    with unit_of_work(engine) as session:
        try:
            revision = change(session)
        except CurationError as exc:
            raise Problem(exc.status, str(exc)) from exc
        events = EventRepository(session)
        touched = [events.get(link.event_id) for link in revision.events]
        return CurationOut(
            revision=revision_out(revision),
            events=[event_detail(e) for e in touched if e is not None],
        )


def _who(actor: str, reason: str | None) -> Curator:
    return Curator(actor=actor, reason=reason, now=datetime.now(UTC))


@router.post("/events/{event_id}/merge", responses=CONFLICT)
def merge(event_id: IdPath, body: MergeIn, engine: Db, actor: Who) -> CurationOut:
    """Merge other events into this one: their accounts move here."""
    who = _who(actor, body.reason)
    return _run(engine, lambda s: curation.merge_events(s, event_id, body.event_ids, who))


@router.post("/events/{event_id}/split", responses=CONFLICT)
def split(event_id: IdPath, body: SplitIn, engine: Db, actor: Who) -> CurationOut:
    """Move some of this event's accounts to a new event."""
    who = _who(actor, body.reason)
    return _run(engine, lambda s: curation.split_event(s, event_id, body.account_ids, who))


@router.patch("/accounts/{account_id}", responses=CONFLICT)
def patch_account(account_id: IdPath, body: AccountPatch, engine: Db, actor: Who) -> CurationOut:
    """Move an account to another event (`event_id`) or correct its claimant, time or polarity."""
    changes = body.model_dump(exclude_unset=True, exclude={"reason", "event_id"})
    moving = "event_id" in body.model_fields_set
    if moving and changes:
        raise Problem(422, "move an account (event_id) or correct it, in separate requests")
    who = _who(actor, body.reason)
    if moving:
        target = body.event_id
        return _run(engine, lambda s: curation.move_account(s, account_id, target, who))
    if not changes:
        raise Problem(422, "nothing to change: give event_id or a field to correct")
    return _run(engine, lambda s: curation.correct_account(s, account_id, changes, who))


@router.post("/revisions/{revision_id}/undo", responses=CONFLICT)
def undo(revision_id: IdPath, engine: Db, actor: Who) -> CurationOut:
    """Undo a revision (recorded as a revision of its own)."""
    who = _who(actor, f"undo of revision {revision_id}")
    return _run(engine, lambda s: curation.undo(s, revision_id, who))


@router.get("/events/{event_id}/history")
def history(event_id: IdPath, engine: Db) -> HistoryOut:
    """Every recorded change that touched this event, oldest first."""
    with unit_of_work(engine) as session:
        if EventRepository(session).get(event_id) is None:
            raise Problem(404, f"no event with id {event_id}")
        revisions = RevisionRepository(session).for_event(event_id)
        return HistoryOut(event_id=event_id, revisions=[revision_out(r) for r in revisions])
