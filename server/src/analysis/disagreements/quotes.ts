/**
 * The same quote worded differently across sources, and the same quote given to different speakers.
 * Quotes are grouped by wording (copies of one quote are compared once) and wordings are found by
 * their runs of words, so the work grows with the matches, not with the number of article pairs.
 */
import { Disagreement, DocumentAnalysis, Quote } from '../model';
import { foldWordMemo, GlobalEntity } from '../linking';
import { basicFold, firstNamesCompatible, nameWords } from '../normalize';
import { CheckContext, MAX_RELATED, MESSAGE_SOURCES, sourcesText } from './context';

export const QUOTE_WORDING = 'quote-wording';
export const QUOTE_SPEAKER = 'quote-speaker';

const MIN_WORDS = 6;
/** A reworded quote's message spells out the differences with this many sources at most (the related places list more). */
const WORDED_SOURCES = MESSAGE_SOURCES;
const SIMILAR = 0.35;
/** Above this share of shared words two quotes are the same quote whoever they are given to. */
const VERBATIM = 0.8;
/** The two must also share a run of this many words in a row. */
const MIN_RUN = 5;
const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'is', 'was', 'it', 'that', 'this', 'we',
  'i', 'you', 'he', 'she', 'they', 'our', 'my', 'be', 'by', 'with', 'as', 'are', 'were', 'not', 'but', 'from', 'all', 'have', 'has']);

/** "Obama" and "Barack Obama", "Calderon" and "Felipe Calderón": one of them may be the surname of the other. */
function sameName(a: string, b: string): boolean {
  const wa = foldedName(a), wb = foldedName(b);
  if (wa.length === 0 || wb.length === 0 || wa[wa.length - 1] !== wb[wb.length - 1]) return false;
  return wa.length === 1 || wb.length === 1 || firstNamesCompatible(wa[0], wb[0]);
}

/** A name's folded words, remembered (speakers' names recur); dropped whole past a bound. */
let foldedNames = new Map<string, string[]>();
function foldedName(name: string): string[] {
  let w = foldedNames.get(name);
  if (!w) {
    w = nameWords(name).map(foldWordMemo);
    if (foldedNames.size >= 20000) foldedNames = new Map();
    foldedNames.set(name, w);
  }
  return w;
}

export function quoteWords(text: string): string[] {
  return basicFold(text).replace(/\[[^\]]*\]/g, ' ').split(/[^\p{L}\p{N}']+/u).map((w) => w.replace(/^'+|'+$/g, '')).filter((w) => w.length > 0);
}

/** quoteWords, remembered by text; dropped whole when it grows past a bound. */
function memoWords(max = 50000): (text: string) => string[] {
  let cache = new Map<string, string[]>();
  return (text: string): string[] => {
    let w = cache.get(text);
    if (!w) {
      w = quoteWords(text);
      if (cache.size >= max) cache = new Map();
      cache.set(text, w);
    }
    return w;
  };
}

/** Content words that index a quote. */
export function indexWords(q: Quote): string[] {
  if (q.kind !== 'direct') return [];
  const words = quoteWords(q.text);
  if (words.length < MIN_WORDS) return [];
  return [...new Set(words.filter((w) => !STOP.has(w) && w.length > 2))];
}

/**
 * The words only in a and only in b: a longest-common-subsequence table walk over the wordings' word
 * ids in one flat table. The words both start with are matched first (as the walk would match them),
 * so copies that differ near the end cost little.
 */
function wordDiffIds(a: Pick<Wording, 'words' | 'ids'>, b: Pick<Wording, 'words' | 'ids'>): { onlyA: string[]; onlyB: string[] } {
  const x = a.ids, y = b.ids, aw = a.words, bw = b.words;
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  const n = x.length - p, m = y.length - p, w = m + 1;
  // two quotes of thousands of words each: the rest of each, whole, rather than a table of that size
  if ((n + 1) * w > 1 << 24) return { onlyA: n ? [aw.slice(p).join(' ')] : [], onlyB: m ? [bw.slice(p).join(' ')] : [] };
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    const xi = x[p + i], row = i * w, next = row + w;
    for (let j = m - 1; j >= 0; j--) {
      dp[row + j] = xi === y[p + j] ? dp[next + j + 1] + 1 : Math.max(dp[next + j], dp[row + j + 1]);
    }
  }
  const onlyA: string[] = [], onlyB: string[] = [];
  let i = 0, j = 0, runA: string[] = [], runB: string[] = [];
  const flush = (): void => {
    if (runA.length) onlyA.push(runA.join(' '));
    if (runB.length) onlyB.push(runB.join(' '));
    runA = []; runB = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && x[p + i] === y[p + j]) { flush(); i++; j++; }
    else if (j >= m || (i < n && dp[(i + 1) * w + j] >= dp[i * w + j + 1])) runA.push(aw[p + i++]);
    else runB.push(bw[p + j++]);
  }
  flush();
  return { onlyA, onlyB };
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

