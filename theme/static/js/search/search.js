// Made from analysis.js, engine.js, results.js, page.js by newsarchive/search/client.py: edit those, not this.

// analysis.js
const { WORD_SEPARATOR, isHan, isWord, runs, terms, queryWords, positionSpans } = (() => {
// How text becomes search terms: the rules of newsarchive/analysis/, repeated
// for the browser. newsarchive/analysis/vectors.json is checked against both.
// Texts are handled as arrays of code points, as Python handles str.

const HAN_RANGES = [
  [0x3007, 0x3007],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x2fa1f],
  [0x30000, 0x323af],
];
// The letters and numbers of Unicode 14.0: newsarchive/analysis/chars.py
// WORD_TABLE, the same string (ranges as start − previous end, length). Not
// /[\p{L}\p{N}]/u, which follows each browser's own Unicode version and
// would make words of characters the index, made with 14.0, does not.
const WORD_TABLE =
  "48,10,7,26,6,26,47,1,7,2,1,1,3,2,1,3,1,23,1,31,1,458,4,12,14,5,7,1,1,1,129,5,1,2,2,4,1,1,6,1,1,3,1," +
  "1,1,20,1,83,1,139,8,166,1,38,2,1,6,41,71,27,4,4,45,43,21,10,4,2,1,99,1,1,15,2,7,15,2,1,16,1,1,30,29," +
  "89,11,1,14,43,9,2,4,1,5,22,4,1,9,1,3,1,23,25,7,11,5,24,1,6,17,42,58,54,3,1,18,1,7,10,4,10,1,16,4,8," +
  "2,2,2,22,1,7,1,1,3,4,3,1,16,1,13,2,1,3,4,12,2,6,2,1,8,6,4,2,2,22,1,7,1,2,1,2,1,2,31,4,1,1,7,10,2,3," +
  "16,9,1,3,1,22,1,7,1,2,1,5,3,1,18,1,15,2,4,10,9,1,11,8,2,2,2,22,1,7,1,2,1,5,3,1,30,2,1,3,4,10,1,7,11," +
  "1,1,6,3,3,1,4,3,2,1,1,1,2,3,2,3,3,3,12,22,1,21,13,18,8,1,3,1,23,1,16,3,1,26,3,2,1,2,2,4,10,8,7,1,1," +
  "4,8,1,3,1,23,1,10,1,5,3,1,31,2,1,2,4,10,1,2,17,9,1,3,1,41,2,1,16,1,5,3,1,10,4,19,1,6,5,18,3,24,1,9," +
  "1,1,2,7,31,10,17,48,1,2,12,7,9,10,39,2,1,1,1,5,1,24,1,1,1,10,1,2,9,1,2,5,1,1,9,10,2,4,32,1,31,20,12," +
  "8,1,36,27,5,115,43,20,11,6,6,4,4,3,1,3,2,7,3,4,13,12,1,1,10,6,38,1,1,5,1,2,43,1,333,1,4,2,7,1,1,1,4," +
  "2,41,1,4,2,33,1,4,2,7,1,1,1,4,2,15,1,57,1,4,2,67,14,20,3,16,16,86,2,6,3,620,2,17,1,26,5,75,3,11,7," +
  "18,13,19,14,18,14,13,1,3,15,52,35,1,4,1,3,10,6,10,22,10,6,89,7,5,2,34,1,1,5,70,10,31,39,40,2,5,11," +
  "44,4,26,6,11,37,23,9,53,43,10,6,10,13,1,93,47,17,8,3,10,41,30,13,56,26,36,28,10,3,49,2,9,7,43,2,3," +
  "41,4,1,6,1,2,3,1,5,192,64,278,2,6,2,38,2,6,2,8,1,1,1,1,1,1,1,31,2,53,1,7,1,1,3,3,1,7,3,4,2,6,4,13,5," +
  "3,1,7,115,2,2,6,5,11,6,13,101,1,4,1,2,10,1,1,3,5,6,1,1,1,1,1,1,4,1,11,2,4,5,5,4,1,1,58,726,60,78,22," +
  "630,30,1132,229,6,4,3,2,9,1,2,38,1,1,5,1,2,56,7,1,16,23,9,7,1,7,1,7,1,7,1,7,1,7,1,7,1,7,80,1,469,3," +
  "25,9,7,5,2,5,4,86,6,3,1,90,1,4,5,43,1,94,3,4,10,32,48,16,32,10,30,8,1,15,32,10,39,15,320,6592,64," +
  "22157,67,46,2,269,3,28,20,47,16,31,2,80,39,9,2,103,2,64,5,2,1,1,1,5,24,16,1,3,1,4,1,23,13,6,10,52," +
  "14,50,28,10,24,6,3,1,1,2,1,38,10,23,25,29,7,47,28,11,6,5,1,25,1,41,23,3,1,8,4,10,6,23,3,1,3,50,1,1," +
  "3,2,2,5,2,1,1,1,24,3,2,11,7,3,12,6,2,6,2,6,9,7,1,7,1,43,1,14,6,115,13,10,6,11172,12,23,4,49,8452," +
  "366,2,106,38,7,12,5,5,1,1,10,1,13,1,5,1,1,1,2,1,2,1,108,33,363,18,64,2,54,40,12,116,5,1,135,19,10,7," +
  "26,6,26,11,89,3,6,2,6,2,6,2,3,35,12,1,26,1,19,1,2,1,15,2,14,34,123,12,45,12,57,17,2,244,29,3,49,16," +
  "27,4,36,9,30,5,38,10,30,2,36,4,8,1,5,42,158,2,10,6,36,4,36,4,40,8,52,12,11,1,15,1,7,1,2,1,11,1,15,1," +
  "7,1,2,67,311,9,22,10,8,24,6,1,42,1,9,69,6,2,1,1,44,1,2,3,1,2,23,2,31,2,38,8,9,48,19,1,2,5,33,4,26," +
  "70,56,4,20,2,47,15,4,1,3,1,29,10,9,23,31,1,32,32,8,1,28,6,5,16,54,10,22,2,27,5,26,23,7,80,73,55,51," +
  "13,51,7,42,12,10,294,31,1,42,6,2,78,40,8,22,11,4,27,18,46,28,20,23,12,53,26,30,1,2,2,1,13,45,32,25," +
  "7,10,9,36,15,10,4,1,2,1,8,35,3,1,12,48,14,4,11,11,1,1,4,20,11,18,1,25,84,7,1,1,1,4,1,15,1,10,7,47," +
  "17,10,11,8,2,2,2,22,1,7,1,2,1,5,3,1,18,1,12,5,158,53,18,4,5,10,5,3,30,48,20,2,1,1,8,10,166,47,41,4," +
  "36,48,20,1,11,10,38,43,13,1,7,10,54,27,21,12,4,7,185,44,116,83,12,8,2,1,2,8,1,2,1,24,15,1,1,1,14,10," +
  "70,8,2,39,16,1,1,1,28,1,10,40,7,1,21,1,11,46,19,1,18,73,263,9,1,37,17,1,15,29,5,30,112,7,1,2,1,38," +
  "21,1,9,10,6,6,1,2,1,32,14,1,7,10,310,19,189,1,15,21,43,922,102,111,17,196,2636,97,15,1071,4049,583," +
  "8633,569,7,31,1,10,6,79,1,10,6,30,18,48,16,4,12,10,1,7,1,21,5,19,688,87,105,75,5,1,66,13,64,2,1,1," +
  "28,6136,8,1238,42,9,8935,4,1,7,1,2,1,291,45,3,17,4,8,396,2308,107,5,13,3,9,7,10,5702,20,108,25,135," +
  "85,1,71,1,2,2,1,2,2,2,4,1,12,1,1,1,7,1,65,1,4,2,8,1,7,1,28,1,4,1,5,1,1,3,7,1,340,2,25,1,25,1,31,1," +
  "25,1,31,1,25,1,31,1,25,1,31,1,25,1,8,2,50,1792,31,481,45,10,7,2,10,4,1,321,30,18,44,4,10,1254,7,1,4," +
  "1,2,1,15,1,197,2,9,48,68,7,1,4,10,791,59,1,3,1,4,76,45,1,15,194,4,1,27,1,2,1,1,2,1,1,10,1,4,1,1,1,1," +
  "6,1,4,1,1,1,1,1,1,3,1,2,1,1,2,1,1,1,1,1,1,1,1,1,1,2,1,1,2,4,1,7,1,4,1,4,1,1,1,10,1,17,5,3,1,5,1,17," +
  "580,13,2787,10,1030,42720,32,4153,7,222,2,5762,14,7473,3103,542,1506,4939";
// Range bounds in order, first and end (exclusive) of each range.
const WORD_BOUNDS = (() => {
  let at = 0;
  return Uint32Array.from(WORD_TABLE.split(","), (n) => (at += Number(n)));
})();
const TRANSPARENT = new Set(Array.from("\"'`“”‘’「」『』《》〈〉()[]{}【】〔〕〖〗〘〙〚〛‹›«»"));
// Spaces between query words (Python: the same class in analyzer.py).
const WORD_SEPARATOR = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

function isHan(c) {
  const code = c.codePointAt(0);
  return HAN_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
}

// A letter or number (a Han character too): inside a range, that is after
// an odd number of bounds.
function isWord(c) {
  const code = c.codePointAt(0);
  let lo = 0;
  let hi = WORD_BOUNDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (WORD_BOUNDS[mid] <= code) lo = mid + 1;
    else hi = mid;
  }
  return lo % 2 === 1;
}

