// The search page: reads ?q= and the filters, searches as the reader types,
// shows results a page at a time (results.js draws each one), and keeps the
// searches the reader settled on in the browser's history.
//
// Loaded `async` from the head: the query in the address starts loading its
// index files the moment this runs, while the page is still being parsed and
// laid out; the page waits for the DOM only to show what was found.
//
// #search-results holds one element per result, in rank order, each with
// data-url. It gets data-state="done" when a query's list is final, and
// data-snippets="done" when every snippet is in: most are drawn with the
// list, from the text each item's file brings; one whose match lies past
// the first piece of a long item needs one more request.

import { SearchIndex } from "./engine.js";
import { fillSnippet, firstMatch, resultCard } from "./results.js";

const FACETS = ["county", "township", "topic", "year"];
const FACET_NAMES = { county: "县（市、区）", township: "乡镇（街道）", topic: "主题", year: "年份" };

const params = new URLSearchParams(location.search);

// The manifest the page carries (search_page.py writes it in after the
// search job); null if the page has none, and the file is read instead.
function carriedManifest(element) {
  const text = element.textContent.trim();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const manifestData = document.getElementById("search-manifest");
const index = new SearchIndex(new URL(manifestData.dataset.href, document.baseURI), carriedManifest(manifestData));

function chosenIn(values) {
  const chosen = {};
  for (const f of FACETS) if (values(f)) chosen[f] = values(f);
  return chosen;
}

const searchKey = (query, chosen) => JSON.stringify([query, chosen]);
// The address's query as the search box holds it: the box drops line
// breaks (海宁%0A袁花 would be the one word 海宁袁花, which `invoke search`
// reads as two), so they become spaces first, as a paste into it makes them.
const boxed = (q) => (q ?? "").replace(/\r\n?|\n/g, " ");
const addressQuery = boxed(params.get("q")).trim();
// The filters of an address, read as `invoke search` reads its options
// (cli.py): without zero-width characters (pasted from a web page),
// trimmed, and a year typed in full-width digits (２０２３, as an input
// method types it in a link an editor writes) is that year.
function addressChosen(address) {
  return chosenIn((f) => {
    const value = (address.get(f) ?? "").replace(/[\u200b\u200c\u200d\u2060\ufeff]/g, "").trim();
    return f === "year" ? value.normalize("NFKC") : value;
  });
}

const addressFilters = addressChosen(params);
let early = addressQuery
  ? { key: searchKey(addressQuery, addressFilters), result: index.search(addressQuery, addressFilters) }
  : null;
early?.result.catch(() => {}); // reported when the page awaits it

await new Promise((resolve) => {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve, { once: true });
  else resolve();
});

const root = document.getElementById("search");
const form = root.querySelector("form");
const input = form.elements.q;
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const site = new URL(root.dataset.site, document.baseURI);
// filter values from the address that the archive does not have
const unknown = new Map();

function findUnknown(manifest, chosen) {
  for (const [f, value] of Object.entries(chosen)) {
    const known = f === "township" ? manifest.facets.township.some(([, names]) => names.includes(value)) : manifest.facets[f].includes(value);
    if (!known) unknown.set(f, value);
  }
}

let run = 0;
// The query whose results the list shows: { token, result, count (results
// drawn), taken (drawn or on the way), pending (pages on the way), drawn (a
// promise: the last page taken has had its turn) }.
let view = null;

// The menus are filled after the first results: until then, the filters
// are the address's.
let menus = false;
let unfilled = addressFilters;

function filters() {
  return menus ? chosenIn((f) => form.elements[f].value) : unfilled;
}

function option(select, value) {
  const node = document.createElement("option");
  node.textContent = value;
  node.value = value;
  select.append(node);
}

// A value the menu does not offer (from a shared or hand-written address)
// is kept, as text, so the address stays what was shared; it finds nothing.
function choose(select, value) {
  if (value && ![...select.options].some((node) => node.value === value)) option(select, value);
  select.value = value;
}

