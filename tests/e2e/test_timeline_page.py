"""End to end: the real app on a migrated SQLite database with our demo articles, its page
driven in Debian's Chromium (/usr/bin/chromium; `make test` installs it when missing).

Screenshots (desktop and 360 px phone width) go to var/e2e/. docs/img/timeline.png is written
when it is missing or TIMELINE_E2E_DOCS_SCREENSHOT=1 (it shows our demo data only).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from api.app import create_app
from api.routers.page import VENDOR_FILES
from timeline.demo import demo_drafts
from timeline.ingest import DocumentDraft
from timeline.settings import Settings
from timeline.store.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "var" / "e2e"
DOCS_SHOT = ROOT / "docs" / "img" / "timeline.png"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
START_SECONDS = 60
# Our own report, written from the facts: the SDF took Raqqa on Tuesday, 17 October 2017.
ARTICLE = (
    "RAQQA — The Syrian Democratic Forces captured Raqqa on Tuesday after a four-month "
    "battle, a spokesman for the alliance said. Fighting had ended in the city's stadium."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _body(draft: DocumentDraft) -> dict[str, Any]:
    day = draft.published_precision == "day"
    published = draft.published.date().isoformat() if day else draft.published.isoformat()
    fields = {
        "text": draft.text,
        "published": published,
        "source": draft.source,
        "source_kind": draft.source_kind,
        "url": draft.url,
        "title": draft.title,
        "language": draft.language,
    }
    return {k: v for k, v in fields.items() if v is not None}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn on a free port, with our demo articles posted to it."""
    vendor = Settings().web_vendor_dir
    missing = [n for n, (path, _) in VENDOR_FILES.items() if not (vendor / path).is_file()]
    assert not missing, f"{missing} missing under {vendor}: run `make .venv/.installed` (npm ci)"
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'timeline.db'}"
    upgrade(url)
    settings = Settings(database_url=url)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=_free_port(), log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    base = f"http://127.0.0.1:{server.config.port}"
    # only our own demo articles (no shared samples): what the screenshots show is ours
    for path, draft in demo_drafts(settings.demo_dir, None):
        posted = httpx.post(f"{base}/documents", json=_body(draft), timeout=60)
        assert posted.status_code == 201, f"{path}: {posted.text}"
    yield base
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium"
        if IN_CI:
            pytest.fail(f"{message} (required under CI=true)", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"script errors on the page: {errors}"


def _api(base: str, path: str, **params: str) -> Any:
    response = httpx.get(f"{base}{path}", params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def _event_ids(base: str, **params: str) -> list[int]:
    ids: list[int] = []
    cursor: str | None = None
    while True:
        page = _api(
            base, "/events", limit="500", **params, **({"cursor": cursor} if cursor else {})
        )
        ids += [e["id"] for e in page["items"]]
        if not (cursor := page["next_cursor"]):
            return ids


def _listed_ids(page: Page) -> list[int]:
    rows = page.locator("#events-list tbody tr[data-event-id]")
    return [int(i) for i in rows.evaluate_all("rows => rows.map(r => r.dataset.eventId)")]


def _capture_with_a_week(base: str) -> dict[str, Any]:
    """The capture of Abu Kamal that an account dates to "last week" (6-12 Nov 2017)."""
    for event_id in _event_ids(base, place="Abu Kamal", kind="capture"):
        event: dict[str, Any] = _api(base, f"/events/{event_id}")
        if any(a["time"]["value"] == "2017-W45" for a in event["accounts"]):
            return event
    raise AssertionError("no capture of Abu Kamal with a 'last week' account in the demo")


def _open(page: Page, base: str, title: str) -> None:
    page.goto(base)
    page.get_by_role("button", name=title, exact=True).click()
    expect(page.locator("#detail-heading")).to_have_text(title)


def _drawn(page: Page) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = page.evaluate(
        """() => window.timelinePage.items.get().map(i => ({id: i.id, group: i.group,
        start: new Date(i.start).toISOString(), end: i.end ? new Date(i.end).toISOString() : null,
        type: i.type, className: i.className, text: i.content.textContent}))"""
    )
    return items


def test_the_capture_is_drawn_at_its_intervals(page: Page, base_url: str) -> None:
    capture = _capture_with_a_week(base_url)
    _open(page, base_url, capture["title"])
    drawn = {str(item["id"]): item for item in _drawn(page)}
    event = drawn[str(capture["id"])]
    assert event["type"] == "range"  # 8 Nov 16:00 to 10 Nov: longer than a day
    assert (event["start"], event["end"]) == (
        capture["earliest"].replace("Z", ".000Z"),
        capture["latest"].replace("Z", ".000Z"),
    )
    assert "disputed" in event["className"].split() and "disputed" in event["text"].lower()
    [week] = [i for i in drawn.values() if i["group"] == "__accounts" and "last week" in i["text"]]
    assert (week["type"], week["start"], week["end"]) == (
        "range",
        "2017-11-06T00:00:00.000Z",
        "2017-11-13T00:00:00.000Z",
    )
    # drawn to scale: the week is 168 hours, the event's envelope its own length
    week_box = page.locator(".vis-item.vis-range.account", has_text="last week").bounding_box()
    event_box = page.locator(".vis-item.vis-range.vis-selected").bounding_box()
    assert week_box and event_box
    length = datetime.fromisoformat(capture["latest"]) - datetime.fromisoformat(capture["earliest"])
    hours = length.total_seconds() / 3600
    assert week_box["width"] / event_box["width"] == pytest.approx(168 / hours, rel=0.1)

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SHOTS / "timeline-desktop.png")
    if not DOCS_SHOT.exists() or os.environ.get("TIMELINE_E2E_DOCS_SCREENSHOT") == "1":
        DOCS_SHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=DOCS_SHOT)