function isDigit(c) {
  return c >= "0" && c <= "9" && c.length === 1;
}

// Runs of Han characters (quotation marks and brackets inside a run are
// skipped) and words of other scripts: [isHan, start, end, offsets].
function* runs(folded) {
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const c = folded[i];
    if (isHan(c)) {
      const offsets = [];
      let j = i;
      while (j < n) {
        if (isHan(folded[j])) {
          offsets.push(j);
          j += 1;
          continue;
        }
        if (TRANSPARENT.has(folded[j])) {
          let k = j;
          while (k < n && TRANSPARENT.has(folded[k])) k += 1;
          if (k < n && isHan(folded[k])) {
            j = k;
            continue;
          }
        }
        break;
      }
      yield [true, i, offsets[offsets.length - 1] + 1, offsets];
      i = j;
    } else if (isWord(c)) {
      let j = i + 1;
      while (j < n) {
        const f = folded[j];
        if (isWord(f) && !isHan(f)) j += 1;
        else if (f === "." && isDigit(folded[j - 1]) && j + 1 < n && isDigit(folded[j + 1])) j += 1;
        else break;
      }
      const offsets = [];
      for (let k = i; k < j; k += 1) offsets.push(k);
      yield [false, i, j, offsets];
      i = j;
    } else {
      i += 1;
    }
  }
}

