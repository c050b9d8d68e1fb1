/**
 * The same quote worded differently across sources, and the same quote given to different speakers.
 * Quotes are found by an inverted index of their content words, so the work grows with the matches,
 * not with the number of article pairs.
 */
import { Disagreement, DocumentAnalysis, Quote } from '../model';
import { basicFold, firstNamesCompatible, foldWord, nameWords } from '../normalize';
import { CheckContext, listText } from './context';

export const QUOTE_WORDING = 'quote-wording';
export const QUOTE_SPEAKER = 'quote-speaker';

const MIN_WORDS = 6;
const SIMILAR = 0.35;
/** Above this share of shared words two quotes are the same quote whoever they are given to. */
const VERBATIM = 0.8;
/** The two must also share a run of this many words in a row. */
const MIN_RUN = 5;
const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'is', 'was', 'it', 'that', 'this', 'we',
  'i', 'you', 'he', 'she', 'they', 'our', 'my', 'be', 'by', 'with', 'as', 'are', 'were', 'not', 'but', 'from', 'all', 'have', 'has']);

/** "Obama" and "Barack Obama", "Calderon" and "Felipe Calderón": one of them may be the surname of the other. */
function sameName(a: string, b: string): boolean {
  const wa = nameWords(a).map(foldWord), wb = nameWords(b).map(foldWord);
  if (wa.length === 0 || wb.length === 0 || wa[wa.length - 1] !== wb[wb.length - 1]) return false;
  return wa.length === 1 || wb.length === 1 || firstNamesCompatible(wa[0], wb[0]);
}

export function quoteWords(text: string): string[] {
  return basicFold(text).replace(/\[[^\]]*\]/g, ' ').split(/[^\p{L}\p{N}']+/u).map((w) => w.replace(/^'+|'+$/g, '')).filter((w) => w.length > 0);
}

/** Content words that index a quote. */
export function indexWords(q: Quote): string[] {
  if (q.kind !== 'direct') return [];
  const words = quoteWords(q.text);
  if (words.length < MIN_WORDS) return [];
  return [...new Set(words.filter((w) => !STOP.has(w) && w.length > 2))];
}

/** Longest common subsequence table walk: the words only in a, only in b, and how many are shared. */
export function wordDiff(a: string[], b: string[]): { shared: number; onlyA: string[]; onlyB: string[] } {
  const n = a.length, m = b.length;
  const dp: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  }
  const onlyA: string[] = [], onlyB: string[] = [];
  let i = 0, j = 0, runA: string[] = [], runB: string[] = [];
  const flush = (): void => {
    if (runA.length) onlyA.push(runA.join(' '));
    if (runB.length) onlyB.push(runB.join(' '));
    runA = []; runB = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { flush(); i++; j++; }
    else if (j >= m || (i < n && dp[i + 1][j] >= dp[i][j + 1])) runA.push(a[i++]);
    else runB.push(b[j++]);
  }
  flush();
  return { shared: dp[0][0], onlyA, onlyB };
}

/** Length of the longest run of words the two have in common, in the same order. */
export function longestRun(a: string[], b: string[]): number {
  let best = 0;
  let prev = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Uint16Array(b.length + 1);
    for (let j = 1; j <= b.length; j++) if (a[i - 1] === b[j - 1]) { cur[j] = prev[j - 1] + 1; if (cur[j] > best) best = cur[j]; }
    prev = cur;
  }
  return best;
}

export function similarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return wordDiff(a, b).shared / Math.min(a.length, b.length);
}

export interface QuoteRef { uri: string; index: number }

/** Quotes per document in the index's numeric keys: document number × QUOTE_SLOTS + quote index. */
const QUOTE_SLOTS = 65536;
/** A word in more quotes than this is too common to discriminate. */
const COMMON = 200;

/**
 * Inverted index of quotes by content word, kept current per document. Documents get small numbers
 * so that the postings are sets of numbers, not strings.
 */
export class QuoteIndex {
  private readonly byWord = new Map<string, Set<number>>();
  private readonly docWords = new Map<string, string[]>();
  private readonly ids = new Map<string, number>();
  private readonly uriOf: string[] = [];

  private idOf(uri: string): number {
    let id = this.ids.get(uri);
    if (id === undefined) { id = this.uriOf.length; this.ids.set(uri, id); this.uriOf.push(uri); }
    return id;
  }