export interface QuoteRef { uri: string; index: number }

/** A word list as numbers (one per distinct word), for the comparisons that only ask whether two words are equal. */
type Ids = Int32Array;

/** Rows for lcsLength and longestRunIds, kept between calls (wordings are compared by the thousand). */
let rowA = new Uint16Array(256), rowB = new Uint16Array(256);

function rows(width: number): void {
  if (rowA.length < width) { rowA = new Uint16Array(width * 2); rowB = new Uint16Array(width * 2); }
  rowA.fill(0, 0, width);
  rowB.fill(0, 0, width);
}

/** Length of the longest common subsequence of two word lists, in two rows of memory. */
function lcsLength(a: Ids, b: Ids): number {
  const m = b.length;
  rows(m + 1);
  let prev = rowA, cur = rowB;
  for (let i = 1; i <= a.length; i++) {
    const x = a[i - 1];
    for (let j = 1; j <= m; j++) cur[j] = x === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    const t = prev; prev = cur; cur = t;
  }
  return prev[m];
}

/** Length of the longest run of words two word lists have in common, in two rows of memory. */
function longestRunIds(a: Ids, b: Ids): number {
  const m = b.length;
  rows(m + 1);
  let best = 0;
  let prev = rowA, cur = rowB;
  for (let i = 1; i <= a.length; i++) {
    const x = a[i - 1];
    for (let j = 1; j <= m; j++) {
      if (x === b[j - 1]) { const v = prev[j - 1] + 1; cur[j] = v; if (v > best) best = v; } else cur[j] = 0;
    }
    const t = prev; prev = cur; cur = t;
  }
  return best;
}

/** How many words two sorted word lists have in common, counted with multiplicity: a bound on their longest common subsequence. */
function sortedOverlap(a: Ids, b: Ids): number {
  let i = 0, j = 0, n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { n++; i++; j++; } else if (a[i] < b[j]) i++; else j++;
  }
  return n;
}

/**
 * One wording: the words of every quote that reads the same word for word (copies of one quote across
 * sources), compared with other wordings once, however many quotes share either.
 */
interface Wording {
  words: string[];
  ids: Ids;
  /** The ids sorted (with repeats): the bag of words. */
  bag: Ids;
  /** Distinct content words, sorted. */
  content: Ids;
  shingles: number[];
  /** The quotes with this wording. */
  quotes: Set<QuoteRef>;
  /** Other wordings that are the same quote: their link as seen from this wording. */
  links: Map<Wording, Link>;
  /** No quote has it any more: it left the index. */
  forgotten?: boolean;
}

/** Two wordings that are the same quote (for at least the same speaker), as seen from one of them. */
interface Link {
  score: number;
  /** One is a contiguous excerpt of the other: the same wording, only shorter. */
  excerpt: boolean;
  /** Nearly all words shared: the same quote whoever it is given to. */
  verbatim: boolean;
  diff?: { onlyA: string[]; onlyB: string[] };
}

/**
 * The index of quotes, by wording. Each distinct wording is indexed by its runs of MIN_RUN words
 * (hashed), since two quotes can only be the same quote when they share such a run; the wordings that
 * are the same quote are linked when a wording first appears, and forgotten with its last quote. An
 * article's quotes are then matched by following links, in time proportional to the matches.
 */
