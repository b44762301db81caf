// The timeline page: filters in the URL, the vis-timeline axis, an accessible list of the
// same events, an event's accounts side by side, and a form to add an article.
"use strict";

const FILTERS = ["start", "end", "place", "actor", "claimant", "source", "kind", "disputed", "q"];
const ACCOUNTS_GROUP = "__accounts";
const INSTALL_HINT = "run `make run` in the checkout (or `npm ci` in its web/ folder), then reload";
const ASPECTS = { time: "When", actor: "Who", polarity: "Whether", quantity: "How many" };
const TIME_SOURCES = {
  own: "in its own words",
  context: "from the story's context",
  publication: "only: before publication",
};

const page = { timeline: null, items: null, groups: null, events: [], selected: null };
window.timelinePage = page;  // the end-to-end test reads the drawn items from here

const $ = (id) => document.getElementById(id);
const say = (text) => { $("status").textContent = text; };

// ---- filters <-> URL ------------------------------------------------------------------

function filtersFromUrl() {
  const url = new URLSearchParams(location.search);
  const params = new URLSearchParams();
  for (const name of FILTERS) if (url.get(name)) params.set(name, url.get(name));
  return params;
}

function fillForm(params) {
  const form = $("filters");
  for (const name of FILTERS) {
    const input = form.elements[name];
    if (input.type === "checkbox") input.checked = params.get(name) === "true";
    else input.value = params.get(name) || "";
  }
}

function paramsFromForm() {
  const form = $("filters");
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const input = form.elements[name];
    if (input.type === "checkbox") { if (input.checked) params.set(name, "true"); }
    else if (input.value.trim()) params.set(name, input.value.trim());
  }
  return params;
}

function describeFilters(params) {
  const parts = [...params].map(([name, value]) => `${name} ${value}`);
  return parts.length ? ` matching ${parts.join(", ")}` : "";
}

// ---- loading --------------------------------------------------------------------------

async function load() {
  const params = filtersFromUrl();
  fillForm(params);
  say("Loading events…");
  let data;
  try {
    data = await api(`/timeline.json?${new URLSearchParams([["shape", "vis"], ...params])}`);
  } catch (error) {
    say(`The events could not be loaded: ${error.message}`);
    return [];
  }
  page.events = data.items;
  drawAxis(data);
  drawList(data.items);
  say(`${data.items.length} event(s)${describeFilters(params)}.`);
  return data.items;
}

// ---- the axis -------------------------------------------------------------------------

function hasClass(item, name) {
  return (item.className || "").split(" ").includes(name);
}

function itemContent(item) {
  const badge = hasClass(item, "disputed") ? el("span", { class: "badge" }, "disputed") : null;
  return el("span", { class: "item-label" }, badge, badge ? " " : "", item.content);
}

function tooltip(text) {
  return el("div", { class: "tip" }, text.split("\n").map((line) => el("div", {}, line)));
}

function axisItem(item) {
  return { ...item, content: itemContent(item), title: tooltip(item.title || item.content) };
}

function createTimeline() {
  if (!window.vis || !window.vis.Timeline) {
    const notice = $("vendor-notice");
    notice.textContent = `The time axis needs vis-timeline, which is not installed here: ${INSTALL_HINT}. `
      + "The list of events below works without it.";
    notice.hidden = false;
    $("axis").hidden = true;
    return;
  }
  page.items = new vis.DataSet();
  page.groups = new vis.DataSet();
  page.timeline = new vis.Timeline($("axis"), page.items, page.groups, {
    orientation: { axis: "top" },
    stack: true,
    groupOrder: "order",
    margin: { item: { horizontal: 2, vertical: 6 } },
    zoomMin: 3600 * 1000,
    showCurrentTime: false,
    tooltip: { followMouse: true, overflowMethod: "cap" },
  });
  page.timeline.on("select", ({ items }) => {
    const [id] = items;
    if (typeof id === "number") openEvent(id, { focus: false });
    else if (typeof id === "string" && id.startsWith("account-")) {
      const card = $(id);
      if (card) { card.scrollIntoView({ block: "nearest" }); card.focus(); }
    }
  });
}