// The township menu's groups, one a county (the manifest's facets: the
// gazetteer's townships of each county that the archive has), made once.
const townshipGroups = new Map();

// With a county chosen, the township menu offers that county's townships
// only: any other, with it, could only find nothing. None chosen: all.
function offerTownships(county) {
  const select = form.elements.township;
  const groups = county ? [townshipGroups.get(county)].filter(Boolean) : [...townshipGroups.values()];
  select.replaceChildren(select.options[0], ...groups); // 全部, then the groups
}

// A new county lets go of a township it does not have.
function narrowTownships() {
  const select = form.elements.township;
  const township = select.value;
  offerTownships(form.elements.county.value);
  select.value = [...select.options].some((node) => node.value === township) ? township : "";
}

function showFilters(chosen) {
  if (!menus) {
    unfilled = chosen;
    return;
  }
  choose(form.elements.county, chosen.county ?? "");
  offerTownships(chosen.county ?? "");
  for (const f of ["township", "topic", "year"]) choose(form.elements[f], chosen[f] ?? "");
}

function fillFilters(manifest) {
  findUnknown(manifest, unfilled);
  const facets = manifest.facets;
  for (const value of facets.county) option(form.elements.county, value);
  for (const [county, names] of facets.township) {
    const group = document.createElement("optgroup");
    group.label = county;
    for (const name of names) option(group, name);
    townshipGroups.set(county, group);
  }
  for (const value of facets.topic) option(form.elements.topic, value);
  for (const value of facets.year) option(form.elements.year, value);
  root.querySelector(".search-filters").hidden = false;
  menus = true;
  showFilters(unfilled);
}

function shareableUrl(query, chosen) {
  const search = new URLSearchParams({ ...(query ? { q: query } : {}), ...chosen }).toString();
  return `${location.pathname}${search ? `?${search}` : ""}`;
}

// Browser history. Typing rewrites the current entry's address, or Back
// would step through every keystroke (沈, 沈荡); a search the reader settled
// on keeps its entry, and the next search gets one of its own. Settled:
// asked for with Enter or the button, narrowed with a menu, or left on
// screen for SETTLE_MS. A pause, not only Enter: the page searches as the
// reader types, and most never press Enter; long enough that the gaps of
// typing, and of picking characters in an input method, do not count.
const SETTLE_MS = 2000;
// what the current entry holds: the search's key, whether it was settled,
// when its results were drawn (performance.now()), and the menu that made
// it, if one did. A page opened at a query (the header's box, a shared
// link) was asked for: settled.
let entry = { key: searchKey(addressQuery, addressFilters), settled: Boolean(addressQuery), shownAt: null, menu: null };

// The reader's place in the results (how many are shown, how far down the
// page), kept in each entry's state (keepPlace) for Back and Forward:
// between the searches of this page, and to this page when the browser
// loads it again (it keeps a page it left only for a while: bfcache).
// Without it they drew the first ten results at the top, however far down
// the results 加载更多 had brought the reader had been reading. Read before
// the first search writes the entry.
const place = history.state;

function placeNow() {
  return view?.token === run && view.count ? { key: entry.key, shown: view.count, y: Math.round(scrollY) } : null;
}

// Into the current entry's state, its address unchanged. Seldom, and never
// at the cost of a search: Safari allows a page 100 history calls in 30
// seconds, and record() needs them.
function keepPlace(kept = placeNow()) {
  const now = history.state;
  if (!kept || (now?.key === kept.key && now.shown === kept.shown && now.y === kept.y)) return;
  try {
    history.replaceState(kept, "");
  } catch (error) {
    console.warn("the place in the results is not kept", error);
  }
}

// The query leads the tab's title (开门红 - 搜索 - 嘉兴乡镇新闻档案), as search
// engines do: tabs, bookmarks and the Back button's list of searches can be
// told apart. Set after pushState, so that the entry left keeps its own.
const PAGE_TITLE = document.title;
function showTitle(query) {
  document.title = query ? `${query} - ${PAGE_TITLE}` : PAGE_TITLE;
}

