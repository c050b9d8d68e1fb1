/**
 * Feature extraction for the entity tagger. Input is a document as normalised token strings plus
 * sentence ranges (no offsets, no whitespace: training reads CoNLL tokens, tagging reads tokenize()
 * output, and both must give the same features). Output is, for every token, a list of hashed
 * feature ids in [0, 2^bits). Every string of a token is hashed once; a feature id is a mix of a
 * template number with those hashes, so the hot path concatenates no strings.
 */
import { hashRange, hashString, mix1, mix2, mix3 } from './hash';
import { CALENDAR_WORDS, LOC_WORDS, ORG_WORDS, TITLE_WORDS, gazKeyStep } from './lexicon';

export interface NerDoc {
  /** Normalised token strings (see normalizeToken). */
  words: string[];
  /** [start, end) token index ranges of the sentences, in order, covering the tokens. */
  sentences: Array<[number, number]>;
}

/** Distributional and gazetteer knowledge the features look up, keyed by hashes of lower-case words. */
export interface NerLexicon {
  /** Lower-case word hash → case bucket 1..6 (how often the word is capitalised mid-sentence in running text). */
  caseStat: Map<number, number>;
  /** Gazetteer key (gazKeyOf) of a lower-case word run → type bits (1 PER, 2 ORG, 4 LOC, 8 MISC, 16 place list). */
  gaz: Map<number, number>;
  gazMaxLen: number;
  /** Lower-case word hash → word-cluster ids at several granularities (packed: c1 | c2 << 10 | c3 << 20), 0 = none. */
  clusters: Map<number, number>;
  /** Lower-case word hash → type bits of the training entities the word occurs in (any position). */
  gazTok: Map<number, number>;
}

export function emptyLexicon(): NerLexicon {
  return { caseStat: new Map(), gaz: new Map(), gazMaxLen: 0, clusters: new Map(), gazTok: new Map() };
}

/** Feature ids for all tokens of a document: ids[offs[i] .. offs[i+1]) belong to token i. */
export interface FeatureBuffer {
  ids: Int32Array;
  offs: Int32Array;
  n: number;
  /** Per token: short shape hash and capitalisation, kept for the second-pass features. */
  tokShort: Int32Array;
  tokCap: Uint8Array;
}

/**
 * The second pass's features: every first-pass feature of the token, then what the first pass said
 * about the same word elsewhere in the document. Built from the first pass's buffer, so features are
 * extracted once per document.
 */
export function withPriors(base: FeatureBuffer, opts: ExtractOptions, mask: number, out: FeatureBuffer): void {
  const n = base.n;
  const need = base.offs[n] + n * 3;
  if (out.ids.length < need) out.ids = new Int32Array(need * 2);
  if (out.offs.length < n + 1) out.offs = new Int32Array((n + 1) * 2);
  out.n = n;
  const prior = opts.prior!, priorLong = opts.priorLong;
  const ids = out.ids;
  let p = 0;
  for (let i = 0; i < n; i++) {
    out.offs[i] = p;
    const a = base.offs[i], b = base.offs[i + 1];
    ids.set(base.ids.subarray(a, b), p);
    p += b - a;
    const pr = prior[i], cap = base.tokCap[i];
    ids[p++] = mix2(T.Prior, pr, cap) & mask;
    if (pr !== 0) ids[p++] = mix2(T.PriorShort, pr, base.tokShort[i]) & mask;
    if (priorLong !== undefined) ids[p++] = mix2(T.PriorLong, priorLong[i], cap) & mask;
  }
  out.offs[n] = p;
}

/** Feature template numbers (shared with the fused tagger in fast.ts). */
export const enum T {
  Bias = 1, Word, Lower, Shape, Short, Pre1, Pre2, Pre3, Pre4, Suf1, Suf2, Suf3, Suf4,
  LowerM1, LowerP1, LowerM2, LowerP2, ShortM1, ShortP1, ShortM2, ShortP2, BiM1, BiP1, Short3, ShortL, ShortR,
  Initial, Case, DocLower, DocCap, GazTok, GazSpan, TitleM1, TitleM2, Title0, OrgSuf0, OrgSufAhead, LocCue0, LocCueM1,
  Headline, HyphLast, HyphFirst, Cluster0, ClusterM1, ClusterP1, LowerM1Short0, LowerP1Short0, InParen, Calendar,
  Prior, PriorLong, PriorShort, Len, AllCapsWord, QuoteCtx, Cluster0b, Cluster0c, ClusterBi, PrevIsOf, DocFirstCap, GazTok2, WordM1, WordP1, SufM1, SufP1, RunPos, GazTokM1, GazTokP1,
}

