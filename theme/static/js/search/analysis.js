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
// Range bounds in order, first and end (exclusive) of each range. Summed in
// a plain loop: this runs as the page's script starts, interpreted, where
// a builtin calling back into a function for each of 1,400 numbers cost
// 2.7 ms.
const WORD_BOUNDS = (() => {
  const steps = WORD_TABLE.split(",");
  const bounds = new Uint32Array(steps.length);
  for (let i = 0, at = 0; i < steps.length; i += 1) bounds[i] = at += Number(steps[i]);
  return bounds;
})();
// Quotation marks, brackets and the zero-width characters (chars.py TRANSPARENT).
const TRANSPARENT = new Set(Array.from("\"'`“”‘’「」『』《》〈〉()[]{}【】〔〕〖〗〘〙〚〛‹›«»\u200b\u200c\u200d\u2060\ufeff"));
// What separates query words: spaces and clause punctuation, matched on the
// folded query, so that １，０００ is 1,000 (Python: the same pattern in
// analyzer.py, which says why).
export const WORD_SEPARATOR =
  /(?:[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u3001\u3002;!?]|(?<![0-9]),|,(?![0-9]{3}(?![0-9]))|(?<![0-9]):|:(?![0-9]))+/u;

// The Han characters the fold table maps to another (traditional ones,
// mostly): a bitmap over U+3400–U+9FFF, six bits a character of the base64
// alphabet, lowest bit first (bit k, for U+3400 + k, in character k / 6).
// Written by newsarchive/analysis/make_fold_table.py from fold.json
// (fold.py, folding_han_bitmap). It lets a query fetch the fold buckets it
// needs with its first files, instead of learning from its shards that a
// term is missing.
const FOLDING_HAN =
  "AAAAAAAAAAAAAAAAAAISAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAAAAQAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAIAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACAAIAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAAAKAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAAIAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAAYAAAAgCAAAAAAAAAAAAAAAAABAAAAAAAAAAAIAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAICAAAgAAAAAAgIAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAEAAAAAAAAggIAAAEAAAAAA" +
  "AAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIQAAAAAAAAAAAAAAEBAAgQAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAgBABAAAAIAAEAABAAAAMAGAAEAECEAAQQLIEAAgABAAgACAAAAADIAAhQDQAo4CEJCICQwEgACcxQxEIAEQYH" +
  "ACBhAAoAAAAAEIAAAQAAAAQIAABAAIAAAAAAAACBAAAkIBIKAAEsAgptCQAAAAAACAAIqxgAqkAAAAAAAAqAAEAAQAAAAAgK" +
  "AAAACEBIUAAGAAAAEAAAAAAAEAAAAgEAEAAAAAAAAAAAAAAAAAAAQAAAAAgAAAAAQAAAAAAAAEAAAiAwEAAAAAAQAQAAcRAA" +
  "ATEAEAgABBAQggNEAIcIhIAAIQSYASxABCRICAeQcBwJTIAAAQAAAAIKMFAAAAAAAAAAAAAAAAAAAAAAAAAAIAAAAAgABEIA" +
  "gQAQgAAgSAAAMSIBUAAIDCABAARAAlESAiEiXXghAQDAAAAAlAAAABAABAAgWBAEAAAAgAAAAAAAgAAAABAAAAAAAoAAAAAA" +
  "CAAAAAEIAAAAAAAAACYAwAACACAAAACjJkBACIBBBEACYAAAAgAAJCAAAAAAABAABAAAAQsGgBAgpBAAAAAgAAEIIABFRAAA" +
  "AAAAAIAAAAAAAAAAAAIUgAAICKABQAAAAAQgAAAAAAmkAAJAFGEA1AACUFAAAEgAAAAAAACCIBQCAgYgIgBgCBAAAAAAIAAA" +
  "WEEIk/gEIAAAAQBAAAAqAAVUQIQIIQAgAAhAAFgAgIAAAAAAAAAAAAAAAAAAAAAAABAAAACAAAAIAAAQAAAYgAAAAAgAAYAC" +
  "AAAAYAQAQCEEoAQhYwESURABHRAEIREAAKDAAjRAEXVgAABAAKwRAAAAAAEAAAAAAAAAAAAAAAAAIAABAAAAAAAAAAAACIAQ" +
  "AAAAAAQCGAAWAAoCCAAAAEAAAwAAADAAAACwAAIAgBAAAIAkAAISMAQgJAKKIwAySyAGEsAkXyHUAClOcQBAAAAQIGAAAASA" +
  "MBAIAAAEACBBAAAAIAAAAAIAAAAAAAAAEIAAoAAAAAAADEQAEgAAAAtgABQIRAQAIAAAAAKQAAAAAAAAAAgAAAAAAAAAAABA" +
  "AAAAAAAAgwAAAAAAAAAAAAAAAAAAAIAgAAAExCAAEAAEEAMgCCARAAAgAAAAAQAAAQACAAQIgAAAAAQAAREBACAKIAAkBhEE" +
  "mAgCCxICIcIAJAAgEgIAAIgAQAJDAjQCIACCsDaHKkAMEyEQAAAAgAAQBAoAAQYgAAAABBR6FwRQAAAAAAAAASQEAAACYgAQ" +
  "AAEACAAAAQAAAQEAAAAAAIAAAACAAAAAAAAAAAgAABAAAAAAAAAACCIAACAAAAAEAAABEAyBgRAAAAgCEBBAABADAAEgACAA" +
  "AEAQgAASIABMQBgAAAJhJLAJAQADQQSgCAgMOABgBCYwAEIARpkAApFAg0JkIMAVkrIIhGcAFAEGAYyIaKAAgAAAAAAAAAAB" +
  "AAIAAAAAQAAAAAAACAAAAAgAEIAJSIAAgAAhAAAAHA0ADQkkABDUYBAIBgAAgQARBBAABAAAQACAAAECECAAAEAAAAAAAAgI" +
  "AAAACAAAAhgOABAAA00pdEAAAAAAAAAAAAAAAAAAAAEAAAAAAAgAECACEAAGGQAAAYAoAoEihEKIECBDAAAAAAAEgAADAAAA" +
  "AAAAgQAChBAgEAAAAAAAAAAAAIQAAAAQEgCCAJIQEwAxCQQg2K3BQIAAAQAAAEQBIAAAQpJBAAAAAAAQgAAAABAoAAFAAAAA" +
  "AAAARBAAABBgAgABAAIAAAAAAAAAAAAAIAAAQARgAAAAAACAAICA1AAACQQiACAYQAUACAEHCAAAAACAAAAAACAYgAgQENAg" +
  "AEAAAAAAAAAIBCAkAAkAAEIcAAwBqAAAAAAAAAgxgRAsFAAAAQAQAAAAAAAAAAAAABCAAAIAQAAgICABAAAAAEhCQAQFCgQA" +
  "BAiAApACAIGKQAhmRYFBAAAAAAAAAACAAIAAgBIAVJU/rk/fCA1LW2HQhgmRF8kBaN9Sw9Iv/8OkM45ZLNpVaAwDjiOio7vY" +
  "oBANEZg7Jtvw1iXEAAAAAAAAAAAAAAAAAAAAAAAAAACCRBAAAAQoAAWCAAAKDAEAAAABAAAGAICAAAAAAAFAAAAAABEAA2uY" +
  "gAAAAAAAAAAAAAAAAAAAAASAAgACKAgAAAEQAIECIEACAACRFIAAgDgoAUYJBAABAeAQBAAAAAAAAAgAQhggAAAAAAAAAAAC" +
  "AAAAAAIAAAAAAAAAAAABAAABAAAAAAAAAQAQAQIAAAAAAAAAAAIEBAIBAAAAQADAAIABAAFgACAAgkDQAAAAQEECAAAAADBI" +
  "QAAEBhGoAAoQAxSAEYCgAEQFSEIQCgjBAAGAgACJQZQ0MAAxEACAECkAggJgACAAAAAAAAAAAAAAAAAAAAAAMAEAAAAAAAAA" +
  "BAAIACUAAEAEAAAQEAEAICRQAAACQyECiByEAiQAChAQEgCLAAAAAAAAAAEAAAIAAQIAwIAAAACgQAQAAAADJEogABSEUSBA" +
  "AkMSBIGlESaAAAAAAAAUB4Q1tnKLmIFHDBU9p9kfvCJ8wYSR7VRRSTpqOjv1o5dV3Qc0uMQOIIkACj01AgakhFCXsRFAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAACQQRAAAQAEAAACCif4nd37vF4iVfzTM8BbrZjBAAAAAAAAAAAAEAAAAAAiAAEABAAAAAAgAAAAA" +
  "AAQAAAAARAAAQACgZAAAEQgbuQgYEAAABwrFoCBCE8FuPwL+gZNSZXnYQAoFAAAAAAAAAAE4EAAAAAAAAAAEAAAAgIACAYAA" +
  "AwEMSNgAEXhkEGAAAAAAAAAAAAIAAACAAJAVAAoIdRAgBAAAAAAAAgAAABNCYYAArgQvjgtAwa8ujdDQqDUmnH2LiyG9whcj" +
  "pEiSdk2HKrhqQWoo4d+QTMdgl88VLzUEr3CENEjMhRFlUgVLObXbBiYsDGvFBEqLYiaHjE+ysVKEUYDQpQyhybAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIANttHBozOGpPy/8HU3AAAAAAAAAAAAAAAAAAAhhAAJECAGJCCQUsEJAACApFDAQAC" +
  "AAgAAQIAAACVDAANAFAAAAAgAACQAAAIKpDCyBAAAgo71/ZEThWtrAE8cuEpYuBAAAAAAAQ4K1RUBAACt4qFwjz1u3lARoe1" +
  "q8hhRRAAAAAAAAAAAAnGSogA/sqBkMQk2QvQCFJajH0P0DKj0xAAAAAAAAAAACAAAAIdAAAQAAAQgAABkOkACAAQA0IBBCJB" +
  "L12D0vEbIVwgGQPKW2Qko60tNgZuj5uXlOA1lmZoEWAAAAAAAAAAAAAAAAAoSwFQALAJojUgRioDA+AsDQdhABpBIVwIWahn" +
  "XYAyGCGqccChUKSbAAAAAAAAAAAAAAiNAAAgAAin4ADCQAAQAEA1gSgAgAAAAABAAwMtTuM1EDBAgNDEAAAAAIAAIAAAAAAA";