export class QuoteIndex {
  private readonly wordIds = new Map<string, number>();
  private readonly stopIds = new Set<number>();
  private readonly vocab: string[] = [];
  private readonly wordings = new Map<string, Wording>();
  /** Wordings by hashed run of MIN_RUN words (most runs belong to one wording: a list, not a set). */
  private readonly byShingle = new Map<number, Wording | Wording[]>();
  /** Each document's indexed quotes. */
  private readonly docQuotes = new Map<string, Array<[Wording, QuoteRef, Quote]>>();
  private batch: Map<Wording, Map<string, Shared>> | undefined;
  /** Words of quote texts (copies of a quote have one text), remembered until the end of a batch. */
  wordsOf = memoWords();
  /** Wordings of quote texts (null: never matched), remembered until the end of a batch. */
  private byText = new Map<string, Wording | null>();

  private idOfWord(w: string): number {
    let id = this.wordIds.get(w);
    if (id === undefined) {
      id = this.wordIds.size;
      this.wordIds.set(w, id);
      this.vocab.push(w);
      if (STOP.has(w) || w.length <= 2) this.stopIds.add(id);
    }
    return id;
  }

  /** The wording of a text, without adding it; undefined when a quote with it is never matched. */
  private describe(words: string[]): Omit<Wording, 'quotes' | 'links'> | undefined {
    if (words.length < MIN_WORDS || words.length > 65535) return undefined;
    const ids = new Int32Array(words.length);
    // the words themselves as the vocabulary holds them: one string per distinct word across wordings
    const interned = new Array<string>(words.length);
    for (let i = 0; i < words.length; i++) { ids[i] = this.idOfWord(words[i]); interned[i] = this.vocab[ids[i]]; }
    const bag = ids.slice().sort();
    const content: number[] = [];
    for (let i = 0; i < bag.length; i++) if ((i === 0 || bag[i] !== bag[i - 1]) && !this.stopIds.has(bag[i])) content.push(bag[i]);
    // a quote is only looked up by its content words (at least three of them must be shared)
    if (content.length < 3) return undefined;
    const shingles = new Set<number>();
    for (let i = 0; i + MIN_RUN <= ids.length; i++) {
      let h = 0x811c9dc5;
      for (let k = 0; k < MIN_RUN; k++) h = Math.imul(h ^ ids[i + k], 0x01000193);
      shingles.add(h & 0x3fffffff); // a small integer: a cheap map key
    }
    return { words: interned, ids, bag, content: Int32Array.from(content), shingles: [...shingles] };
  }

  /** The wordings that are the same quote as w, and how (every one sharing a run of MIN_RUN words is tried). */
  private linksOf(w: Omit<Wording, 'quotes' | 'links'>, except?: Wording): Map<Wording, Link> {
    const out = new Map<Wording, Link>();
    const tried = new Set<Wording>();
    for (const s of w.shingles) {
      const at = this.byShingle.get(s);
      for (const o of at === undefined ? [] : Array.isArray(at) ? at : [at]) {
        if (o === except || tried.has(o)) continue;
        tried.add(o);
        const link = compare(w, o);
        if (link) out.set(o, link);
      }
    }
    return out;
  }

  private wordingOf(words: string[]): Wording | undefined {
    const key = words.join(' ');
    let w = this.wordings.get(key);
    if (w) return w;
    const d = this.describe(words);
    if (!d) return undefined;
    w = { ...d, quotes: new Set(), links: new Map() };
    w.links = this.linksOf(w, w);
    for (const [o, link] of w.links) o.links.set(w, { score: link.score, excerpt: link.excerpt, verbatim: link.verbatim });
    for (const s of w.shingles) {
      const at = this.byShingle.get(s);
      if (at === undefined) this.byShingle.set(s, w);
      else if (Array.isArray(at)) at.push(w);
      else this.byShingle.set(s, [at, w]);
    }
    this.wordings.set(key, w);
    return w;
  }