def test_a_disputed_event_shows_both_sides_with_their_quotes(page: Page, base_url: str) -> None:
    capture = _capture_with_a_week(base_url)
    [dispute] = [d for d in capture["disputes"] if d["aspect"] == "time"]
    _open(page, base_url, capture["title"])
    expect(page.locator(".disputes")).to_contain_text(dispute["detail"])
    accounts = {a["id"]: a for a in capture["accounts"]}
    for side in dispute["sides"]:
        account = accounts[side["account_ids"][0]]
        card = page.locator(f"#account-{account['id']}")
        expect(card.locator("blockquote")).to_have_text(account["evidence"]["quote"])
        expect(card.locator("h4")).to_contain_text(account["claimant"]["name"])
        if account["time"]["source"] == "own":
            expect(card.locator("mark.mention")).to_have_text(account["time"]["text"])


def test_filters_give_the_apis_events_and_live_in_the_url(page: Page, base_url: str) -> None:
    page.goto(base_url)
    expect(page.locator("#status")).to_contain_text("event(s)")
    everything = _listed_ids(page)
    assert sorted(everything) == sorted(_event_ids(base_url))

    page.get_by_label("Place").fill("Abu Kamal")
    page.get_by_label("Claimant").fill("Observatory")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#status")).to_contain_text(
        "matching place Abu Kamal, claimant Observatory"
    )
    assert re.search(r"\?place=Abu\+Kamal&claimant=Observatory$", page.url), page.url
    filtered = _listed_ids(page)
    assert filtered, "the filter left nothing to compare"
    assert sorted(filtered) == sorted(
        _event_ids(base_url, place="Abu Kamal", claimant="Observatory")
    )
    assert len(filtered) < len(everything)

    page.go_back()
    expect(page.get_by_label("Place")).to_have_value("")
    expect(page.locator("#events-list tbody tr[data-event-id]")).to_have_count(len(everything))
    page.go_forward()
    expect(page.get_by_label("Claimant")).to_have_value("Observatory")
    expect(page.locator("#events-list tbody tr[data-event-id]")).to_have_count(len(filtered))


