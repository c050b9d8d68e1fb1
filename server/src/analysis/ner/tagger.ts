/**
 * A first-order structured perceptron (Collins 2002) with Viterbi decoding and weight averaging.
 *
 * Why this and not a greedy tagger or a CRF: emission features do not depend on the label, so every
 * training sentence's feature ids are computed once and reused in every epoch, and an epoch is just
 * array arithmetic (seconds, on one core). Viterbi over 9 BIO labels with hard BIO constraints adds
 * 81 operations per token to the ~60 × 9 of the emission scores, and it fixes the label-bias errors a
 * greedy left-to-right tagger makes on multi-word names. A CRF would need gradients and many more
 * passes for roughly the same accuracy on CoNLL; the averaged perceptron is known to be within a
 * fraction of a point of it with these features.
 *
 * Weights are a dense Float32Array indexed [featureBucket * L + label], labels
 * O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC.
 */

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export const L = LABELS.length;
export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityTypeName = (typeof TYPES)[number];

/** Type index 1..4 of a label (0 for O). */
export function labelType(y: number): number {
  return y === 0 ? 0 : (y + 1) >> 1;
}
export function isInside(y: number): boolean {
  return y > 0 && (y & 1) === 0;
}
/** May label y follow label prev (prev = -1 at the sentence start)? I-X only after B-X or I-X. */
export function allowed(prev: number, y: number): boolean {
  if (!isInside(y)) return true;
  return prev > 0 && labelType(prev) === labelType(y);
}

export class Weights {
  readonly w: Float32Array;
  /** trans[(prev + 1) * L + y], prev = -1 is the sentence start. */
  readonly trans: Float32Array;
  constructor(readonly bits: number, w?: Float32Array, trans?: Float32Array) {
    this.w = w ?? new Float32Array((1 << bits) * L);
    this.trans = trans ?? new Float32Array((L + 1) * L);
  }
  get mask(): number {
    return (1 << this.bits) - 1;
  }
  /**
   * For tagging: rowOf[bucket] is the bucket's row in the compact table `rows` (or -1 for a bucket
   * with no weight). A few MB instead of the 37 MB dense array, so the lookups stay in cache.
   */
  rowOf?: Int32Array;
  rows?: Float32Array;
  /** As loaded from a model file: the buckets that have weights, their int16 rows and the scale. */
  stored?: { buckets: Uint32Array; q: Int16Array; scale: number };
  /** The compact table for tagDocument: built on first use from the stored rows (the recognizer itself uses fast.ts). */
  table(): { rowOf: Int32Array; rows: Float32Array } | undefined {
    if (!this.rowOf && this.stored) {
      const { buckets, q, scale } = this.stored;
      const rowOf = new Int32Array(1 << this.bits).fill(-1);
      const rows = new Float32Array(buckets.length * L);
      for (let i = 0; i < buckets.length; i++) {
        rowOf[buckets[i]] = i;
        for (let y = 0; y < L; y++) rows[i * L + y] = q[i * L + y] * scale;
      }
      this.rowOf = rowOf;
      this.rows = rows;
    }
    return this.rowOf && this.rows ? { rowOf: this.rowOf, rows: this.rows } : undefined;
  }
  compact(): this {
    const n = this.w.length / L;
    const rowOf = new Int32Array(n).fill(-1);
    let count = 0;
    for (let r = 0; r < n; r++) {
      for (let y = 0; y < L; y++) if (this.w[r * L + y] !== 0) { rowOf[r] = count++; break; }
    }
    const rows = new Float32Array(count * L);
    for (let r = 0; r < n; r++) if (rowOf[r] >= 0) rows.set(this.w.subarray(r * L, r * L + L), rowOf[r] * L);
    this.rowOf = rowOf;
    this.rows = rows;
    return this;
  }
}

/** emissions() over a compact weight table. */
export function emissionsCompact(rowOf: Int32Array, W: Float32Array, ids: Int32Array, offs: Int32Array, a: number, b: number, em: Float32Array): void {
  for (let i = a; i < b; i++) {
    const o = (i - a) * L;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    const e = offs[i + 1];
    for (let k = offs[i]; k < e; k++) {
      const f = ids[k];
      if (f < 0) continue;
      const r = rowOf[f];
      if (r < 0) continue;
      const base = r * 9;
      s0 += W[base]; s1 += W[base + 1]; s2 += W[base + 2]; s3 += W[base + 3]; s4 += W[base + 4];
      s5 += W[base + 5]; s6 += W[base + 6]; s7 += W[base + 7]; s8 += W[base + 8];
    }
    em[o] = s0; em[o + 1] = s1; em[o + 2] = s2; em[o + 3] = s3; em[o + 4] = s4;
    em[o + 5] = s5; em[o + 6] = s6; em[o + 7] = s7; em[o + 8] = s8;
  }
}

