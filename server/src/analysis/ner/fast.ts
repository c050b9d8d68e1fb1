/**
 * The recognizer's hot path: both passes of the tagger fused with feature extraction, computing
 * emission scores directly instead of feature-id lists. It gives the same scores as
 * extractFeatures + withPriors + tagDocument (pipeline.tagLabelsReference, which training uses)
 * and must be kept in step with features.ts; test/server/analysis/ner/fast.test.ts compares them.
 *
 * Where the time went (two passes × ~50 hashed features × two random reads in 4 MB tables per token),
 * and what this does about it:
 *  - One weight table for both passes: a bucket's row is 18 int16 weights (pass 1's nine labels, then
 *    pass 2's), summed as integers and scaled once. Which buckets have a row, and where, is a bitmap
 *    with a running count per 32 buckets (256 KB instead of a 4 MB bucket → row array).
 *  - About 30 features depend on one word only: its spelling, prefixes, suffixes, shape, cluster,
 *    lexicon entries, its running-text case and shape features, or the same things of the word seen
 *    as the left or right neighbour (one or two away). Their sums are cached per distinct word (six
 *    18-int vectors: self, running text, as i-1, i+1, i-2, i+2), across documents, so a known word costs
 *    one Map lookup instead of ~30 hashes and table reads. At most 2^15 words (~15 MB), then emptied.
 *  - Features of a few small numbers (gazetteer span position, gazetteer-token pairs, position in a
 *    capitalised run) have their rows precomputed; the ~10 features that mix neighbours (bigrams,
 *    shape trigram, cluster bigram, titles, brackets…) are still hashed per token.
 *  - The second pass re-extracts nothing: its sums over the shared features are accumulated during
 *    the first pass, and only the 2-3 prior features are added afterwards.
 *  - Lexicon and gazetteer lookups go to open-addressed Int32 tables (the gazetteer behind a bit
 *    filter); Viterbi is unrolled for the nine BIO labels.
 */
import {
  BOS, BOS_SHAPE, CAL_H, EOS, EOS_SHAPE, H_AND, H_FOR, H_LP, H_OF, H_QUOTE, H_RP, H_THE, LOC_H, NerDoc, NerLexicon, ORG_H, T,
  TITLE_H, isLowerCode, isUpperCode, lowerOf, stripDotHash,
} from './features';
import { hashRange, hashString, mix1, mix2, mix3 } from './hash';
import { gazKeyStep } from './lexicon';
import type { NerModel } from './store';
import { L, Weights, entityLengths, isInside, labelType, maskedTransitions, viterbi9 } from './tagger';

/** Ints per table row and per cached role vector: pass 1's nine label weights, then pass 2's. */
const R = 18;
const ROLE_SELF = 0, ROLE_M1 = 1, ROLE_P1 = 2, ROLE_M2 = 3, ROLE_P2 = 4;
/**
 * The word in running text (not sentence-initial, not a headline): its ROLE_SELF vector plus its
 * Initial, Headline, Case and AllCapsWord features there (integer sums, so the grouping changes nothing).
 */
const ROLE_TEXT = 5;
const ROLES = 6;
const VEC = ROLES * R;
/** The word cache is emptied when it would grow past this many words. */
const CACHE_WORDS = 1 << 16;
const NEG = -1e30;

/** One weight set as int16 rows: rowOf(bucket) → its row, and the scale that turns ints back into weights. */
function quantized(W: Weights): { buckets: Int32Array | Uint32Array; q: Int16Array; scale: number } {
  if (W.stored && !W.rowOf) return W.stored;
  const n = 1 << W.bits;
  const buckets: number[] = [];
  const get = W.rowOf && W.rows
    ? (b: number, y: number): number => W.rows![W.rowOf![b] * L + y]
    : (b: number, y: number): number => W.w[b * L + y];
  let maxAbs = 0;
  for (let b = 0; b < n; b++) {
    if (W.rowOf && W.rows) { if (W.rowOf[b] < 0) continue; } else {
      let nz = false;
      for (let y = 0; y < L; y++) if (W.w[b * L + y] !== 0) { nz = true; break; }
      if (!nz) continue;
    }
    buckets.push(b);
    for (let y = 0; y < L; y++) { const v = Math.abs(get(b, y)); if (v > maxAbs) maxAbs = v; }
  }
  // the same quantisation as store.serializeModel: a loaded model gets its stored ints back exactly
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const q = new Int16Array(buckets.length * L);
  for (let i = 0; i < buckets.length; i++) for (let y = 0; y < L; y++) q[i * L + y] = Math.round(get(buckets[i], y) / scale);
  return { buckets: Int32Array.from(buckets), q, scale };
}

export class FastTagger {
  private readonly lex: NerLexicon;
  private readonly mask: number;
  /**
   * Which buckets have a row, and where: for every 32 buckets, [bitmap, rank of the first]. 256 KB for
   * 2^20 buckets (instead of a 4 MB bucket → row array), so it stays in the core's cache.
   */
  private readonly index: Int32Array;
  private readonly gazKeys: Int32Array;
  private readonly gazVals: Int32Array;
  /** Lower-case word hash → [case bucket, gazetteer-token bits, clusters], one open-addressed table for the three lexicon maps. */
  private readonly lexKeys: Int32Array;
  private readonly lexVals: Int32Array;
  private readonly lexUsed: Uint8Array;
  private readonly rows: Int16Array;
  private readonly scale1: number;
  private readonly scale2: number;
  private readonly hasPass2: boolean;
  private readonly transition1: Float32Array;
  private readonly transition2: Float32Array;
  private readonly useGaz: boolean;
  private readonly useGazTok: boolean;
  private readonly useClusters: boolean;
  /** Role vectors of the sentence borders: as i-1 and i-2 at the start, as i+1 and i+2 at the end. */
  private readonly bosM1 = new Int32Array(R);
  private readonly bosM2 = new Int32Array(R);
  private readonly eosP1 = new Int32Array(R);
  private readonly eosP2 = new Int32Array(R);
  private readonly titleBos: boolean;
  private readonly locEos: boolean;

