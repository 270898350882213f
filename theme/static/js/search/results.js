// How one search result looks: title with the matched words marked, date,
// places, type, byline, and a snippet of the text around the first match.
// Every value from the index is inserted as text (textContent,
// createElement), never as HTML.

import { isHan, positionSpans } from "./analysis.js";

const SNIPPET_BEFORE = 30;
// engine.js marks a word's places in the body only this far past its first
export const SNIPPET_LENGTH = 110;

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

// Character ranges [start, end) of the marked words in a text. A mark is a
// word and the position where it starts; a Han bigram covers two positions.
function markRanges(text, marks, fold) {
  if (!marks.length) return [];
  // each mark's first and last position
  const bounds = marks.map(([word, start]) => {
    let first = Infinity;
    let last = -Infinity;
    for (const [term, offset] of word) {
      const covers = Array.from(term).length === 2 && isHan(term) ? 1 : 0;
      first = Math.min(first, start + offset);
      last = Math.max(last, start + offset + covers);
    }
    return [first, last];
  });
  const { spans } = positionSpans(text, fold, Math.max(...bounds.map(([, last]) => last)));
  const ranges = [];
  for (const [first, last] of bounds) {
    if (spans[first] && spans[last]) ranges.push([spans[first][0], spans[last][1]]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  // Words that cover the same characters (独山港 and 独山港镇, a word typed
  // twice) are one mark: as two, the card showed 独山港|镇 split or whole by
  // the order they were typed in, and an empty mark where a snippet's end
  // cut through both.
  const merged = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
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

// A 间隔号 (·) stays on the line of the character before it (GB/T 15834):
// chromium breaks before it as before a Han character. The pair goes in a
// span that does not wrap (site.css .nobr), as the theme does on item pages
// (theme_filters.keep_middle_dots); a dot right after a marked word takes
// the word's mark in with it. The text itself is unchanged.
const DOT = "·";
function keepDots(parent) {
  for (const node of [...parent.childNodes]) {
    if (node.nodeType !== 3) {
      if (node.nodeName === "MARK") keepDots(node);
      continue;
    }
    const text = node.data;
    if (!text.includes(DOT)) continue;
    const parts = [];
    let at = 0;
    const before = node.previousSibling;
    if (text[0] === DOT && before && before.nodeType === 1) {
      const pair = el("span", "nobr");
      before.replaceWith(pair);
      pair.append(before, DOT);
      at = 1;
    }
    for (let i = 1; i < text.length; i++) {
      if (text[i] !== DOT) continue;
      // the character before, both halves of it outside the Basic Multilingual Plane
      const start = i - (i > 1 && /[\uDC00-\uDFFF]/.test(text[i - 1]) ? 2 : 1);
      if (start < at || !text[i - 1].trim()) continue;
      if (start > at) parts.push(text.slice(at, start));
      parts.push(el("span", "nobr", text.slice(start, i + 1)));
      at = i + 1;
    }
    if (at < text.length) parts.push(text.slice(at));
    node.replaceWith(...parts);
  }
}

// A character of a figure or a Latin word (15.23, 3.0, 11GW, 90%, 3,000,
// 9:30, in either width): a snippet cut through one would show another
// figure ("…7 平方公里" for 3.07, "…000人" for 3,000).
const FIGURE = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ.%．％]/;
const DIGIT = /[0-9０-９]/;
const digit = (chars, i) => i >= 0 && i < chars.length && DIGIT.test(chars[i]);
// A comma or a colon is part of a figure only as the query's words read it
// (WORD_SEPARATOR): a colon between digits (9:30), a comma after a digit
// and before a group of three (3,000). Elsewhere it separates figures: a
// table of them (12.5，13.6，14.8…) was one figure as long as the table,
// and a snippet ending in it lost every figure back to its match.
function inFigure(chars, i) {
  const c = chars[i];
  if (FIGURE.test(c)) return true;
  if (!digit(chars, i - 1) || !digit(chars, i + 1)) return false;
  if (c === ":" || c === "：") return true;
  return (c === "," || c === "，") && digit(chars, i + 2) && digit(chars, i + 3) && !digit(chars, i + 4);
}
const within = (chars, at) => at > 0 && at < chars.length && inFigure(chars, at - 1) && inFigure(chars, at);
// No figure is longer (12,345,678.25 is 13): a longer run is a table of
// figures whose commas read as thousands ones (88.6，101.7，114.8…), cut
// after the comma nearest the cut, between two of its figures.
const LONGEST_FIGURE = 20;

// ``at``, or where the figure it cuts through ends (toward ``limit``, which
// it does not pass) or begins (limit before at).
function offFigure(chars, at, limit) {
  const step = limit < at ? -1 : 1;
  let edge = at;
  while (edge !== limit && within(chars, edge)) {
    edge += step;
    if (Math.abs(edge - at) <= LONGEST_FIGURE) continue;
    edge = at;
    while (edge !== limit && within(chars, edge) && chars[edge - 1] !== "," && chars[edge - 1] !== "，") edge += step;
    break;
  }
  return edge;
}

// A character as a reader sees it may be several code points (a flag, an
// emoji family, a letter and its accent): a snippet cut through one showed
// half of it (…🇳 for 🇨🇳). Where Intl.Segmenter is missing (Firefox before
// 125), snippets are cut by code points, as they were.
let graphemes;
// Han characters, and the letters, punctuation, symbols and full-width
// forms of Chinese text (ASCII, Latin-1 but the soft hyphen, U+2010–2027,
// U+2030–205E, U+3000–3029, U+3030–303F, U+FF01–FF60, U+FFE0–FFE6) never
// join a neighbour into one character: between two of them, the segmenter
// need not be made or asked. Made, it costs chromium 10–25 ms before the
// list is shown, which a cut beside ５, ％, ． or an ideographic space paid.
const SINGLE = Uint32Array.of(0x20, 0x7e, 0xa1, 0xac, 0xae, 0xff, 0x2010, 0x2027, 0x2030, 0x205e,
  0x3000, 0x3029, 0x3030, 0x303f, 0xff01, 0xff60, 0xffe0, 0xffe6);
function single(c) {
  const code = c.codePointAt(0);
  for (let i = 0; i < SINGLE.length; i += 2) if (code >= SINGLE[i] && code <= SINGLE[i + 1]) return true;
  return isHan(c);
}

const regional = (c) => c >= "\u{1F1E6}" && c <= "\u{1F1FF}";

// ``at`` if no such character spans it, else that character's start (back)
// or end. Only the code points near ``at`` are looked at.
function clusterEdge(chars, at, back) {
  if (at <= 0 || at >= chars.length || (single(chars[at - 1]) && single(chars[at]))) return at;
  graphemes ??= typeof Intl.Segmenter === "function" ? new Intl.Segmenter("zh", { granularity: "grapheme" }) : null;
  if (!graphemes) return at;
  let edge = Math.max(0, at - 16);
  // flags pair their regional indicators from the start of a run of them:
  // the segmenter sees the whole run before at, or pairs them off by one
  while (edge > 0 && regional(chars[edge]) && regional(chars[edge - 1])) edge -= 1;
  for (const { segment } of graphemes.segment(chars.slice(edge, at + 16).join(""))) {
    const next = edge + Array.from(segment).length;
    if (next > at) return edge === at ? at : back ? edge : next;
    edge = next;
  }
  return at;
}

function snippet(text, ranges) {
  const chars = Array.from(text.replace(/\n/g, " "));
  const p = el("p", "card-excerpt");
  const first = ranges.length ? ranges[0][0] : 0;
  let from = Math.max(0, first - SNIPPET_BEFORE);
  from = offFigure(chars, from, first);
  from = Math.min(first, clusterEdge(chars, from, false));
  while (from < chars.length && chars[from] === " " && (!ranges.length || from < first)) from += 1;
  let to = Math.min(chars.length, from + SNIPPET_LENGTH);
  const keep = ranges.length ? ranges[0][1] : from + 1;
  to = offFigure(chars, to, keep);
  to = Math.max(keep, clusterEdge(chars, to, true));
  while (to > keep && chars[to - 1] === " ") to -= 1;
  if (from > 0) p.append("…");
  appendMarked(p, chars, from, to, ranges);
  keepDots(p);
  if (to < chars.length) p.append("…");
  return p;
}

// The position of the first match in the body, whose text piece the snippet needs.
export function firstMatch(hit) {
  const marks = hit.marks.body;
  return marks.length ? Math.min(...marks.map(([, start]) => start)) : 0;
}

// The card of one result. An item with text gets an empty snippet, marked
// busy, for fillSnippet: the list can be shown before the texts arrive.
export function resultCard(record, hit, fold, site) {
  const li = el("li", `card search-result card-${record.y}`);
  li.dataset.url = record.u;
  const title = el("h3", "card-title");
  const link = el("a");
  link.href = new URL(record.u, site).href;
  const titleChars = Array.from(record.t);
  appendMarked(link, titleChars, 0, titleChars.length, markRanges(record.t, hit.marks.title, fold));
  keepDots(link);
  title.append(link);
  const meta = el("p", "card-meta");
  const time = el("time", "", cnDate(record.d));
  time.dateTime = record.d;
  meta.append(time);
  // The meta field is the credit, the authors, the county and the
  // townships, then the topics, a line each (newsarchive/search/documents.py):
  // the words found there are marked where the card shows them, a
  // reporter's name in the byline and a place in its tag, as a title's
  // words are. The topics, not shown, come last and need not be rebuilt.
  const credit = record.r ?? "";
  const authors = record.a ?? [];
  const places = [record.c ?? "", ...(record.s ?? [])];
  const lines = [credit, ...authors, ...places];
  const chars = Array.from(lines.join("\n"));
  const found = markRanges(chars.join(""), hit.marks.meta, fold);
  const starts = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += Array.from(line).length + 1;
  }
  starts.push(at);
  // line i of the meta field into parent, its found words marked
  const appendLine = (parent, i) => appendMarked(parent, chars, starts[i], starts[i + 1] - 1, found);
  places.forEach((place, i) => {
    if (!place) return;
    const tag = el("span", "place");
    appendLine(tag, 1 + authors.length + i);
    meta.append(" ", tag);
  });
  const photo = record.y === "photo";
  meta.append(" ", el("span", photo ? "badge" : "badge badge-article", photo ? "图片新闻" : "文章"));
  if (authors.length) {
    // a space between names, as on the item's page; each name in a span
    // that does not wrap (site.css), or “张 | 会” read as two reporters
    const byline = el("span", "authors");
    authors.forEach((_, i) => {
      if (i) byline.append(" ");
      const name = el("span", "author");
      appendLine(name, 1 + i);
      byline.append(name);
    });
    meta.append(" ", byline);
  }
  li.append(title, meta);
  if (record.x) {
    const pending = el("p", "card-excerpt");
    pending.setAttribute("aria-busy", "true");
    li.append(pending);
  } else if (credit) {
    // a photo found by its photographer shows the name marked
    const line = el("p", "card-excerpt", "（");
    appendLine(line, 0);
    line.append("）");
    li.append(line);
  }
  return li;
}

// Put the snippet cut from ``piece`` ({start, text}) into a card from resultCard.
export function fillSnippet(li, hit, piece, fold) {
  const pending = li.querySelector(".card-excerpt[aria-busy]");
  if (!pending) return;
  const marks = hit.marks.body.map(([word, s]) => [word, s - piece.start]).filter(([, s]) => s >= 0);
  if (piece.text) pending.replaceWith(snippet(piece.text, markRanges(piece.text, marks, fold)));
  else pending.remove();
}
