/**
 * The learned attribution tagger: an averaged structured perceptron (the entity recognizer's, see
 * ner/tagger.ts) that labels every token of a sentence as part of a SOURCE, a CUE, an indirect
 * CONTENT or a quoted (direct) content, in BIO, trained on PolNeAR train by
 * scripts/src/train-quotes.ts. Indirect attribution is a long tail ("said", "told", "according
 * to", but also "called", "wants", "endorsed", ":", "show" ...): the model learns which words cue
 * it, and where the content begins and ends, from the annotated articles instead of a hand list.
 *
 * Features are hashed like ner/features.ts: the word and its neighbours, shape, suffix, the
 * learned cue lexicon (how often the word is a cue in training, bucketed) for the word and its
 * neighbours, the nearest likely cue to the left and to the right (word and distance), quotation
 * mark state (outside, mark, inside a direct or a partial quote as the rules found them), commas
 * and "that" since the sentence start or the cue, position in the sentence, and the entity type of
 * the token from the recognizer's mentions.
 *
 * The model (models/quotes.bin) is loaded once, lazily; without it findQuotes keeps its rules.
 *
 * Speed: quoteFeaturesReference defines the features plainly; quoteFeatures makes the same ids from
 * per-word first mixing stages and per-template tables; tagQuotes (tagQuotesFused) does not make ids
 * at all but sums the weight rows as it goes, which gives tagDocument's scores bit for bit because
 * every sum of the model's weights is exact in double precision (checked per model, else the ids
 * and tagDocument). test/server/analysis/quotes/learned.test.ts holds the three to each other.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextLayout } from '../text';
import { Mention } from '../model';
import { hashString, mix1, mix2, mix3, stage } from '../ner/hash';
import { NerModel, deserializeModel } from '../ner/store';
import { Weights, bucketIndex, tagDocument, maskedTransitions, viterbi9 } from '../ner/tagger';
import { findModelFile } from '../modelFiles';

/** Labels, in the tagger's nine slots: O, then B/I of the four span types. */
export const QLABELS = ['O', 'B-SRC', 'I-SRC', 'B-CUE', 'I-CUE', 'B-CON', 'I-CON', 'B-DQ', 'I-DQ'] as const;
export const SRC = 1, CUE = 2, CON = 3, DQ = 4;

export const MODEL_FILE = 'quotes.bin';

/** Quote spans the rules found (character offsets without the marks). */
export interface QuoteSpanIn {
  start: number; end: number; kind: 'direct' | 'partial' | 'indirect';
  /** An indirect attribution's cue and source, as the rules found them. */
  cue?: { start: number; end: number }; source?: { start: number; end: number };
}

/** Learned cue lexicon: lower-case word → bucket 1..5 of P(word is (part of) a cue). */
export type CueLexicon = Map<string, number>;

export function cueBucket(p: number, n: number): number {
  if (n < 2) return 0;
  return p >= 0.7 ? 5 : p >= 0.4 ? 4 : p >= 0.2 ? 3 : p >= 0.08 ? 2 : p >= 0.02 ? 1 : 0;
}

/**
 * A crude stem, for pooling a cue word's inflections when the lexicon is learned (train-quotes.ts: a
 * word seen less than 10 times takes its stem's figures when they are higher): "endorsed", "endorses", "endorsing" → "endors"; short words have none. */
export function cueStem(w: string): string | undefined {
  if (w.length < 5 || !/^[a-z]+$/.test(w)) return undefined;
  let s = w;
  if (/ies$|ied$/.test(s)) s = s.slice(0, -3) + 'y';
  else if (/ing$/.test(s) && s.length > 6) s = s.slice(0, -3);
  else if (/ed$/.test(s)) s = s.slice(0, -2);
  else if (/es$/.test(s)) s = s.slice(0, -2);
  else if (/s$/.test(s) && !/ss$/.test(s)) s = s.slice(0, -1);
  if (/e$/.test(s)) s = s.slice(0, -1);
  if (s.length >= 3 && s[s.length - 1] === s[s.length - 2] && !/[aeiouls]$/.test(s)) s = s.slice(0, -1); // "stopped" → "stop"
  return s.length >= 3 ? s : undefined;
}

export interface FeatureOut { ids: Int32Array; offs: Int32Array }

/**
 * What quoteFeatures needs of a word (its hash, suffix hash, shape, cue bucket and the first stages
 * of its features), computed once per distinct token text and lexicon: a map lookup per token
 * instead of lower-casing, hashes and a few regular expressions. Bounded: emptied before a
 * document when it has grown past 200,000 words (never within one, so a document's word ids stay valid).
 */
class WordCache {
  /** Distinct token texts: key, and an open-addressing table of id + 1 by the text's hash (0 = empty). */
  keys: string[] = [];
  keyHash = new Int32Array(1024);
  slots = new Int32Array(4096);
  /** Bumped whenever the cache is emptied (word ids from before are void). */
  generation = 0;
  hash = new Int32Array(1024);
  suffix = new Int32Array(1024);
  shape = new Uint8Array(1024);
  bucket = new Uint8Array(1024);
  /** Per word, the lower-cased text. */
  lower: string[] = [];
  constructor(readonly lex: CueLexicon) {}
  /** Per word, the first mixing stage of each of WORD_TEMPLATES (see quoteFeatures). */
  pre = new Int32Array(1024 * S);
  /** The model wrow is for (tagQuotes's fused path), and per word whether its entry is filled in. */
  rowsFor: unknown = undefined;
  wready = new Uint8Array(1024);
  /** Per word, for that model: the row offset (row * 9, or -1) of each of its features in WORD_ROW_FIELDS. */
  wrow = new Int32Array(1024 * WORD_ROW_FIELDS.length);
  get size(): number {
    return this.keys.length;
  }
  clear(): void {
    this.keys.length = 0;
    this.lower.length = 0;
    this.slots.fill(0);
    this.wready.fill(0);
    this.generation++;
  }
  /** The id of token text t, added if new. */
  id(t: string): number {
    const h = hashString(t);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = this.slots[i];
      if (v === 0) return this.add(t, h, i);
      if (this.keyHash[v - 1] === h && this.keys[v - 1] === t) return v - 1;
    }
  }
  private add(t: string, h: number, slot: number): number {
    const id = this.keys.length;
    if (id >= this.hash.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => { const b = new (a.constructor as { new(n: number): T })(a.length * 2); b.set(a); return b; };
      this.hash = grow(this.hash); this.suffix = grow(this.suffix); this.shape = grow(this.shape); this.bucket = grow(this.bucket);
      this.pre = grow(this.pre); this.wready = grow(this.wready); this.wrow = grow(this.wrow); this.keyHash = grow(this.keyHash);
    }
    const w = internalized(t.toLowerCase());
    const wh = hashString(w), sf = hashString(w.length > 3 ? w.slice(-3) : '#' + w);
    this.hash[id] = wh;
    this.suffix[id] = sf;
    for (let i = 0; i < S; i++) this.pre[id * S + i] = mix1(WORD_TEMPLATES[i], WORD_TEMPLATES[i] === 10 ? sf : wh);
    this.shape[id] = shapeOf(t);
    this.bucket[id] = this.lex.get(w) ?? 0;
    this.lower.push(w);
    this.keys.push(t);
    this.keyHash[id] = h;
    this.slots[slot] = id + 1;
    if (this.keys.length * 2 > this.slots.length) {
      // keep the table at most half full
      const slots = new Int32Array(this.slots.length * 2), mask = slots.length - 1;
      for (let j = 0; j < this.keys.length; j++) {
        let i = this.keyHash[j] & mask;
        while (slots[i] !== 0) i = (i + 1) & mask;
        slots[i] = j + 1;
      }
      this.slots = slots;
    }
    return id;
  }
}
/**
 * s as the engine's internalized copy (a property key's): the rules compare the cached lower-case words
 * with literals ('that', 'said') and look them up in sets and maps, which is a pointer comparison
 * and a stored hash for an internalized string.
 */
