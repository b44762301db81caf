// Shared by the timeline page and the document view. Untrusted text (articles, names,
// quotes) only ever becomes DOM text nodes: nothing here assigns innerHTML.
"use strict";

const DAY_MS = 24 * 3600 * 1000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** JSON from the API; a problem response becomes an Error carrying its `detail`. */
async function api(path, init) {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `${response.status} ${response.statusText}`;
    const error = new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
    error.status = response.status;
    throw error;
  }
  return body;
}

function isMidnight(d) {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
}

function day(d) {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function clock(d) {
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

/** [earliest, latest) in words: "8 Nov 2017", "6 Nov 2017 – 12 Nov 2017", "… – 9 Nov 2017". */
function formatInterval(earliest, latest) {
  const start = earliest ? new Date(earliest) : null;
  const end = latest ? new Date(latest) : null;
  if (start && end && isMidnight(start) && isMidnight(end)) {
    const last = new Date(end.getTime() - DAY_MS);  // latest is exclusive
    return last.getTime() <= start.getTime() ? day(start) : `${day(start)} – ${day(last)}`;
  }
  const words = (d) => (isMidnight(d) ? day(d) : `${day(d)} ${clock(d)} UTC`);
  if (start && end) return `${words(start)} – ${words(end)}`;
  if (start) return `from ${words(start)} (open end)`;
  if (end) return `before ${words(end)} (open start)`;
  return "unknown";
}

/**
 * The text with the given spans marked: [{start, end, node: (text) => Element}], offsets
 * into `text`. Spans are sorted; one overlapping an earlier span is left unmarked.
 */
function markSpans(text, spans) {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at || span.end > text.length || span.end <= span.start) continue;
    out.append(document.createTextNode(text.slice(at, span.start)));
    out.append(span.node(text.slice(span.start, span.end)));
    at = span.end;
  }
  out.append(document.createTextNode(text.slice(at)));
  return out;
}

/** What a time resolved to, in words: "2017-W45 · 6 Nov 2017 – 12 Nov 2017 · week". */
function resolvedWords(time) {
  const parts = [time.value || "no value", formatInterval(time.earliest, time.latest)];
  if (time.granularity) parts.push(time.granularity);
  if (time.floating) parts.push("clock time of unknown zone");
  return parts.join(" · ");
}

/** An http(s) URL as given, or null: a link never runs script from a pasted URL. */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