const NEG = -1e30;

/**
 * Emission scores of tokens [a, b) into em[(i - a) * L + y].
 */
export function emissions(W: Float32Array, ids: Int32Array, offs: Int32Array, a: number, b: number, em: Float32Array): void {
  for (let i = a; i < b; i++) {
    const o = (i - a) * L;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    const e = offs[i + 1];
    for (let k = offs[i]; k < e; k++) {
      const f = ids[k];
      if (f < 0) continue;
      const base = f * 9;
      s0 += W[base]; s1 += W[base + 1]; s2 += W[base + 2]; s3 += W[base + 3]; s4 += W[base + 4];
      s5 += W[base + 5]; s6 += W[base + 6]; s7 += W[base + 7]; s8 += W[base + 8];
    }
    em[o] = s0; em[o + 1] = s1; em[o + 2] = s2; em[o + 3] = s3; em[o + 4] = s4;
    em[o + 5] = s5; em[o + 6] = s6; em[o + 7] = s7; em[o + 8] = s8;
  }
}

let delta = new Float32Array(0);
let back = new Int8Array(0);

/** Viterbi over emission scores em for m tokens, writing labels to out[0..m). */
export function viterbi(em: Float32Array, m: number, trans: Float32Array, out: Uint8Array | Int32Array): void {
  if (m === 0) return;
  if (delta.length < m * L) { delta = new Float32Array(m * L * 2); back = new Int8Array(m * L * 2); }
  for (let y = 0; y < L; y++) delta[y] = allowed(-1, y) ? em[y] + trans[y] : NEG;
  for (let t = 1; t < m; t++) {
    const o = t * L, po = (t - 1) * L;
    for (let y = 0; y < L; y++) {
      let best = NEG, arg = 0;
      const inside = isInside(y);
      for (let p = 0; p < L; p++) {
        if (inside && !(p > 0 && labelType(p) === labelType(y))) continue;
        const v = delta[po + p] + trans[(p + 1) * L + y];
        if (v > best) { best = v; arg = p; }
      }
      delta[o + y] = best + em[o + y];
      back[o + y] = arg;
    }
  }
  let best = NEG, arg = 0;
  const lo = (m - 1) * L;
  for (let y = 0; y < L; y++) if (delta[lo + y] > best) { best = delta[lo + y]; arg = y; }
  out[m - 1] = arg;
  for (let t = m - 1; t > 0; t--) { arg = back[t * L + arg]; out[t - 1] = arg; }
}

/** Training state: current weights plus the sums needed for averaging (Daumé's trick). */
export class Trainer {
  readonly cur: Weights;
  readonly accW: Float32Array;
  readonly accT: Float32Array;
  c = 1;
  private em = new Float32Array(0);
  private pred = new Int32Array(0);
  constructor(bits: number) {
    this.cur = new Weights(bits);
    this.accW = new Float32Array(this.cur.w.length);
    this.accT = new Float32Array(this.cur.trans.length);
  }

  /** One perceptron step on tokens [a, b) with gold labels gold[a..b). Returns the number of token errors. */
  step(ids: Int32Array, offs: Int32Array, a: number, b: number, gold: Uint8Array): number {
    const m = b - a;
    if (this.em.length < m * L) { this.em = new Float32Array(m * L * 2); this.pred = new Int32Array(m * 2); }
    emissions(this.cur.w, ids, offs, a, b, this.em);
    viterbi(this.em, m, this.cur.trans, this.pred);
    let errors = 0;
    const W = this.cur.w, A = this.accW, c = this.c;
    for (let t = 0; t < m; t++) {
      const g = gold[a + t], p = this.pred[t];
      if (g !== p) {
        errors++;
        for (let k = offs[a + t]; k < offs[a + t + 1]; k++) {
          const f = ids[k];
          if (f < 0) continue;
          W[f * L + g] += 1; A[f * L + g] += c;
          W[f * L + p] -= 1; A[f * L + p] -= c;
        }
      }
      const gp = t === 0 ? -1 : gold[a + t - 1];
      const pp = t === 0 ? -1 : this.pred[t - 1];
      if (g !== p || gp !== pp) {
        this.cur.trans[(gp + 1) * L + g] += 1; this.accT[(gp + 1) * L + g] += c;
        this.cur.trans[(pp + 1) * L + p] -= 1; this.accT[(pp + 1) * L + p] -= c;
      }
    }
    this.c++;
    return errors;
  }