const enum Shp { None = 0 }

/** Per-token scalars, reused across calls. */
class Scratch {
  cap = 0;
  hw = new Int32Array(0);
  hl = new Int32Array(0);
  shape = new Int32Array(0);
  short = new Int32Array(0);
  flags = new Uint8Array(0); // bit0 capitalised, bit1 all lower, bit2 all upper, bit3 has digit, bit4 sentence initial, bit5 word-like
  sent = new Int32Array(0);
  gazBits = new Int32Array(0); // per token: type bits × position (B=1, I=2, E=4, S=8): 4 bits per type
  ensure(n: number): void {
    if (n <= this.cap) return;
    const c = Math.max(n, this.cap * 2, 1024);
    this.cap = c;
    this.hw = new Int32Array(c); this.hl = new Int32Array(c); this.shape = new Int32Array(c); this.short = new Int32Array(c);
    this.flags = new Uint8Array(c); this.sent = new Int32Array(c); this.gazBits = new Int32Array(c);
  }
}
const scratch = new Scratch();

export const TITLE_H = new Set<number>([...TITLE_WORDS].map(hashString));
export const ORG_H = new Set<number>([...ORG_WORDS].map(hashString));
export const LOC_H = new Set<number>([...LOC_WORDS].map(hashString));
export const CAL_H = new Set<number>([...CALENDAR_WORDS].map(hashString));
export const H_OF = hashString('of');
export const H_THE = hashString('the');
export const H_AND = hashString('and');
export const H_FOR = hashString('for');
export const H_LP = hashString('(');
export const H_RP = hashString(')');
export const H_QUOTE = hashString('"');
export const BOS = hashString('<s>');
export const EOS = hashString('</s>');
export const BOS_SHAPE = hashString('<S>');
export const EOS_SHAPE = hashString('</S>');

export function isUpperCode(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return (caseClass(c) & 2) !== 0;
}
export function isLowerCode(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  return (caseClass(c) & 4) !== 0;
}
/** Above ASCII: bit 0 known, bit 1 changes when lower-cased, bit 2 changes when upper-cased; worked out once per code unit. */
const caseClasses = new Uint8Array(0x10000);
function caseClass(c: number): number {
  let k = caseClasses[c];
  if (k === 0) {
    const s = String.fromCharCode(c);
    k = 1 | (s !== s.toLowerCase() ? 2 : 0) | (s !== s.toUpperCase() ? 4 : 0);
    caseClasses[c] = k;
  }
  return k;
}

/** Lower-case a word cheaply: only allocate when it has an upper-case letter. */
export function lowerOf(w: string): string {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return w.toLowerCase();
  }
  return w;
}

function stripDot(lower: string): string {
  return lower.length > 1 && lower.charCodeAt(lower.length - 1) === 46 ? lower.slice(0, -1) : lower;
}

export interface ExtractOptions {
  /** Per-token type (0 none, 1 PER, 2 ORG, 3 LOC, 4 MISC) that the first pass gave other mentions of the same word. */
  prior?: Uint8Array;
  /** Per-token type of the longest first-pass entity elsewhere in the document containing this word. */
  priorLong?: Uint8Array;
}

/**
 * Features of every token of the document, into out (grown as needed). The lexicon is the model's;
 * a training fold may pass its own gazetteer. Second-pass features are added by withPriors.
 */