  update(uri: string, doc: DocumentAnalysis | undefined): void {
    const id = this.idOf(uri);
    for (const w of this.docWords.get(uri) ?? []) {
      const set = this.byWord.get(w);
      if (!set) continue;
      for (const k of set) if (Math.floor(k / QUOTE_SLOTS) === id) set.delete(k);
      if (set.size === 0) this.byWord.delete(w);
    }
    this.docWords.delete(uri);
    if (!doc) return;
    const all = new Set<string>();
    doc.quotes.forEach((q, i) => {
      if (i >= QUOTE_SLOTS) return;
      for (const w of indexWords(q)) {
        let set = this.byWord.get(w);
        if (!set) { set = new Set(); this.byWord.set(w, set); }
        set.add(id * QUOTE_SLOTS + i);
        all.add(w);
      }
    });
    if (all.size) this.docWords.set(uri, [...all]);
  }

  /** Quotes of other documents sharing at least three content words with q. */
  candidates(uri: string, q: Quote): QuoteRef[] {
    const id = this.ids.get(uri) ?? -1;
    const counts = new Map<number, number>();
    for (const w of indexWords(q)) {
      const set = this.byWord.get(w);
      if (!set || set.size > COMMON) continue; // too common to discriminate
      for (const k of set) if (Math.floor(k / QUOTE_SLOTS) !== id) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const out: QuoteRef[] = [];
    for (const [k, c] of counts) {
      if (c < 3) continue;
      out.push({ uri: this.uriOf[Math.floor(k / QUOTE_SLOTS)], index: k % QUOTE_SLOTS });
    }
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.index - b.index));
  }

  /** Documents that share an indexed word with this document's quotes. */
  neighbours(uri: string): Set<string> {
    const out = new Set<string>();
    const id = this.ids.get(uri) ?? -1;
    for (const w of this.docWords.get(uri) ?? []) {
      const set = this.byWord.get(w);
      if (!set || set.size > COMMON) continue;
      for (const k of set) { const d = Math.floor(k / QUOTE_SLOTS); if (d !== id) out.add(this.uriOf[d]); }
    }
    return out;
  }

  /** The quotes of other documents that could match any quote of this document (see candidates). */
  candidatesOfDoc(uri: string, doc: DocumentAnalysis | undefined): QuoteRef[] {
    const out: QuoteRef[] = [];
    for (const q of doc?.quotes ?? []) if (q.kind === 'direct') out.push(...this.candidates(uri, q));
    return out;
  }
}

/** A quote of another source that is the same quote as q (similar enough), with its word diff. */
export interface QuoteMatch { ref: QuoteRef; quote: Quote; identical: boolean; onlyHere: string[]; onlyThere: string[] }

/**
 * Words of quotes, remembered while one index update runs (a quote is compared with many others);
 * forgotten after it so that the words of every quote are not kept for good.
 */
let wordCache: Map<Quote, string[]> | undefined;

export function withQuoteWords<R>(fn: () => R): R {
  if (wordCache) return fn();
  wordCache = new Map();
  try { return fn(); } finally { wordCache = undefined; }
}

function wordsOf(q: Quote): string[] {
  if (!wordCache) return quoteWords(q.text);
  let w = wordCache.get(q);
  if (!w) { w = quoteWords(q.text); wordCache.set(q, w); }
  return w;
}