function internalized(s: string): string {
  const o: Record<string, number> = {};
  o[s] = 0;
  for (const k in o) return k;
  return s;
}

let words: WordCache | undefined;
function wordCache(lex: CueLexicon): WordCache {
  if (!words || words.lex !== lex) words = new WordCache(lex);
  return words;
}

let memo: { lay: TextLayout; cache: WordCache; generation: number; ids: Int32Array } | undefined;

/**
 * The word cache's id of every token of a layout (the cache of lexicon lex), remembered for the
 * last layout asked: findQuotes's Doc and the tagger share them. Empties the cache first when it has
 * grown past 200,000 words (never within a document, so a document's ids stay valid).
 */
export function tokenWordIds(lay: TextLayout, lex: CueLexicon): Int32Array {
  const cache = wordCache(lex);
  if (memo && memo.lay === lay && memo.cache === cache && memo.generation === cache.generation) return memo.ids;
  if (cache.size >= 200_000) cache.clear();
  const tokens = lay.tokens;
  const ids = new Int32Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) ids[k] = cache.id(tokens[k].text);
  memo = { lay, cache, generation: cache.generation, ids };
  return ids;
}

/** The lower-cased text of every token of a layout, from the word cache (tokenWordIds). */
export function tokenLower(lay: TextLayout, lex: CueLexicon): string[] {
  const ids = tokenWordIds(lay, lex);
  const lower = wordCache(lex).lower;
  const out = new Array<string>(ids.length);
  for (let k = 0; k < ids.length; k++) out[k] = lower[ids[k]];
  return out;
}

function bucketDist(d: number): number {
  return d <= 3 ? d : d <= 5 ? 4 : d <= 8 ? 5 : d <= 12 ? 6 : d <= 20 ? 7 : 8;
}
/** bucketDist(d) for 0 <= d < 21 (it is 8 above): the fused loop reads this instead of calling bucketDist. */
const DIST = Uint8Array.from({ length: 21 }, (_, d) => bucketDist(d));