// Terms of a text: [text, position, start, end] (offsets in code points).
// mode "index": every Han character and every bigram; "query": bigrams only
// (a single character alone). fold is a Map from the fold table.
function terms(text, mode, fold) {
  const chars = Array.from(text);
  const folded = chars.map((c) => fold.get(c) ?? c);
  const query = mode === "query";
  const out = [];
  let pos = 0;
  for (const [han, , , offsets] of runs(folded)) {
    const t = offsets.map((k) => folded[k]);
    if (!han) {
      out.push([t.join(""), pos, offsets[0], offsets[offsets.length - 1] + 1]);
      pos += 1;
      continue;
    }
    const n = t.length;
    for (let i = 0; i < n; i += 1) {
      if (!query || n === 1) out.push([t[i], pos + i, offsets[i], offsets[i] + 1]);
      if (i + 1 < n) out.push([t[i] + t[i + 1], pos + i, offsets[i], offsets[i + 1] + 1]);
    }
    pos += n;
  }
  return out;
}

// A query's words, each [[term, position relative to the word's first term], …].
function queryWords(query, fold) {
  const words = [];
  for (const word of query.split(WORD_SEPARATOR)) {
    if (!word) continue;
    const found = terms(word, "query", fold);
    if (found.length) {
      const first = found[0][1];
      words.push(found.map(([t, p]) => [t, p - first]));
    }
  }
  return words;
}