  // word cache: slot per distinct normalised word
  private readonly slots = new Map<string, number>();
  private nWords = 0;
  private capWords = 0;
  private wHw: Int32Array = new Int32Array(0);
  private wHl: Int32Array = new Int32Array(0);
  private wShort: Int32Array = new Int32Array(0);
  private wLen: Int32Array = new Int32Array(0);
  private wCs: Int32Array = new Int32Array(0);
  private wTb: Int32Array = new Int32Array(0);
  private wC0: Int32Array = new Int32Array(0);
  private wLow: Int32Array = new Int32Array(0);
  /** bits 0-5 as in features.ts flags (bit 4, sentence-initial, is positional and never set here); bit 6 title, bit 7 org word */
  private wFlags: Uint8Array = new Uint8Array(0);
  /** bit 0 place cue (LOC_H of the lower-case hash), bit 1 carries priors */
  private wMisc: Uint8Array = new Uint8Array(0);
  private wVec: Int32Array = new Int32Array(0);
  // lower-case word ids: words that differ only in case share one (document priors, case context)
  /** Open-addressed lower-case hash → lower-case id (-1 empty), at most half full. */
  private lowKeys: Int32Array = new Int32Array(0);
  private lowVals: Int32Array = new Int32Array(0);
  private nLow = 0;
  private lowStampA: Int32Array = new Int32Array(0);
  private lowStampB: Int32Array = new Int32Array(0);
  private lowCounts: Int32Array = new Int32Array(0);
  private stamp = 0;

  // per-token buffers, grown as needed
  private cap = 0;
  private tSlot = new Int32Array(0);
  private tFlags = new Uint8Array(0);
  private tGaz = new Int32Array(0);
  private em = new Float32Array(0);
  private acc2 = new Int32Array(0);
  private entLen = new Int32Array(0);
  private path = new Int32Array(0);
  private tPass1 = new Uint8Array(0);
  private tPrior = new Uint8Array(0);
  private tPriorLong = new Uint8Array(0);
  private headline = new Uint8Array(0);
  private readonly dyn = new Int32Array(64);
  /** Row offsets (row × 18, or -1) of features whose inputs are a few small numbers, precomputed. */
  private readonly pre = new Int32Array(64);
  private readonly gazSpanOff = new Int32Array(5 * 16 * 2 * 2);
  private readonly gazTokM1Off = new Int32Array(32 * 32);
  private readonly gazTokP1Off = new Int32Array(32 * 32);
  private readonly runPosOff = new Int32Array(16);
  /** Rows (or -1) of the second pass's Prior (prior 0..5, cap) and PriorLong (0..4, cap) features. */
  private readonly priorRow = new Int32Array(12);
  private readonly priorLongRow = new Int32Array(10);
  /** 2^16-bit filter over the gazetteer keys' low bits: most lookups stop here. */
  private readonly gazFilter = new Int32Array(2048);

