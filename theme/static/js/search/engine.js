// The archive's search over the static export of the Whoosh index:
// newsarchive/search/engine.py, repeated term for term, so that the browser
// and `invoke search` give the same items in the same order.
// Files are fetched only when a query needs them, and each only once.

import { isHan, mayFold, queryWords } from "./analysis.js";
import { SNIPPET_LENGTH } from "./results.js";

const FACETS = ["county", "township", "topic", "year"];

// A file's bytes. XMLHttpRequest, not fetch(): a query asks for 15–20
// files, and on a fresh search page ten fetch() calls took the main thread
// 6.7 ms against 3.5 ms for ten requests (chromium 156, medians of 16).
function fetchBytes(url) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("GET", url);
    request.responseType = "arraybuffer";
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve(new Uint8Array(request.response));
      else reject(new Error(`${request.status} ${url}`));
    };
    request.onerror = () => reject(new Error(`network error ${url}`));
    request.send();
  });
}

// Search files are gzip; a host that sends them with Content-Encoding: gzip
// has already unpacked them, so look at the bytes before unpacking.
async function fetchText(url) {
  return gzipText(await fetchBytes(url));
}

async function gzipText(bytes) {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // Written straight into the decompressor: through a Blob's stream, every
    // file cost a round trip to the browser's blob store (15 files: 12–26 ms
    // against 2–5 ms in chromium 156). Errors show in the readable side.
    const inflate = new DecompressionStream("gzip");
    const writer = inflate.writable.getWriter();
    writer.write(bytes).catch(() => {});
    writer.close().catch(() => {});
    return new Response(inflate.readable).text();
  }
  return new TextDecoder().decode(bytes);
}

function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  }
  return h;
}