// how: "typed", "settled" (Enter, the button), "chosen" (a menu, named by
// menu), or "restored" (Back, Forward: the address is already the entry's)
// leaving: the place in the search on screen (placeNow), kept in its entry
// when the new search takes an entry of its own.
function record(query, chosen, how, menu = null, leaving = null) {
  const key = searchKey(query, chosen);
  if (how === "restored") {
    entry = { key, settled: true, shownAt: null, menu: null };
    showTitle(query);
    return;
  }
  const read = entry.shownAt !== null && performance.now() - entry.shownAt >= SETTLE_MS;
  // A closed menu steps to the next value at each arrow key, with a change
  // event each time: stepping from 南湖区 down to 海宁市 is one choice, as
  // typing 沈荡 is one search, not an entry a step.
  const stepping = how === "chosen" && entry.menu === menu && !read;
  const kept = !stepping && (entry.settled || read);
  if (key !== entry.key) {
    if (kept) keepPlace(leaving);
    history[kept ? "pushState" : "replaceState"](null, "", shareableUrl(query, chosen));
    entry = { key, settled: false, shownAt: null, menu: null };
  } else {
    history.replaceState(null, "", shareableUrl(query, chosen));
  }
  showTitle(query);
  if (how !== "typed") entry.settled = true;
  if (how === "chosen") entry.menu = menu;
  else if (how === "settled") entry.menu = null;
}

function markShown(query) {
  if (query) entry.shownAt ??= performance.now();
}

function say(message, total) {
  status.textContent = message;
  if (total === undefined) delete status.dataset.total;
  else status.dataset.total = String(total);
}

function snippetsSettled() {
  if (!view?.pending && !list.querySelector(".card-excerpt[aria-busy]")) list.dataset.snippets = "done";
}

// A snippet whose match lies past the first piece of a long item's text
// needs one more file: those come after the list is shown.
async function fillSnippets(token, cards, hits, records) {
  const fold = await index.fold("");
  await Promise.all(
    cards.map(async (card, i) => {
      try {
        const piece = await index.piece(records[i], firstMatch(hits[i]));
        if (token === run) fillSnippet(card, hits[i], piece, fold);
      } catch (error) {
        card.querySelector(".card-excerpt[aria-busy]")?.remove();
        console.error(error);
      }
    }),
  );
  if (token === run) snippetsSettled();
}

// The next page of the query's results. Its place in the list is taken
// before its files are awaited, not worked out from the cards already
// shown: a second press of 加载更多 while a page loads (a double click, Enter
// pressed twice) would otherwise take the same page again. Pages are drawn
// in the order they were taken, whatever order their files come in.
async function showMore(shown) {
  // as many as a pack holds (the manifest's page, packs.py)
  const { page } = index.manifestRead ?? (await index.manifest());
  // a manifest carried by a page from before the manifest gave it: search() renews it
  if (!(page > 0)) throw new Error("the index's manifest gives no page length");
  const { hits: all, packs } = shown.result;
  if (shown.token !== run || shown.taken >= all.length) return;
  const from = shown.taken;
  const hits = all.slice(from, from + page);
  shown.taken += hits.length;
  shown.pending += 1;
  list.dataset.state = "loading";
  list.dataset.snippets = "loading";
  const loading = Promise.all([index.records(hits.map((hit) => hit.id), packs), index.fold("")]);
  loading.catch(() => {}); // awaited in its turn, after the pages taken before it
  // Where the words are in each result (its marks) is worked out while the
  // records are on the way, not after they arrive.
  all.mark(hits);
  const before = shown.drawn;
  let turnOver;
  shown.drawn = new Promise((resolve) => (turnOver = resolve));
  try {
    await before;
    await drawPage(shown, from, hits, loading);
  } finally {
    shown.pending -= 1;
    turnOver();
    if (shown.token === run && !shown.pending && shown.count) {
      list.dataset.state = "done";
      snippetsSettled();
    }
  }
}