// Code-point offsets [start, end) of each position of a text, for highlighting.
// Which run a character belongs to depends only on the non-Han part of the
// fold table (a Han character always folds to a Han character).
function positionSpans(text, fold) {
  const chars = Array.from(text);
  const folded = chars.map((c) => fold.get(c) ?? c);
  const spans = [];
  for (const [han, start, end, offsets] of runs(folded)) {
    if (han) for (const k of offsets) spans.push([k, k + 1]);
    else spans.push([start, end]);
  }
  return { chars, spans };
}

return { WORD_SEPARATOR, isHan, isWord, runs, terms, queryWords, positionSpans };
})();

// engine.js
const { SearchIndex } = (() => {
// The archive's search over the static export of the Whoosh index:
// newsarchive/search/engine.py, repeated term for term, so that the browser
// and `invoke search` give the same items in the same order.
// Files are fetched only when a query needs them, and each only once.


const FACETS = ["county", "township", "topic", "year"];

// Search files are gzip; a host that sends them with Content-Encoding: gzip
// has already unpacked them, so look at the bytes before unpacking.
async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
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

// Same formula and rounding as newsarchive/search/scoring.py weight().
function weight(tf, df, length, avg, n, boost, m) {
  if (tf <= 0) return 0;
  const norm = avg > 0 ? m.k1 * (1 - m.b + (m.b * length) / avg) : m.k1;
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const value = (boost * idf * (tf * (m.k1 + 1))) / (tf + norm);
  return Math.floor(value * m.scale + 0.5);
}

// A cursor over one field's postings, delta-coded per document as
// [doc id delta, field length, count, position deltas…]. Lists are read in
// place, front to back: a word's rarest term leads and the others only seek
// forward, so a common term's list is never unpacked whole.
class Postings {
  constructor(flat) {
    this.flat = flat;
    this.next = 0;
    this.doc = -1;
    this.length = 0;
    this.count = 0;
    this.at = 0;
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

  positions() {
    const out = new Array(this.count);
    let p = 0;
    for (let k = 0; k < this.count; k += 1) out[k] = p += this.flat[this.at + k];
    return out;
  }
}

// One result: doc id, score, and (computed when first asked, for the results
// shown) where the words are in its title and body: [word, start position],
// at most three a word and field.
class Hit {
  constructor(id, score, marksOf) {
    this.id = id;
    this.score = score;
    this.marksOf = marksOf;
  }

  get marks() {
    this.computed ??= this.marksOf(this.id);
    return this.computed;
  }
}

class SearchIndex {
  constructor(manifestUrl) {
    this.manifestUrl = new URL(manifestUrl);
    this.base = new URL("./", this.manifestUrl);
    this.files = new Map();
    this.foldMap = new Map();
    this.foldParts = new Set();
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
      this.manifestPromise.catch(() => (this.manifestPromise = null));
    }
    return this.manifestPromise;
  }

  // The file in slot i of a manifest list: <i>-<hash>.
  fileName(list, i, m) {
    return `${i}-${list.substr(i * m.hash, m.hash)}`;
  }

  // The fold table for these characters: the non-Han part (in the
  // manifest) and the bucket of each Han character in them.
  async fold(text) {
    const m = await this.manifest();
    if (!this.foldParts.has("base")) {
      this.addFold(m.fold.base);
      this.foldParts.add("base");
    }
    const parts = new Set();
    for (const c of text) {
      if (isHan(c)) parts.add(`f/${this.fileName(m.fold.files, c.codePointAt(0) % m.fold.n, m)}.json.gz`);
    }
    await Promise.all(
      [...parts].filter((p) => !this.foldParts.has(p)).map(async (p) => {
        this.addFold(await this.load(p));
        this.foldParts.add(p);
      }),
    );
    return this.foldMap;
  }

  addFold(part) {
    const from = Array.from(part.from);
    const to = Array.from(part.to);
    from.forEach((c, i) => this.foldMap.set(c, to[i]));
  }

  async entry(key) {
    const m = await this.manifest();
    const name = this.fileName(m.w.files, fnv1a(key) % m.w.n, m);
    const shard = await this.load(`w/${name}.json.gz`);
    if (!Object.hasOwn(shard, key)) return null;
    const value = shard[key];
    // a long list lives in a file of its own
    return typeof value === "string" ? this.load(`w/${value.slice(1)}.json.gz`) : value;
  }

  // Where a word occurs in one field, its terms adjacent and in order: the
  // documents, with the count and field length of each, as parallel lists.
  // With ``only`` (a doc id), that document alone and its start positions.
  phrase(word, fieldIndex, entries, only = -1) {
    const found = { docs: [], counts: [], lengths: [], starts: [] };
    const lists = [];
    for (const [text, offset] of word) {
      const entry = entries.get(text);
      if (!entry) return found;
      lists.push([offset, new Postings(entry[fieldIndex])]);
    }
    lists.sort((x, y) => x[1].flat.length - y[1].flat.length);
    const [[leadOffset, lead], ...others] = lists;
    while (only < 0 ? lead.advance() : lead.seek(only)) {
      if (!others.every(([, list]) => list.seek(lead.doc))) {
        if (only >= 0 || others.some(([, list]) => list.doc === Infinity)) break;
        continue;
      }
      let count = 0;
      if (others.length === 0 && only < 0) {
        count = lead.count; // a one-term word starts wherever its term is
      } else {
        const sets = others.map(([offset, list]) => [offset, new Set(list.positions())]);
        for (const p of lead.positions()) {
          const s = p - leadOffset;
          if (sets.every(([offset, set]) => set.has(s + offset))) {
            count += 1;
            if (only >= 0) found.starts.push(s);
          }
        }
      }
      if (count) {
        found.docs.push(lead.doc);
        found.counts.push(count);
        found.lengths.push(lead.length);
      }
      if (only >= 0) break;
    }
    return found;
  }

  // key → entry (null where the index has no such key), all fetched at once.
  async entries(keys) {
    return new Map(await Promise.all([...new Set(keys)].map(async (k) => [k, await this.entry(k)])));
  }

  // The query's words and the entries of their terms. Han characters fold
  // through buckets that cost a round trip, yet readers mostly type
  // simplified characters, which fold to themselves. A term the index has
  // is made of folded characters, so it is the query's term whatever the
  // buckets say: ask the shards first, and fetch buckets only for the
  // characters of terms they lack (traditional ones, or words not there).
  async words(query) {
    let words = queryWords(query, await this.fold(""));
    let entries = await this.entries(words.flat().map(([t]) => t));
    const lacking = [...entries].filter(([, e]) => e === null).map(([t]) => t).join("");
    if (Array.from(lacking).some(isHan)) {
      words = queryWords(query, await this.fold(lacking));
      entries = await this.entries(words.flat().map(([t]) => t));
    }
    return { words, entries };
  }

  // {words, total, hits: [{id, score, marks: {title, body}}]} in rank order.
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
    words.forEach((word, wi) => {
      m.fields.forEach((field, fi) => {
        const { docs, counts, lengths } = this.phrase(word, fi, entries);
        for (let k = 0; k < docs.length; k += 1) {
          const doc = docs[k];
          scores[doc] += weight(counts[k], docs.length, lengths[k], m.avg[fi], m.docs, m.boosts[fi], m);
          if (wordsFound[doc] === wi) {
            wordsFound[doc] = wi + 1;
            if (wi === 0) candidates.push(doc);
          }
        }
      });
    });
    const allowed = wanted.map((key) => {
      const set = new Uint8Array(ids);
      let id = 0;
      for (const delta of entries.get(key) ?? []) set[(id += delta)] = 1;
      return set;
    });
    // Where the words are in a title and body, asked only for the results shown.
    const marks = (doc) => {
      const at = { title: [], body: [] };
      for (const word of words) {
        for (const field of ["title", "body"]) {
          const { starts } = this.phrase(word, m.fields.indexOf(field), entries, doc);
          at[field].push(...starts.slice(0, 3).map((s) => [word, s]));
        }
      }
      return at;
    };
    const hits = [];
    for (const doc of candidates) {
      if (wordsFound[doc] === words.length && allowed.every((set) => set[doc])) {
        hits.push(new Hit(doc, scores[doc], marks));
      }
    }
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return { words, hits };
  }

  async record(id) {
    const m = await this.manifest();
    const chunk = Math.floor(id / m.records.size);
    const records = await this.load(`r/${this.fileName(m.records.files, chunk, m)}.json.gz`);
    return records[id % m.records.size];
  }

  // The piece of an item's text that holds this position: {start, text}.
  async piece(record, position) {
    if (!record.x) return { start: 0, text: "" };
    let chosen = record.x[0];
    for (const piece of record.x) if (piece[0] <= position) chosen = piece;
    const text = await this.load(`t/${chosen[1]}.txt.gz`, (t) => t);
    return { start: chosen[0], text };
  }
}

return { SearchIndex };
})();