// Same formula and rounding as newsarchive/search/scoring.py weight(),
// in two steps: the part that is the same for every document of a word's
// list (boost × idf) once, then each document's. The product is formed in
// the same order as in one expression, so the doubles are the same.
function listWeight(df, n, boost) {
  return boost * Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

// The model's numbers come as arguments, read from the manifest once a
// query, not once a document: a common word's lists call this thousands
// of times on a cold page, where each read is interpreted.
function weight(tf, length, avg, boostIdf, k1, b, scale) {
  if (tf <= 0) return 0;
  const norm = avg > 0 ? k1 * (1 - b + (b * length) / avg) : k1;
  const value = (boostIdf * (tf * (k1 + 1))) / (tf + norm);
  return Math.floor(value * scale + 0.5);
}

// A cursor over one field's postings, delta-coded per document as
// [doc id delta, field length, count, position deltas…], for a term at
// offset in its word. Lists are read in place, front to back: a word's
// rarest term leads and the others only seek forward, so a common term's
// list is never unpacked whole.
class Postings {
  constructor(flat, offset) {
    this.flat = flat;
    this.offset = offset;
    this.next = 0;
    this.doc = -1;
    this.length = 0;
    this.count = 0;
    this.at = 0;
    this.k = 0; // the walk over the document's positions: index, and position
    this.p = Infinity;
  }

  // The next document; false (and doc Infinity) after the last.
  advance() {
    const f = this.flat;
    const i = this.next;
    if (i >= f.length) {
      this.doc = Infinity;
      return false;
    }
    this.doc = Math.max(this.doc, 0) + f[i];
    this.length = f[i + 1];
    this.count = f[i + 2];
    this.at = i + 3;
    this.next = this.at + this.count;
    return true;
  }

  // Move to the first document ≥ doc; true if it is doc.
  seek(doc) {
    while (this.doc < doc && this.advance());
    return this.doc === doc;
  }

  // The document's positions are delta-coded in order: walked in place.
  firstPosition() {
    this.k = 0;
    this.p = this.count ? this.flat[this.at] : Infinity;
  }

  // The first position ≥ p from where the walk is (positions only grow).
  positionFrom(p) {
    while (this.p < p) {
      this.k += 1;
      this.p = this.k < this.count ? this.p + this.flat[this.at + this.k] : Infinity;
    }
    return this.p;
  }
}

// Whether every list has a position at start s + its offset (the lists
// walk forward: ask in increasing s). The loops over lists here and in
// startsHere() are indexed, not for…of with destructuring: on a cold page this
// code is interpreted, and each step of an iterator is an object to
// collect (a query's positions are thousands of steps).
function allAt(others, s) {
  for (let j = 0; j < others.length; j += 1) {
    const list = others[j];
    if (list.positionFrom(s + list.offset) !== s + list.offset) return false;
  }
  return true;
}

// Move every list to the first document ≥ doc; true if all are at doc.
function allSeek(others, doc) {
  let all = true;
  for (let j = 0; j < others.length && all; j += 1) all = others[j].seek(doc);
  return all;
}

// How many times the word starts in the document every list is at, each
// start pushed onto ``starts`` if one is given. The lead's positions are
// read in order, each other list walked once beside them: no set or array
// a document (a common word's lists hold thousands).
function startsHere(lead, others, starts = null) {
  for (let j = 0; j < others.length; j += 1) others[j].firstPosition();
  let count = 0;
  for (let k = 0, p = 0; k < lead.count; k += 1) {
    p += lead.flat[lead.at + k];
    if (allAt(others, p - lead.offset)) {
      count += 1;
      if (starts) starts.push(p - lead.offset);
    }
  }
  return count;
}

// A long list with what updates changed since its file was written
// (newsarchive/search/update.py, Change.patch_text; reader.py does the
// same in Python): per field, the ids whose entries go (delta-coded) and
// the entries that come, coded as the list is. Returns new lists: the file's
// parsed lists are cached and may serve another term.
export function patched(base, removed, added) {
  const lists = base.map((flat, f) => {
    const gone = new Set();
    let id = 0;
    for (const delta of removed[f]) gone.add((id += delta));
    const extra = added[f];
    const out = [];
    let last = 0;
    const copy = (list, i, doc) => {
      const end = i + 3 + list[i + 2];
      out.push(doc - last);
      for (let k = i + 1; k < end; k += 1) out.push(list[k]);
      last = doc;
      return end;
    };
    let i = 0;
    let doc = flat.length ? flat[0] : Infinity;
    let j = 0;
    let next = extra.length ? extra[0] : Infinity;
    while (doc !== Infinity || next !== Infinity) {
      if (next < doc) {
        j = copy(extra, j, next);
        next = j < extra.length ? next + extra[j] : Infinity;
      } else {
        i = gone.has(doc) ? i + 3 + flat[i + 2] : copy(flat, i, doc);
        doc = i < flat.length ? doc + flat[i] : Infinity;
      }
    }
    return out;
  });
  lists.pack = base.pack;
  return lists;
}

// A part of the fold table ({from, to}: characters, same order) into a map.
function addFold(map, part) {
  const from = Array.from(part.from);
  const to = Array.from(part.to);
  for (let i = 0; i < from.length; i += 1) map.set(from[i], to[i]);
}

// Where files are: a list {n, hash, files} is the manifest's (m.w, m.fold,
// with m.hash); slot i's file is <i>-<hash>, or <prefix>-<hash> (an item's
// file: its doc id, its week's hash).
function slotFile(list, i, prefix = i) {
  return `${prefix}-${list.files.substr(i * list.hash, list.hash)}`;
}

const manifestList = (part, m) => ({ n: part.n, hash: m.hash, files: part.files });
const shardFile = (list, key) => `w/${slotFile(list, fnv1a(key) % list.n)}.json.gz`;
const bucketFile = (list, c) => `f/${slotFile(list, c.codePointAt(0) % list.n)}.json.gz`;

// The file of the long list a shard entry points to: "#hash", or a patched
// list ["#hash", removed, added]; null for a list held in the entry itself.
function longListFile(value) {
  const pointer = typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : null;
  return pointer && `w/${pointer.slice(1)}.json.gz`;
}

// A pack (newsarchive/search/packs.py): its members' sizes, a newline, then
// each member, an item's file as its own file would bring it.
function packMembers(bytes) {
  const newline = bytes.indexOf(0x0a);
  const sizes = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline)));
  let at = newline + 1;
  return sizes.map((size) => bytes.subarray(at, (at += size)));
}