function shapeOf(t: string): number {
  const c = t.charCodeAt(0);
  if (/^[\p{Lu}]/u.test(t)) return /^[\p{Lu}\W\d]+$/u.test(t) && t.length > 1 ? 2 : 1;
  if (/^\p{Ll}/u.test(t)) return 3;
  if (c >= 48 && c <= 57) return 4;
  if (/^["“”‘’'«»„`]+$/.test(t)) return 5;
  if (t === ',') return 6;
  if (t === '.' || t === '!' || t === '?') return 7;
  if (t === ':' || t === ';') return 8;
  if (/^[-–—]+$/.test(t)) return 9;
  if (t === '(' || t === ')' || t === '[' || t === ']') return 10;
  return 11;
}


const MENTION_TYPES: Record<string, number> = { PER: 1, ORG: 2, LOC: 3, MISC: 4, DATE: 5 };

/**
 * quoteFeatures written plainly, one mix per feature: the reference the fast path must agree with
 * (test/server/analysis/quotes/learned.test.ts), and the definition of the features.
 */
export function quoteFeaturesReference(text: string, lay: TextLayout, mentions: Mention[], quotes: QuoteSpanIn[], lex: CueLexicon, bits: number): FeatureOut {
  void text;
  const tokens = lay.tokens;
  const n = tokens.length;
  const mask = (1 << bits) - 1;
  // per token: word hash, shape, suffix hash and cue bucket, from the per-word cache
  const wh = new Int32Array(n), suf = new Int32Array(n);
  const shape = new Uint8Array(n), cb = new Uint8Array(n);
  const cache = wordCache(lex);
  if (cache.size >= 200_000) cache.clear();
  for (let k = 0; k < n; k++) {
    const id = cache.id(tokens[k].text);
    wh[k] = cache.hash[id]; suf[k] = cache.suffix[id]; shape[k] = cache.shape[id]; cb[k] = cache.bucket[id];
  }
  const { qs, rs, mt } = tokenStates(tokens, mentions, quotes);
  const PER_TOKEN = 48;
  const ids = new Int32Array(n * PER_TOKEN);
  const offs = new Int32Array(n + 1);
  let p = 0;
  const THAT = hashString('that');
  // per token, within its sentence (every entry is written before it is read): the nearest likely
  // cue to the left and right, commas since the sentence start and to the cue on the right, a
  // "that" since the cue, the nearest weaker cue on either side
  const leftCue = new Int32Array(n), rightCue = new Int32Array(n), commas = new Int32Array(n), commasRight = new Int32Array(n);
  const thatSinceCue = new Uint8Array(n), left2 = new Int32Array(n), right2 = new Int32Array(n);
  for (const s of lay.sentences) {
    const a = s.tokenStart, b = s.tokenEnd;
    // nearest likely cue to the left / right (bucket >= 3), outside quotes
    let last = -1, c = 0, that = 0;
    for (let k = a; k < b; k++) {
      leftCue[k] = last; commas[k] = c; thatSinceCue[k] = that;
      if (cb[k] >= 3 && qs[k] === 0) { last = k; that = 0; }
      if (tokens[k].text === ',') c++;
      if (wh[k] === THAT && last >= 0) that = 1;
    }
    last = -1;
    let cr = 0;
    for (let k = b - 1; k >= a; k--) {
      rightCue[k] = last; commasRight[k] = cr;
      if (cb[k] >= 3 && qs[k] === 0) { last = k; cr = 0; }
      if (tokens[k].text === ',') cr++;
    }
    // the weaker cues too (bucket >= 2)
    last = -1;
    for (let k = a; k < b; k++) { left2[k] = last; if (cb[k] >= 2 && qs[k] === 0) last = k; }
    last = -1;
    for (let k = b - 1; k >= a; k--) { right2[k] = last; if (cb[k] >= 2 && qs[k] === 0) last = k; }
    for (let k = a; k < b; k++) {
      offs[k] = p;
      const w = (j: number) => (j < a ? 0x1234 : j >= b ? 0x4321 : wh[j]);
      const sh = (j: number) => (j < a ? 12 : j >= b ? 13 : shape[j]);
      const cbo = (j: number) => (j < a || j >= b ? 7 : cb[j]);
      const add = (f: number) => { ids[p++] = f & mask; };
      add(mix1(1, 0));
      add(mix1(2, wh[k]));
      add(mix1(3, w(k - 1)));
      add(mix1(4, w(k + 1)));
      add(mix1(5, w(k - 2)));
      add(mix1(6, w(k + 2)));
      add(mix2(7, w(k - 1), wh[k]));
      add(mix2(8, wh[k], w(k + 1)));
      add(mix1(9, shape[k]));
      add(mix1(10, suf[k]));
      add(mix1(11, cb[k]));
      add(mix2(12, cbo(k - 1), cb[k]));
      add(mix2(13, cb[k], cbo(k + 1)));
      add(mix2(26, cbo(k - 2), cbo(k - 1)));
      add(mix2(27, cbo(k + 1), cbo(k + 2)));
      const lc = leftCue[k], rc = rightCue[k];
      const ld = lc >= 0 ? bucketDist(k - lc) : 15, rd = rc >= 0 ? bucketDist(rc - k) : 15;
      add(mix1(14, ld));
      add(mix2(15, ld, lc >= 0 ? wh[lc] : 0));
      add(mix1(16, rd));
      add(mix2(17, rd, rc >= 0 ? wh[rc] : 0));
      add(mix3(18, ld, rd, qs[k]));
      add(mix1(19, qs[k]));
      add(mix3(20, qs[k], k > a ? qs[k - 1] : 9, k + 1 < b ? qs[k + 1] : 9));
      add(mix2(21, qs[k], wh[k]));
      add(mix1(22, mt[k]));
      add(mix3(23, k > a ? mt[k - 1] : 99, mt[k], k + 1 < b ? mt[k + 1] : 99));
      add(mix2(24, bucketDist(k - a), bucketDist(b - 1 - k)));
      add(mix3(25, Math.min(commas[k], 3), thatSinceCue[k], lc >= 0 ? 1 : 0));
      add(mix3(28, sh(k - 1), shape[k], sh(k + 1)));
      add(mix2(29, mt[k], cbo(k + 1)));
      add(mix2(30, ld, thatSinceCue[k]));
      add(mix3(31, ld, rd, Math.min(commas[k], 3)));
      add(mix2(32, lc >= 0 ? wh[lc] : 0, wh[k]));
      add(mix2(33, rc >= 0 ? wh[rc] : 0, qs[k]));
      add(mix2(34, s.paragraph === 0 ? 1 : 0, bucketDist(k - a)));
      {
        add(mix1(35, w(k - 3)));
        add(mix1(36, w(k + 3)));
        add(mix3(37, rd, Math.min(commasRight[k], 3), k === a ? 1 : 0));
        add(mix2(38, rc >= 0 ? w(rc + 1) : 0, Math.min(commasRight[k], 2)));
        add(mix2(39, rc >= 0 ? w(rc - 1) : 0, rd));
        const l2 = left2[k], r2 = right2[k];
        add(mix2(40, l2 >= 0 ? bucketDist(k - l2) : 15, r2 >= 0 ? bucketDist(r2 - k) : 15));
        add(mix2(41, l2 >= 0 ? wh[l2] : 0, r2 >= 0 ? wh[r2] : 0));
        add(mix3(42, lc >= 0 ? wh[lc] : 0, thatSinceCue[k], Math.min(commas[k], 2)));
        add(mix2(43, lc >= 0 ? w(lc + 1) : 0, ld));
      }
      { // the rules' indirect attributions (stacking)
        add(mix1(44, rs[k]));
        add(mix3(45, k > a ? rs[k - 1] : 9, rs[k], k + 1 < b ? rs[k + 1] : 9));
        add(mix2(46, rs[k], cb[k]));
      }
    }
  }
  offs[n] = p;
  return { ids: ids.subarray(0, p), offs };
}

// ---------------------------------------------------------------------------------------------
// quoteFeatures, fast: the same feature ids in the same order as quoteFeaturesReference.
//
// A feature id is a chain of mixing stages: mix1(t, a) = stage(t, a), mix2(t, a, b) =
// stage(mix1(t, a), b), mix3(t, a, b, c) = stage(mix2(t, a, b), c). So the first stage of every
// template whose first value is a word's hash is computed once per distinct word (WordCache.pre),
// and every template whose values all come from small ranges (shape, cue bucket, distance bucket,
// quote state, mention type, ...) is a table built once. Per token there are left a dozen stages
// (the pairs of two words' hashes) and table look-ups, without closures or allocation.


/** Templates whose first stage is per word (on the word's hash; 10 on its suffix hash), in WordCache.pre order. */
const WORD_TEMPLATES = [2, 3, 4, 5, 6, 7, 8, 10, 32, 35, 36, 41, 42, 38, 39, 43, 33];
const S = WORD_TEMPLATES.length;
const P2 = 0, P3 = 1, P4 = 2, P5 = 3, P6 = 4, P7 = 5, P8 = 6, P10 = 7, P32 = 8, P35 = 9, P36 = 10, P41 = 11, P42 = 12, P38 = 13,
  P39 = 14, P43 = 15, P33 = 16;
/** The WordCache.pre fields that are whole features (their row is per word); wrow holds them in this order. */
const WORD_ROW_FIELDS = [P2, P3, P4, P5, P6, P10, P35, P36];
const RF = WORD_ROW_FIELDS.length;
const R2 = 0, R3 = 1, R4 = 2, R5 = 3, R6 = 4, R10 = 5, R35 = 6, R36 = 7;

/** mix over every combination of small values: table[(i * d1 + j) * d2 + l] = mix(t, val(i), val(j), val(l)). */
function table(t: number, dims: number[], val: (d: number, i: number) => number = (_d, i) => i): Int32Array {
  const size = dims.reduce((a, d) => a * d, 1);
  const out = new Int32Array(size);
  for (let x = 0; x < size; x++) {
    let h = t, r = x, div = size;
    for (let d = 0; d < dims.length; d++) {
      div /= dims[d];
      const i = Math.floor(r / div);
      r -= i * div;
      h = stage(h, val(d, i));
    }
    out[x] = h;
  }
  return out;
}

/** Mention type values: 0..13, then 99 (outside the sentence) at index 14. */
const MT_D = 15;
const mtVal = (i: number) => (i === 14 ? 99 : i);

interface Tables {
  c1: number; lo3: number; hi4: number; lo5: number; hi6: number; lo7: number; hi8w: number; lo35: number; hi36: number;
  z32: number; z33: number; z38: number; hi38: number; z39: number; z41: number; z42: number; z43: number;
  t9: Int32Array; t11: Int32Array; t12: Int32Array; t13: Int32Array; t26: Int32Array; t27: Int32Array; t14: Int32Array; t15: Int32Array;
  t16: Int32Array; t17: Int32Array; t18: Int32Array; t19: Int32Array; t20: Int32Array; t21: Int32Array; t22: Int32Array; t23: Int32Array;
  t24: Int32Array; t25: Int32Array; t28: Int32Array; t29: Int32Array; t30: Int32Array; t31: Int32Array; t34: Int32Array; t37: Int32Array;
  t40: Int32Array; t44: Int32Array; t45: Int32Array; t46: Int32Array;
}
let tables: Tables | undefined;
function featureTables(): Tables {
  if (tables) return tables;
  const LO = 0x1234, HI = 0x4321;
  const mtv = (d: number, i: number) => mtVal(i);
  const mtFirst = (d: number, i: number) => (d === 0 ? mtVal(i) : i);
  return (tables = {
    c1: stage(1, 0), lo3: stage(3, LO), hi4: stage(4, HI), lo5: stage(5, LO), hi6: stage(6, HI), lo7: stage(7, LO), hi8w: HI,
    lo35: stage(35, LO), hi36: stage(36, HI), z32: stage(32, 0), z33: stage(33, 0), z38: stage(38, 0), hi38: stage(38, HI),
    z39: stage(39, 0), z41: stage(41, 0), z42: stage(42, 0), z43: stage(43, 0),
    t9: table(9, [14]), t11: table(11, [8]), t12: table(12, [8, 8]), t13: table(13, [8, 8]), t26: table(26, [8, 8]), t27: table(27, [8, 8]),
    t14: table(14, [16]), t15: table(15, [16]), t16: table(16, [16]), t17: table(17, [16]), t18: table(18, [16, 16, 10]),
    t19: table(19, [10]), t20: table(20, [10, 10, 10]), t21: table(21, [10]), t22: table(22, [MT_D], mtv), t23: table(23, [MT_D, MT_D, MT_D], mtv),
    t24: table(24, [9, 9]), t25: table(25, [4, 2, 2]), t28: table(28, [14, 14, 14]), t29: table(29, [MT_D, 8], mtFirst),
    t30: table(30, [16, 2]), t31: table(31, [16, 16, 4]), t34: table(34, [2, 9]), t37: table(37, [16, 4, 2]), t40: table(40, [16, 16]),
    t44: table(44, [10]), t45: table(45, [10, 10, 10]), t46: table(46, [10, 8]),
  });
}

/** Per token, what the features are made of (see quoteFeaturesReference for their meaning). */
interface Prepared {
  n: number;
  /** word hash, offset of the word's entry in WordCache.pre, word id */
  wh: Int32Array; pb: Int32Array; wid: Int32Array;
  shape: Uint8Array; cb: Uint8Array; qs: Uint8Array; rs: Uint8Array; mt: Uint8Array; thatSinceCue: Uint8Array;
  leftCue: Int32Array; rightCue: Int32Array; commas: Int32Array; commasRight: Int32Array; left2: Int32Array; right2: Int32Array;
}

function prepare(lay: TextLayout, mentions: Mention[], quotes: QuoteSpanIn[], cache: WordCache): Prepared {
  const tokens = lay.tokens;
  const n = tokens.length;
  // per token: word hash, shape, cue bucket and the offset of its word's first stages, from the per-word cache
  const wh = new Int32Array(n), pb = new Int32Array(n);
  const shape = new Uint8Array(n), cb = new Uint8Array(n), comma = new Uint8Array(n);
  const wid = tokenWordIds(lay, cache.lex);
  const COMMA = cache.id(',');
  for (let k = 0; k < n; k++) {
    const id = wid[k];
    wh[k] = cache.hash[id]; shape[k] = cache.shape[id]; cb[k] = cache.bucket[id]; pb[k] = id * S;
    comma[k] = id === COMMA ? 1 : 0;
  }
  const { qs, rs, mt } = tokenStates(tokens, mentions, quotes);
  const THAT = hashString('that');
  const leftCue = new Int32Array(n), rightCue = new Int32Array(n), commas = new Int32Array(n), commasRight = new Int32Array(n);
  const thatSinceCue = new Uint8Array(n), left2 = new Int32Array(n), right2 = new Int32Array(n);
  const sentences = lay.sentences;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    const a = s.tokenStart, b = s.tokenEnd;
    let last = -1, c = 0, that = 0;
    for (let k = a; k < b; k++) {
      leftCue[k] = last; commas[k] = c; thatSinceCue[k] = that;
      if (cb[k] >= 3 && qs[k] === 0) { last = k; that = 0; }
      c += comma[k];
      if (wh[k] === THAT && last >= 0) that = 1;
    }
    last = -1;
    let cr = 0;
    for (let k = b - 1; k >= a; k--) {
      rightCue[k] = last; commasRight[k] = cr;
      if (cb[k] >= 3 && qs[k] === 0) { last = k; cr = 0; }
      cr += comma[k];
    }
    last = -1;
    for (let k = a; k < b; k++) { left2[k] = last; if (cb[k] >= 2 && qs[k] === 0) last = k; }
    last = -1;
    for (let k = b - 1; k >= a; k--) { right2[k] = last; if (cb[k] >= 2 && qs[k] === 0) last = k; }
  }
  return { n, wh, pb, wid, shape, cb, qs, rs, mt, thatSinceCue, leftCue, rightCue, commas, commasRight, left2, right2 };
}

/** Feature ids of every token of a document, masked to 2^bits. Sentences are the tagging unit. */
export function quoteFeatures(text: string, lay: TextLayout, mentions: Mention[], quotes: QuoteSpanIn[], lex: CueLexicon, bits: number): FeatureOut {
  void text;
  const mask = (1 << bits) - 1;
  const T = featureTables();
  const cache = wordCache(lex);
  const { n, wh, pb, shape, cb, qs, rs, mt, thatSinceCue, leftCue, rightCue, commas, commasRight, left2, right2 } = prepare(lay, mentions, quotes, cache);
  const pre = cache.pre;
  const ids = new Int32Array(n * 46);
  const offs = new Int32Array(n + 1);
  let p = 0;
  const sentences = lay.sentences;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    const a = s.tokenStart, b = s.tokenEnd;
    const para0 = s.paragraph === 0 ? 1 : 0;
    for (let k = a; k < b; k++) {
      offs[k] = p;
      const pk = pb[k], whk = wh[k], cbk = cb[k], qk = qs[k], mtk = mt[k], rsk = rs[k];
      const inL1 = k - 1 >= a, inR1 = k + 1 < b;
      const cbL1 = inL1 ? cb[k - 1] : 7, cbR1 = inR1 ? cb[k + 1] : 7;
      const cbL2 = k - 2 >= a ? cb[k - 2] : 7, cbR2 = k + 2 < b ? cb[k + 2] : 7;
      const lc = leftCue[k], rc = rightCue[k];
      const ld = lc >= 0 ? bucketDist(k - lc) : 15, rd = rc >= 0 ? bucketDist(rc - k) : 15;
      const cm = commas[k], c3 = cm < 3 ? cm : 3, c2 = cm < 2 ? cm : 2, tsc = thatSinceCue[k];
      const cmr = commasRight[k], cr3 = cmr < 3 ? cmr : 3, cr2 = cmr < 2 ? cmr : 2;
      const dA = bucketDist(k - a);
      const whlc = lc >= 0 ? wh[lc] : 0, whrc = rc >= 0 ? wh[rc] : 0;
      const l2 = left2[k], r2 = right2[k];
      ids[p] = T.c1 & mask;
      ids[p + 1] = pre[pk + P2] & mask;
      ids[p + 2] = (inL1 ? pre[pb[k - 1] + P3] : T.lo3) & mask;
      ids[p + 3] = (inR1 ? pre[pb[k + 1] + P4] : T.hi4) & mask;
      ids[p + 4] = (k - 2 >= a ? pre[pb[k - 2] + P5] : T.lo5) & mask;
      ids[p + 5] = (k + 2 < b ? pre[pb[k + 2] + P6] : T.hi6) & mask;
      ids[p + 6] = stage(inL1 ? pre[pb[k - 1] + P7] : T.lo7, whk) & mask;
      ids[p + 7] = stage(pre[pk + P8], inR1 ? wh[k + 1] : T.hi8w) & mask;
      ids[p + 8] = T.t9[shape[k]] & mask;
      ids[p + 9] = pre[pk + P10] & mask;
      ids[p + 10] = T.t11[cbk] & mask;
      ids[p + 11] = T.t12[cbL1 * 8 + cbk] & mask;
      ids[p + 12] = T.t13[cbk * 8 + cbR1] & mask;
      ids[p + 13] = T.t26[cbL2 * 8 + cbL1] & mask;
      ids[p + 14] = T.t27[cbR1 * 8 + cbR2] & mask;
      ids[p + 15] = T.t14[ld] & mask;
      ids[p + 16] = stage(T.t15[ld], whlc) & mask;
      ids[p + 17] = T.t16[rd] & mask;
      ids[p + 18] = stage(T.t17[rd], whrc) & mask;
      ids[p + 19] = T.t18[(ld * 16 + rd) * 10 + qk] & mask;
      ids[p + 20] = T.t19[qk] & mask;
      ids[p + 21] = T.t20[(qk * 10 + (inL1 ? qs[k - 1] : 9)) * 10 + (inR1 ? qs[k + 1] : 9)] & mask;
      ids[p + 22] = stage(T.t21[qk], whk) & mask;
      ids[p + 23] = T.t22[mtk] & mask;
      ids[p + 24] = T.t23[((inL1 ? mt[k - 1] : 14) * MT_D + mtk) * MT_D + (inR1 ? mt[k + 1] : 14)] & mask;
      ids[p + 25] = T.t24[dA * 9 + bucketDist(b - 1 - k)] & mask;
      ids[p + 26] = T.t25[(c3 * 2 + tsc) * 2 + (lc >= 0 ? 1 : 0)] & mask;
      ids[p + 27] = T.t28[((inL1 ? shape[k - 1] : 12) * 14 + shape[k]) * 14 + (inR1 ? shape[k + 1] : 13)] & mask;
      ids[p + 28] = T.t29[mtk * 8 + cbR1] & mask;
      ids[p + 29] = T.t30[ld * 2 + tsc] & mask;
      ids[p + 30] = T.t31[(ld * 16 + rd) * 4 + c3] & mask;
      ids[p + 31] = stage(lc >= 0 ? pre[pb[lc] + P32] : T.z32, whk) & mask;
      ids[p + 32] = stage(rc >= 0 ? pre[pb[rc] + P33] : T.z33, qk) & mask;
      ids[p + 33] = T.t34[para0 * 9 + dA] & mask;
      ids[p + 34] = (k - 3 >= a ? pre[pb[k - 3] + P35] : T.lo35) & mask;
      ids[p + 35] = (k + 3 < b ? pre[pb[k + 3] + P36] : T.hi36) & mask;
      ids[p + 36] = T.t37[(rd * 4 + cr3) * 2 + (k === a ? 1 : 0)] & mask;
      ids[p + 37] = stage(rc >= 0 ? (rc + 1 < b ? pre[pb[rc + 1] + P38] : T.hi38) : T.z38, cr2) & mask;
      ids[p + 38] = stage(rc >= 0 ? pre[pb[rc - 1] + P39] : T.z39, rd) & mask;
      ids[p + 39] = T.t40[(l2 >= 0 ? bucketDist(k - l2) : 15) * 16 + (r2 >= 0 ? bucketDist(r2 - k) : 15)] & mask;
      ids[p + 40] = stage(l2 >= 0 ? pre[pb[l2] + P41] : T.z41, r2 >= 0 ? wh[r2] : 0) & mask;
      ids[p + 41] = stage(stage(lc >= 0 ? pre[pb[lc] + P42] : T.z42, tsc), c2) & mask;
      ids[p + 42] = stage(lc >= 0 ? pre[pb[lc + 1] + P43] : T.z43, ld) & mask;
      ids[p + 43] = T.t44[rsk] & mask;
      ids[p + 44] = T.t45[((inL1 ? rs[k - 1] : 9) * 10 + rsk) * 10 + (inR1 ? rs[k + 1] : 9)] & mask;
      ids[p + 45] = T.t46[rsk * 8 + cbk] & mask;
      p += 46;
    }
  }
  offs[n] = p;
  return { ids: ids.subarray(0, p), offs };
}