const FOLDING_FIRST = 0x3400;
const FOLDING_END = 0xa000;
const SIXES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The ranges flat, [lo, hi, lo, hi…]: isHan runs for every character of a
// query and a snippet, on a cold page where each destructured range would
// be an iterator to collect.
const HAN_BOUNDS = Uint32Array.from(HAN_RANGES.flat());

export function isHan(c) {
  const code = c.codePointAt(0);
  for (let i = 0; i < HAN_BOUNDS.length; i += 2) if (code >= HAN_BOUNDS[i] && code <= HAN_BOUNDS[i + 1]) return true;
  return false;
}

// Whether the fold table may map this character to another Han character:
// exactly the table's in the bitmap's blocks, every Han character outside
// them (a bucket too many costs a small file, one too few a wrong result).
export function mayFold(c) {
  if (!isHan(c)) return false;
  const code = c.codePointAt(0);
  if (code < FOLDING_FIRST || code >= FOLDING_END) return true;
  const k = code - FOLDING_FIRST;
  return ((SIXES.indexOf(FOLDING_HAN[Math.floor(k / 6)]) >> (k % 6)) & 1) === 1;
}

// A letter or number (a Han character too): inside a range, that is after
// an odd number of bounds.
export function isWord(c) {
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

// The characters through the fold table (a loop, not map with a callback:
// a snippet's piece is about 1,200 characters, on a cold page).
function folding(chars, fold) {
  const folded = new Array(chars.length);
  for (let i = 0; i < chars.length; i += 1) folded[i] = fold.get(chars[i]) ?? chars[i];
  return folded;
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
  const folded = folding(chars, fold);
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
  // folding is what terms() does first, and doing it twice changes nothing
  for (const word of folding(Array.from(query), fold).join("").split(WORD_SEPARATOR)) {
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
// fold table (a Han character always folds to a Han character). With
// ``last``, positions up to it at least: a snippet needs the spans of its
// marks, not of the whole text (a piece is about 1,200 characters).
export function positionSpans(text, fold, last = Infinity) {
  const chars = Array.from(text);
  const folded = folding(chars, fold);
  const spans = [];
  for (const [han, start, end, offsets] of runs(folded)) {
    if (han) for (const k of offsets) spans.push([k, k + 1]);
    else spans.push([start, end]);
    if (spans.length > last) break;
  }
  return { chars, spans };
}