def test_a_pasted_article_appears_and_its_document_view_highlights(
    page: Page, base_url: str
) -> None:
    page.goto(base_url)
    expect(page.locator("#status")).to_contain_text("event(s)")
    before = set(_listed_ids(page))
    page.get_by_label("Title").fill("SDF take Raqqa")
    page.get_by_label("Publisher (required)").fill("E2E Wire")
    page.get_by_label("Publication date (required)").fill("2017-10-20")
    page.get_by_label("Publication time").fill("09:30")
    page.get_by_label("Time zone (IANA, e.g. Europe/Moscow)").fill("Mars/Olympus")
    page.get_by_label("Article text (required)").fill(ARTICLE)
    page.get_by_role("button", name="Add the article").click()
    alert = page.get_by_role("alert").filter(has_text="was not added")
    expect(alert).to_contain_text("Mars/Olympus")  # the problem's detail names the zone

    page.get_by_label("Time zone (IANA, e.g. Europe/Moscow)").fill("Asia/Damascus")
    page.get_by_role("button", name="Add the article").click()
    expect(page.locator("#status")).to_contain_text(re.compile(r"Document \d+ added"))
    expect(alert).to_be_hidden()
    new = set(_listed_ids(page)) - before
    assert new, "no new event on the timeline"
    document_id = int(re.findall(r"document (\d+)", page.locator("#paste-result").inner_text())[0])
    document = _api(base_url, f"/documents/{document_id}")
    assert document["published"] == "2017-10-20T06:30:00Z"  # 09:30 in Damascus, +03:00
    assert new == {a["event_id"] for a in document["accounts"]}
    drawn = {i["id"]: i["start"] for i in _drawn(page) if i["id"] in new}
    events = [_api(base_url, f"/events/{event_id}") for event_id in sorted(new)]
    assert drawn == {e["id"]: e["earliest"].replace("Z", ".000Z") for e in events}
    [capture] = [e for e in events if e["kind"] == "capture"]
    assert capture["earliest"] == "2017-10-16T21:00:00Z"  # "on Tuesday" in Damascus (+03:00)

    page.get_by_role("link", name="Open the document").click()
    page.wait_for_url(f"**/documents/{document_id}/view")
    marks = page.locator("#doc-text mark.mention")
    expect(marks).to_have_count(len(document["time_mentions"]))
    assert marks.all_inner_texts() == [m["text"] for m in document["time_mentions"]]
    expect(page.locator("#doc-text .evidence[tabindex='0']")).to_have_count(
        len({a["evidence"]["start"] for a in document["accounts"]})
    )
    marks.first.focus()
    first = document["time_mentions"][0]
    expect(page.locator("#focus-info")).to_contain_text(
        f"{first['value']} · 16 Oct 2017 21:00 UTC – 17 Oct 2017 21:00 UTC · day"
    )
    expect(page.locator("#focus-info")).to_contain_text("placed at UTC+03:00")
    expect(page.locator("#mentions tbody tr")).to_have_count(len(document["time_mentions"]))


def test_the_document_view_of_a_demo_article(page: Page, base_url: str) -> None:
    capture = _capture_with_a_week(base_url)
    [week] = [a for a in capture["accounts"] if a["time"]["value"] == "2017-W45"][:1]
    page.goto(f"{base_url}/documents/{week['document_id']}/view")
    mark = page.locator("#doc-text mark.mention", has_text=week["time"]["text"]).first
    mark.focus()
    expect(page.locator("#focus-info")).to_contain_text(
        "2017-W45 · 6 Nov 2017 – 12 Nov 2017 · week"
    )
    # the account's evidence: focusable where it starts, naming its whole quote; the time
    # mention inside it is marked within the evidence
    evidence = page.locator(f"#account-{week['id']}")
    expect(evidence).to_have_attribute("tabindex", "0")
    label = evidence.get_attribute("aria-label") or ""
    assert week["evidence"]["quote"] in label and "2017-W45" in label, label
    expect(mark.locator(".evidence")).to_have_text(week["time"]["text"])
    expect(page.locator("#accounts tbody")).to_contain_text(week["evidence"]["quote"])


def test_phone_width_has_no_horizontal_scroll(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, is_mobile=True)
    page = context.new_page()
    capture = _capture_with_a_week(base_url)
    _open(page, base_url, capture["title"])
    for path in ("/", f"/documents/{capture['accounts'][0]['document_id']}/view"):
        if path != "/":
            page.goto(f"{base_url}{path}")
            expect(page.locator("#status")).to_contain_text("highlighted")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide at a 360px screen"
    page.goto(f"{base_url}/#event={capture['id']}")
    expect(page.locator("#detail-heading")).to_have_text(capture["title"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "timeline-phone.png", full_page=True)
    context.close()


def test_without_vis_timeline_the_page_says_what_to_run(page: Page, base_url: str) -> None:
    # as when web/node_modules is missing: the vendor files do not load
    page.route("**/static/vendor/**", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(base_url)
    notice = page.get_by_role("alert").filter(has_text="vis-timeline")
    expect(notice).to_contain_text("npm ci")
    expect(page.locator("#axis")).to_be_hidden()
    expect(page.locator("#events-list tbody tr[data-event-id]")).to_have_count(
        len(_event_ids(base_url))
    )
