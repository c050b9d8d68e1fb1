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
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextLayout } from '../text';
import { Mention } from '../model';
import { hashString, mix1, mix2, mix3 } from '../ner/hash';
import { NerModel, deserializeModel } from '../ner/store';
import { Weights, tagDocument } from '../ner/tagger';
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

export interface FeatureOut { ids: Int32Array; offs: Int32Array }

/**
 * What quoteFeatures needs of a word (its hash, suffix hash, shape and cue bucket), computed once
 * per distinct token text and lexicon: a map lookup per token instead of lower-casing, two hashes
 * and a few regular expressions. Bounded: emptied when it grows past 200,000 words.
 */
class WordCache {
  index = new Map<string, number>();
  hash = new Int32Array(1024);
  suffix = new Int32Array(1024);
  shape = new Uint8Array(1024);
  bucket = new Uint8Array(1024);
  constructor(readonly lex: CueLexicon) {}
  add(t: string, lex: CueLexicon): number {
    if (this.index.size >= 200_000) this.index.clear();
    const id = this.index.size;
    if (id >= this.hash.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => { const b = new (a.constructor as { new(n: number): T })(a.length * 2); b.set(a); return b; };
      this.hash = grow(this.hash); this.suffix = grow(this.suffix); this.shape = grow(this.shape); this.bucket = grow(this.bucket);
    }
    const w = t.toLowerCase();
    this.hash[id] = hashString(w);
    this.suffix[id] = hashString(w.length > 3 ? w.slice(-3) : '#' + w);
    this.shape[id] = shapeOf(t);
    this.bucket[id] = lex.get(w) ?? 0;
    this.index.set(t, id);
    return id;
  }
}
let words: WordCache | undefined;
function wordCache(lex: CueLexicon): WordCache {
  if (!words || words.lex !== lex) words = new WordCache(lex);
  return words;
}

function bucketDist(d: number): number {
  return d <= 3 ? d : d <= 5 ? 4 : d <= 8 ? 5 : d <= 12 ? 6 : d <= 20 ? 7 : 8;
}

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

const RICH = true;
/** The rules' indirect attributions as features (stacking). */
const STACK = true;

const MENTION_TYPES: Record<string, number> = { PER: 1, ORG: 2, LOC: 3, MISC: 4, DATE: 5 };

/**
 * Feature ids of every token of a document, masked to 2^bits. Sentences are the tagging unit.
 */
export function quoteFeatures(text: string, lay: TextLayout, mentions: Mention[], quotes: QuoteSpanIn[], lex: CueLexicon, bits: number): FeatureOut {
  void text;
  const tokens = lay.tokens;
  const n = tokens.length;
  const mask = (1 << bits) - 1;
  // per token: word hash, shape, suffix hash and cue bucket, from the per-word cache
  const wh = new Int32Array(n), suf = new Int32Array(n);
  const shape = new Uint8Array(n), cb = new Uint8Array(n);
  const cache = wordCache(lex);
  for (let k = 0; k < n; k++) {
    const t = tokens[k].text;
    let id = cache.index.get(t);
    if (id === undefined) id = cache.add(t, lex);
    wh[k] = cache.hash[id]; suf[k] = cache.suffix[id]; shape[k] = cache.shape[id]; cb[k] = cache.bucket[id];
  }
  // quote state: 0 outside, 1 inside a direct quote, 2 inside a partial quote, 3 its opening mark, 4 its closing mark
  const qs = new Uint8Array(n);
  let qi = 0;
  const sortedQ = quotes.filter((q) => q.kind !== 'indirect').sort((a, b) => a.start - b.start);
  for (let k = 0; k < n; k++) {
    const t = tokens[k];
    while (qi < sortedQ.length && sortedQ[qi].end < t.start) qi++;
    for (let j = qi; j < sortedQ.length && sortedQ[j].start <= t.end; j++) {
      const q = sortedQ[j];
      if (t.start >= q.start && t.end <= q.end) { qs[k] = q.kind === 'direct' ? 1 : 2; break; }
      if (t.kind === 'quote' && t.end <= q.start && q.start - t.end <= 1) { qs[k] = 3; break; }
      if (t.kind === 'quote' && t.start >= q.end && t.start - q.end <= 1) { qs[k] = 4; break; }
    }
  }
  // the rules' indirect attributions: 1 content, 2 cue, 3 source (+3 on a span's first token)
  const rs = new Uint8Array(n);
  if (STACK) {
    const mark = (a: number, b: number, v: number) => {
      let lo = 0, hi = n;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].end <= a) lo = mid + 1; else hi = mid; }
      for (let k = lo; k < n && tokens[k].start < b; k++) rs[k] = k === lo ? v + 3 : v;
    };
    for (const q of quotes) {
      if (q.kind !== 'indirect') continue;
      mark(q.start, q.end, 1);
      if (q.cue) mark(q.cue.start, q.cue.end, 2);
      if (q.source) mark(q.source.start, q.source.end, 3);
    }
  }
  // mention type per token, with B/I
  const mt = new Uint8Array(n);
  let mi = 0;
  for (let k = 0; k < n; k++) {
    const t = tokens[k];
    while (mi < mentions.length && mentions[mi].end <= t.start) mi++;
    if (mi < mentions.length && mentions[mi].start <= t.start && t.end <= mentions[mi].end) {
      mt[k] = (MENTION_TYPES[mentions[mi].type] ?? 6) * 2 + (mentions[mi].start === t.start ? 0 : 1);
    }
  }
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
      if (RICH) {
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
      if (STACK) {
        add(mix1(44, rs[k]));
        add(mix3(45, k > a ? rs[k - 1] : 9, rs[k], k + 1 < b ? rs[k + 1] : 9));
        add(mix2(46, rs[k], cb[k]));
      }
    }
  }
  offs[n] = p;
  return { ids: ids.subarray(0, p), offs };
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