/**
 * Per token: the quote state (0 outside, 1 inside a direct quote, 2 inside a partial quote, 3 its
 * opening mark, 4 its closing mark), the rules' indirect attributions (1 content, 2 cue, 3 source,
 * +3 on a span's first token) and the mention type with B/I.
 */
function tokenStates(tokens: TextLayout['tokens'], mentions: Mention[], quotes: QuoteSpanIn[]): { qs: Uint8Array; rs: Uint8Array; mt: Uint8Array } {
  const n = tokens.length;
  const qs = new Uint8Array(n);
  let qi = 0;
  const sortedQ = quotes.filter((q) => q.kind !== 'indirect').sort((a, b) => a.start - b.start);
  if (sortedQ.length > 0) for (let k = 0; k < n; k++) {
    const t = tokens[k];
    while (qi < sortedQ.length && sortedQ[qi].end < t.start) qi++;
    for (let j = qi; j < sortedQ.length && sortedQ[j].start <= t.end; j++) {
      const q = sortedQ[j];
      if (t.start >= q.start && t.end <= q.end) { qs[k] = q.kind === 'direct' ? 1 : 2; break; }
      if (t.kind === 'quote' && t.end <= q.start && q.start - t.end <= 1) { qs[k] = 3; break; }
      if (t.kind === 'quote' && t.start >= q.end && t.start - q.end <= 1) { qs[k] = 4; break; }
    }
  }
  const rs = new Uint8Array(n);
  for (const q of quotes) {
    if (q.kind !== 'indirect') continue;
    markSpan(tokens, rs, q.start, q.end, 1);
    if (q.cue) markSpan(tokens, rs, q.cue.start, q.cue.end, 2);
    if (q.source) markSpan(tokens, rs, q.source.start, q.source.end, 3);
  }
  const mt = new Uint8Array(n);
  let mi = 0;
  for (let k = 0; k < n; k++) {
    const t = tokens[k];
    while (mi < mentions.length && mentions[mi].end <= t.start) mi++;
    if (mi < mentions.length && mentions[mi].start <= t.start && t.end <= mentions[mi].end) {
      mt[k] = (MENTION_TYPES[mentions[mi].type] ?? 6) * 2 + (mentions[mi].start === t.start ? 0 : 1);
    }
  }
  return { qs, rs, mt };
}