async function drawPage(shown, from, hits, loading) {
  // a page before this one that could not load gave its place back: none
  // is drawn after a gap
  if (shown.token !== run || shown.count !== from) return;
  let records, fold;
  try {
    [records, fold] = await loading;
  } catch (error) {
    if (shown.token === run) {
      // the pages not drawn are taken again at the next press
      shown.taken = shown.count;
      more.hidden = !shown.count;
    }
    throw error;
  }
  if (shown.token !== run) return;
  const cards = hits.map((hit, i) => resultCard(records[i], hit, fold, site));
  // Most snippets are cut from the text each item's file brought along.
  const later = [];
  cards.forEach((card, i) => {
    const piece = SearchIndex.inlinePiece(records[i], firstMatch(hits[i]));
    if (piece) fillSnippet(card, hits[i], piece, fold);
    else later.push(i);
  });
  // A reader on 加载更多 (keyboard, screen reader) is taken to the first
  // result it brought: they come in above the button, out of hearing, and
  // the last page hides the button, which would drop the focus to the top
  // of the page. The card, not its link: a second Enter pressed while the
  // page loaded must not open an item.
  const pressed = document.activeElement === more;
  list.append(...cards);
  shown.count += cards.length;
  more.hidden = shown.taken >= shown.result.hits.length;
  if (pressed) {
    cards[0].tabIndex = -1;
    cards[0].focus();
  }
  const pick = (values) => later.map((i) => values[i]);
  if (later.length) fillSnippets(shown.token, pick(cards), pick(hits), pick(records)).catch((error) => console.error(error));
}

function nothingFound(query, chosen, words) {
  // Punctuation, symbols and emoji are no words (analysis.js): try shorter
  // words, or fewer filters, would not help such a query.
  if (!words.length) return `“${query}”里没有要找的词：标点、符号和表情不算。请输入汉字、字母或数字，多个词用空格分开。`;
  const missing = Object.entries(chosen).filter(([f, v]) => unknown.get(f) === v);
  if (missing.length) {
    const named = missing.map(([f, v]) => `${FACET_NAMES[f]}“${v}”`).join("、");
    return `档案中没有${named}，去掉${missing.length > 1 ? "这些" : "这个"}筛选条件再试。`;
  }
  const narrowed = Object.keys(chosen).length ? "，或去掉筛选条件" : "";
  return `没有找到与“${query}”相关的报道。试试更短的词、换个说法${narrowed}。`;
}

async function search(how = "typed", menu = null) {
  const leaving = placeNow();
  const token = ++run;
  const query = input.value.trim();
  const chosen = filters();
  record(query, chosen, how, menu, leaving);
  list.dataset.state = "loading";
  list.replaceChildren();
  more.hidden = true;
  view = null;
  if (!query) {
    say("输入要找的词，多个词用空格分开。");
    list.dataset.state = "done";
    snippetsSettled();
    return;
  }
  // The last query's count stays no longer than its list: on a slow
  // network a search takes seconds, and the reader should know one is on.
  say(`正在搜索“${query}”…`);
  try {
    const key = searchKey(query, chosen);
    const result = await (early?.key === key ? early.result : index.search(query, chosen));
    if (token !== run) return;
    if (!result.hits.length) {
      findUnknown(await index.manifest(), chosen);
      if (token !== run) return;
      say(nothingFound(query, chosen, result.words), 0);
      markShown(query);
      list.dataset.state = "done";
      snippetsSettled();
      return;
    }
    view = { token, result, count: 0, taken: 0, pending: 0, drawn: Promise.resolve() };
    await showMore(view);
    if (token !== run) return;
    // said with the list, not before it: a count above an empty list reads
    // as a search that found nothing it can show
    view.said = `找到 ${result.hits.length} 条与“${query}”相关的报道。`;
    say(view.said, result.hits.length);
    markShown(query);
  } catch (error) {
    if (token !== run) return;
    if (index.carried) {
      // A page the browser kept from an earlier build carries that build's
      // manifest, and a later build has removed its files: search again by
      // the manifest file.
      console.warn("this search page is older than the index; reading the index's manifest", error);
      index.renew();
      early = null;
      await search();
      return;
    }
    say("搜索索引没能加载，请稍后刷新页面再试。");
    list.dataset.state = "error";
    console.error(error);
  }
}

