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
const WORD = /^[\p{L}\p{N}]$/u;
const TRANSPARENT = new Set(Array.from("\"'`“”‘’「」『』《》〈〉()[]{}【】〔〕〖〗〘〙〚〛‹›«»"));
// Spaces between query words (Python: the same class in analyzer.py).
export const WORD_SEPARATOR = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

export function isHan(c) {
  const code = c.codePointAt(0);
  return HAN_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
}

function isWord(c) {
  return WORD.test(c);
}

function isDigit(c) {
  return c >= "0" && c <= "9" && c.length === 1;
}

// Runs of Han characters (quotation marks and brackets inside a run are
// skipped) and words of other scripts: [isHan, start, end, offsets].
export function* runs(folded) {
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
export function terms(text, mode, fold) {
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
export function queryWords(query, fold) {
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
export function positionSpans(text, fold) {
  const chars = Array.from(text);
  const folded = chars.map((c) => fold.get(c) ?? c);
  const spans = [];
  for (const [han, start, end, offsets] of runs(folded)) {
    if (han) for (const k of offsets) spans.push([k, k + 1]);
    else spans.push([start, end]);
  }
  return { chars, spans };
}