/** rs[k] = v on the tokens of [a, b) (v + 3 on the first). */
function markSpan(tokens: TextLayout['tokens'], rs: Uint8Array, a: number, b: number, v: number): void {
  const n = tokens.length;
  let lo = 0, hi = n;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].end <= a) lo = mid + 1; else hi = mid; }
  for (let k = lo; k < n && tokens[k].start < b; k++) rs[k] = k === lo ? v + 3 : v;
}

// ---------------------------------------------------------------------------------------------
// tagQuotes, fused: the features' weight rows summed as they are made, without the ids.
//
// Every weight is a float32 (an int16 times the model's scale). When the largest weight and the
// finest granularity (the smallest weight's unit in the last place) of a model are close enough that
// any sum of up to 64 of its weights is a whole multiple of that granularity below 2^53 of it, every
// sum a token makes in double precision is exact, so the emission scores do not depend on the order
// the rows are added in: the same float32 scores as tagDocument's, bit for bit, whatever the order.
// The fused path then looks rows up without hashing for the features made of small values (a table
// of rows per template) and of one word (rows per word), and takes the single-template-first-stage
// features' rows from the word cache. Models where that does not hold take quoteFeatures + tagDocument.

interface RowTables {
  /** the model's table this was built from */
  source: Float32Array;
  /**
   * Which buckets have a row: a bitmap with the rank of every 32nd bucket ([bitmap, rank] pairs, 64 KB
   * for 2^18 buckets instead of rowOf's 1 MB: the per-token look-ups stay in cache), and the rows in
   * bucket order (as ner/tagger.ts's fast table).
   */
  index: Int32Array; rows: Int16Array; scale: number; mask: number;
  /** row offsets (row * 9, or -1) of the constant features and the features at a sentence's edges */
  c1: number; lo3: number; hi4: number; lo5: number; hi6: number; lo35: number; hi36: number;
  /** and of every entry of the feature tables (same names as Tables) */
  t9: Int32Array; t11: Int32Array; t12: Int32Array; t13: Int32Array; t26: Int32Array; t27: Int32Array; t14: Int32Array;
  t16: Int32Array; t18: Int32Array; t19: Int32Array; t20: Int32Array; t22: Int32Array; t23: Int32Array; t24: Int32Array;
  t25: Int32Array; t28: Int32Array; t29: Int32Array; t30: Int32Array; t31: Int32Array; t34: Int32Array; t37: Int32Array;
  t40: Int32Array; t44: Int32Array; t45: Int32Array; t46: Int32Array;
  /**
   * Templates over the same small values summed ahead (exact, see above): 9 doubles per entry.
   * gCbL[(cbL2, cbL1, cb)] = 11 + 12 + 26, gCbR[(cb, cbR1, cbR2)] = 13 + 27, gLRQ[(ld, rd, qs)] = 14 + 16 + 18 + 19,
   * gLRC[(ld, rd, min(commas, 3), thatSinceCue)] = 25 + 30 + 31, gRS[(rsL, rs, rsR)] = 44 + 45.
   */
  gCbL: Float64Array; gCbR: Float64Array; gLRQ: Float64Array; gLRC: Float64Array; gRS: Float64Array;
}
const rowTablesOf = new WeakMap<Weights, RowTables | null>();

