"""The page at / and its files: ours from the package, vis-timeline from web/node_modules."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.page import STATIC_DIR, VENDOR_FILES
from timeline.settings import Settings


def test_the_page_and_its_own_files_are_served(client: TestClient) -> None:
    page = client.get("/", params={"place": "Abu Kamal", "disputed": "true"})  # filters: the JS's
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/timeline.js">' in page.text
    for name in ("timeline.js", "common.js", "style.css", "document.js"):
        served = client.get(f"/static/{name}")
        assert served.status_code == 200, name
        assert served.content == (STATIC_DIR / name).read_bytes()
    view = client.get("/documents/3/view")
    assert view.status_code == 200
    assert '<script src="/static/document.js">' in view.text


def test_vendor_files_come_from_the_configured_folder(settings: Settings, tmp_path: Path) -> None:
    relative, _ = VENDOR_FILES["vis-timeline.js"]
    (tmp_path / relative).parent.mkdir(parents=True)
    (tmp_path / relative).write_text("window.vis = {};\n")
    local = settings.model_copy(update={"web_vendor_dir": tmp_path})
    with TestClient(create_app(local)) as client:
        served = client.get("/static/vendor/vis-timeline.js")
        assert served.status_code == 200
        assert served.text == "window.vis = {};\n"
        assert served.headers["content-type"].startswith("text/javascript")

        missing = client.get("/static/vendor/vis-timeline.css")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        assert "npm ci" in missing.json()["detail"]

        unknown = client.get("/static/vendor/..%2F..%2Fpyproject.toml")
        assert unknown.status_code == 404
        # the page itself does not depend on them
        assert client.get("/").status_code == 200