  private forget(w: Wording): void {
    for (const o of w.links.keys()) o.links.delete(w);
    for (const s of w.shingles) {
      const at = this.byShingle.get(s);
      if (at === w) { this.byShingle.delete(s); continue; }
      if (!Array.isArray(at)) continue;
      const k = at.indexOf(w);
      if (k >= 0) at.splice(k, 1);
      if (at.length === 1) this.byShingle.set(s, at[0]);
    }
    this.wordings.delete(w.words.join(' '));
    w.forgotten = true;
  }

  /** Replace a document's quotes. */
  update(uri: string, doc: DocumentAnalysis | undefined): void {
    for (const [w, ref] of this.docQuotes.get(uri) ?? []) {
      w.quotes.delete(ref);
      if (w.quotes.size === 0) this.forget(w);
    }
    this.docQuotes.delete(uri);
    if (!doc) return;
    const mine: Array<[Wording, QuoteRef, Quote]> = [];
    const quotes = doc.quotes;
    for (let index = 0; index < quotes.length; index++) {
      const q = quotes[index];
      if (q.kind !== 'direct') continue;
      // copies of a quote have one text: its wording is looked up once per update
      let w = this.byText.get(q.text);
      if (w === undefined || (w && w.forgotten)) {
        w = this.wordingOf(this.wordsOf(q.text)) ?? null;
        this.byText.set(q.text, w);
      }
      if (!w) continue;
      const ref = { uri, index };
      w.quotes.add(ref);
      mine.push([w, ref, q]);
    }
    if (mine.length) this.docQuotes.set(uri, mine);
  }

  /**
   * Quotes of other documents whose matches may involve this document's indexed quotes: those with
   * the same wording or a linked one.
   */
  neighboursOfDoc(uri: string): QuoteRef[] {
    const out: QuoteRef[] = [];
    const seen = new Set<Wording>();
    for (const [w] of this.docQuotes.get(uri) ?? []) {
      if (seen.has(w)) continue;
      seen.add(w);
      for (const r of w.quotes) if (r.uri !== uri) out.push(r);
      for (const o of w.links.keys()) {
        if (seen.has(o)) continue;
        seen.add(o);
        for (const r of o.quotes) if (r.uri !== uri) out.push(r);
      }
    }
    return out;
  }

  /** Quotes of other documents with the same wording as one quote, or a linked one. */
  neighboursOfQuote(uri: string, index: number): QuoteRef[] {
    const w = this.docQuotes.get(uri)?.find(([, r]) => r.index === index)?.[0];
    const out: QuoteRef[] = [];
    if (!w) return out;
    for (const o of [w, ...w.links.keys()]) for (const r of o.quotes) if (r.uri !== uri) out.push(r);
    return out;
  }

  /** The indexed quotes of a document. */
  quotesOfDoc(uri: string): QuoteRef[] {
    return (this.docQuotes.get(uri) ?? []).map(([, r]) => r);
  }

  /** Distinct wordings and links between them, for the benchmark. */
  get stats(): { wordings: number; links: number; shingles: number } {
    let links = 0;
    for (const w of this.wordings.values()) links += w.links.size;
    return { wordings: this.wordings.size, links: links / 2, shingles: this.byShingle.size };
  }

  /**
   * The same quote in other sources: per other document, its best match (the highest share of shared
   * words, then the first quote), in the order of the documents' uris.
   */
  matches(ctx: CheckContext, uri: string, q: Quote): QuoteMatch[] {
    if (q.kind !== 'direct') return [];
    // the quote as the index holds it, or else its words
    let w: Pick<Wording, 'words' | 'ids' | 'quotes' | 'links'> | undefined = this.docQuotes.get(uri)?.find((e) => e[2] === q)?.[0];
    const words = w ? w.words : this.wordsOf(q.text);
    w ??= this.wordings.get(words.join(' '));
    const shared = this.sharedOf(ctx, uri, q, w as Wording | undefined);
    if (shared) return shared.all.filter((m) => m.ref.uri !== uri);
    if (!w) {
      // a quote the index does not hold (not yet added): its links are worked out, not kept
      const d = this.describe(words);
      if (!d) return [];
      w = { words, ids: d.ids, quotes: new Set(), links: this.linksOf(d) } as Pick<Wording, 'words' | 'ids' | 'quotes' | 'links'>;
    }
    const speakerOf = (u: string, x: Quote | undefined): string | undefined =>
      (x?.speaker && x.speaker.local >= 0 ? ctx.entityFor(u, x.speaker.local)?.id : undefined);
    return this.allMatches(ctx, w, words, speakerOf(uri, q), speakerOf).filter((m) => m.ref.uri !== uri);
  }