// A long list's file: its lists, and as their .pack the pointer its array
// may end with, [pack name, doc ids, the members' week names joined]
// (lists hold numbers only).
function parseLongList(text) {
  const lists = JSON.parse(text);
  const last = lists.at(-1);
  if (Array.isArray(last) && typeof last[0] === "string") lists.pack = lists.pop();
  return lists;
}

// A pack needs to hold at least this many of the items still to fetch to
// be fetched in their place: its other members are bytes for nothing.
const PACK_LEAST = 5;

function parseItemFile(text) {
  const cut = text.lastIndexOf("\n");
  const record = JSON.parse(text.slice(cut + 1));
  record.p = text.slice(0, cut);
  return record;
}

// The index in an item's pieces ([first position, name]…) of the one that holds a position.
function pieceAt(pieces, position) {
  let chosen = 0;
  pieces.forEach(([start], i) => {
    if (start <= position) chosen = i;
  });
  return chosen;
}

// One result: doc id, score, and (computed when first asked, for the results
// shown) where the words are in its title, body and meta field (whose first
// line is the credit: newsarchive/search/documents.py): [word, start
// position], at most three a word and field.
class Hit {
  constructor(id, score, marksOf) {
    this.id = id;
    this.score = score;
    this.marksOf = marksOf;
  }

  get marks() {
    this.computed ??= this.marksOf([this.id]).get(this.id);
    return this.computed;
  }
}

// The most hits worth picking one by one; past that, the rest are sorted.
const PICK_LIMIT = 50;

// The hits in rank order (a higher score first, then a lower doc id, as
// engine.py), put in order only as far as they are read: a common word
// matches thousands of items, the page shows ten at a time, and sorting
// every hit cost a cold page 5–13 ms (the code is not compiled yet). Each
// hit read is the same object at every read, so its marks are worked out
// once.
class Ranking {
  constructor(docs, scores, marksOf) {
    this.length = docs.length;
    this.rest = docs;
    this.ranked = [];
    this.scores = scores;
    this.marksOf = marksOf;
  }

  slice(start = 0, end = this.length) {
    const stop = Math.min(end, this.length);
    while (this.ranked.length < stop) this.rankNext(stop - this.ranked.length);
    return this.ranked.slice(start, stop);
  }

  map(f) {
    return this.slice().map(f);
  }

  // Put the next `count` hits in order: one pass that keeps the best few,
  // or, for many, a sort of all that are left. The hits ranked before are
  // skipped, not filtered out of the list after each page: a common word's
  // thousands of candidates would each cost a call for every page, the
  // first included, which is the one a reader waits for.
  rankNext(count) {
    const scores = this.scores;
    const before = (a, b) => scores[a] > scores[b] || (scores[a] === scores[b] && a < b);
    const rest = this.rest;
    const ranked = this.ranked.length ? new Set(this.ranked.map((hit) => hit.id)) : null;
    let best = [];
    if (count > PICK_LIMIT) {
      best = (ranked ? rest.filter((doc) => !ranked.has(doc)) : rest).sort((a, b) => (before(a, b) ? -1 : 1));
      this.rest = [];
    } else {
      // The comparison with the last kept is written out, not a call to
      // before(): on a cold page it runs once for every candidate.
      for (let i = 0; i < rest.length; i += 1) {
        const doc = rest[i];
        let j = best.length;
        if (j === count) {
          const last = best[count - 1];
          const score = scores[doc];
          if (score < scores[last] || (score === scores[last] && doc > last)) continue;
          j = count - 1;
        }
        if (ranked !== null && ranked.has(doc)) continue;
        for (; j > 0 && before(doc, best[j - 1]); j -= 1) best[j] = best[j - 1];
        best[j] = doc;
      }
    }
    for (let i = 0; i < best.length; i += 1) this.ranked.push(new Hit(best[i], scores[best[i]], this.marksOf));
  }

  // Work out where the words are in these hits (read from this ranking),
  // all in one walk of the words' lists rather than one walk a hit.
  mark(hits) {
    const todo = hits.filter((hit) => !hit.computed);
    if (!todo.length) return;
    const found = this.marksOf(todo.map((hit) => hit.id));
    for (const hit of todo) hit.computed = found.get(hit.id);
  }
}