function drawAxis(data) {
  if (!page.timeline) return;
  page.items.clear();
  page.groups.clear();
  page.groups.add(data.groups.map((group, index) => ({
    id: group.id, content: el("span", {}, group.content), order: index + 1,
  })));
  page.items.add(data.items.map(axisItem));
  if (data.items.length) page.timeline.fit({ animation: false });
}

/** The intervals the selected event's accounts give, one item each with who gives it, in a
 * band above the events: where the accounts place it, side by side on the axis. */
function drawAccounts(event) {
  if (!page.timeline) return;
  page.items.remove(page.items.getIds({ filter: (item) => item.group === ACCOUNTS_GROUP }));
  page.groups.update({
    id: ACCOUNTS_GROUP, order: 0, className: "accounts-group",
    content: el("span", { title: `The accounts of “${event.title}”` }, "Its accounts"),
  });
  const byInterval = new Map();
  for (const account of event.accounts) {
    const { earliest, latest } = account.time;
    if (!earliest && !latest) continue;
    const key = `${earliest}/${latest}`;
    if (!byInterval.has(key)) byInterval.set(key, []);
    byInterval.get(key).push(account);
  }
  const items = [...byInterval.values()].map((accounts) => {
    const { earliest, latest } = accounts[0].time;
    const start = new Date(earliest || latest);
    const end = latest ? new Date(latest) : null;
    const range = end && end - start > DAY_MS;
    const words = [...new Set(accounts.map((a) => a.time.text || a.time.value || "?"))].join(", ");
    const who = [...new Set(accounts.map((a) => `${a.claimant.name}${a.polarity === "denies" ? " (denies)" : ""}`))];
    const classes = ["account"];
    if (accounts.every((a) => a.polarity === "denies")) classes.push("denies");
    if (!earliest) classes.push("soft-start", "open-start");
    if (!latest) classes.push("soft-end", "open-end");
    return {
      id: `account-${accounts[0].id}`,
      group: ACCOUNTS_GROUP,
      start: start.toISOString(),
      ...(range ? { end: end.toISOString(), type: "range" } : { type: "point" }),
      className: classes.join(" "),
      content: el("span", { class: "item-label" }, `“${words}” · ${accounts.length} account(s)`),
      title: tooltip(`“${words}”: ${resolvedWords(accounts[0].time)}\naccording to ${who.join(", ")}`),
    };
  });
  page.items.add(items);
  showAround([event, ...event.accounts.map((a) => a.time)]);
}

/** Move the axis to cover these intervals (with a margin), the selected event and its accounts. */
function showAround(intervals) {
  const starts = intervals.map((i) => i.earliest || i.latest).filter(Boolean).map(Date.parse);
  const ends = intervals.map((i) => i.latest || i.earliest).filter(Boolean).map(Date.parse);
  if (!starts.length) return;
  const [from, to] = [Math.min(...starts), Math.max(...ends)];
  const margin = Math.max((to - from) * 0.1, DAY_MS);
  page.timeline.setWindow(from - margin, to + margin, { animation: false });
}

// ---- the list -------------------------------------------------------------------------

function itemWhen(item) {
  return formatInterval(item.earliest, item.latest);
}

function drawList(items) {
  const body = $("events-list").tBodies[0];
  body.replaceChildren();
  if (!items.length) {
    body.append(el("tr", {}, el("td", { colspan: 4 }, "No events match these filters.")));
    return;
  }
  for (const item of items) {
    const notes = [];
    if (hasClass(item, "disputed")) notes.push(el("span", { class: "badge" }, "disputed"));
    if (hasClass(item, "soft-start") || hasClass(item, "soft-end")) notes.push(" bounds uncertain");
    body.append(el("tr", { "data-event-id": item.id },
      el("td", { "data-label": "When" }, itemWhen(item)),
      el("td", { "data-label": "Event" }, el("button", {
        type: "button", class: "link", "aria-controls": "detail",
        onclick: () => openEvent(item.id, { focus: true }),
      }, item.content)),
      el("td", { "data-label": "Kind" }, item.group),
      el("td", { "data-label": "Notes" }, notes),
    ));
  }
}

// ---- one event, its accounts side by side -------------------------------------------