  /** The averaged weights w - acc / c. */
  averaged(): Weights {
    const w = new Float32Array(this.cur.w.length);
    const cw = this.cur.w, aw = this.accW, c = this.c;
    for (let i = 0; i < w.length; i++) if (cw[i] !== 0 || aw[i] !== 0) w[i] = cw[i] - aw[i] / c;
    const t = new Float32Array(this.cur.trans.length);
    for (let i = 0; i < t.length; i++) t[i] = this.cur.trans[i] - this.accT[i] / c;
    return new Weights(this.cur.bits, w, t);
  }
}

/**
 * Decode every sentence of a document: labels into out[0..n). A model with a compact table (loaded
 * from a file, or compact()ed) takes the fast path (tagDocumentFast); one being trained, the
 * reference path. Both give the same labels and margins.
 */
export function tagDocument(W: Weights, ids: Int32Array, offs: Int32Array, sentences: Array<[number, number]>, out: Uint8Array,
  margins?: Float32Array): void {
  const fast = W.table() ? fastTable(W) : undefined;
  if (fast) tagDocumentFast(fast, W.trans, ids, offs, sentences, out, margins);
  else tagDocumentReference(W, ids, offs, sentences, out, margins);
}

/** The straightforward decoder (emissions / emissionsCompact, then viterbi): what the fast path must agree with. */
export function tagDocumentReference(W: Weights, ids: Int32Array, offs: Int32Array, sentences: Array<[number, number]>, out: Uint8Array,
  margins?: Float32Array): void {
  let em = emBuf;
  let tmp = tmpBuf;
  for (const [a, b] of sentences) {
    const m = b - a;
    if (m <= 0) continue;
    if (em.length < m * L) { em = emBuf = new Float32Array(m * L * 2); tmp = tmpBuf = new Int32Array(m * 2); }
    const table = W.table();
    if (table) emissionsCompact(table.rowOf, table.rows, ids, offs, a, b, em);
    else emissions(W.w, ids, offs, a, b, em);
    viterbi(em, m, W.trans, tmp);
    for (let t = 0; t < m; t++) {
      out[a + t] = tmp[t];
      if (margins) {
        // emission margin of the chosen label over the best other label: a cheap confidence signal
        const o = t * L, y = tmp[t];
        let other = NEG;
        for (let z = 0; z < L; z++) if (z !== y && em[o + z] > other) other = em[o + z];
        margins[a + t] = em[o + y] - other;
      }
    }
  }
}

/**
 * The compact table in a cache-friendly form: which buckets have a row is a bitmap with the rank of
 * every 32nd bucket ([bitmap, rank] pairs: 2^bits / 4 bytes, 64 KB for 2^18 buckets, instead of the
 * 4-byte-per-bucket rowOf), and the rows (the same float32 weights) in bucket order. Built once per
 * table; looking a feature up is a bit test and a popcount.
 */
interface FastTable { source: Float32Array; index: Int32Array; rows: Float32Array }
const fastTables = new WeakMap<Weights, FastTable>();

/**
 * The buckets that have a row, as a bitmap with ranks: per 32 buckets, one word of bits and the count
 * of rows before them (index[2k], index[2k + 1]); a bucket's row is that count plus the bits set below it.
 */
export function bucketIndex(rowOf: Int32Array): { index: Int32Array; count: number } {
  const n = rowOf.length;
  const index = new Int32Array(((n + 31) >>> 5) * 2);
  let count = 0;
  for (let b = 0; b < n; b++) {
    if ((b & 31) === 0) index[((b >>> 5) << 1) + 1] = count;
    if (rowOf[b] >= 0) { index[(b >>> 5) << 1] |= 1 << (b & 31); count++; }
  }
  return { index, count };
}