  /**
   * While a batch of quotes is checked: what the copies of a quote's wording with the quote's speaker
   * share (the matches of the wording for that speaker, found once). Undefined outside a batch, or
   * for a quote the index does not hold (w: the quote's wording, when known).
   */
  sharedOf(ctx: CheckContext, uri: string, q: Quote, w?: Wording): Shared | undefined {
    if (!this.batch || q.kind !== 'direct') return undefined;
    w ??= this.docQuotes.get(uri)?.find((e) => e[2] === q)?.[0];
    if (!w) return undefined;
    const speakerOf = (u: string, x: Quote | undefined): string | undefined =>
      (x?.speaker && x.speaker.local >= 0 ? ctx.entityFor(u, x.speaker.local)?.id : undefined);
    const mine = speakerOf(uri, q);
    let bySpeaker = this.batch.get(w);
    if (!bySpeaker) { bySpeaker = new Map(); this.batch.set(w, bySpeaker); }
    let shared = bySpeaker.get(mine ?? '');
    if (!shared) { shared = { all: this.allMatches(ctx, w, w.words, mine, speakerOf) }; bySpeaker.set(mine ?? '', shared); }
    return shared;
  }

  /** Matches of a wording (for a speaker) in every document, the document of the quote asked about included. */
  private allMatches(ctx: CheckContext, w: Pick<Wording, 'words' | 'quotes' | 'links'>, words: string[], mine: string | undefined,
    speakerOf: (u: string, x: Quote | undefined) => string | undefined): QuoteMatch[] {
    const best = new Map<string, { ref: QuoteRef; score: number; link: Link | undefined; to: Pick<Wording, 'words'> }>();
    const consider = (o: Pick<Wording, 'words' | 'quotes'>, link: Link | undefined): void => {
      const score = link ? link.score : 1;
      for (const ref of o.quotes) {
        const prev = best.get(ref.uri);
        if (prev && (prev.score > score || (prev.score === score && prev.ref.index < ref.index))) continue;
        // a paraphrase is the same quote only from the same speaker
        if (link && !link.verbatim && (mine === undefined || mine !== speakerOf(ref.uri, ctx.doc(ref.uri)?.quotes[ref.index]))) continue;
        best.set(ref.uri, { ref, score, link, to: o });
      }
    };
    consider(w, undefined);
    for (const [o, link] of w.links) consider(o, link);
    const out: QuoteMatch[] = [];
    for (const uriThere of [...best.keys()].sort()) {
      const { ref, link, to } = best.get(uriThere)!;
      const quote = ctx.doc(ref.uri)?.quotes[ref.index];
      if (!quote) continue;
      // two wordings are never the same words: only an excerpt of the other is the same wording
      out.push(link ? new LinkedMatch(ref, quote, link, w as Wording, to as Wording) : { ref, quote, identical: true, onlyHere: NO_WORDS, onlyThere: NO_WORDS });
    }
    return out;
  }

  /**
   * Run fn as one batch: the index does not change meanwhile, so the matches of each wording are
   * worked out once for all its quotes.
   */
  batched<R>(fn: () => R): R {
    if (this.batch) return fn();
    this.batch = new Map();
    try { return fn(); } finally { this.batch = undefined; this.wordsOf = memoWords(); this.byText = new Map(); }
  }
}

const NO_WORDS: string[] = [];