  constructor(model: NerModel) {
    const p1 = model.pass1, p2 = model.pass2;
    if (p2 && p2.bits !== p1.bits) throw new Error('NER passes with different feature spaces');
    this.lex = model.lex;
    this.mask = p1.mask;
    const a = quantized(p1);
    const b = p2 ? quantized(p2) : null;
    // rows in bucket order; a bucket's row is its rank among the buckets that have one
    const nb = 1 << p1.bits;
    const has = new Uint8Array(nb);
    for (const bk of a.buckets) has[bk] = 1;
    if (b) for (const bk of b.buckets) has[bk] = 1;
    const index = new Int32Array(Math.max(2, nb >>> 4));
    let count = 0;
    for (let w = 0; w < nb >>> 5; w++) {
      index[2 * w + 1] = count;
      let bits = 0;
      for (let k = 0; k < 32; k++) if (has[w * 32 + k]) { bits |= 1 << k; count++; }
      index[2 * w] = bits;
    }
    this.index = index;
    const rows = new Int16Array(count * R);
    for (let i = 0; i < a.buckets.length; i++) rows.set(a.q.subarray(i * L, i * L + L), this.rowOf(a.buckets[i]) * R);
    if (b) for (let i = 0; i < b.buckets.length; i++) rows.set(b.q.subarray(i * L, i * L + L), this.rowOf(b.buckets[i]) * R + L);
    this.rows = rows;
    const off = (id: number): number => { const r = this.rowOf(id & this.mask); return r < 0 ? -1 : r * R; };
    for (let t = 0; t < 5; t++) for (let pos = 0; pos < 16; pos++) for (let cap = 0; cap < 2; cap++) {
      const q = ((t * 16 + pos) * 2 + cap) * 2;
      this.gazSpanOff[q] = off(mix2(T.GazSpan, t, pos));
      this.gazSpanOff[q + 1] = off(mix3(T.GazSpan, t, pos, cap));
    }
    for (let u = 0; u < 32; u++) for (let v = 0; v < 32; v++) {
      this.gazTokM1Off[u * 32 + v] = off(mix2(T.GazTokM1, u, v));
      this.gazTokP1Off[u * 32 + v] = off(mix2(T.GazTokP1, u, v));
    }
    for (let l = 0; l < 4; l++) for (let r = 0; r < 4; r++) this.runPosOff[l * 4 + r] = off(mix2(T.RunPos, l, r));
    for (let pr = 0; pr < 6; pr++) for (let cap = 0; cap < 2; cap++) this.priorRow[pr * 2 + cap] = this.rowOf(mix2(T.Prior, pr, cap) & this.mask);
    for (let pl = 0; pl < 5; pl++) for (let cap = 0; cap < 2; cap++) this.priorLongRow[pl * 2 + cap] = this.rowOf(mix2(T.PriorLong, pl, cap) & this.mask);
    for (const k of this.lex.gaz.keys()) this.gazFilter[(k & 0xffff) >>> 5] |= 1 << (k & 31);
    // the gazetteer as an open-addressed table (values are never 0)
    let gsize = 16;
    while (gsize < this.lex.gaz.size * 2) gsize *= 2;
    this.gazKeys = new Int32Array(gsize);
    this.gazVals = new Int32Array(gsize);
    for (const [k, v] of this.lex.gaz) {
      let h = k & (gsize - 1);
      while (this.gazVals[h] !== 0) h = (h + 1) & (gsize - 1);
      this.gazKeys[h] = k; this.gazVals[h] = v;
    }
    const lexAll = new Set<number>([...this.lex.caseStat.keys(), ...this.lex.gazTok.keys(), ...this.lex.clusters.keys()]);
    let lsize = 16;
    while (lsize < lexAll.size * 2) lsize *= 2;
    this.lexKeys = new Int32Array(lsize);
    this.lexVals = new Int32Array(lsize * 3);
    this.lexUsed = new Uint8Array(lsize);
    for (const k of lexAll) {
      let h = k & (lsize - 1);
      while (this.lexUsed[h]) h = (h + 1) & (lsize - 1);
      this.lexUsed[h] = 1;
      this.lexKeys[h] = k;
      this.lexVals[3 * h] = this.lex.caseStat.get(k) ?? 0;
      this.lexVals[3 * h + 1] = this.lex.gazTok.get(k) ?? 0;
      this.lexVals[3 * h + 2] = this.lex.clusters.get(k) ?? 0;
    }
    this.scale1 = a.scale;
    this.scale2 = b ? b.scale : 1;
    this.hasPass2 = !!p2;
    this.transition1 = maskedTransitions(p1.trans);
    this.transition2 = maskedTransitions(p2 ? p2.trans : p1.trans);
    this.useGaz = this.lex.gaz.size > 0;
    this.useGazTok = this.lex.gazTok.size > 0;
    this.useClusters = this.lex.clusters.size > 0;
    const m = this.mask;
    this.addRow(this.bosM1, 0, mix1(T.LowerM1, BOS) & m);
    this.addRow(this.bosM1, 0, mix1(T.ShortM1, BOS_SHAPE) & m);
    this.addRow(this.bosM1, 0, mix1(T.WordM1, BOS) & m);
    if (this.useClusters) this.addRow(this.bosM1, 0, mix1(T.ClusterM1, -1 & 1023) & m);
    this.addRow(this.bosM2, 0, mix1(T.LowerM2, BOS) & m);
    this.addRow(this.bosM2, 0, mix1(T.ShortM2, BOS_SHAPE) & m);
    this.addRow(this.eosP1, 0, mix1(T.LowerP1, EOS) & m);
    this.addRow(this.eosP1, 0, mix1(T.ShortP1, EOS_SHAPE) & m);
    this.addRow(this.eosP1, 0, mix1(T.WordP1, EOS) & m);
    if (this.useClusters) this.addRow(this.eosP1, 0, mix1(T.ClusterP1, -1 & 1023) & m);
    this.addRow(this.eosP2, 0, mix1(T.LowerP2, EOS) & m);
    this.addRow(this.eosP2, 0, mix1(T.ShortP2, EOS_SHAPE) & m);
    this.growWords(1);
    const v = this.wVec;
    v.set(this.bosM1, ROLE_M1 * R); v.set(this.eosP1, ROLE_P1 * R); v.set(this.bosM2, ROLE_M2 * R); v.set(this.eosP2, ROLE_P2 * R);
    this.nWords = 1;
    this.titleBos = TITLE_H.has(BOS);
    this.locEos = LOC_H.has(EOS);
  }

  /** Row of a bucket, or -1. */
  private rowOf(f: number): number {
    const index = this.index;
    const wi = (f >>> 5) << 1;
    const word = index[wi];
    const bit = f & 31;
    if (((word >>> bit) & 1) === 0) return -1;
    return index[wi + 1] + popcount(word & ~(-1 << bit));
  }

  private addRow(v: Int32Array, o: number, id: number): void {
    const r = this.rowOf(id);
    if (r < 0) return;
    const rows = this.rows, base = r * R;
    for (let y = 0; y < R; y++) v[o + y] += rows[base + y];
  }

  /** Forget every cached word (the evaluation uses this to time documents never seen). */
  clearCache(): void {
    this.slots.clear();
    this.nWords = 1; // slot 0: the sentence border
    this.lowVals.fill(-1);
    this.nLow = 0;
  }

  private growWords(need: number): void {
    if (need <= this.capWords) return;
    const c = Math.max(need, this.capWords * 2, 1024);
    const g32 = (a: Int32Array, k = 1): Int32Array => { const n = new Int32Array(c * k); n.set(a.subarray(0, this.nWords * k)); return n; };
    const g8 = (a: Uint8Array): Uint8Array => { const n = new Uint8Array(c); n.set(a.subarray(0, this.nWords)); return n; };
    this.wHw = g32(this.wHw); this.wHl = g32(this.wHl); this.wShort = g32(this.wShort); this.wLen = g32(this.wLen);
    this.wCs = g32(this.wCs); this.wTb = g32(this.wTb); this.wC0 = g32(this.wC0); this.wLow = g32(this.wLow);
    this.wFlags = g8(this.wFlags); this.wMisc = g8(this.wMisc); this.wVec = g32(this.wVec, VEC);
    // lower-case ids never outnumber words
    const s = new Int32Array(c); s.set(this.lowStampA.subarray(0, Math.min(this.lowStampA.length, c))); this.lowStampA = s;
    const t = new Int32Array(c); t.set(this.lowStampB.subarray(0, Math.min(this.lowStampB.length, c))); this.lowStampB = t;
    const u = new Int32Array(c * 7); u.set(this.lowCounts.subarray(0, Math.min(this.lowCounts.length, c * 7))); this.lowCounts = u;
    this.capWords = c;
    // the lower-case id table: twice the words, rebuilt from the cached words
    let size = 16;
    while (size < 2 * c) size *= 2;
    if (size > this.lowKeys.length) {
      this.lowKeys = new Int32Array(size);
      this.lowVals = new Int32Array(size).fill(-1);
      for (let w = 1; w < this.nWords; w++) {
        const hl = this.wHl[w];
        let h = hl & (size - 1);
        while (this.lowVals[h] >= 0 && this.lowKeys[h] !== hl) h = (h + 1) & (size - 1);
        this.lowKeys[h] = hl; this.lowVals[h] = this.wLow[w];
      }
    }
  }

