/**
 * Distributional word clusters from unlabeled text, for the tagger's cluster features.
 *
 * Every word seen at least MIN_COUNT times (lower-cased) gets a context vector: counts of its left
 * and right neighbours among the most frequent words (plus classes for capitalised, numeric and
 * other rare neighbours), square-rooted and L2-normalised. Spherical k-means at three granularities
 * (deterministic initialisation from the frequency ranking, fixed iterations) gives three cluster
 * ids per word, packed as c1 | c2 << 10 | c3 << 20 (each id + 1, so 0 means unknown). Brown
 * clusters would be the classic choice; this is the few-seconds version of the same idea.
 */
import { lowerOf } from '../../server/out/analysis/ner/features';
import { hashString } from '../../server/out/analysis/ner/hash';
import { normalizeToken } from '../../server/out/analysis/ner/lexicon';
import { tokenize } from '../../server/out/analysis/text';

const MIN_COUNT = 2;
const MAX_WORDS = 30000;
const CONTEXT = 1000;
const SIZES = [48, 192, 768];

export function buildClusters(texts: string[], trainWords: string[][], log: (...a: unknown[]) => void): Map<number, number> {
  // 1. token streams (lower-case) and counts
  const streams: string[][] = [];
  for (const t of texts) streams.push(tokenize(t).map((k) => normalizeToken(k.text)));
  for (const w of trainWords) streams.push(w);
  const freq = new Map<string, number>();
  for (const s of streams) for (const w of s) { const l = lowerOf(w); freq.set(l, (freq.get(l) ?? 0) + 1); }
  const ranked = [...freq].filter(([, c]) => c >= MIN_COUNT).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_WORDS);
  const index = new Map<string, number>(ranked.map(([w], i) => [w, i]));
  const N = ranked.length;
  // context ids: 0..CONTEXT-1 frequent words; CONTEXT: capitalised rare; +1 numeric; +2 other; +3 boundary
  const D = 2 * (CONTEXT + 4);
  const ctxId = (w: string | undefined): number => {
    if (w === undefined) return CONTEXT + 3;
    const i = index.get(lowerOf(w));
    if (i !== undefined && i < CONTEXT) return i;
    const c = w.charCodeAt(0);
    if (c >= 48 && c <= 57) return CONTEXT + 1;
    if (w !== lowerOf(w)) return CONTEXT;
    return CONTEXT + 2;
  };
  const rows: Array<Map<number, number>> = Array.from({ length: N }, () => new Map());
  for (const s of streams) {
    for (let k = 0; k < s.length; k++) {
      const i = index.get(lowerOf(s[k]));
      if (i === undefined) continue;
      const m = rows[i];
      const left = ctxId(s[k - 1]), right = CONTEXT + 4 + ctxId(s[k + 1]);
      m.set(left, (m.get(left) ?? 0) + 1);
      m.set(right, (m.get(right) ?? 0) + 1);
    }
  }
  // sparse normalised vectors
  const vIdx: Int32Array[] = [], vVal: Float32Array[] = [];
  for (const m of rows) {
    const idx = new Int32Array(m.size), val = new Float32Array(m.size);
    let k = 0, norm = 0;
    for (const [d, c] of [...m].sort((a, b) => a[0] - b[0])) { idx[k] = d; val[k] = Math.sqrt(c); norm += c; k++; }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < val.length; j++) val[j] /= norm;
    vIdx.push(idx); vVal.push(val);
  }
  const assignments: Int32Array[] = [];
  for (const K of SIZES) {
    const k = Math.min(K, N);
    const cent = new Float32Array(k * D);
    // deterministic init: spread over the frequency ranking
    for (let c = 0; c < k; c++) {
      const w = Math.floor((c * N) / k);
      for (let j = 0; j < vIdx[w].length; j++) cent[c * D + vIdx[w][j]] = vVal[w][j];
    }
    const assign = new Int32Array(N);
    for (let it = 0; it < 12; it++) {
      for (let w = 0; w < N; w++) {
        let best = -Infinity, arg = 0;
        const idx = vIdx[w], val = vVal[w];
        for (let c = 0; c < k; c++) {
          const o = c * D;
          let dot = 0;
          for (let j = 0; j < idx.length; j++) dot += cent[o + idx[j]] * val[j];
          if (dot > best) { best = dot; arg = c; }
        }
        assign[w] = arg;
      }
      cent.fill(0);
      for (let w = 0; w < N; w++) {
        const o = assign[w] * D;
        for (let j = 0; j < vIdx[w].length; j++) cent[o + vIdx[w][j]] += vVal[w][j];
      }
      for (let c = 0; c < k; c++) {
        let norm = 0;
        for (let d = 0; d < D; d++) norm += cent[c * D + d] ** 2;
        norm = Math.sqrt(norm) || 1;
        for (let d = 0; d < D; d++) cent[c * D + d] /= norm;
      }
    }
    assignments.push(assign);
    log(`clusters: k=${k} over ${N} words`);
  }
  const out = new Map<number, number>();
  for (let w = 0; w < N; w++) {
    out.set(hashString(ranked[w][0]), (assignments[0][w] + 1) | ((assignments[1][w] + 1) << 10) | ((assignments[2][w] + 1) << 20));
  }
  return out;
}