function quoteWithTime(account) {
  const { quote, start: from } = account.evidence;
  const spans = [];
  const { text, start, end } = account.time;
  let at = start !== null && start !== undefined ? start - from : -1;
  if (!(at >= 0 && quote.slice(at, end - from) === text)) at = text ? quote.indexOf(text) : -1;
  if (at >= 0 && text) {
    spans.push({ start: at, end: at + text.length, node: (t) => el("mark", { class: "mention" }, t) });
  }
  const trigger = { start: account.evidence.trigger_start - from, end: account.evidence.trigger_end - from };
  if (trigger.start >= 0) spans.push({ ...trigger, node: (t) => el("strong", { class: "trigger" }, t) });
  return el("blockquote", { class: "quote" }, markSpans(quote, spans));
}

function accountCard(account) {
  const claimant = account.claimant;
  const says = [account.polarity === "denies" ? "denies it" : "asserts it"];
  if (account.hedged) says.push(`hedged (“${account.hedge_cue || "reportedly"}”)`);
  if (account.modality !== "actual") says.push(account.modality);
  const published = new Date(account.published);
  return el("article", { class: `account-card ${account.polarity}`, id: `account-${account.id}`, tabindex: -1, "aria-labelledby": `account-${account.id}-name` },
    el("h4", { id: `account-${account.id}-name` }, claimant.name,
      claimant.via ? el("span", { class: "via" }, ` via ${claimant.via}`) : null),
    el("dl", {},
      el("dt", {}, "Publisher"), el("dd", {}, `${account.publisher.name} (${account.publisher.kind}), ${day(published)}`),
      el("dt", {}, "Says"), el("dd", {}, says.join(", ")),
      el("dt", {}, "Time"), el("dd", {}, resolvedWords(account.time), ` — ${TIME_SOURCES[account.time.source] || account.time.source}`),
    ),
    quoteWithTime(account),
    account.answers.length ? el("p", {}, "Answers ", account.answers.map((id, i) => [i ? ", " : "", el("a", { href: `#account-${id}` }, `account ${id}`)])) : null,
    el("p", {}, el("a", { href: `/documents/${account.document_id}/view#account-${account.id}` }, "Open the document")),
  );
}

function figuresWords(figures) {
  const known = [figures.low, figures.high].filter((v) => v !== null);
  const span = known.length === 2 ? `from ${figures.low} to ${figures.high}` : `${known[0] ?? "unknown"}`;
  return `${figures.measure}: ${span}${figures.best !== null ? ` (best ${figures.best})` : ""}`;
}

function disputesList(disputes) {
  if (!disputes.length) return null;
  return el("section", { class: "disputes", "aria-labelledby": "disputes-heading" },
    el("h3", { id: "disputes-heading" }, el("span", { class: "badge" }, "disputed"), " What the accounts disagree on"),
    el("ul", {}, disputes.map((d) => el("li", {},
      el("strong", {}, `${ASPECTS[d.aspect] || d.aspect}: `), d.detail,
      d.figures ? el("div", { class: "figures" }, `Range of figures — ${figuresWords(d.figures)}`) : null,
    ))),
  );
}

function renderEvent(event) {
  const facts = [formatInterval(event.earliest, event.latest), event.kind];
  if (event.place) facts.push(event.place.name);
  facts.push(`${event.account_count} account(s)`);
  $("detail-heading").textContent = event.title;
  $("detail-body").replaceChildren(
    el("p", { class: "facts" }, facts.join(" · "), event.disputed ? [" ", el("span", { class: "badge" }, "disputed")] : null),
    disputesList(event.disputes) || "",
    el("h3", {}, `Accounts side by side (${event.accounts.length})`),
    el("div", { class: "accounts" }, event.accounts.map(accountCard)),
  );
  $("detail").hidden = false;
}

async function openEvent(id, { focus }) {
  say(`Loading event ${id}…`);
  let event;
  try {
    event = await api(`/events/${id}`);
  } catch (error) {
    say(`Event ${id} could not be loaded: ${error.message}`);
    return;
  }
  page.selected = id;
  renderEvent(event);
  drawAccounts(event);
  if (page.timeline) page.timeline.setSelection([id]);
  history.replaceState(history.state, "", `${location.pathname}${location.search}#event=${id}`);
  for (const row of $("events-list").tBodies[0].rows) {
    row.classList.toggle("selected", row.dataset.eventId === String(id));
  }
  if (focus) $("detail-heading").focus();
  say(`Showing event ${id}, “${event.title}”: ${event.accounts.length} account(s).`);
}