/** Are all sums of up to 64 of these float32 weights exact in double precision? */
export function sumsAreExact(rows: Float32Array): boolean {
  let maxAbs = 0, minUlp = Infinity;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i];
    if (v === 0) continue;
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
    // the unit in the last place of a float32, one binade lower to be safe about log2's rounding
    const ulp = Math.floor(Math.log2(a)) - 24;
    if (ulp < minUlp) minUlp = ulp;
  }
  return maxAbs === 0 || Math.log2(64 * maxAbs) - minUlp < 52;
}

function rowTables(W: Weights): RowTables | null {
  const known = rowTablesOf.get(W);
  const table = W.table();
  if (known !== undefined && (known === null || known.source === table?.rows)) return known;
  let out: RowTables | null = null;
  if (table && sumsAreExact(table.rows)) {
    const { rowOf } = table;
    const mask = W.mask;
    const n = rowOf.length;
    const { index, count } = bucketIndex(rowOf);
    // the rows as the model file stores them, int16 times scale: half the memory of float32 rows, so
    // they stay in cache; Math.fround(q * scale) is the table's float32 weight exactly (checked here)
    const stored = W.stored;
    const scale = stored ? stored.scale : 0;
    let rows: Int16Array | undefined = new Int16Array(count * ROW);
    for (let b = 0, r = 0; b < n && rows; b++) {
      if (rowOf[b] < 0) continue;
      for (let y = 0; y < L9; y++) {
        const i = rowOf[b] * L9 + y;
        const q = stored && i < stored.q.length ? stored.q[i] : 0;
        if (Math.fround(q * scale) !== table.rows[i]) { rows = undefined; break; }
        rows[r * ROW + y] = q;
      }
      r++;
    }
    if (!rows) { rowTablesOf.set(W, null); return null; }
    const rb = (f: number) => rowAt(index, f & mask);
    const T = featureTables();
    const m = (t: Int32Array) => t.map(rb);
    out = {
      source: table.rows, index, rows, scale, mask,
      c1: rb(T.c1), lo3: rb(T.lo3), hi4: rb(T.hi4), lo5: rb(T.lo5), hi6: rb(T.hi6), lo35: rb(T.lo35), hi36: rb(T.hi36),
      t9: m(T.t9), t11: m(T.t11), t12: m(T.t12), t13: m(T.t13), t26: m(T.t26), t27: m(T.t27), t14: m(T.t14), t16: m(T.t16),
      t18: m(T.t18), t19: m(T.t19), t20: m(T.t20), t22: m(T.t22), t23: m(T.t23), t24: m(T.t24), t25: m(T.t25), t28: m(T.t28),
      t29: m(T.t29), t30: m(T.t30), t31: m(T.t31), t34: m(T.t34), t37: m(T.t37), t40: m(T.t40), t44: m(T.t44), t45: m(T.t45),
      t46: m(T.t46),
    } as RowTables;
    const R = out;
    /** size entries, each the sum of the rows parts(i) gives (row offsets, -1 for none). */
    const group = (size: number, parts: (i: number) => number[]): Float64Array => {
      const g = new Float64Array(size * L9);
      for (let i = 0; i < size; i++) {
        for (const o of parts(i)) if (o >= 0) for (let y = 0; y < L9; y++) g[i * L9 + y] += Math.fround(rows![o + y] * scale);
      }
      return g;
    };
    R.gCbL = group(512, (i) => { const c2 = i >> 6, c1 = (i >> 3) & 7, c = i & 7; return [R.t11[c], R.t12[c1 * 8 + c], R.t26[c2 * 8 + c1]]; });
    R.gCbR = group(512, (i) => { const c = i >> 6, r1 = (i >> 3) & 7, r2 = i & 7; return [R.t13[c * 8 + r1], R.t27[r1 * 8 + r2]]; });
    R.gLRQ = group(2560, (i) => { const ld = Math.floor(i / 160), rd = Math.floor(i / 10) % 16, q = i % 10; return [R.t14[ld], R.t16[rd], R.t18[i], R.t19[q]]; });
    R.gLRC = group(2048, (i) => {
      const ld = i >> 7, rd = (i >> 3) & 15, c3 = (i >> 1) & 3, tsc = i & 1;
      return [R.t25[(c3 * 2 + tsc) * 2 + (ld !== 15 ? 1 : 0)], R.t30[ld * 2 + tsc], R.t31[(ld * 16 + rd) * 4 + c3]];
    });
    R.gRS = group(1000, (i) => [R.t44[Math.floor(i / 10) % 10], R.t45[i]]);
  }
  rowTablesOf.set(W, out);
  return out;
}
const L9 = 9;
/** A row's stride in RowTables.rows (padding rows to a 64-byte cache line measured no faster). */
const ROW = L9;