  /** The word's cache slot, computing its per-word values and role vectors the first time. */
  private slotOf(w: string): number {
    const known = this.slots.get(w);
    if (known !== undefined) return known;
    const s = this.nWords++;
    this.slots.set(w, s);
    const m = this.mask;
    const lw = lowerOf(w);
    const hw = hashString(w);
    const hl = lw === w ? hw : hashString(lw);
    let sh = 0x811c9dc5, ss = 0x811c9dc5, last = -1, f = 0, letters = 0, uppers = 0, lowers = 0;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      let mm: number;
      if (c >= 48 && c <= 57) { mm = 100; f |= 8; }
      else if (isUpperCode(c)) { mm = 88; uppers++; letters++; }
      else if (isLowerCode(c)) { mm = 120; lowers++; letters++; }
      else mm = c;
      if (k < 10) { sh ^= mm; sh = Math.imul(sh, 0x01000193); }
      if (mm !== last) { ss ^= mm; ss = Math.imul(ss, 0x01000193); last = mm; }
    }
    if (letters > 0) {
      f |= 32;
      if (isUpperCode(w.charCodeAt(0))) f |= 1;
      if (uppers === 0) f |= 2;
      if (lowers === 0) f |= 4;
    }
    const l0s = stripDotHash(w, hl);
    if (TITLE_H.has(l0s)) f |= 64;
    if (ORG_H.has(l0s)) f |= 128;
    const cap = f & 1;
    const len = w.length;
    let cs = 0, tb = 0, c0 = 0;
    {
      const lk = this.lexKeys, lmask = lk.length - 1, used = this.lexUsed;
      for (let h = hl & lmask; used[h]; h = (h + 1) & lmask) {
        if (lk[h] === hl) { cs = this.lexVals[3 * h]; tb = this.lexVals[3 * h + 1]; c0 = this.lexVals[3 * h + 2]; break; }
      }
    }
    const c0w = w.charCodeAt(0);
    let misc = LOC_H.has(hl) ? 1 : 0;
    if ((c0w >= 48 && c0w <= 57) || lw !== w.toUpperCase()) misc |= 2;
    const lowKeys = this.lowKeys, lowVals = this.lowVals, lmask2 = lowKeys.length - 1;
    let h2 = hl & lmask2, low = -1;
    for (; lowVals[h2] >= 0; h2 = (h2 + 1) & lmask2) if (lowKeys[h2] === hl) { low = lowVals[h2]; break; }
    if (low < 0) {
      low = this.nLow++;
      lowKeys[h2] = hl; lowVals[h2] = low;
      this.lowStampA[low] = 0; this.lowStampB[low] = 0;
      this.lowCounts.fill(0, low * 7, low * 7 + 7);
    }
    this.wHw[s] = hw; this.wHl[s] = hl; this.wShort[s] = ss; this.wLen[s] = len; this.wCs[s] = cs; this.wTb[s] = tb;
    this.wC0[s] = c0; this.wLow[s] = low; this.wFlags[s] = f; this.wMisc[s] = misc;