/** Length of the longest common subsequence of two word lists, in two rows of memory. */
function lcsLength(a: string[], b: string[]): number {
  let prev = new Uint16Array(b.length + 1), cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** How many words two lists have in common, counted with multiplicity: a bound on their longest common subsequence. */
function bagOverlap(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let n = 0;
  for (const w of b) { const c = counts.get(w); if (c) { n++; counts.set(w, c - 1); } }
  return n;
}

/**
 * The same quote in other sources. Two quotes are the same when they share a run of at least MIN_RUN
 * words and either nearly all their words (VERBATIM), or at least SIMILAR of them and the same speaker:
 * a paraphrase of one person's words is a rewording, while two speakers sharing a stock phrase ("the
 * next president of the United States") is no quote at all. A quote that is a contiguous excerpt of
 * the other is the same wording, only shorter.
 */
export function matchQuotes(ctx: CheckContext, index: QuoteIndex, uri: string, q: Quote): QuoteMatch[] {
  const words = wordsOf(q);
  const speakerOf = (u: string, x: Quote): string | undefined => (x.speaker && x.speaker.local >= 0 ? ctx.entityFor(u, x.speaker.local)?.id : undefined);
  const mine = speakerOf(uri, q);
  const best = new Map<string, QuoteMatch & { score: number }>();
  for (const ref of index.candidates(uri, q)) {
    const other = ctx.doc(ref.uri)?.quotes[ref.index];
    if (!other) continue;
    const ow = wordsOf(other);
    // cheap bound first: the shared words cannot exceed the words the two have in common
    const bound = bagOverlap(words, ow);
    if (bound < MIN_RUN || bound / Math.min(words.length, ow.length) < SIMILAR) continue;
    const shared = lcsLength(words, ow);
    const score = shared / Math.min(words.length, ow.length);
    const run = longestRun(words, ow);
    if (score < SIMILAR || run < MIN_RUN) continue;
    if (score < VERBATIM && (mine === undefined || mine !== speakerOf(ref.uri, other))) continue;
    const excerpt = run === Math.min(words.length, ow.length);
    const prevScore = best.get(ref.uri)?.score;
    if (prevScore !== undefined && prevScore >= score) continue;
    const d = wordDiff(words, ow);
    const prev = best.get(ref.uri);
    if (prev && prev.score >= score) continue;
    best.set(ref.uri, { ref, quote: other, identical: excerpt || (d.onlyA.length === 0 && d.onlyB.length === 0), onlyHere: d.onlyA, onlyThere: d.onlyB, score });
  }
  return [...best.values()].map(({ score, ...m }) => { void score; return m; });
}

/**
 * The matches of q against places already known to be its matches (when no quote's words changed
 * since they were found): only the word differences are worked out again, no candidate is scanned.
 */
export function matchesAt(ctx: CheckContext, q: Quote, refs: QuoteRef[]): QuoteMatch[] {
  const words = wordsOf(q);
  const out: QuoteMatch[] = [];
  for (const ref of refs) {
    const other = ctx.doc(ref.uri)?.quotes[ref.index];
    if (!other) continue;
    const d = wordDiff(words, wordsOf(other));
    out.push({ ref, quote: other, identical: d.onlyA.length === 0 && d.onlyB.length === 0, onlyHere: d.onlyA, onlyThere: d.onlyB });
  }
  return out;
}

function clip(parts: string[], max = 3): string {
  const shown = parts.slice(0, max).map((p) => `"${p.length > 40 ? `${p.slice(0, 37)}..."` : `${p}"`}`);
  return shown.join(', ') + (parts.length > max ? ` and ${parts.length - max} more` : '');
}

export function quoteDisagreements(ctx: CheckContext, index: QuoteIndex, uri: string): Disagreement[] {
  const doc = ctx.doc(uri);
  if (!doc) return [];
  const out: Disagreement[] = [];
  doc.quotes.forEach((q, qi) => { out.push(...quoteDisagreementsOf(ctx, index, uri, q, qi)); });
  return out;
}

/** The disagreements about one quote of a document. */
export function quoteDisagreementsOf(ctx: CheckContext, index: QuoteIndex, uri: string, q: Quote, qi: number,
  known?: QuoteMatch[]): Disagreement[] {
  const out: Disagreement[] = [];
  if (q.kind !== 'direct') return out;
  const matches = known ?? matchQuotes(ctx, index, uri, q);
  if (matches.length === 0) return out;
  const differing = matches.filter((m) => !m.identical);
  if (differing.length) {
    const parts = differing.map((m) => {
      const diff = [m.onlyHere.length ? `only here: ${clip(m.onlyHere)}` : '', m.onlyThere.length ? `only there: ${clip(m.onlyThere)}` : ''].filter(Boolean).join('; ');
      return `${ctx.label(m.ref.uri)} (${diff})`;
    });
    out.push({
      uri, start: q.start, end: q.end, severity: 'warning', code: QUOTE_WORDING,
      message: `This quote is worded differently in ${listText(parts)}.`,
      related: differing.map((m) => ({ uri: m.ref.uri, start: m.quote.start, end: m.quote.end, message: `"${m.quote.text.length > 80 ? `${m.quote.text.slice(0, 77)}...` : m.quote.text}"` })),
      key: `${QUOTE_WORDING}:${quoteWords(q.text).slice(0, 8).join(' ')}`,
      data: { quote: qi },
    });
  }
  // the same quote given to different speakers
  const mine = q.speaker && q.speaker.local >= 0 ? ctx.entityFor(uri, q.speaker.local) : undefined;
  if (!mine) return out;
  const others = matches.filter((m) => {
    if (!m.quote.speaker || m.quote.speaker.local < 0) return false;
    const theirs = ctx.entityFor(m.ref.uri, m.quote.speaker.local);
    return theirs !== undefined && theirs.id !== mine.id && !sameName(theirs.name, mine.name);
  });
  if (others.length) {
    const names = others.map((m) => `${ctx.entityFor(m.ref.uri, m.quote.speaker!.local)!.name} in ${ctx.label(m.ref.uri)}`);
    out.push({
      uri, start: q.start, end: q.end, severity: 'warning', code: QUOTE_SPEAKER,
      message: `This quote is attributed to ${mine.name} here, but to ${listText(names)}.`,
      related: others.map((m) => ({ uri: m.ref.uri, start: m.quote.speaker!.start, end: m.quote.speaker!.end, message: `attributed to ${m.quote.speaker!.text}` })),
      entity: mine.id, key: `${QUOTE_SPEAKER}:${quoteWords(q.text).slice(0, 8).join(' ')}`,
    });
  }
  return out;
}