function fastTable(W: Weights): FastTable | undefined {
  const table = W.table();
  if (!table) return undefined;
  let f = fastTables.get(W);
  if (f && f.source === table.rows) return f;
  const { rowOf, rows } = table;
  const n = rowOf.length;
  const { index, count } = bucketIndex(rowOf);
  const sorted = new Float32Array(count * L);
  for (let b = 0, r = 0; b < n; b++) if (rowOf[b] >= 0) { sorted.set(rows.subarray(rowOf[b] * L, rowOf[b] * L + L), r * L); r++; }
  f = { source: rows, index, rows: sorted };
  fastTables.set(W, f);
  return f;
}

/** out[k] = the length in tokens of the entity token k belongs to (0 outside), for the first n labels. */
export function entityLengths(labels: Uint8Array, n: number, out: Int32Array): void {
  out.fill(0, 0, n);
  let i = 0;
  while (i < n) {
    if (labels[i] === 0) { i++; continue; }
    let j = i + 1;
    while (j < n && isInside(labels[j]) && labelType(labels[j]) === labelType(labels[i])) j++;
    for (let k = i; k < j; k++) out[k] = j - i;
    i = j;
  }
}

/** trans with the transitions allowed() forbids set to NEG, as viterbi9 wants them. */
export function maskedTransitions(trans: Float32Array, into?: Float32Array): Float32Array {
  const t = into ?? new Float32Array(trans.length);
  t.set(trans);
  for (let p = -1; p < L; p++) for (let y = 0; y < L; y++) if (!allowed(p, y)) t[(p + 1) * L + y] = NEG;
  return t;
}
const transBuf = new Float32Array((L + 1) * L);

/**
 * tagDocumentReference over a FastTable: the same float32 weights summed in the same order (so the
 * same emission scores, bit for bit), then viterbi9, which makes the same choices as viterbi.
 */
function tagDocumentFast(F: FastTable, trans: Float32Array, ids: Int32Array, offs: Int32Array, sentences: Array<[number, number]>,
  out: Uint8Array, margins?: Float32Array): void {
  const index = F.index, W = F.rows;
  const tr = maskedTransitions(trans, transBuf);
  let em = emBuf;
  let tmp = tmpBuf;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    const a = s[0], b = s[1];
    const m = b - a;
    if (m <= 0) continue;
    if (em.length < m * L) { em = emBuf = new Float32Array(m * L * 2); tmp = tmpBuf = new Int32Array(m * 2); }
    for (let i = a; i < b; i++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
      const e = offs[i + 1];
      for (let k = offs[i]; k < e; k++) {
        const f = ids[k];
        if (f < 0) continue;
        const wi = (f >>> 5) << 1;
        const word = index[wi];
        const bit = f & 31;
        if (((word >>> bit) & 1) === 0) continue;
        let x = word & ~(-1 << bit);
        x = x - ((x >>> 1) & 0x55555555);
        x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
        x = (x + (x >>> 4)) & 0x0f0f0f0f;
        const base = (index[wi + 1] + (Math.imul(x, 0x01010101) >>> 24)) * 9;
        s0 += W[base]; s1 += W[base + 1]; s2 += W[base + 2]; s3 += W[base + 3]; s4 += W[base + 4];
        s5 += W[base + 5]; s6 += W[base + 6]; s7 += W[base + 7]; s8 += W[base + 8];
      }
      const o = (i - a) * L;
      em[o] = s0; em[o + 1] = s1; em[o + 2] = s2; em[o + 3] = s3; em[o + 4] = s4;
      em[o + 5] = s5; em[o + 6] = s6; em[o + 7] = s7; em[o + 8] = s8;
    }
    viterbi9(em, 0, m, tr, tmp);
    for (let t = 0; t < m; t++) {
      out[a + t] = tmp[t];
      if (margins) {
        const o = t * L, y = tmp[t];
        let other = NEG;
        for (let z = 0; z < L; z++) if (z !== y && em[o + z] > other) other = em[o + z];
        margins[a + t] = em[o + y] - other;
      }
    }
  }
}
let emBuf = new Float32Array(1024);
let tmpBuf = new Int32Array(128);

let back9 = new Int8Array(0);

/**
 * tagger.viterbi for nine BIO labels, with the forbidden transitions already -1e30 in trans: an
 * I-X label has two possible predecessors (B-X, I-X), O and B-X have nine. Unrolled, the previous
 * token's scores live in locals (generated code). Same float32 rounding and ties as viterbi.
 */