// ---- adding an article ----------------------------------------------------------------

/** The UTC offset ("+03:00") of an IANA zone at a wall-clock reading ("2017-11-14T09:30"). */
function zoneOffset(zone, local) {
  const format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
  const offsetAt = (instant) => {
    const name = format.formatToParts(instant).find((p) => p.type === "timeZoneName").value;
    const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
    return match ? `${match[1]}:${match[2] || "00"}` : "+00:00";
  };
  const wall = new Date(`${local}:00Z`);
  const first = offsetAt(wall);
  const minutes = (o) => (o[0] === "-" ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6)));
  return offsetAt(new Date(wall.getTime() - minutes(first) * 60000));  // across a DST change
}

function publishedValue(date, time, zone) {
  if (!time) return date;
  const local = `${date}T${time.slice(0, 5)}`;
  if (!zone) return `${local}:00Z`;
  try {
    return `${local}:00${zoneOffset(zone, local)}`;
  } catch {
    return `${local}:00`;  // an unknown zone: the service's answer names it
  }
}

function showPasteProblem(message) {
  const alert = $("paste-alert");
  alert.textContent = `The article was not added: ${message}`;
  alert.hidden = false;
}

async function pasteArticle(submit) {
  submit.preventDefault();
  const form = submit.target;
  const field = (name) => form.elements[name].value.trim();
  $("paste-alert").hidden = true;
  const body = {
    text: form.elements.text.value,
    source: field("source"),
    published: publishedValue(field("date"), field("time"), field("timezone")),
  };
  for (const name of ["title", "url", "timezone"]) if (field(name)) body[name] = field(name);
  const headers = { "Content-Type": "application/json" };
  if (field("token")) headers.Authorization = `Bearer ${field("token")}`;
  say("Adding the article…");
  const response = await fetch("/documents", { method: "POST", headers, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    say("The article was not added.");
    showPasteProblem(answer.detail || `${response.status} ${response.statusText}`);
    return;
  }
  const eventIds = [...new Set(answer.accounts.map((a) => a.event_id))];
  const known = response.status === 200 ? "was already here as" : "added as";
  $("paste-result").replaceChildren(el("p", {},
    `The article ${known} document ${answer.id}, with ${answer.time_mentions.length} time mention(s) and `
    + `${answer.accounts.length} account(s). `,
    el("a", { href: `/documents/${answer.id}/view` }, "Open the document"),
    eventIds.length ? [" · events: ", eventIds.map((id, i) => [i ? ", " : "",
      el("button", { type: "button", class: "link", onclick: () => openEvent(id, { focus: true }) }, `#${id}`)])] : "",
  ));
  await load();
  const shown = eventIds.filter((id) => page.events.some((item) => item.id === id));
  if (page.timeline && shown.length) page.timeline.setSelection(shown, { focus: true, animation: false });
  for (const row of $("events-list").tBodies[0].rows) {
    row.classList.toggle("new", eventIds.includes(Number(row.dataset.eventId)));
  }
  say(`Document ${answer.id} ${known === "added as" ? "added" : "was already here"}: `
    + `${shown.length} of its ${eventIds.length} event(s) shown with these filters.`);
}

// ---- start ----------------------------------------------------------------------------

function openFromHash() {
  const match = /^#event=(\d+)$/.exec(location.hash);
  if (match) openEvent(Number(match[1]), { focus: false });
}

function start() {
  createTimeline();
  $("filters").addEventListener("submit", (submit) => {
    submit.preventDefault();
    const params = paramsFromForm();
    history.pushState(null, "", `${location.pathname}${params.toString() ? `?${params}` : ""}`);
    load();
  });
  $("f-clear").addEventListener("click", () => {
    history.pushState(null, "", location.pathname);
    load();
  });
  $("paste").addEventListener("submit", (submit) => {
    pasteArticle(submit).catch((error) => showPasteProblem(error.message));
  });
  window.addEventListener("popstate", () => load().then(openFromHash));
  load().then(openFromHash);
}

start();