/** The offset in RowTables.rows of bucket f's row (f already masked), or -1 when it has none. */
function rowAt(index: Int32Array, f: number): number {
  const wi = (f >>> 5) << 1;
  const word = index[wi];
  const bit = f & 31;
  if (((word >>> bit) & 1) === 0) return -1;
  let x = word & ~(-1 << bit);
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return (index[wi + 1] + (Math.imul(x, 0x01010101) >>> 24)) * ROW;
}
/** rowAt(index, stage(h, x) & mask), in one call (the fused loop is too large for the engine to inline its calls). */
function hashedRow(index: Int32Array, mask: number, h: number, x: number): number {
  return rowAt(index, stage(h, x) & mask); // both small enough to be inlined here
}

let emFused = new Float32Array(1024 * L9);
let pathFused = new Int32Array(1024);
const rowBuf = new Int32Array(64);
const transFused = new Float32Array(10 * L9);

/** tagQuotes's labels by the fused path, or undefined when the model does not allow it (see above). */
export function tagQuotesFused(W: Weights, lex: CueLexicon, lay: TextLayout, mentions: Mention[], quotes: QuoteSpanIn[]): Uint8Array | undefined {
  const R = rowTables(W);
  if (!R) return undefined;
  const { index, rows, scale, mask, gCbL, gCbR, gLRQ, gLRC, gRS } = R;
  const T = featureTables();
  const trans = maskedTransitions(W.trans, transFused);
  const cache = wordCache(lex);
  const P = prepare(lay, mentions, quotes, cache);
  const { n, wh, pb, wid, shape, cb, qs, rs, mt, thatSinceCue, leftCue, rightCue, commas, commasRight, left2, right2 } = P;
  const pre = cache.pre;
  // the rows of each word's one-word features, for this model
  if (cache.rowsFor !== R) { cache.wready.fill(0); cache.rowsFor = R; }
  const wready = cache.wready, wrow = cache.wrow;
  for (let k = 0; k < n; k++) {
    const id = wid[k];
    if (wready[id]) continue;
    for (let f = 0; f < RF; f++) wrow[id * RF + f] = rowAt(index, pre[id * S + WORD_ROW_FIELDS[f]] & mask);
    wready[id] = 1;
  }
  const labels = new Uint8Array(n);
  const buf = rowBuf;
  const sentences = lay.sentences;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    const a = s.tokenStart, b = s.tokenEnd;
    const m = b - a;
    if (m <= 0) continue;
    if (emFused.length < m * L9) { emFused = new Float32Array(m * L9 * 2); pathFused = new Int32Array(m * 2); }
    const em = emFused;
    const para0 = s.paragraph === 0 ? 1 : 0;
    for (let k = a; k < b; k++) {
      const wk = wid[k] * RF, pk = pb[k], whk = wh[k], cbk = cb[k], qk = qs[k], mtk = mt[k], rsk = rs[k];
      const inL1 = k - 1 >= a, inR1 = k + 1 < b;
      const cbL1 = inL1 ? cb[k - 1] : 7, cbR1 = inR1 ? cb[k + 1] : 7;
      const cbL2 = k - 2 >= a ? cb[k - 2] : 7, cbR2 = k + 2 < b ? cb[k + 2] : 7;
      const lc = leftCue[k], rc = rightCue[k];
      const ld = lc >= 0 ? (k - lc < 21 ? DIST[k - lc] : 8) : 15, rd = rc >= 0 ? (rc - k < 21 ? DIST[rc - k] : 8) : 15;
      const cm = commas[k], c3 = cm < 3 ? cm : 3, c2 = cm < 2 ? cm : 2, tsc = thatSinceCue[k];
      const cmr = commasRight[k], cr3 = cmr < 3 ? cmr : 3, cr2 = cmr < 2 ? cmr : 2;
      const dA = (k - a < 21 ? DIST[k - a] : 8);
      const whlc = lc >= 0 ? wh[lc] : 0, whrc = rc >= 0 ? wh[rc] : 0;
      const l2 = left2[k], r2 = right2[k];
      // the row offsets of the token's other features (quoteFeatures's order, without the grouped ones)
      buf[0] = R.c1;
      buf[1] = wrow[wk + R2];
      buf[2] = inL1 ? wrow[wid[k - 1] * RF + R3] : R.lo3;
      buf[3] = inR1 ? wrow[wid[k + 1] * RF + R4] : R.hi4;
      buf[4] = k - 2 >= a ? wrow[wid[k - 2] * RF + R5] : R.lo5;
      buf[5] = k + 2 < b ? wrow[wid[k + 2] * RF + R6] : R.hi6;
      buf[6] = hashedRow(index, mask, inL1 ? pre[pb[k - 1] + P7] : T.lo7, whk);
      buf[7] = hashedRow(index, mask, pre[pk + P8], inR1 ? wh[k + 1] : T.hi8w);
      buf[8] = R.t9[shape[k]];
      buf[9] = wrow[wk + R10];
      buf[10] = hashedRow(index, mask, T.t15[ld], whlc);
      buf[11] = hashedRow(index, mask, T.t17[rd], whrc);
      buf[12] = R.t20[(qk * 10 + (inL1 ? qs[k - 1] : 9)) * 10 + (inR1 ? qs[k + 1] : 9)];
      buf[13] = hashedRow(index, mask, T.t21[qk], whk);
      buf[14] = R.t22[mtk];
      buf[15] = R.t23[((inL1 ? mt[k - 1] : 14) * MT_D + mtk) * MT_D + (inR1 ? mt[k + 1] : 14)];
      buf[16] = R.t24[dA * 9 + (b - 1 - k < 21 ? DIST[b - 1 - k] : 8)];
      buf[17] = R.t28[((inL1 ? shape[k - 1] : 12) * 14 + shape[k]) * 14 + (inR1 ? shape[k + 1] : 13)];
      buf[18] = R.t29[mtk * 8 + cbR1];
      buf[19] = hashedRow(index, mask, lc >= 0 ? pre[pb[lc] + P32] : T.z32, whk);
      buf[20] = hashedRow(index, mask, rc >= 0 ? pre[pb[rc] + P33] : T.z33, qk);
      buf[21] = R.t34[para0 * 9 + dA];
      buf[22] = k - 3 >= a ? wrow[wid[k - 3] * RF + R35] : R.lo35;
      buf[23] = k + 3 < b ? wrow[wid[k + 3] * RF + R36] : R.hi36;
      buf[24] = R.t37[(rd * 4 + cr3) * 2 + (k === a ? 1 : 0)];
      buf[25] = hashedRow(index, mask, rc >= 0 ? (rc + 1 < b ? pre[pb[rc + 1] + P38] : T.hi38) : T.z38, cr2);
      buf[26] = hashedRow(index, mask, rc >= 0 ? pre[pb[rc - 1] + P39] : T.z39, rd);
      buf[27] = R.t40[(l2 >= 0 ? (k - l2 < 21 ? DIST[k - l2] : 8) : 15) * 16 + (r2 >= 0 ? (r2 - k < 21 ? DIST[r2 - k] : 8) : 15)];
      buf[28] = hashedRow(index, mask, l2 >= 0 ? pre[pb[l2] + P41] : T.z41, r2 >= 0 ? wh[r2] : 0);
      buf[29] = hashedRow(index, mask, stage(lc >= 0 ? pre[pb[lc] + P42] : T.z42, tsc), c2);
      buf[30] = hashedRow(index, mask, lc >= 0 ? pre[pb[lc + 1] + P43] : T.z43, ld);
      buf[31] = R.t46[rsk * 8 + cbk];
      const gL = (cbL2 * 64 + cbL1 * 8 + cbk) * L9, gR = (cbk * 64 + cbR1 * 8 + cbR2) * L9, gQ = ((ld * 16 + rd) * 10 + qk) * L9;
      const gC = (((ld * 16 + rd) * 4 + c3) * 2 + tsc) * L9, gS = (((inL1 ? rs[k - 1] : 9) * 10 + rsk) * 10 + (inR1 ? rs[k + 1] : 9)) * L9;
      let s0 = gCbL[gL] + gCbR[gR] + gLRQ[gQ] + gLRC[gC] + gRS[gS];
      let s1 = gCbL[gL + 1] + gCbR[gR + 1] + gLRQ[gQ + 1] + gLRC[gC + 1] + gRS[gS + 1];
      let s2 = gCbL[gL + 2] + gCbR[gR + 2] + gLRQ[gQ + 2] + gLRC[gC + 2] + gRS[gS + 2];
      let s3 = gCbL[gL + 3] + gCbR[gR + 3] + gLRQ[gQ + 3] + gLRC[gC + 3] + gRS[gS + 3];
      let s4 = gCbL[gL + 4] + gCbR[gR + 4] + gLRQ[gQ + 4] + gLRC[gC + 4] + gRS[gS + 4];
      let s5 = gCbL[gL + 5] + gCbR[gR + 5] + gLRQ[gQ + 5] + gLRC[gC + 5] + gRS[gS + 5];
      let s6 = gCbL[gL + 6] + gCbR[gR + 6] + gLRQ[gQ + 6] + gLRC[gC + 6] + gRS[gS + 6];
      let s7 = gCbL[gL + 7] + gCbR[gR + 7] + gLRQ[gQ + 7] + gLRC[gC + 7] + gRS[gS + 7];
      let s8 = gCbL[gL + 8] + gCbR[gR + 8] + gLRQ[gQ + 8] + gLRC[gC + 8] + gRS[gS + 8];
      for (let j = 0; j < 32; j++) {
        const o = buf[j];
        if (o < 0) continue;
        s0 += Math.fround(rows[o] * scale); s1 += Math.fround(rows[o + 1] * scale); s2 += Math.fround(rows[o + 2] * scale);
        s3 += Math.fround(rows[o + 3] * scale); s4 += Math.fround(rows[o + 4] * scale); s5 += Math.fround(rows[o + 5] * scale);
        s6 += Math.fround(rows[o + 6] * scale); s7 += Math.fround(rows[o + 7] * scale); s8 += Math.fround(rows[o + 8] * scale);
      }
      const o = (k - a) * L9;
      em[o] = s0; em[o + 1] = s1; em[o + 2] = s2; em[o + 3] = s3; em[o + 4] = s4;
      em[o + 5] = s5; em[o + 6] = s6; em[o + 7] = s7; em[o + 8] = s8;
    }
    viterbi9(em, 0, m, trans, pathFused);
    for (let t = 0; t < m; t++) labels[a + t] = pathFused[t];
  }
  return labels;
}