export function viterbi9(em: Float32Array, e0: number, m: number, trans: Float32Array, out: Int32Array): void {
  if (back9.length < m * L) back9 = new Int8Array(m * L * 2);
  const t0_0 = trans[9];
  const t1_0 = trans[18];
  const t2_0 = trans[27];
  const t3_0 = trans[36];
  const t4_0 = trans[45];
  const t5_0 = trans[54];
  const t6_0 = trans[63];
  const t7_0 = trans[72];
  const t8_0 = trans[81];
  const t0_1 = trans[10];
  const t1_1 = trans[19];
  const t2_1 = trans[28];
  const t3_1 = trans[37];
  const t4_1 = trans[46];
  const t5_1 = trans[55];
  const t6_1 = trans[64];
  const t7_1 = trans[73];
  const t8_1 = trans[82];
  const t1_2 = trans[20];
  const t2_2 = trans[29];
  const t0_3 = trans[12];
  const t1_3 = trans[21];
  const t2_3 = trans[30];
  const t3_3 = trans[39];
  const t4_3 = trans[48];
  const t5_3 = trans[57];
  const t6_3 = trans[66];
  const t7_3 = trans[75];
  const t8_3 = trans[84];
  const t3_4 = trans[40];
  const t4_4 = trans[49];
  const t0_5 = trans[14];
  const t1_5 = trans[23];
  const t2_5 = trans[32];
  const t3_5 = trans[41];
  const t4_5 = trans[50];
  const t5_5 = trans[59];
  const t6_5 = trans[68];
  const t7_5 = trans[77];
  const t8_5 = trans[86];
  const t5_6 = trans[60];
  const t6_6 = trans[69];
  const t0_7 = trans[16];
  const t1_7 = trans[25];
  const t2_7 = trans[34];
  const t3_7 = trans[43];
  const t4_7 = trans[52];
  const t5_7 = trans[61];
  const t6_7 = trans[70];
  const t7_7 = trans[79];
  const t8_7 = trans[88];
  const t7_8 = trans[80];
  const t8_8 = trans[89];
  // delta of the previous token, rounded to float32 as tagger.viterbi stores it
  const f = Math.fround;
  let d0 = trans[0] <= NEG ? f(NEG) : f(em[e0 + 0] + trans[0]);
  let d1 = trans[1] <= NEG ? f(NEG) : f(em[e0 + 1] + trans[1]);
  let d2 = trans[2] <= NEG ? f(NEG) : f(em[e0 + 2] + trans[2]);
  let d3 = trans[3] <= NEG ? f(NEG) : f(em[e0 + 3] + trans[3]);
  let d4 = trans[4] <= NEG ? f(NEG) : f(em[e0 + 4] + trans[4]);
  let d5 = trans[5] <= NEG ? f(NEG) : f(em[e0 + 5] + trans[5]);
  let d6 = trans[6] <= NEG ? f(NEG) : f(em[e0 + 6] + trans[6]);
  let d7 = trans[7] <= NEG ? f(NEG) : f(em[e0 + 7] + trans[7]);
  let d8 = trans[8] <= NEG ? f(NEG) : f(em[e0 + 8] + trans[8]);
  for (let t = 1; t < m; t++) {
    const eo = e0 + t * L, bo = t * L;
    let best: number, arg: number, v: number;
    best = d0 + t0_0; arg = 0;
    v = d1 + t1_0; if (v > best) { best = v; arg = 1; }
    v = d2 + t2_0; if (v > best) { best = v; arg = 2; }
    v = d3 + t3_0; if (v > best) { best = v; arg = 3; }
    v = d4 + t4_0; if (v > best) { best = v; arg = 4; }
    v = d5 + t5_0; if (v > best) { best = v; arg = 5; }
    v = d6 + t6_0; if (v > best) { best = v; arg = 6; }
    v = d7 + t7_0; if (v > best) { best = v; arg = 7; }
    v = d8 + t8_0; if (v > best) { best = v; arg = 8; }
    const n0 = f(best + em[eo + 0]); back9[bo + 0] = arg;
    best = d0 + t0_1; arg = 0;
    v = d1 + t1_1; if (v > best) { best = v; arg = 1; }
    v = d2 + t2_1; if (v > best) { best = v; arg = 2; }
    v = d3 + t3_1; if (v > best) { best = v; arg = 3; }
    v = d4 + t4_1; if (v > best) { best = v; arg = 4; }
    v = d5 + t5_1; if (v > best) { best = v; arg = 5; }
    v = d6 + t6_1; if (v > best) { best = v; arg = 6; }
    v = d7 + t7_1; if (v > best) { best = v; arg = 7; }
    v = d8 + t8_1; if (v > best) { best = v; arg = 8; }
    const n1 = f(best + em[eo + 1]); back9[bo + 1] = arg;
    best = d1 + t1_2; arg = 1;
    v = d2 + t2_2; if (v > best) { best = v; arg = 2; }
    const n2 = f(best + em[eo + 2]); back9[bo + 2] = arg;
    best = d0 + t0_3; arg = 0;
    v = d1 + t1_3; if (v > best) { best = v; arg = 1; }
    v = d2 + t2_3; if (v > best) { best = v; arg = 2; }
    v = d3 + t3_3; if (v > best) { best = v; arg = 3; }
    v = d4 + t4_3; if (v > best) { best = v; arg = 4; }
    v = d5 + t5_3; if (v > best) { best = v; arg = 5; }
    v = d6 + t6_3; if (v > best) { best = v; arg = 6; }
    v = d7 + t7_3; if (v > best) { best = v; arg = 7; }
    v = d8 + t8_3; if (v > best) { best = v; arg = 8; }
    const n3 = f(best + em[eo + 3]); back9[bo + 3] = arg;
    best = d3 + t3_4; arg = 3;
    v = d4 + t4_4; if (v > best) { best = v; arg = 4; }
    const n4 = f(best + em[eo + 4]); back9[bo + 4] = arg;
    best = d0 + t0_5; arg = 0;
    v = d1 + t1_5; if (v > best) { best = v; arg = 1; }
    v = d2 + t2_5; if (v > best) { best = v; arg = 2; }
    v = d3 + t3_5; if (v > best) { best = v; arg = 3; }
    v = d4 + t4_5; if (v > best) { best = v; arg = 4; }
    v = d5 + t5_5; if (v > best) { best = v; arg = 5; }
    v = d6 + t6_5; if (v > best) { best = v; arg = 6; }
    v = d7 + t7_5; if (v > best) { best = v; arg = 7; }
    v = d8 + t8_5; if (v > best) { best = v; arg = 8; }
    const n5 = f(best + em[eo + 5]); back9[bo + 5] = arg;
    best = d5 + t5_6; arg = 5;
    v = d6 + t6_6; if (v > best) { best = v; arg = 6; }
    const n6 = f(best + em[eo + 6]); back9[bo + 6] = arg;
    best = d0 + t0_7; arg = 0;
    v = d1 + t1_7; if (v > best) { best = v; arg = 1; }
    v = d2 + t2_7; if (v > best) { best = v; arg = 2; }
    v = d3 + t3_7; if (v > best) { best = v; arg = 3; }
    v = d4 + t4_7; if (v > best) { best = v; arg = 4; }
    v = d5 + t5_7; if (v > best) { best = v; arg = 5; }
    v = d6 + t6_7; if (v > best) { best = v; arg = 6; }
    v = d7 + t7_7; if (v > best) { best = v; arg = 7; }
    v = d8 + t8_7; if (v > best) { best = v; arg = 8; }
    const n7 = f(best + em[eo + 7]); back9[bo + 7] = arg;
    best = d7 + t7_8; arg = 7;
    v = d8 + t8_8; if (v > best) { best = v; arg = 8; }
    const n8 = f(best + em[eo + 8]); back9[bo + 8] = arg;
    d0 = n0; d1 = n1; d2 = n2; d3 = n3; d4 = n4; d5 = n5; d6 = n6; d7 = n7; d8 = n8;
  }
  let best = NEG, arg = 0;
  if (d0 > best) { best = d0; arg = 0; }
  if (d1 > best) { best = d1; arg = 1; }
  if (d2 > best) { best = d2; arg = 2; }
  if (d3 > best) { best = d3; arg = 3; }
  if (d4 > best) { best = d4; arg = 4; }
  if (d5 > best) { best = d5; arg = 5; }
  if (d6 > best) { best = d6; arg = 6; }
  if (d7 > best) { best = d7; arg = 7; }
  if (d8 > best) { best = d8; arg = 8; }
  out[m - 1] = arg;
  for (let t = m - 1; t > 0; t--) { arg = back9[t * L + arg]; out[t - 1] = arg; }
}