// results.js
const { firstMatch, resultCard, fillSnippet } = (() => {
// How one search result looks: title with the matched words marked, date,
// places, type, and a snippet of the text around the first match. Every value
// from the index is inserted as text (textContent, createElement), never as
// HTML.


const SNIPPET_BEFORE = 30;
const SNIPPET_LENGTH = 110;

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

// The position of the first match in the body, whose text piece the snippet needs.
function firstMatch(hit) {
  const marks = hit.marks.body;
  return marks.length ? Math.min(...marks.map(([, start]) => start)) : 0;
}

// The card of one result. An item with text gets an empty snippet, marked
// busy, for fillSnippet: the list can be shown before the texts arrive.
function resultCard(record, hit, fold, site) {
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
  const photo = record.y === "photo";
  meta.append(" ", el("span", photo ? "badge" : "badge badge-article", photo ? "图片新闻" : "文章"));
  li.append(title, meta);
  if (record.x) {
    const pending = el("p", "card-excerpt");
    pending.setAttribute("aria-busy", "true");
    li.append(pending);
  } else if (record.r) {
    li.append(el("p", "card-excerpt", `（${record.r}）`));
  }
  return li;
}

// Put the snippet cut from ``piece`` ({start, text}) into a card from resultCard.
function fillSnippet(li, hit, piece, fold) {
  const pending = li.querySelector(".card-excerpt[aria-busy]");
  if (!pending) return;
  const marks = hit.marks.body.map(([word, s]) => [word, s - piece.start]).filter(([, s]) => s >= 0);
  if (piece.text) pending.replaceWith(snippet(piece.text, markRanges(piece.text, marks, fold)));
  else pending.remove();
}

return { firstMatch, resultCard, fillSnippet };
})();