/** A match through a link between two wordings: the word differences are worked out when first asked for, once per link. */
class LinkedMatch implements QuoteMatch {
  readonly identical: boolean;
  constructor(readonly ref: QuoteRef, readonly quote: Quote, private readonly link: Link,
    private readonly here: Pick<Wording, 'words' | 'ids'>, private readonly there: Pick<Wording, 'words' | 'ids'>) {
    this.identical = link.excerpt;
  }
  private get diff(): { onlyA: string[]; onlyB: string[] } {
    return (this.link.diff ??= wordDiffIds(this.here, this.there));
  }
  get onlyHere(): string[] { return this.diff.onlyA; }
  get onlyThere(): string[] { return this.diff.onlyB; }
}

/**
 * Whether two wordings are the same quote. They must share at least three content words and a run of
 * at least MIN_RUN words, and either nearly all their words (VERBATIM) or at least SIMILAR of them (then
 * only for one speaker). Undefined when they are not.
 */
function compare(a: Omit<Wording, 'quotes' | 'links'>, b: Omit<Wording, 'quotes' | 'links'>): Link | undefined {
  if (sortedOverlap(a.content, b.content) < 3) return undefined;
  const min = Math.min(a.ids.length, b.ids.length);
  // cheap bound first: the shared words cannot exceed the words the two have in common
  const bound = sortedOverlap(a.bag, b.bag);
  if (bound < MIN_RUN || bound / min < SIMILAR) return undefined;
  const score = lcsLength(a.ids, b.ids) / min;
  if (score < SIMILAR) return undefined;
  const run = longestRunIds(a.ids, b.ids);
  if (run < MIN_RUN) return undefined;
  return { score, excerpt: run === min, verbatim: score >= VERBATIM };
}

/** A quote of another source that is the same quote as q (similar enough), with its word diff. */
export interface QuoteMatch { ref: QuoteRef; quote: Quote; identical: boolean; onlyHere: string[]; onlyThere: string[] }

/** The matches of one wording for one speaker in a batch, and the diagnostics its copies share. */
interface Shared {
  /** Matches in every document (the document of the quote asked about included). */
  all: QuoteMatch[];
  /** Documents whose match is a different wording or a different speaker: a copy there has its own diagnostics. */
  hot?: Set<string>;
  /** The diagnostics of a copy in any other document, but for where the copy is. */
  diagnostics?: Disagreement[];
}

/** A match as a diagnostic shows it: how the message names it and what the related place says, once worked out. */
type Shown = QuoteMatch & { part?: string; said?: string; who?: GlobalEntity | null };

/**
 * The same quote in other sources. Two quotes are the same when they share a run of at least MIN_RUN
 * words and either nearly all their words (VERBATIM), or at least SIMILAR of them and the same speaker:
 * a paraphrase of one person's words is a rewording, while two speakers sharing a stock phrase ("the
 * next president of the United States") is no quote at all. A quote that is a contiguous excerpt of
 * the other is the same wording, only shorter.
 */