export class SearchIndex {
  // `carried`: the manifest as the search page carries it (search_page.py),
  // read with the page: a query's first files are asked for at once, not
  // after a request for the manifest.
  constructor(manifestUrl, carried = null) {
    this.manifestUrl = new URL(manifestUrl);
    this.base = new URL("./", this.manifestUrl);
    this.files = new Map();
    this.merged = new Map();
    this.foldMap = new Map();
    this.foldParts = new Set();
    this.carried = carried !== null;
    if (carried) {
      this.manifestRead = carried;
      this.manifestPromise = Promise.resolve(carried);
    }
  }

  // Forget the carried manifest and every file read by it, and read the
  // manifest file from now on. A search page the browser kept from an
  // earlier build carries that build's manifest, whose files a later build
  // has removed: the page calls this when a file it asked for failed.
  renew() {
    this.carried = false;
    this.files.clear();
    this.merged.clear();
    this.foldMap.clear();
    this.foldParts.clear();
    this.manifestPromise = null;
    this.manifestRead = null;
  }

  load(path, parse = JSON.parse) {
    const url = new URL(path, this.base).href;
    if (!this.files.has(url)) {
      const pending = fetchText(url).then(parse);
      pending.catch(() => this.files.delete(url));
      this.files.set(url, pending);
    }
    return this.files.get(url);
  }

  manifest() {
    if (!this.manifestPromise) {
      this.manifestPromise = fetchText(this.manifestUrl.href).then(JSON.parse);
      this.manifestPromise.then((m) => (this.manifestRead = m), () => (this.manifestPromise = null));
    }
    return this.manifestPromise;
  }

  // The fold table for these characters: the non-Han part (in the
  // manifest) and the bucket of each Han character in them.
  async fold(text) {
    const m = await this.manifest();
    if (!this.foldParts.has("base")) {
      addFold(this.foldMap, m.fold.base);
      this.foldParts.add("base");
    }
    const buckets = manifestList(m.fold, m);
    const parts = new Set();
    for (const c of text) {
      if (isHan(c)) parts.add(bucketFile(buckets, c));
    }
    await Promise.all(
      [...parts].filter((p) => !this.foldParts.has(p)).map(async (p) => {
        addFold(this.foldMap, await this.load(p));
        this.foldParts.add(p);
      }),
    );
    return this.foldMap;
  }

  async entry(key) {
    const m = await this.manifest();
    const shard = await this.load(shardFile(manifestList(m.w, m), key));
    if (!Object.hasOwn(shard, key)) return null;
    const value = shard[key];
    // a long list lives in a file of its own, and may come with a patch
    const file = longListFile(value);
    if (typeof value === "string") return this.load(file, parseLongList);
    if (file) {
      // merged once per page, not at every keystroke
      if (!this.merged.has(key)) {
        const merging = this.load(file, parseLongList).then((base) => patched(base, value[1], value[2]));
        merging.catch(() => this.merged.delete(key));
        this.merged.set(key, merging);
      }
      return this.merged.get(key);
    }
    return value;
  }

  // The cursors over a word's lists in one field, the shortest first (the
  // lead, which the others follow); null if a term of it has no entry.
  static cursors(word, fieldIndex, entries) {
    const lists = [];
    for (const [text, offset] of word) {
      const entry = entries.get(text);
      if (!entry) return null;
      lists.push(new Postings(entry[fieldIndex], offset));
    }
    return lists.sort((x, y) => x.flat.length - y.flat.length);
  }

  // Where a word occurs in one field, its terms adjacent and in order: the
  // documents, with the count and field length of each, as parallel lists.
  phrase(word, fieldIndex, entries) {
    const found = { docs: [], counts: [], lengths: [] };
    const lists = SearchIndex.cursors(word, fieldIndex, entries);
    if (!lists) return found;
    const lead = lists[0];
    const others = lists.slice(1);
    while (lead.advance()) {
      if (!allSeek(others, lead.doc)) {
        if (others.some((list) => list.doc === Infinity)) break;
        continue;
      }
      // a one-term word starts wherever its term is
      const count = others.length === 0 ? lead.count : startsHere(lead, others);
      if (count) {
        found.docs.push(lead.doc);
        found.counts.push(count);
        found.lengths.push(lead.length);
      }
    }
    return found;
  }

