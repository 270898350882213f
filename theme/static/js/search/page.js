// The search page: reads ?q= and the filters, searches as the reader types,
// shows results a page at a time. Every value from the query or the index is
// inserted as text (textContent, createElement), never as HTML.

import { isHan, positionSpans } from "./analysis.js";
import { SearchIndex } from "./engine.js";

const PAGE_SIZE = 10;
const SNIPPET_BEFORE = 30;
const SNIPPET_LENGTH = 110;
const FACETS = ["county", "township", "topic", "year"];

const root = document.getElementById("search");
const form = root.querySelector("form");
const input = form.elements.q;
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const site = new URL(root.dataset.site, document.baseURI);
const index = new SearchIndex(new URL(root.dataset.manifest, document.baseURI));

let run = 0;
let current = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function cnDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

function filters() {
  const chosen = {};
  for (const f of FACETS) if (form.elements[f].value) chosen[f] = form.elements[f].value;
  return chosen;
}

function option(select, value) {
  const node = el("option", "", value);
  node.value = value;
  select.append(node);
}

function fillFilters(manifest, params) {
  const facets = manifest.facets;
  for (const value of facets.county) option(form.elements.county, value);
  for (const [county, names] of facets.township) {
    const group = el("optgroup");
    group.label = county;
    for (const name of names) option(group, name);
    form.elements.township.append(group);
  }
  for (const value of facets.topic) option(form.elements.topic, value);
  for (const value of facets.year) option(form.elements.year, value);
  for (const f of FACETS) {
    const value = params.get(f);
    if (value) {
      if (![...form.elements[f].options].some((o) => o.value === value)) option(form.elements[f], value);
      form.elements[f].value = value;
    }
  }
  root.querySelector(".search-filters").hidden = false;
}

function shareableUrl(query, chosen) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [f, v] of Object.entries(chosen)) params.set(f, v);
  const search = params.toString();
  return `${location.pathname}${search ? `?${search}` : ""}`;
}

// Character ranges [start, end) of the marked words in a text. A mark is a
// word and the position where it starts; a Han bigram covers two positions.
function markRanges(text, marks, fold) {
  if (!marks.length) return [];
  const { spans } = positionSpans(text, fold);
  const ranges = [];
  for (const [word, start] of marks) {
    let first = Infinity;
    let last = -Infinity;
    for (const [term, offset] of word) {
      const covers = Array.from(term).length === 2 && isHan(term) ? 1 : 0;
      first = Math.min(first, start + offset);
      last = Math.max(last, start + offset + covers);
    }
    if (spans[first] && spans[last]) ranges.push([spans[first][0], spans[last][1]]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function appendMarked(parent, chars, from, to, ranges) {
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= at || start >= to) continue;
    const s = Math.max(start, at);
    if (s > at) parent.append(chars.slice(at, s).join(""));
    const e = Math.min(end, to);
    parent.append(el("mark", "", chars.slice(s, e).join("")));
    at = e;
  }
  if (at < to) parent.append(chars.slice(at, to).join(""));
}

function snippet(text, ranges) {
  const chars = Array.from(text.replace(/\n/g, " "));
  const p = el("p", "card-excerpt");
  const first = ranges.length ? ranges[0][0] : 0;
  let from = Math.max(0, first - SNIPPET_BEFORE);
  while (from < chars.length && chars[from] === " " && (!ranges.length || from < first)) from += 1;
  const to = Math.min(chars.length, from + SNIPPET_LENGTH);
  if (from > 0) p.append("…");
  appendMarked(p, chars, from, to, ranges);
  if (to < chars.length) p.append("…");
  return p;
}

function resultItem(record, hit, piece, fold) {
  const li = el("li", `card search-result card-${record.y}`);
  li.dataset.url = record.u;
  const title = el("h3", "card-title");
  const link = el("a");
  link.href = new URL(record.u, site).href;
  const titleChars = Array.from(record.t);
  appendMarked(link, titleChars, 0, titleChars.length, markRanges(record.t, hit.marks.title, fold));
  title.append(link);
  const meta = el("p", "card-meta");
  const time = el("time", "", cnDate(record.d));
  time.dateTime = record.d;
  meta.append(time);
  for (const place of [record.c, ...record.s]) if (place) meta.append(" ", el("span", "place", place));
  meta.append(" ", el("span", record.y === "photo" ? "badge" : "badge badge-article", record.y === "photo" ? "图片新闻" : "文章"));
  li.append(title, meta);
  const text = piece.text;
  const marks = hit.marks.body.map(([word, s]) => [word, s - piece.start]).filter(([, s]) => s >= 0);
  if (text) li.append(snippet(text, markRanges(text, marks, fold)));
  else if (record.r) li.append(el("p", "card-excerpt", `（${record.r}）`));
  return li;
}

function firstPosition(marks) {
  return marks.length ? Math.min(...marks.map(([, start]) => start)) : 0;
}

async function showMore(token) {
  const batch = current.hits.slice(list.children.length, list.children.length + PAGE_SIZE);
  list.dataset.state = "loading";
  const records = await Promise.all(batch.map((hit) => index.record(hit.id)));
  const pieces = await Promise.all(
    records.map((record, i) => index.piece(record, firstPosition(batch[i].marks.body))),
  );
  const fold = await index.fold("");
  if (token !== run) return;
  batch.forEach((hit, i) => list.append(resultItem(records[i], hit, pieces[i], fold)));
  more.hidden = list.children.length >= current.hits.length;
  list.dataset.state = "done";
}

function say(message, total) {
  status.textContent = message;
  if (total === undefined) delete status.dataset.total;
  else status.dataset.total = String(total);
}

async function search() {
  const token = ++run;
  const query = input.value.trim();
  const chosen = filters();
  history.replaceState(null, "", shareableUrl(query, chosen));
  list.dataset.state = "loading";
  list.replaceChildren();
  more.hidden = true;
  if (!query) {
    current = null;
    say("输入要找的词，多个词用空格分开。");
    list.dataset.state = "done";
    return;
  }
  try {
    const result = await index.search(query, chosen);
    if (token !== run) return;
    current = result;
    if (!result.hits.length) {
      const narrowed = Object.keys(chosen).length ? "，或去掉筛选条件" : "";
      say(`没有找到与“${query}”相关的报道。试试更短的词、换个说法${narrowed}。`, 0);
      list.dataset.state = "done";
      return;
    }
    say(`找到 ${result.hits.length} 条与“${query}”相关的报道。`, result.hits.length);
    await showMore(token);
  } catch (error) {
    if (token !== run) return;
    say("搜索索引没能加载，请稍后刷新页面再试。");
    list.dataset.state = "error";
    console.error(error);
  }
}

let typing = null;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(search, 200);
});
for (const f of FACETS) form.elements[f].addEventListener("change", search);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  search();
});
more.addEventListener("click", () => showMore(run));

const params = new URLSearchParams(location.search);
input.value = params.get("q") ?? "";
index
  .manifest()
  .then((manifest) => fillFilters(manifest, params))
  .catch(() => {})
  .finally(search);