    const v = this.wVec, o = s * VEC;
    v.fill(0, o, o + VEC);
    // the word itself
    const so = o + ROLE_SELF * R;
    this.addRow(v, so, mix1(T.Bias, 0) & m);
    this.addRow(v, so, mix1(T.Word, hw) & m);
    this.addRow(v, so, mix1(T.Lower, hl) & m);
    this.addRow(v, so, mix1(T.Shape, sh) & m);
    this.addRow(v, so, mix1(T.Short, ss) & m);
    for (let k = 1; k <= 4 && k <= len; k++) {
      this.addRow(v, so, mix1(T.Pre1 + k - 1, hashRange(w, 0, k)) & m);
      this.addRow(v, so, mix1(T.Suf1 + k - 1, hashRange(w, len - k, len)) & m);
    }
    this.addRow(v, so, mix1(T.Len, len > 12 ? 12 : len) & m);
    if (this.useGazTok && (f & 32)) this.addRow(v, so, mix2(T.GazTok, tb, cap) & m);
    if (f & 128) this.addRow(v, so, mix1(T.OrgSuf0, cap) & m);
    if (LOC_H.has(l0s)) this.addRow(v, so, mix1(T.LocCue0, cap) & m);
    if (CAL_H.has(l0s)) this.addRow(v, so, mix1(T.Calendar, cap) & m);
    const hy = w.indexOf('-', 1);
    if (hy > 0 && hy < len - 1) {
      this.addRow(v, so, mix1(T.HyphLast, hashRange(lw, lw.lastIndexOf('-') + 1, len)) & m);
      this.addRow(v, so, mix2(T.HyphFirst, hashRange(lw, 0, hy), cap) & m);
    }
    if (this.useClusters) {
      this.addRow(v, so, mix1(T.Cluster0, c0 & 1023) & m);
      this.addRow(v, so, mix2(T.Cluster0b, (c0 >> 10) & 1023, cap) & m);
      this.addRow(v, so, mix1(T.Cluster0c, (c0 >> 20) & 1023) & m);
    }
    // the word in running text (most tokens)
    const to = o + ROLE_TEXT * R;
    this.addRow(v, to, mix3(T.Initial, 0, 0, ss) & m);
    this.addRow(v, to, mix2(T.Headline, 0, ss) & m);
    if (f & 32) {
      this.addRow(v, to, mix3(T.Case, cs, cap, 0) & m);
      if ((f & 4) && len > 1) this.addRow(v, to, mix2(T.AllCapsWord, 0, len > 4 ? 4 : len) & m);
    }
    for (let y = 0; y < R; y++) v[to + y] += v[so + y];
    // the word as a neighbour
    const suf3 = hashRange(w, Math.max(0, len - 3), len);
    const m1 = o + ROLE_M1 * R, p1 = o + ROLE_P1 * R, m2 = o + ROLE_M2 * R, p2 = o + ROLE_P2 * R;
    this.addRow(v, m1, mix1(T.LowerM1, hl) & m);
    this.addRow(v, m1, mix1(T.ShortM1, ss) & m);
    this.addRow(v, m1, mix1(T.WordM1, hw) & m);
    this.addRow(v, m1, mix1(T.SufM1, suf3) & m);
    this.addRow(v, p1, mix1(T.LowerP1, hl) & m);
    this.addRow(v, p1, mix1(T.ShortP1, ss) & m);
    this.addRow(v, p1, mix1(T.WordP1, hw) & m);
    this.addRow(v, p1, mix1(T.SufP1, suf3) & m);
    if (this.useClusters) {
      this.addRow(v, m1, mix1(T.ClusterM1, c0 & 1023) & m);
      this.addRow(v, p1, mix1(T.ClusterP1, c0 & 1023) & m);
    }
    this.addRow(v, m2, mix1(T.LowerM2, hl) & m);
    this.addRow(v, m2, mix1(T.ShortM2, ss) & m);
    this.addRow(v, p2, mix1(T.LowerP2, hl) & m);
    this.addRow(v, p2, mix1(T.ShortP2, ss) & m);
    return s;
  }

  private ensureTokens(n: number): void {
    if (n <= this.cap) return;
    const c = Math.max(n, this.cap * 2, 1024);
    this.cap = c;
    this.tSlot = new Int32Array(c); this.tFlags = new Uint8Array(c); this.tGaz = new Int32Array(c);
    this.em = new Float32Array(c * L); this.acc2 = new Int32Array(c * L); this.entLen = new Int32Array(c);
    this.path = new Int32Array(c);
    this.tPass1 = new Uint8Array(c); this.tPrior = new Uint8Array(c); this.tPriorLong = new Uint8Array(c);
  }

  /** BIO labels of every token of the document (both passes), and optionally the final emission margins. */
  tag(doc: NerDoc, margins?: Float32Array): Uint8Array {
    const words = doc.words, n = words.length, sentences = doc.sentences;
    const out = new Uint8Array(n);
    if (n === 0) return out;
    this.ensureTokens(n + 1);
    if (this.nWords + n > CACHE_WORDS) this.clearCache();
    this.growWords(this.nWords + n);
    const slot = this.tSlot, flags = this.tFlags, gazBits = this.tGaz;
    for (let i = 0; i < n; i++) slot[i] = this.slotOf(words[i]);
    const wFlags = this.wFlags, wHl = this.wHl, wLen = this.wLen, wLow = this.wLow;

    // 1. flags (sentence-initial is positional) and 2. headlines
    if (this.headline.length < sentences.length) this.headline = new Uint8Array(sentences.length * 2);
    const headline = this.headline;
    for (let si = 0; si < sentences.length; si++) {
      const [a, b] = sentences[si];
      let initialDone = false;
      let wordsN = 0, upperN = 0, capN = 0, longN = 0;
      for (let i = a; i < b; i++) {
        let f = wFlags[slot[i]] & 63;
        if (!initialDone) {
          if (f & 32) { f |= 16; initialDone = true; } else if (f & 8) initialDone = true;
        }
        flags[i] = f;
        gazBits[i] = 0;
        if (!(f & 32)) continue;
        wordsN++;
        if (f & 4) upperN++;
        if (wLen[slot[i]] > 3) { longN++; if (f & 1) capN++; }
      }
      headline[si] = wordsN >= 2 && upperN === wordsN ? 1 : longN >= 3 && capN >= longN * 0.8 ? 2 : 0;
    }

    // 3. document-level case context, as stamps on lower-case ids
    const stamp = ++this.stamp;
    const lowerSeen = this.lowStampA, capMid = this.lowStampB;
    for (let si = 0; si < sentences.length; si++) {
      const [a, b] = sentences[si];
      const hd = headline[si];
      for (let i = a; i < b; i++) {
        const f = flags[i];
        if (f & 2 && f & 32) lowerSeen[wLow[slot[i]]] = stamp;
        else if (f & 1 && !(f & 16) && hd === 0) capMid[wLow[slot[i]]] = stamp;
      }
    }

    // 4. gazetteer spans (longest match from each start)
    if (this.useGaz) {
      const gazKeys = this.gazKeys, gazVals = this.gazVals, gazFilter = this.gazFilter, gmask = gazKeys.length - 1, maxLen = this.lex.gazMaxLen;
      for (const [a, b] of sentences) {
        for (let i = a; i < b; i++) {
          if (!(flags[i] & 32) && !(flags[i] & 8)) continue;
          let key = 0, bestLen = 0, bestBits = 0;
          for (let k = 0; k < maxLen && i + k < b; k++) {
            key = gazKeyStep(key, wHl[slot[i + k]]);
            if (((gazFilter[(key & 0xffff) >>> 5] >>> (key & 31)) & 1) === 0) continue;
            let h = key & gmask, bits = 0;
            for (let v = gazVals[h]; v !== 0; h = (h + 1) & gmask, v = gazVals[h]) if (gazKeys[h] === key) { bits = v; break; }
            if (bits !== 0) { bestLen = k + 1; bestBits = bits; }
          }
          if (bestLen === 0) continue;
          for (let k = 0; k < bestLen; k++) {
            const pos = bestLen === 1 ? 8 : k === 0 ? 1 : k === bestLen - 1 ? 4 : 2;
            let acc = 0;
            for (let t = 0; t < 5; t++) if (bestBits & (1 << t)) acc |= pos << (4 * t);
            gazBits[i + k] |= acc;
          }
          i += bestLen - 1;
        }
      }
    }

    // 5. emission scores of both passes
    for (let si = 0; si < sentences.length; si++) {
      const [a, b] = sentences[si];
      if (b > a) this.emitSentence(a, b, headline[si], stamp);
    }

    // first pass
    const em = this.em;
    const pass1 = this.hasPass2 ? this.tPass1 : out;
    this.decode(sentences, this.transition1, pass1, this.hasPass2 ? undefined : margins);
    if (!this.hasPass2) return out;

    // document priors from the first pass, then the second pass
    const prior = this.tPrior, priorLong = this.tPriorLong;
    prior.fill(0, 0, n); priorLong.fill(0, 0, n);
    this.priors(n, pass1, prior, priorLong);
    const acc2 = this.acc2, rows = this.rows, m = this.mask, s2 = this.scale2, wShort = this.wShort;
    const priorRow = this.priorRow, priorLongRow = this.priorLongRow;
    for (let i = 0; i < n; i++) {
      const sl = slot[i], cap = wFlags[sl] & 1, pr = prior[i];
      const o = i * L;
      let r = priorRow[pr * 2 + cap];
      if (r >= 0) for (let y = 0; y < L; y++) acc2[o + y] += rows[r * R + L + y];
      if (pr !== 0) {
        r = this.rowOf(mix2(T.PriorShort, pr, wShort[sl]) & m);
        if (r >= 0) for (let y = 0; y < L; y++) acc2[o + y] += rows[r * R + L + y];
      }
      r = priorLongRow[priorLong[i] * 2 + cap];
      if (r >= 0) for (let y = 0; y < L; y++) acc2[o + y] += rows[r * R + L + y];
      for (let y = 0; y < L; y++) em[o + y] = acc2[o + y] * s2;
    }
    this.decode(sentences, this.transition2, out, margins);
    return out;
  }

  private decode(sentences: Array<[number, number]>, trans: Float32Array, out: Uint8Array, margins?: Float32Array): void {
    const em = this.em, path = this.path;
    for (const [a, b] of sentences) {
      const m = b - a;
      if (m <= 0) continue;
      viterbi9(em, a * L, m, trans, path);
      for (let t = 0; t < m; t++) {
        const y = path[t];
        out[a + t] = y;
        if (margins) {
          const o = (a + t) * L;
          let other = NEG;
          for (let z = 0; z < L; z++) if (z !== y && em[o + z] > other) other = em[o + z];
          margins[a + t] = em[o + y] - other;
        }
      }
    }
  }

  /** pipeline.documentPriors over cache slots (lower-case ids instead of hashing every word again). */
  private priors(n: number, labels: Uint8Array, prior: Uint8Array, priorLong: Uint8Array): void {
    const entLen = this.entLen;
    entityLengths(labels, n, entLen);
    const slot = this.tSlot, wMisc = this.wMisc, wLow = this.wLow, counts = this.lowCounts;
    for (let k = 0; k < n; k++) {
      const sl = slot[k];
      if (!(wMisc[sl] & 2)) continue;
      const c = wLow[sl] * 7;
      const t = labelType(labels[k]);
      counts[c + t]++;
      if (entLen[k] > counts[c + 5]) { counts[c + 5] = entLen[k]; counts[c + 6] = t; }
    }
    for (let k = 0; k < n; k++) {
      const sl = slot[k];
      if (!(wMisc[sl] & 2)) continue;
      const c = wLow[sl] * 7;
      const t = labelType(labels[k]);
      let best = 0, bestN = 0, total = 0;
      for (let y = 0; y <= 4; y++) {
        const mm = counts[c + y] - (y === t ? 1 : 0);
        total += mm;
        if (y > 0 && mm > bestN) { bestN = mm; best = y; }
      }
      prior[k] = total === 0 ? 0 : best === 0 ? 5 : best;
      if (counts[c + 5] > entLen[k] && counts[c + 6] > 0) priorLong[k] = counts[c + 6];
    }
    // reset the counts this document touched
    for (let k = 0; k < n; k++) { const sl = slot[k]; if (wMisc[sl] & 2) counts.fill(0, wLow[sl] * 7, wLow[sl] * 7 + 7); }
  }

  /** Emission scores of tokens [a, b) of one sentence: pass 1 into em (scaled), pass 2's shared part into acc2 (ints). */
  private emitSentence(a: number, b: number, hd: number, stamp: number): void {
    const slot = this.tSlot, flags = this.tFlags, gazBits = this.tGaz;
    const wHl = this.wHl, wShort = this.wShort, wHwLen = this.wLen, wFlags = this.wFlags, wTb = this.wTb, wC0 = this.wC0;
    const wLow = this.wLow, wCs = this.wCs, wMisc = this.wMisc, vec = this.wVec;
    const lowerSeen = this.lowStampA, capMid = this.lowStampB;
    const index = this.index, rows = this.rows, m = this.mask, dyn = this.dyn, pre = this.pre;
    const gazSpanOff = this.gazSpanOff, gazTokM1Off = this.gazTokM1Off, gazTokP1Off = this.gazTokP1Off, runPosOff = this.runPosOff;
    const em = this.em, acc2 = this.acc2, s1 = this.scale1;
    const useGazTok = this.useGazTok, useClusters = this.useClusters;
    let parenDepth = 0, inQuote = 0;
    for (let i = a; i < b; i++) {
      const sl = slot[i];
      const f = flags[i];
      const hasM1 = i - 1 >= a, hasM2 = i - 2 >= a, hasP1 = i + 1 < b, hasP2 = i + 2 < b;
      const slm1 = hasM1 ? slot[i - 1] : 0, slm2 = hasM2 ? slot[i - 2] : 0, slp1 = hasP1 ? slot[i + 1] : 0, slp2 = hasP2 ? slot[i + 2] : 0;
      const l0 = wHl[sl], s0 = wShort[sl];
      const lm1 = hasM1 ? wHl[slm1] : BOS, lp1 = hasP1 ? wHl[slp1] : EOS;
      const sm1 = hasM1 ? wShort[slm1] : BOS_SHAPE, sp1 = hasP1 ? wShort[slp1] : EOS_SHAPE;
      const cap = f & 1;
      const initial = (f >> 4) & 1;

      let d = 0, np = 0;
      dyn[d++] = mix2(T.BiM1, lm1, l0);
      dyn[d++] = mix2(T.BiP1, l0, lp1);
      dyn[d++] = mix3(T.Short3, sm1, s0, sp1);
      dyn[d++] = mix2(T.ShortL, sm1, s0);
      dyn[d++] = mix2(T.ShortR, s0, sp1);
      dyn[d++] = mix2(T.LowerM1Short0, lm1, s0);
      dyn[d++] = mix2(T.LowerP1Short0, lp1, s0);
      const text = hd === 0 && initial === 0; // then the word's ROLE_TEXT vector has these four (and ROLE_SELF)
      if (!text) {
        dyn[d++] = mix3(T.Initial, initial, hd, s0);
        dyn[d++] = mix2(T.Headline, hd, s0);
      }
      if (hd !== 0) dyn[d++] = mix2(T.Headline, hd + 10, l0);
      if (f & 32) {
        const cs = wCs[sl];
        if (!text) dyn[d++] = mix3(T.Case, cs, cap | (initial << 1), hd);
        if (cap) {
          dyn[d++] = mix2(T.DocLower, lowerSeen[wLow[sl]] === stamp ? 1 : 0, initial | (hd << 1));
          if (initial || hd !== 0) dyn[d++] = mix2(T.DocCap, capMid[wLow[sl]] === stamp ? 1 : 0, cs);
        }
        const len = wHwLen[sl];
        if (!text && (f & 4) && len > 1) dyn[d++] = mix2(T.AllCapsWord, hd, len > 4 ? 4 : len);
      }
      const gb = gazBits[i];
      if (gb !== 0) {
        for (let t = 0; t < 5; t++) {
          const pos = (gb >> (4 * t)) & 15;
          if (pos) {
            const q = ((t * 16 + pos) * 2 + cap) * 2;
            pre[np++] = gazSpanOff[q]; pre[np++] = gazSpanOff[q + 1];
          }
        }
      }
      if (useGazTok && (f & 32)) {
        const tb = wTb[sl];
        if (hasM1) { const u = wTb[slm1]; if ((u | tb) < 32) pre[np++] = gazTokM1Off[u * 32 + tb]; else dyn[d++] = mix2(T.GazTokM1, u, tb); }
        if (hasP1) { const u = wTb[slp1]; if ((u | tb) < 32) pre[np++] = gazTokP1Off[u * 32 + tb]; else dyn[d++] = mix2(T.GazTokP1, u, tb); }
      }
      if (cap) {
        let left = 0, right = 0;
        while (i - left - 1 >= a && (flags[i - left - 1] & 1) && left < 3) left++;
        while (i + right + 1 < b && (flags[i + right + 1] & 1) && right < 3) right++;
        pre[np++] = runPosOff[left * 4 + right];
      }
      if (hasM1 ? wFlags[slm1] & 64 : this.titleBos) dyn[d++] = mix2(T.TitleM1, cap, s0);
      if (hasM2 ? wFlags[slm2] & 64 : this.titleBos) dyn[d++] = mix2(T.TitleM2, cap, hasM1 ? flags[i - 1] & 1 : 0);
      if (wFlags[sl] & 64) dyn[d++] = mix2(T.Title0, cap, hasP1 ? flags[i + 1] & 1 : 0);
      if (cap || (f & 8)) {
        for (let k = i + 1; k < b && k <= i + 5; k++) {
          const sk = slot[k];
          if (flags[k] & 1) { if (wFlags[sk] & 128) { dyn[d++] = mix1(T.OrgSufAhead, k - i); break; } continue; }
          const hk = wHl[sk];
          if (hk === H_OF || hk === H_THE || hk === H_AND || hk === H_FOR) continue;
          break;
        }
      }
      if (hasP1 ? wMisc[slp1] & 1 : this.locEos) dyn[d++] = mix2(T.LocCueM1, cap, lp1);
      if (lm1 === H_OF) dyn[d++] = mix2(T.PrevIsOf, cap, hasM2 ? flags[i - 2] & 1 : 0);
      if (l0 === H_LP) parenDepth++;
      else if (l0 === H_RP && parenDepth > 0) parenDepth--;
      if (l0 === H_QUOTE) inQuote ^= 1;
      if (parenDepth > 0) dyn[d++] = mix2(T.InParen, 1, s0);
      if (inQuote) dyn[d++] = mix1(T.QuoteCtx, cap);
      if (useClusters) dyn[d++] = mix2(T.ClusterBi, hasM1 ? wC0[slm1] & 1023 : -1 & 1023, wC0[sl] & 1023);

      // cached per-word sums: the word, and its neighbours in their positions
      // (slot 0 is the sentence border: its role vectors are the BOS/EOS ones)
      const vs = sl * VEC + (text ? ROLE_TEXT : ROLE_SELF) * R;
      const vm1 = slm1 * VEC + ROLE_M1 * R, vm2 = slm2 * VEC + ROLE_M2 * R;
      const vp1 = slp1 * VEC + ROLE_P1 * R, vp2 = slp2 * VEC + ROLE_P2 * R;
      let a0 = vec[vs + 0] + vec[vm1 + 0] + vec[vm2 + 0] + vec[vp1 + 0] + vec[vp2 + 0];
      let a1 = vec[vs + 1] + vec[vm1 + 1] + vec[vm2 + 1] + vec[vp1 + 1] + vec[vp2 + 1];
      let a2 = vec[vs + 2] + vec[vm1 + 2] + vec[vm2 + 2] + vec[vp1 + 2] + vec[vp2 + 2];
      let a3 = vec[vs + 3] + vec[vm1 + 3] + vec[vm2 + 3] + vec[vp1 + 3] + vec[vp2 + 3];
      let a4 = vec[vs + 4] + vec[vm1 + 4] + vec[vm2 + 4] + vec[vp1 + 4] + vec[vp2 + 4];
      let a5 = vec[vs + 5] + vec[vm1 + 5] + vec[vm2 + 5] + vec[vp1 + 5] + vec[vp2 + 5];
      let a6 = vec[vs + 6] + vec[vm1 + 6] + vec[vm2 + 6] + vec[vp1 + 6] + vec[vp2 + 6];
      let a7 = vec[vs + 7] + vec[vm1 + 7] + vec[vm2 + 7] + vec[vp1 + 7] + vec[vp2 + 7];
      let a8 = vec[vs + 8] + vec[vm1 + 8] + vec[vm2 + 8] + vec[vp1 + 8] + vec[vp2 + 8];
      let b0 = vec[vs + 9] + vec[vm1 + 9] + vec[vm2 + 9] + vec[vp1 + 9] + vec[vp2 + 9];
      let b1 = vec[vs + 10] + vec[vm1 + 10] + vec[vm2 + 10] + vec[vp1 + 10] + vec[vp2 + 10];
      let b2 = vec[vs + 11] + vec[vm1 + 11] + vec[vm2 + 11] + vec[vp1 + 11] + vec[vp2 + 11];
      let b3 = vec[vs + 12] + vec[vm1 + 12] + vec[vm2 + 12] + vec[vp1 + 12] + vec[vp2 + 12];
      let b4 = vec[vs + 13] + vec[vm1 + 13] + vec[vm2 + 13] + vec[vp1 + 13] + vec[vp2 + 13];
      let b5 = vec[vs + 14] + vec[vm1 + 14] + vec[vm2 + 14] + vec[vp1 + 14] + vec[vp2 + 14];
      let b6 = vec[vs + 15] + vec[vm1 + 15] + vec[vm2 + 15] + vec[vp1 + 15] + vec[vp2 + 15];
      let b7 = vec[vs + 16] + vec[vm1 + 16] + vec[vm2 + 16] + vec[vp1 + 16] + vec[vp2 + 16];
      let b8 = vec[vs + 17] + vec[vm1 + 17] + vec[vm2 + 17] + vec[vp1 + 17] + vec[vp2 + 17];
      for (let k = 0; k < d; k++) {
        const f = dyn[k] & m;
        const wi = (f >>> 5) << 1;
        const word = index[wi];
        const bit = f & 31;
        if (((word >>> bit) & 1) === 0) continue;
        let x = word & ~(-1 << bit);
        x = x - ((x >>> 1) & 0x55555555);
        x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
        x = (x + (x >>> 4)) & 0x0f0f0f0f;
        const o = (index[wi + 1] + (Math.imul(x, 0x01010101) >>> 24)) * R;
        a0 += rows[o]; a1 += rows[o + 1]; a2 += rows[o + 2]; a3 += rows[o + 3]; a4 += rows[o + 4];
        a5 += rows[o + 5]; a6 += rows[o + 6]; a7 += rows[o + 7]; a8 += rows[o + 8];
        b0 += rows[o + 9]; b1 += rows[o + 10]; b2 += rows[o + 11]; b3 += rows[o + 12]; b4 += rows[o + 13];
        b5 += rows[o + 14]; b6 += rows[o + 15]; b7 += rows[o + 16]; b8 += rows[o + 17];
      }
      for (let k = 0; k < np; k++) {
        const o = pre[k];
        if (o < 0) continue;
        a0 += rows[o]; a1 += rows[o + 1]; a2 += rows[o + 2]; a3 += rows[o + 3]; a4 += rows[o + 4];
        a5 += rows[o + 5]; a6 += rows[o + 6]; a7 += rows[o + 7]; a8 += rows[o + 8];
        b0 += rows[o + 9]; b1 += rows[o + 10]; b2 += rows[o + 11]; b3 += rows[o + 12]; b4 += rows[o + 13];
        b5 += rows[o + 14]; b6 += rows[o + 15]; b7 += rows[o + 16]; b8 += rows[o + 17];
      }
      const eo = i * L;
      em[eo] = a0 * s1; em[eo + 1] = a1 * s1; em[eo + 2] = a2 * s1; em[eo + 3] = a3 * s1; em[eo + 4] = a4 * s1;
      em[eo + 5] = a5 * s1; em[eo + 6] = a6 * s1; em[eo + 7] = a7 * s1; em[eo + 8] = a8 * s1;
      acc2[eo] = b0; acc2[eo + 1] = b1; acc2[eo + 2] = b2; acc2[eo + 3] = b3; acc2[eo + 4] = b4;
      acc2[eo + 5] = b5; acc2[eo + 6] = b6; acc2[eo + 7] = b7; acc2[eo + 8] = b8;
    }
  }
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

const taggers = new WeakMap<NerModel, FastTagger>();

/** The fused tagger of a model, built once per model. */
export function fastTaggerFor(model: NerModel): FastTagger {
  let t = taggers.get(model);
  if (!t) { t = new FastTagger(model); taggers.set(model, t); }
  return t;
}