export function matchQuotes(ctx: CheckContext, index: QuoteIndex, uri: string, q: Quote): QuoteMatch[] {
  return index.matches(ctx, uri, q);
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

/**
 * quoteDisagreementsOf, in a batch (see QuoteIndex.batched): the copies of a wording with one speaker
 * share their matches, and so their diagnostics but for where each copy is, unless the copy's own
 * document holds a match that shows (a different wording, or the quote given to another speaker).
 */
export function quoteDisagreementsShared(ctx: CheckContext, index: QuoteIndex, uri: string, q: Quote, qi: number): Disagreement[] {
  const shared = index.sharedOf(ctx, uri, q);
  if (!shared) return quoteDisagreementsOf(ctx, index, uri, q, qi);
  if (!shared.hot) {
    const hot = new Set<string>();
    const mine = q.speaker && q.speaker.local >= 0 ? ctx.entityFor(uri, q.speaker.local) : undefined;
    for (const m of shared.all as Shown[]) {
      if (!m.identical) { hot.add(m.ref.uri); continue; }
      if (!mine) continue;
      if (m.who === undefined) m.who = (m.quote.speaker && m.quote.speaker.local >= 0 ? ctx.entityFor(m.ref.uri, m.quote.speaker.local) : undefined) ?? null;
      const theirs = m.who ?? undefined;
      if (theirs !== undefined && theirs.id !== mine.id && !sameName(theirs.name, mine.name)) hot.add(m.ref.uri);
    }
    shared.hot = hot;
  }
  if (shared.hot.has(uri)) return quoteDisagreementsOf(ctx, index, uri, q, qi, shared.all.filter((m) => m.ref.uri !== uri));
  // no match in this document shows: the diagnostics are those of the wording's matches in every document
  shared.diagnostics ??= quoteDisagreementsOf(ctx, index, uri, q, qi, shared.all);
  if (shared.diagnostics.length === 0) return shared.diagnostics;
  return shared.diagnostics.map((d): Disagreement => (d.code === QUOTE_WORDING
    ? { uri, start: q.start, end: q.end, severity: d.severity, code: d.code, message: d.message, related: d.related, key: d.key, data: { quote: qi } }
    : { uri, start: q.start, end: q.end, severity: d.severity, code: d.code, message: d.message, related: d.related, entity: d.entity, key: d.key }));
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
    // an often-copied quote points at MAX_RELATED of the sources at most, and its message spells out the
    // word differences of the first WORDED_SOURCES only, then says how many more sources there are
    const shown = differing.slice(0, MAX_RELATED) as Shown[];
    // a match shared by the copies of one quote (see QuoteIndex.batched) is put in words once
    const parts = shown.slice(0, WORDED_SOURCES).map((m) => {
      if (m.part === undefined) {
        const diff = [m.onlyHere.length ? `only here: ${clip(m.onlyHere)}` : '', m.onlyThere.length ? `only there: ${clip(m.onlyThere)}` : ''].filter(Boolean).join('; ');
        m.part = `${ctx.label(m.ref.uri)} (${diff})`;
      }
      return m.part;
    });
    out.push({
      uri, start: q.start, end: q.end, severity: 'warning', code: QUOTE_WORDING,
      message: `This quote is worded differently in ${sourcesText(parts, differing.length - parts.length)}.`,
      related: shown.map((m) => ({ uri: m.ref.uri, start: m.quote.start, end: m.quote.end, message: m.said ??= `"${m.quote.text.length > 80 ? `${m.quote.text.slice(0, 77)}...` : m.quote.text}"` })),
      key: `${QUOTE_WORDING}:${index.wordsOf(q.text).slice(0, 8).join(' ')}`,
      data: { quote: qi },
    });
  }
  // the same quote given to different speakers
  const mine = q.speaker && q.speaker.local >= 0 ? ctx.entityFor(uri, q.speaker.local) : undefined;
  if (!mine) return out;
  // each match's speaker, once per match (a match is shared by the copies of a quote in a batch)
  const speakerOf = (m: Shown): GlobalEntity | undefined => {
    if (m.who === undefined) m.who = (m.quote.speaker && m.quote.speaker.local >= 0 ? ctx.entityFor(m.ref.uri, m.quote.speaker.local) : undefined) ?? null;
    return m.who ?? undefined;
  };
  const others = (matches as Shown[]).filter((m) => {
    const theirs = speakerOf(m);
    return theirs !== undefined && theirs.id !== mine.id && !sameName(theirs.name, mine.name);
  });
  if (others.length) {
    const shown = others.slice(0, MAX_RELATED);
    const names = shown.map((m) => `${speakerOf(m)!.name} in ${ctx.label(m.ref.uri)}`);
    out.push({
      uri, start: q.start, end: q.end, severity: 'warning', code: QUOTE_SPEAKER,
      message: `This quote is attributed to ${mine.name} here, but to ${sourcesText(names, others.length - shown.length)}.`,
      related: shown.map((m) => ({ uri: m.ref.uri, start: m.quote.speaker!.start, end: m.quote.speaker!.end, message: `attributed to ${m.quote.speaker!.text}` })),
      entity: mine.id, key: `${QUOTE_SPEAKER}:${index.wordsOf(q.text).slice(0, 8).join(' ')}`,
    });
  }
  return out;
}