// page.js
// The search page: reads ?q= and the filters, searches as the reader types,
// shows results a page at a time (results.js draws each one).
//
// Loaded `async` from the head: the query in the address starts loading its
// index files the moment this runs, while the page is still being parsed and
// laid out; the page waits for the DOM only to show what was found.
//
// #search-results holds one element per result, in rank order, each with
// data-url. It gets data-state="done" when a query's list is final, and
// data-snippets="done" when the snippets, which need one more request each,
// are in too.


const PAGE_SIZE = 10;
const FACETS = ["county", "township", "topic", "year"];
const FACET_NAMES = { county: "县（市、区）", township: "乡镇（街道）", topic: "主题", year: "年份" };

const params = new URLSearchParams(location.search);
const index = new SearchIndex(document.getElementById("search-manifest").href);

function chosenIn(values) {
  const chosen = {};
  for (const f of FACETS) if (values(f)) chosen[f] = values(f);
  return chosen;
}

const searchKey = (query, chosen) => JSON.stringify([query, chosen]);
const addressQuery = (params.get("q") ?? "").trim();
const addressFilters = chosenIn((f) => params.get(f));
const early = addressQuery
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

function findUnknown(manifest) {
  for (const [f, value] of Object.entries(addressFilters)) {
    const known = f === "township" ? manifest.facets.township.some(([, names]) => names.includes(value)) : manifest.facets[f].includes(value);
    if (!known) unknown.set(f, value);
  }
}

