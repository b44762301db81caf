// The document view: the text with every time mention and every account's evidence
// highlighted; focusing or hovering one says what it resolved to, and lists give them all.
"use strict";

const $ = (id) => document.getElementById(id);
const say = (text) => { $("status").textContent = text; };

function mentionWords(m) {
  const parts = [`“${m.text}”`, m.type, resolvedWords(m)];
  if (m.mod) parts.push(`mod ${m.mod}`);
  if (m.utc_offset) parts.push(`placed at UTC${m.utc_offset}`);
  return parts.join(" · ");
}

function accountWords(a) {
  return `${a.kind} told by ${a.claimant.name} (${a.polarity}${a.hedged ? ", hedged" : ""}) · time: ${resolvedWords(a.time)}`;
}

function showFocus(lines) {
  $("focus-info").replaceChildren(...lines.map((line) => el("p", {}, line)));
}

/** Cut the text at every span bound; each piece knows the mention and accounts over it. */
function pieces(text, mentions, accounts) {
  const cuts = new Set([0, text.length]);
  for (const s of mentions) { cuts.add(s.start); cuts.add(s.end); }
  for (const a of accounts) { cuts.add(a.evidence.start); cuts.add(a.evidence.end); }
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    out.push({
      from, to,
      mention: mentions.findIndex((m) => m.start <= from && to <= m.end),
      accounts: accounts.filter((a) => a.evidence.start <= from && to <= a.evidence.end),
    });
  }
  return out;
}

function evidenceNode(piece, text) {
  if (!piece.accounts.length) return document.createTextNode(text);
  const starts = piece.accounts.filter((a) => a.evidence.start === piece.from);
  const words = piece.accounts.map(accountWords);
  // every account starting here can be linked to (#account-ID); the first holds the focus
  const anchors = starts.slice(1).map((a) => el("span", { id: `account-${a.id}` }));
  const out = document.createDocumentFragment();
  out.append(...anchors, el("span", {
    class: "evidence",
    id: starts.length ? `account-${starts[0].id}` : null,
    tabindex: starts.length ? 0 : null,
    title: words.join("\n"),
    "aria-label": starts.length ? `evidence: ${starts[0].evidence.quote} — ${words.join(". ")}` : null,
    onfocus: () => showFocus(words),
    onmouseenter: () => showFocus(words),
  }, text));
  return out;
}

function mentionMark(mention, index) {
  const words = mentionWords(mention);
  return el("mark", {
    class: "mention", id: `mention-${index}`, tabindex: 0, title: words,
    "aria-label": `time mention: ${words}`,
    onfocus: () => showFocus([words]),
    onmouseenter: () => showFocus([words]),
  });
}

function renderText(doc) {
  const box = $("doc-text");
  box.replaceChildren();
  let mark = null;
  let markIndex = -1;
  for (const piece of pieces(doc.text, doc.time_mentions, doc.accounts)) {
    const node = evidenceNode(piece, doc.text.slice(piece.from, piece.to));
    if (piece.mention < 0) { box.append(node); markIndex = -1; continue; }
    if (piece.mention !== markIndex) {
      markIndex = piece.mention;
      mark = mentionMark(doc.time_mentions[markIndex], markIndex);
      box.append(mark);
    }
    mark.append(node);
  }
}

function renderMentions(mentions) {
  const body = $("mentions").tBodies[0];
  body.replaceChildren(...mentions.map((m, i) => el("tr", {},
    el("td", { "data-label": "Text" }, el("a", { href: `#mention-${i}` }, m.text)),
    el("td", { "data-label": "Value" }, m.value, m.mod ? ` (${m.mod})` : ""),
    el("td", { "data-label": "Interval (UTC)" }, formatInterval(m.earliest, m.latest)),
    el("td", { "data-label": "Granularity" }, m.granularity || "—"),
    el("td", { "data-label": "Resolved from" }, m.anchor),
  )));
  if (!mentions.length) body.append(el("tr", {}, el("td", { colspan: 5 }, "No time mentions.")));
}

function renderAccounts(accounts) {
  const body = $("accounts").tBodies[0];
  body.replaceChildren(...accounts.map((a) => el("tr", {},
    el("td", { "data-label": "Evidence" }, el("a", { href: `#account-${a.id}` }, a.evidence.quote)),
    el("td", { "data-label": "Claimant" }, `${a.claimant.name} (${a.polarity}${a.hedged ? ", hedged" : ""})`),
    el("td", { "data-label": "Time" }, a.time.text ? `“${a.time.text}” ` : "", resolvedWords(a.time)),
    el("td", { "data-label": "Event" }, el("a", { href: `/#event=${a.event_id}` }, `${a.kind} #${a.event_id}`)),
  )));
  if (!accounts.length) body.append(el("tr", {}, el("td", { colspan: 4 }, "No accounts.")));
}

async function start() {
  const match = /^\/documents\/(\d+)\/view\/?$/.exec(location.pathname);
  if (!match) { say("This page shows /documents/{id}/view."); return; }
  say("Loading the document…");
  let doc;
  try {
    doc = await api(`/documents/${match[1]}`);
  } catch (error) {
    say(`The document could not be loaded: ${error.message}`);
    return;
  }
  const title = doc.title || `Document ${doc.id}`;
  document.title = `${title} — Timeline`;
  $("doc-title").textContent = title;
  const link = doc.url && safeUrl(doc.url);
  $("doc-meta").replaceChildren(
    `${doc.source.name} · published ${formatInterval(doc.published, null).replace(/^from | \(open end\)$/g, "")}`
    + ` · language ${doc.language}${doc.timezone ? ` · read in ${doc.timezone}` : ""} · `,
    link ? el("a", { href: link, rel: "noopener noreferrer" }, "original") : "no URL",
  );
  renderText(doc);
  renderMentions(doc.time_mentions);
  renderAccounts(doc.accounts);
  say(`${doc.time_mentions.length} time mention(s) and ${doc.accounts.length} account(s) highlighted.`);
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) { target.scrollIntoView({ block: "center" }); target.focus({ preventScroll: true }); }
  }
}

start();