let typing = null;
function searchSoon() {
  clearTimeout(typing);
  typing = setTimeout(search, 200);
}
// While an input method composes (the pinyin kai'men on its way to 开门),
// the box holds letters the reader never meant to search for: the search
// waits for the text committed at compositionend. Both the flag and
// isComposing: browsers differ on whether the last input event comes before
// compositionend or after it.
let composing = false;
input.addEventListener("compositionstart", () => {
  composing = true;
  clearTimeout(typing);
});
input.addEventListener("compositionend", () => {
  composing = false;
  searchSoon();
});
input.addEventListener("input", (event) => {
  if (!composing && !event.isComposing) searchSoon();
});
form.elements.county.addEventListener("change", narrowTownships); // before the search below
for (const f of FACETS) form.elements[f].addEventListener("change", () => search("chosen", f));
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  search("settled");
});
addEventListener("popstate", () => {
  const address = new URLSearchParams(location.search);
  // A link to a place in the page (跳到正文, #main) makes a history entry of
  // its own, and going there or back from it fires popstate with the same
  // search in the address: the list already shows it. Searching again threw
  // away the results 加载更多 had brought and what was typed in the box.
  if (searchKey(boxed(address.get("q")).trim(), addressChosen(address)) === entry.key) return;
  clearTimeout(typing);
  input.value = boxed(address.get("q"));
  showFilters(addressChosen(address));
  const kept = history.state;
  search("restored")
    .then(() => returnToPlace(kept))
    .catch((error) => console.error(error));
});
// A page that cannot load (the connection dropped) leaves the button for
// another press; the reader is told, or the press seemed to do nothing.
more.addEventListener("click", () => {
  const shown = view;
  if (!shown) return;
  const count = shown.count;
  showMore(shown)
    .then(() => {
      // Only a press that drew its page takes the word back: a second press
      // while the page before it failed (a double click) draws nothing, and
      // put the plain count back over the failure at once.
      if (shown.token === run && shown.said && shown.count > count) say(shown.said, shown.result.hits.length);
    })
    .catch((error) => {
      console.error(error);
      if (shown.token === run && shown.said) {
        say(`${shown.said}后面的结果没能加载，请检查网络后再按“加载更多”。`, shown.result.hits.length);
      }
    });
});

// The place is kept when the reader leaves by a result, when a search of
// their own takes the next entry (record), and a second after scrolling
// stops, for leaving any other way (in pagehide it may be too late).
let scrolling = null;
addEventListener("scroll", () => {
  clearTimeout(scrolling);
  scrolling = setTimeout(() => keepPlace(), 1000);
}, { passive: true });
list.addEventListener("click", () => keepPlace());

// Back at a search: the results the reader had, and the place, once they
// are drawn (the browser's own scroll restoring comes while the list is
// still empty) and, on a page loaded again, once the filter menus above
// them are in (they move the list down).
async function returnToPlace(kept) {
  const shown = view;
  if (kept?.key !== entry.key || !shown) return;
  while (shown.token === run && shown.count < kept.shown && shown.taken < shown.result.hits.length) {
    const before = shown.count;
    await showMore(shown);
    if (shown.count === before) break; // a page that could not load
  }
  if (shown.token === run) scrollTo(0, kept.y);
}

input.value = boxed(params.get("q"));
// Opened with nothing to search for (the header's box sent empty, a link to
// the page), the page asks the reader to type: what they type goes in the
// box, not nowhere. Not when they have already moved the focus themselves.
if (!addressQuery && (document.activeElement === document.body || !document.activeElement)) input.focus();
// The query in the address is shown first, the filter menus after: their
// hundreds of options are DOM work the first results need not wait for.
// Until then, the first search takes its filters from the address.
search()
  .then(() => index.manifest())
  .then(fillFilters)
  .then(() => returnToPlace(place))
  .catch(() => {});