let run = 0;
let current = null;

// The menus are filled after the first results: until then, the address's.
let menus = false;

function filters() {
  return menus ? chosenIn((f) => form.elements[f].value) : addressFilters;
}

function option(select, value) {
  const node = document.createElement("option");
  node.textContent = value;
  node.value = value;
  select.append(node);
}

function fillFilters(manifest) {
  findUnknown(manifest);
  const facets = manifest.facets;
  for (const value of facets.county) option(form.elements.county, value);
  for (const [county, names] of facets.township) {
    const group = document.createElement("optgroup");
    group.label = county;
    for (const name of names) option(group, name);
    form.elements.township.append(group);
  }
  for (const value of facets.topic) option(form.elements.topic, value);
  for (const value of facets.year) option(form.elements.year, value);
  for (const [f, value] of Object.entries(addressFilters)) {
    // kept, as text, so the address stays what was shared; it finds nothing
    if (unknown.get(f) === value) option(form.elements[f], value);
    form.elements[f].value = value;
  }
  root.querySelector(".search-filters").hidden = false;
  menus = true;
}

function shareableUrl(query, chosen) {
  const search = new URLSearchParams({ ...(query ? { q: query } : {}), ...chosen }).toString();
  return `${location.pathname}${search ? `?${search}` : ""}`;
}

function say(message, total) {
  status.textContent = message;
  if (total === undefined) delete status.dataset.total;
  else status.dataset.total = String(total);
}

function snippetsSettled() {
  if (!list.querySelector(".card-excerpt[aria-busy]")) list.dataset.snippets = "done";
}

// Snippets come after the list is shown: each needs a piece of its item's text.
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

async function showMore(token) {
  const hits = current.hits.slice(list.children.length, list.children.length + PAGE_SIZE);
  list.dataset.state = "loading";
  list.dataset.snippets = "loading";
  const [records, fold] = await Promise.all([Promise.all(hits.map((hit) => index.record(hit.id))), index.fold("")]);
  if (token !== run) return;
  const cards = hits.map((hit, i) => resultCard(records[i], hit, fold, site));
  list.append(...cards);
  more.hidden = list.children.length >= current.hits.length;
  list.dataset.state = "done";
  fillSnippets(token, cards, hits, records).catch((error) => console.error(error));
}

function nothingFound(query, chosen) {
  const missing = Object.entries(chosen).filter(([f, v]) => unknown.get(f) === v);
  if (missing.length) {
    const named = missing.map(([f, v]) => `${FACET_NAMES[f]}“${v}”`).join("、");
    return `档案中没有${named}，去掉${missing.length > 1 ? "这些" : "这个"}筛选条件再试。`;
  }
  const narrowed = Object.keys(chosen).length ? "，或去掉筛选条件" : "";
  return `没有找到与“${query}”相关的报道。试试更短的词、换个说法${narrowed}。`;
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
    snippetsSettled();
    return;
  }
  try {
    const key = searchKey(query, chosen);
    const result = await (early?.key === key ? early.result : index.search(query, chosen));
    if (token !== run) return;
    current = result;
    if (!result.hits.length) {
      findUnknown(await index.manifest());
      if (token !== run) return;
      say(nothingFound(query, chosen), 0);
      list.dataset.state = "done";
      snippetsSettled();
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

input.value = params.get("q") ?? "";
// The query in the address is shown first, the filter menus after: their
// hundreds of options are DOM work the first results need not wait for.
// Until then, the first search takes its filters from the address.
search()
  .then(() => index.manifest())
  .then(fillFilters)
  .catch(() => {});