  // Where a word starts in one field of each of ``docs`` (doc ids in
  // increasing order): doc id → start positions, for the documents that
  // have it. One walk of each list serves every document asked: walked
  // again from its front for each of the ten results shown, a common
  // word's lists cost a cold page up to 6 ms at 5,000 items and 14 ms at
  // 50,000 (at most 2.3 and 4 ms this way, medians by query).
  starts(word, fieldIndex, entries, docs) {
    const found = new Map();
    const lists = SearchIndex.cursors(word, fieldIndex, entries);
    if (!lists) return found;
    const lead = lists[0];
    const others = lists.slice(1);
    for (let d = 0; d < docs.length; d += 1) {
      const doc = docs[d];
      if (!lead.seek(doc) || !allSeek(others, doc)) continue;
      const at = [];
      if (startsHere(lead, others, at)) found.set(doc, at);
    }
    return found;
  }

  // key → entry (null where the index has no such key), all fetched at once.
  async entries(keys) {
    return new Map(await Promise.all([...new Set(keys)].map(async (k) => [k, await this.entry(k)])));
  }

  // The query's words and the entries of their terms. Han characters fold
  // through buckets that cost a round trip, yet readers mostly type
  // simplified characters, which fold to themselves: only the characters
  // the table maps (mayFold) fetch theirs.
  async words(query) {
    const words = queryWords(query, await this.fold(Array.from(query).filter(mayFold).join("")));
    return { words, entries: await this.entries(words.flat().map(([t]) => t)) };
  }

  // {words, hits}: hits a Ranking of {id, score, marks: {title, body, meta}}, read with
  // slice() or map() in rank order, its length the number of results.
  async search(query, filters = {}) {
    const m = await this.manifest();
    const wanted = FACETS.filter((f) => filters[f]).map((f) => `#${f}:${filters[f]}`);
    const facets = this.entries(wanted);
    facets.catch(() => {}); // awaited below, unless the query has no words
    const { words, entries } = await this.words(query);
    if (!words.length) return { words, hits: [] };
    for (const [key, entry] of await facets) entries.set(key, entry);

    // Per document: the sum of its weights, and how many words it has.
    // Weights are integers, so the order they are added in cannot matter.
    // Doc ids are spread over a calendar grid (newsarchive/search/docids.py):
    // arrays span all ids (m.ids), the formula counts the items (m.docs).
    // A document counts word i only if it has words 0…i-1, so the documents
    // with every word are among those of the first: the loops run over the
    // posting lists, never over every id (code on a cold page is not yet
    // compiled, and each pass over the ids costs milliseconds).
    const ids = m.ids ?? m.docs;
    const scores = new Float64Array(ids);
    const wordsFound = new Uint16Array(ids);
    const candidates = [];
    const { k1, b, scale } = m;
    for (let wi = 0; wi < words.length; wi += 1) {
      for (let fi = 0; fi < m.fields.length; fi += 1) {
        const { docs, counts, lengths } = this.phrase(words[wi], fi, entries);
        const boostIdf = listWeight(docs.length, m.docs, m.boosts[fi]);
        const avg = m.avg[fi];
        for (let k = 0; k < docs.length; k += 1) {
          const doc = docs[k];
          scores[doc] += weight(counts[k], lengths[k], avg, boostIdf, k1, b, scale);
          if (wordsFound[doc] === wi) {
            wordsFound[doc] = wi + 1;
            if (wi === 0) candidates.push(doc);
          }
        }
      }
    }
    const allowed = wanted.map((key) => {
      const set = new Uint8Array(ids);
      let id = 0;
      for (const delta of entries.get(key) ?? []) set[(id += delta)] = 1;
      return set;
    });
    // Where the words are in a title, body and meta field, asked only for
    // the results shown: doc id → {title, body, meta} for each of ``docs``.
    // A card marks every place it shows a word: all of them in the title
    // and the meta field (a few short lines; a township tag comes after the
    // credit and the byline there). Of the body it shows only the snippet,
    // under SNIPPET_LENGTH characters from the first match, and a position
    // is at least a character: a word's starts past its first by that many
    // cannot be in it, and are left out (a long item can say a word hundreds
    // of times, each a span to find in its text).
    const marks = (docs) => {
      const sorted = [...docs].sort((a, b) => a - b);
      const at = new Map(sorted.map((doc) => [doc, { title: [], body: [], meta: [] }]));
      for (const word of words) {
        for (const field of ["title", "body", "meta"]) {
          for (const [doc, starts] of this.starts(word, m.fields.indexOf(field), entries, sorted)) {
            const shown = field === "body" ? starts.filter((s) => s < starts[0] + SNIPPET_LENGTH) : starts;
            const found = at.get(doc)[field];
            for (let k = 0; k < shown.length; k += 1) found.push([word, shown[k]]);
          }
        }
      }
      return at;
    };
    const found = [];
    for (let k = 0; k < candidates.length; k += 1) {
      const doc = candidates[k];
      let keep = wordsFound[doc] === words.length;
      for (let j = 0; keep && j < allowed.length; j += 1) keep = allowed[j][doc] === 1;
      if (keep) found.push(doc);
    }
    const packs = [...entries.values()].map((entry) => entry?.pack).filter(Boolean);
    return { words, hits: new Ranking(found, scores, marks), packs };
  }