export function extractFeatures(doc: NerDoc, lex: NerLexicon, mask: number, out: FeatureBuffer): void {
  const words = doc.words;
  const n = words.length;
  const s = scratch;
  s.ensure(n + 1);
  const { hw, hl, shape, short, flags, sent, gazBits } = s;

  // 1. per-token hashes and flags
  for (let si = 0; si < doc.sentences.length; si++) {
    const [a, b] = doc.sentences[si];
    let initialDone = false;
    for (let i = a; i < b; i++) {
      sent[i] = si;
      const w = words[i];
      const lw = lowerOf(w);
      hw[i] = hashString(w);
      hl[i] = lw === w ? hw[i] : hashString(lw);
      let sh = 0x811c9dc5, ss = 0x811c9dc5, last = -1, f = 0, letters = 0, uppers = 0, lowers = 0;
      for (let k = 0; k < w.length; k++) {
        const c = w.charCodeAt(k);
        let m: number;
        if (c >= 48 && c <= 57) { m = 100; f |= 8; }
        else if (isUpperCode(c)) { m = 88; uppers++; letters++; }
        else if (isLowerCode(c)) { m = 120; lowers++; letters++; }
        else m = c;
        if (k < 10) { sh ^= m; sh = Math.imul(sh, 0x01000193); }
        if (m !== last) { ss ^= m; ss = Math.imul(ss, 0x01000193); last = m; }
      }
      shape[i] = sh; short[i] = ss;
      if (letters > 0) {
        f |= 32;
        if (isUpperCode(w.charCodeAt(0))) f |= 1;
        if (uppers === 0) f |= 2;
        if (lowers === 0) f |= 4;
      }
      if (!initialDone && letters > 0) { f |= 16; initialDone = true; }
      else if (!initialDone && (f & 8)) initialDone = true;
      flags[i] = f;
      gazBits[i] = 0;
    }
  }

  // 2. sentence-level: headline (all caps or title case)
  const headline = new Uint8Array(doc.sentences.length);
  for (let si = 0; si < doc.sentences.length; si++) {
    const [a, b] = doc.sentences[si];
    let wordsN = 0, upperN = 0, capN = 0, longN = 0;
    for (let i = a; i < b; i++) {
      const f = flags[i];
      if (!(f & 32)) continue;
      wordsN++;
      if (f & 4) upperN++;
      if (words[i].length > 3) { longN++; if (f & 1) capN++; }
    }
    if (wordsN >= 2 && upperN === wordsN) headline[si] = 1;
    else if (longN >= 3 && capN >= longN * 0.8) headline[si] = 2;
  }

  // 3. document-level case context
  const lowerSeen = new Set<number>();
  const capMid = new Set<number>();
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    if (f & 2 && f & 32) lowerSeen.add(hl[i]);
    else if (f & 1 && !(f & 16) && headline[sent[i]] === 0) capMid.add(hl[i]);
  }

  // 4. gazetteer spans (longest match from each start, on lower-case word runs)
  if (lex.gaz.size > 0) {
    for (let si = 0; si < doc.sentences.length; si++) {
      const [a, b] = doc.sentences[si];
      for (let i = a; i < b; i++) {
        if (!(flags[i] & 32) && !(flags[i] & 8)) continue;
        let key = 0;
        let bestLen = 0, bestBits = 0;
        for (let k = 0; k < lex.gazMaxLen && i + k < b; k++) {
          key = gazKeyStep(key, hl[i + k]);
          const bits = lex.gaz.get(key);
          if (bits !== undefined) { bestLen = k + 1; bestBits = bits; }
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

  // 5. emit
  const maxPer = 128;
  if (out.ids.length < n * maxPer) out.ids = new Int32Array(Math.max(n * maxPer, out.ids.length * 2));
  if (out.offs.length < n + 1) out.offs = new Int32Array(Math.max(n + 1, out.offs.length * 2));
  out.n = n;
  const ids = out.ids;
  const offs = out.offs;
  let p = 0;
  if (out.tokShort.length < n) { out.tokShort = new Int32Array(out.offs.length); out.tokCap = new Uint8Array(out.offs.length); }
  const tokShort = out.tokShort, tokCap = out.tokCap;
  for (let si = 0; si < doc.sentences.length; si++) {
    const [a, b] = doc.sentences[si];
    const hd = headline[si];
    let parenDepth = 0;
    let inQuote = 0;
    for (let i = a; i < b; i++) {
      offs[i] = p;
      const w = words[i];
      const f = flags[i];
      const l0 = hl[i];
      const s0 = short[i];
      const lm1 = i - 1 >= a ? hl[i - 1] : BOS;
      const lm2 = i - 2 >= a ? hl[i - 2] : BOS;
      const lp1 = i + 1 < b ? hl[i + 1] : EOS;
      const lp2 = i + 2 < b ? hl[i + 2] : EOS;
      const sm1 = i - 1 >= a ? short[i - 1] : BOS_SHAPE;
      const sm2 = i - 2 >= a ? short[i - 2] : BOS_SHAPE;
      const sp1 = i + 1 < b ? short[i + 1] : EOS_SHAPE;
      const sp2 = i + 2 < b ? short[i + 2] : EOS_SHAPE;
      const cap = f & 1;
      const initial = (f >> 4) & 1;

      ids[p++] = mix1(T.Bias, 0) & mask;
      ids[p++] = mix1(T.Word, hw[i]) & mask;
      ids[p++] = mix1(T.Lower, l0) & mask;
      ids[p++] = mix1(T.Shape, shape[i]) & mask;
      ids[p++] = mix1(T.Short, s0) & mask;
      const len = w.length;
      for (let k = 1; k <= 4 && k <= len; k++) {
        ids[p++] = mix1(T.Pre1 + k - 1, hashRange(w, 0, k)) & mask;
        ids[p++] = mix1(T.Suf1 + k - 1, hashRange(w, len - k, len)) & mask;
      }
      ids[p++] = mix1(T.Len, len > 12 ? 12 : len) & mask;
      ids[p++] = mix1(T.LowerM1, lm1) & mask;
      ids[p++] = mix1(T.LowerP1, lp1) & mask;
      ids[p++] = mix1(T.LowerM2, lm2) & mask;
      ids[p++] = mix1(T.LowerP2, lp2) & mask;
      ids[p++] = mix1(T.ShortM1, sm1) & mask;
      ids[p++] = mix1(T.ShortP1, sp1) & mask;
      ids[p++] = mix1(T.ShortM2, sm2) & mask;
      ids[p++] = mix1(T.ShortP2, sp2) & mask;
      ids[p++] = mix2(T.BiM1, lm1, l0) & mask;
      ids[p++] = mix2(T.BiP1, l0, lp1) & mask;
      ids[p++] = mix3(T.Short3, sm1, s0, sp1) & mask;
      ids[p++] = mix2(T.ShortL, sm1, s0) & mask;
      ids[p++] = mix2(T.ShortR, s0, sp1) & mask;
      ids[p++] = mix2(T.LowerM1Short0, lm1, s0) & mask;
      ids[p++] = mix2(T.LowerP1Short0, lp1, s0) & mask;
      ids[p++] = mix3(T.Initial, initial, hd, s0) & mask;
      ids[p++] = mix2(T.Headline, hd, s0) & mask;
      if (hd !== 0) ids[p++] = mix2(T.Headline, hd + 10, l0) & mask;
      // case statistics from running text, and in this document
      if (f & 32) {
        const cs = lex.caseStat.get(l0) ?? 0;
        ids[p++] = mix3(T.Case, cs, cap | (initial << 1), hd) & mask;
        if (cap) {
          ids[p++] = mix2(T.DocLower, lowerSeen.has(l0) ? 1 : 0, initial | (hd << 1)) & mask;
          if (initial || hd !== 0) ids[p++] = mix2(T.DocCap, capMid.has(l0) ? 1 : 0, cs) & mask;
        }
        if ((f & 4) && len > 1) ids[p++] = mix2(T.AllCapsWord, hd, len > 4 ? 4 : len) & mask;
      }
      // gazetteers
      const gb = gazBits[i];
      if (gb !== 0) {
        for (let t = 0; t < 5; t++) {
          const pos = (gb >> (4 * t)) & 15;
          if (pos) {
            ids[p++] = mix2(T.GazSpan, t, pos) & mask;
            ids[p++] = mix3(T.GazSpan, t, pos, cap) & mask;
          }
        }
      }
      if (lex.gazTok.size > 0 && (f & 32)) {
        const tb = lex.gazTok.get(l0) ?? 0;
        ids[p++] = mix2(T.GazTok, tb, cap) & mask;
        if (i - 1 >= a) ids[p++] = mix2(T.GazTokM1, lex.gazTok.get(lm1) ?? 0, tb) & mask;
        if (i + 1 < b) ids[p++] = mix2(T.GazTokP1, lex.gazTok.get(lp1) ?? 0, tb) & mask;
      }
      // exact neighbours and their endings
      ids[p++] = mix1(T.WordM1, i - 1 >= a ? hw[i - 1] : BOS) & mask;
      ids[p++] = mix1(T.WordP1, i + 1 < b ? hw[i + 1] : EOS) & mask;
      if (i - 1 >= a) { const v = words[i - 1]; ids[p++] = mix1(T.SufM1, hashRange(v, Math.max(0, v.length - 3), v.length)) & mask; }
      if (i + 1 < b) { const v = words[i + 1]; ids[p++] = mix1(T.SufP1, hashRange(v, Math.max(0, v.length - 3), v.length)) & mask; }
      // position in a run of capitalised words
      if (cap) {
        let left = 0, right = 0;
        while (i - left - 1 >= a && (flags[i - left - 1] & 1) && left < 3) left++;
        while (i + right + 1 < b && (flags[i + right + 1] & 1) && right < 3) right++;
        ids[p++] = mix2(T.RunPos, left, right) & mask;
      }
      // titles, organisation and place cue words
      const lm1s = i - 1 >= a ? stripDotHash(words[i - 1], lm1) : BOS;
      const lm2s = i - 2 >= a ? stripDotHash(words[i - 2], lm2) : BOS;
      const l0s = stripDotHash(w, l0);
      if (TITLE_H.has(lm1s)) ids[p++] = mix2(T.TitleM1, cap, s0) & mask;
      if (TITLE_H.has(lm2s)) ids[p++] = mix2(T.TitleM2, cap, i - 1 >= a ? flags[i - 1] & 1 : 0) & mask;
      if (TITLE_H.has(l0s)) ids[p++] = mix2(T.Title0, cap, i + 1 < b ? flags[i + 1] & 1 : 0) & mask;
      if (ORG_H.has(l0s)) ids[p++] = mix1(T.OrgSuf0, cap) & mask;
      if (cap || (f & 8)) {
        // an organisation word ahead in the same capitalised run ("Institute for the Study of War", "58th Army")
        for (let k = i + 1; k < b && k <= i + 5; k++) {
          const fk = flags[k];
          const hk = hl[k];
          if (fk & 1) { if (ORG_H.has(stripDotHash(words[k], hk))) { ids[p++] = mix1(T.OrgSufAhead, k - i) & mask; break; } continue; }
          if (hk === H_OF || hk === H_THE || hk === H_AND || hk === H_FOR) continue;
          break;
        }
      }
      if (LOC_H.has(l0s)) ids[p++] = mix1(T.LocCue0, cap) & mask;
      if (LOC_H.has(lp1)) ids[p++] = mix2(T.LocCueM1, cap, lp1) & mask;
      if (CAL_H.has(l0s)) ids[p++] = mix1(T.Calendar, cap) & mask;
      if (lm1 === H_OF) ids[p++] = mix2(T.PrevIsOf, cap, i - 2 >= a ? flags[i - 2] & 1 : 0) & mask;
      // hyphenated words: their parts
      const hy = w.indexOf('-', 1);
      if (hy > 0 && hy < len - 1) {
        const lw = lowerOf(w);
        ids[p++] = mix1(T.HyphLast, hashRange(lw, lw.lastIndexOf('-') + 1, len)) & mask;
        ids[p++] = mix2(T.HyphFirst, hashRange(lw, 0, hy), cap) & mask;
      }
      // brackets and quotes
      if (l0 === H_LP) parenDepth++;
      else if (l0 === H_RP && parenDepth > 0) parenDepth--;
      if (l0 === H_QUOTE) inQuote ^= 1;
      if (parenDepth > 0) ids[p++] = mix2(T.InParen, 1, s0) & mask;
      if (inQuote) ids[p++] = mix1(T.QuoteCtx, cap) & mask;
      // word clusters
      if (lex.clusters.size > 0) {
        const c0 = lex.clusters.get(l0) ?? 0;
        const cm1 = i - 1 >= a ? lex.clusters.get(lm1) ?? 0 : -1;
        const cp1 = i + 1 < b ? lex.clusters.get(lp1) ?? 0 : -1;
        ids[p++] = mix1(T.Cluster0, c0 & 1023) & mask;
        ids[p++] = mix2(T.Cluster0b, (c0 >> 10) & 1023, cap) & mask;
        ids[p++] = mix1(T.Cluster0c, (c0 >> 20) & 1023) & mask;
        ids[p++] = mix1(T.ClusterM1, cm1 & 1023) & mask;
        ids[p++] = mix1(T.ClusterP1, cp1 & 1023) & mask;
        ids[p++] = mix2(T.ClusterBi, cm1 & 1023, c0 & 1023) & mask;
      }
      tokShort[i] = s0;
      tokCap[i] = cap;
    }
  }
  offs[n] = p;
}

/** Hash of the lower-case word without a final period ("Gen." → "gen"). */
export function stripDotHash(w: string, lowerHash: number): number {
  if (w.length > 1 && w.charCodeAt(w.length - 1) === 46) return hashString(stripDot(lowerOf(w)));
  return lowerHash;
}

void Shp.None;