/** A labelled span [a, b) of tokens of one type (SRC, CUE, CON, DQ). */
export interface TagSpan { a: number; b: number; type: number; sentence: number }

export function spansOf(labels: Uint8Array, lay: TextLayout): TagSpan[] {
  const out: TagSpan[] = [];
  lay.sentences.forEach((s, si) => {
    let cur: TagSpan | undefined;
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const y = labels[k];
      const type = y === 0 ? 0 : (y + 1) >> 1;
      const inside = y > 0 && (y & 1) === 0;
      if (cur && (!inside || type !== cur.type)) { out.push(cur); cur = undefined; }
      if (y > 0 && !inside) cur = { a: k, b: k + 1, type, sentence: si };
      else if (cur && inside) cur.b = k + 1;
    }
    if (cur) out.push(cur);
  });
  return out;
}

export function tagQuotes(model: NerModel, lex: CueLexicon, text: string, lay: TextLayout, mentions: Mention[], quotes: QuoteSpanIn[]): Uint8Array {
  const W: Weights = model.pass1;
  const fused = tagQuotesFused(W, lex, lay, mentions, quotes);
  if (fused) return fused;
  const { ids, offs } = quoteFeatures(text, lay, mentions, quotes, lex, W.bits);
  const labels = new Uint8Array(lay.tokens.length);
  tagDocument(W, ids, offs, lay.sentences.map((s) => [s.tokenStart, s.tokenEnd]), labels);
  return labels;
}

let loaded: { model: NerModel; lex: CueLexicon } | null | undefined;

export function findQuoteModelPath(): string | undefined {
  const env = process.env.BYLINE_QUOTES_MODEL;
  if (env !== undefined) return env && fs.existsSync(env) ? env : undefined;
  return findModelFile(MODEL_FILE, __dirname);
}

/** The committed model, loaded once; null when there is none (the rules then do all the work). */
export function quoteModel(): { model: NerModel; lex: CueLexicon } | null {
  if (loaded !== undefined) return loaded;
  const p = findQuoteModelPath();
  if (!p) return (loaded = null);
  const model = deserializeModel(fs.readFileSync(p));
  const lex: CueLexicon = new Map(Object.entries((model.meta.cues ?? {}) as Record<string, number>));
  return (loaded = { model, lex });
}

/** Use a model in memory (training), null for none, undefined to go back to the committed file. */
export function setQuoteModel(m: { model: NerModel; lex: CueLexicon } | null | undefined): void {
  loaded = m;
}