  // An item's file holds the first piece of its text, a newline and its
  // record (newsarchive/search/records.py): the record, with that text as p.
  // Asked for in the caller's own task once the manifest is in, not after an
  // await: the page works out where the words are while the files are on
  // the way, and an await would put every request behind that work.
  record(id) {
    const m = this.manifestRead;
    if (!m) return this.manifest().then(() => this.record(id));
    return this.load(this.recordPath(id, m), parseItemFile);
  }

  recordPath(id, m) {
    return `r/${slotFile({ hash: m.hash, files: m.records.files }, Math.floor(id / m.records.size), id)}.json.gz`;
  }

  // The records of ``ids``, in that order, as record() gives them. A long
  // list names a pack of its term's first page (packs), and where one holds
  // PACK_LEAST or more of the items not fetched yet, it comes in their
  // files' place: one request instead of several. Only members whose week
  // has the name it had when the pack was written are taken from it (an
  // update since may have changed them). Asked for at once, as record().
  records(ids, packs = []) {
    const m = this.manifestRead;
    if (!m) return this.manifest().then(() => this.records(ids, packs));
    const url = (id) => new URL(this.recordPath(id, m), this.base).href;
    const wanted = new Set(ids.filter((id) => !this.files.has(url(id))));
    const weeks = m.records.files;
    const current = packs.map(([name, docs, packWeeks]) => ({
      name,
      docs,
      fresh: docs.filter((id, i) => {
        const week = Math.floor(id / m.records.size);
        return packWeeks.substr(i * m.hash, m.hash) === weeks.substr(week * m.hash, m.hash);
      }),
    }));
    for (;;) {
      let best = null;
      let cover = [];
      for (const pack of current) {
        const held = pack.fresh.filter((id) => wanted.has(id));
        if (held.length > cover.length) [best, cover] = [pack, held];
      }
      if (cover.length < PACK_LEAST) break;
      const members = fetchBytes(new URL(`k/${best.name}.pack`, this.base).href).then(packMembers);
      for (const id of cover) {
        wanted.delete(id);
        const file = url(id);
        const i = best.docs.indexOf(id);
        // a pack that fails costs nothing but time: the item's own file then
        const pending = members.then((all) => gzipText(all[i])).then(parseItemFile).catch(() => {
          this.files.delete(file);
          return this.record(id);
        });
        this.files.set(file, pending);
      }
    }
    return Promise.all(ids.map((id) => this.record(id)));
  }

  // The piece of an item's text that holds this position, {start, text},
  // if the item's own file carries it (most items are one piece); else null.
  static inlinePiece(record, position) {
    if (!record.x) return { start: 0, text: "" };
    return pieceAt(record.x, position) === 0 ? { start: 0, text: record.p } : null;
  }

  // The piece of an item's text that holds this position: {start, text}.
  async piece(record, position) {
    const inline = SearchIndex.inlinePiece(record, position);
    if (inline) return inline;
    const [start, name] = record.x[pieceAt(record.x, position)];
    return { start, text: await this.load(`t/${name}.txt.gz`, (t) => t) };
  }
}
