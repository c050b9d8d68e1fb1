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

/** Decode every sentence of a document: labels into out[0..n). */
export function tagDocument(W: Weights, ids: Int32Array, offs: Int32Array, sentences: Array<[number, number]>, out: Uint8Array,
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
let emBuf = new Float32Array(1024);
let tmpBuf = new Int32Array(128);
