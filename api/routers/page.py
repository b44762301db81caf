"""The timeline page and the document view: our own static files, and vis-timeline from web/.

The page's HTML, CSS and JS ship in the package (api/static). vis-timeline is an npm package
that `make` installs into web/node_modules; only its two standalone files are served, from
TIMELINE_WEB_VENDOR_DIR. Without them the page still loads and names the command to run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api.deps import IdPath, get_settings
from api.problems import Problem
from timeline.settings import Settings

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
# What the page loads, by the name it asks for: (path under node_modules, media type).
VENDOR_FILES = {
    "vis-timeline.js": (
        "vis-timeline/standalone/umd/vis-timeline-graph2d.min.js",
        "text/javascript",
    ),
    "vis-timeline.css": ("vis-timeline/styles/vis-timeline-graph2d.min.css", "text/css"),
}
INSTALL_HINT = "run `make run` in the checkout, or `npm ci` in its web/ folder"

router = APIRouter(include_in_schema=False)


@router.get("/")
def timeline_page() -> FileResponse:
    """The timeline: filters, the axis, the list of events, their accounts, a paste form."""
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


@router.get("/documents/{document_id}/view")
def document_view(document_id: IdPath) -> FileResponse:
    """A document's text with its time mentions and accounts highlighted (read by the JS)."""
    return FileResponse(STATIC_DIR / "document.html", media_type="text/html")


@router.get("/static/vendor/{name}")
def vendor_file(name: str, settings: Annotated[Settings, Depends(get_settings)]) -> FileResponse:
    if name not in VENDOR_FILES:
        raise Problem(404, f"no vendor file {name!r}; there are {', '.join(VENDOR_FILES)}")
    relative, media_type = VENDOR_FILES[name]
    path = settings.web_vendor_dir / relative
    if not path.is_file():
        raise Problem(404, f"{name} is not installed ({path} is missing): {INSTALL_HINT}")
    return FileResponse(path, media_type=media_type)


def install(app: FastAPI) -> None:
    """The routes above, then our files at /static (after them: /static/vendor is a route)."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
