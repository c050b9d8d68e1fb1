/**
 * Per-entity summaries for the editor requests: an entity's sources sorted once by date, the mentions
 * each source makes and its first one, the most mentioning sources, and (made when first asked for)
 * its quotes across sources, the disagreements about it and the Locations handed to the client. A
 * widely covered entity (a candidate named in most of 10,000 articles) is summarised once, not on every
 * hover, definition or references request: a request then costs a check per source plus the lines
 * or Locations it returns.
 *
 * Cached by entity object: the index makes a new GlobalEntity whenever linking changes an entity, so
 * a summary dies with its entity. An edit that keeps the linking (typing inside a sentence) keeps the
 * entity but replaces the document's analysis: a summary is current while each of its sources is the
 * same analysis object, and a replaced one is summarised again on its own. The quote and disagreement
 * digests also depend on what other documents say: they keep the index's identity stamps
 * (WorkspaceIndex.stamp) of the quote matches and diagnostics they were made from.
 */
import { Location } from 'vscode-languageserver';
import { GlobalEntity } from '../analysis/linking';
import { Disagreement, DocumentAnalysis, Mention, Quote } from '../analysis/model';
import { WorkspaceIndex } from '../analysis/workspace';
import { Articles } from '../workspace/articles';
import { articleCount, location } from './shared';

/** How many of the most mentioning sources a summary keeps in order (the hover card lists 8). */
export const TOP_SOURCES = 8;

/** One document's share of an entity. */
export interface SourcePart {
  uri: string;
  doc: DocumentAnalysis;
  /** The entity's local entities in the document (usually one). */
  locals: number[];
  /** Mentions of the entity in the document. */
  count: number;
  /** The first of them in text order (undefined for an entity without mentions here). */
  first: Mention | undefined;
  /** Position in date order. */
  rank: number;
  /** Made when first asked for (see details()). */
  details?: { titles: string[]; role: string | undefined };
  /** Where each of the mentions is, in text order: made when first asked for (see locationsIn()). */
  locations?: Location[];
}

/** A quote of the entity, with the same quote in other sources, told once. */
export interface QuoteGroup { uri: string; quote: Quote; also: string[] }

export interface QuoteDigest {
  /** Every group, in date order of the sources then text order. */
  groups: QuoteGroup[];
  /** Sources quoting the entity. */
  sources: number;
  /** Stamps: the quote matches of each document quoting the entity (uris[i] had stamps[i]). */
  uris: string[];
  stamps: unknown[];
}

export interface DisagreementDigest {
  all: Disagreement[];
  /** Index in `all` of the disagreements of each document. */
  byUri: Map<string, number[]>;
  /** Per code: the index of its first disagreement and of its first one in another document than that. */
  byCode: Map<string, [number, number | undefined]>;
  /** Stamps: the entity's diagnostics, the disabled codes, each source's quote diagnostics (in parts order). */
  entityStamp: unknown;
  disabledStamp: unknown;
  quoteStamps: unknown[];
}

export interface EntitySummary {
  entity: GlobalEntity;
  /** Sources in date order (undated last, then by uri). */
  parts: SourcePart[];
  /** The same sources in uri order (the order of the entity's members), for sourceIn(). */
  byUri: SourcePart[];
  mentions: number;
  /** The TOP_SOURCES sources with the most mentions (then in date order), most first. */
  top: SourcePart[];
  quotes?: QuoteDigest;
  disagreements?: DisagreementDigest;
  /** Where the first mention of each source is, in date order, as far as asked for (see firstLocations()). */
  firsts?: { max: number; list: Location[] };
}

/**
 * Entities in at least this many articles are summarised together, on the first request about one of
 * them (a smaller entity is summarised on demand in a millisecond or two).
 */
export const BULK_ARTICLES = 100;

const cache = new WeakMap<GlobalEntity, EntitySummary>();

/**
 * The summary of an entity, made or checked (one identity check per source). The first request
 * about a widely covered entity summarises every widely covered entity not yet summarised, with their
 * quotes and disagreements: after a cold index one request pays for them all, not the first request
 * about each.
 */
export function summaryOf(articles: Articles, g: GlobalEntity): EntitySummary {
  const index = articles.index;
  const cached = cache.get(g);
  if (cached) return refresh(index, cached);
  if (g.members.length >= BULK_ARTICLES && articleCount(g) >= BULK_ARTICLES) warm(articles);
  return cache.get(g) ?? made(index, g);
}

function made(index: WorkspaceIndex, g: GlobalEntity): EntitySummary {
  const s = summarize(index, g);
  cache.set(g, s);
  return s;
}

/** Summaries, quotes and disagreements of every widely covered entity that has none yet. */
export function warm(articles: Articles): void {
  const done: EntitySummary[] = [];
  for (const g of articles.index.entities()) {
    if (g.members.length < BULK_ARTICLES || cache.has(g) || g.type === 'DATE' || articleCount(g) < BULK_ARTICLES) continue;
    const s = made(articles.index, g);
    quoteDigest(articles, s);
    disagreementDigest(articles, s);
    done.push(s);
  }
  // the checks the next requests make, once each (a few milliseconds): they are compiled before the first hover needs them
  for (const s of done) { refresh(articles.index, s); quoteDigest(articles, s); disagreementDigest(articles, s); }
}

/**
 * A summary brought up to date: sources whose analysis was replaced (an edit that kept the linking)
 * are summarised again, re-sorted only where a date changed; the quote and disagreement digests are
 * made again when next asked for.
 */
function refresh(index: WorkspaceIndex, s: EntitySummary): EntitySummary {
  let stale = false, redate = false;
  for (const p of s.parts) {
    const doc = index.doc(p.uri);
    if (doc === p.doc) continue;
    if (!doc) return made(index, s.entity);
    stale = true;
    if (doc.metadata.date !== p.doc.metadata.date) redate = true;
    p.doc = doc;
    p.details = undefined;
    p.locations = undefined;
    measure(p);
  }
  if (!stale) return s;
  if (redate) sortByDate(s.parts);
  s.mentions = s.parts.reduce((n, p) => n + p.count, 0);
  s.top = topSources(s.parts);
  s.quotes = undefined;
  s.disagreements = undefined;
  s.firsts = undefined;
  return s;
}

/** A source's mention count and first mention, from its analysis. */
function measure(p: SourcePart): void {
  p.count = 0;
  p.first = undefined;
  for (const local of p.locals) {
    const e = p.doc.entities[local];
    if (!e) continue;
    p.count += e.mentions.length;
    const k = e.mentions[0];
    if (k === undefined) continue;
    const m = p.doc.mentions[k];
    if (!p.first || m.start < p.first.start) p.first = m;
  }
}

function summarize(index: WorkspaceIndex, g: GlobalEntity): EntitySummary {
  const parts: SourcePart[] = [];
  // members are sorted by uri, then local
  let part: SourcePart | undefined;
  for (const r of g.members) {
    if (part && part.uri === r.uri) { part.locals.push(r.local); continue; }
    const doc = index.doc(r.uri);
    if (!doc) continue;
    part = { uri: r.uri, doc, locals: [r.local], count: 0, first: undefined, rank: 0 };
    parts.push(part);
  }
  let mentions = 0;
  for (const p of parts) { measure(p); mentions += p.count; }
  const byUri = parts.slice();
  sortByDate(parts);
  return { entity: g, parts, byUri, mentions, top: topSources(parts) };
}

/** The entity's share of one document. */
export function sourceIn(s: EntitySummary, uri: string): SourcePart | undefined {
  // binary search: the members an entity is made of are sorted by uri
  let lo = 0, hi = s.byUri.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = s.byUri[mid].uri;
    if (u === uri) return s.byUri[mid];
    if (u < uri) lo = mid + 1; else hi = mid - 1;
  }
  return undefined;
}

/** Date order (undated last, then by uri), and each part's rank in it. */
function sortByDate(parts: SourcePart[]): void {
  // one key per source, compared as plain strings ("\0" sorts a shorter date first, as a prefix does)
  const keyed = parts.map((p) => ({ p, key: `${p.doc.metadata.date ?? '9999'}\u0000${p.uri}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) { parts[i] = keyed[i].p; parts[i].rank = i; }
}

/** The most mentioning sources: one pass keeping a short sorted list. */
function topSources(parts: SourcePart[]): SourcePart[] {
  const top: SourcePart[] = [];
  for (const p of parts) {
    if (top.length === TOP_SOURCES && !before(p, top[top.length - 1])) continue;
    let i = top.length;
    while (i > 0 && before(p, top[i - 1])) i--;
    top.splice(i, 0, p);
    if (top.length > TOP_SOURCES) top.pop();
  }
  return top;
}

/** More mentions first, then earlier in date order. */
function before(a: SourcePart, b: SourcePart): boolean {
  return a.count > b.count || (a.count === b.count && a.rank < b.rank);
}

/** What a source calls the entity: its titles (in order of appearance) and the first role phrase given to a mention. */
export function details(part: SourcePart): { titles: string[]; role: string | undefined } {
  if (part.details) return part.details;
  const titles = new Set<string>();
  let role: Mention | undefined;
  for (const local of part.locals) {
    const e = part.doc.entities[local];
    if (!e) continue;
    for (const t of e.titles ?? []) titles.add(t.text);
    for (const k of e.mentions) {
      const m = part.doc.mentions[k];
      if (m.role && (!role || m.start < role.start)) role = m;
      // a local entity's mentions are in text order: the first with a role is its earliest
      if (m.role) break;
    }
  }
  part.details = { titles: [...titles], role: role?.role?.text };
  return part.details;
}

/** Every mention of the entity in one source, in text order. */
export function mentionsIn(part: SourcePart): Mention[] {
  const out: Mention[] = [];
  for (const local of part.locals) for (const k of part.doc.entities[local]?.mentions ?? []) out.push(part.doc.mentions[k]);
  if (part.locals.length > 1) out.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * Where a source's mentions of the entity are, in text order (kept with the source: the objects are
 * handed out again to every references request, read-only).
 */
export function locationsIn(articles: Articles, part: SourcePart): readonly Location[] {
  if (!part.locations) part.locations = mentionsIn(part).map((m) => location(articles, part.uri, m.start, m.end));
  return part.locations;
}

/** Where the first mention of each of the first `max` sources (in date order) is. */
export function firstLocations(articles: Articles, s: EntitySummary, max: number): Location[] {
  if (!s.firsts || s.firsts.max < max) {
    const list: Location[] = [];
    for (const p of s.parts) {
      if (list.length >= max) break;
      if (p.first) list.push(location(articles, p.uri, p.first.start, p.first.end));
    }
    s.firsts = { max, list };
  }
  return s.firsts.list.length > max ? s.firsts.list.slice(0, max) : s.firsts.list;
}

/** The sources a card lists: the hovered one and the most mentioning ones, `max` in all, in date order. */
export function listedSources(s: EntitySummary, uri: string, max = TOP_SOURCES): SourcePart[] {
  if (s.parts.length <= max) return s.parts;
  const keep = s.top.slice(0, max);
  const here = sourceIn(s, uri);
  if (here && !keep.includes(here)) { keep.pop(); keep.unshift(here); }
  return keep.sort((a, b) => a.rank - b.rank);
}

/** A document's quotes (not reported speech) by the local entity of their speaker: made once per analysis. */
const speakerQuotes = new WeakMap<DocumentAnalysis, Map<number, number[]>>();

function quotesBySpeaker(doc: DocumentAnalysis): Map<number, number[]> {
  let by = speakerQuotes.get(doc);
  if (!by) {
    by = new Map();
    doc.quotes.forEach((q, i) => {
      if (!q.speaker || q.kind === 'indirect') return;
      const list = by!.get(q.speaker.local);
      if (list) list.push(i); else by!.set(q.speaker.local, [i]);
    });
    speakerQuotes.set(doc, by);
  }
  return by;
}

/** The entity's quotes grouped across sources (the same quote told by several sources is one group). */
export function quoteDigest(articles: Articles, s: EntitySummary): QuoteDigest {
  const index = articles.index;
  const cached = s.quotes;
  if (cached) {
    let ok = true;
    for (let i = 0; ok && i < cached.uris.length; i++) ok = index.stamp('quoteMatches', cached.uris[i]) === cached.stamps[i];
    if (ok) return cached;
  }
  const groups: QuoteGroup[] = [];
  /** Places already told, by document: quote starts. */
  const covered = new Map<string, Set<number>>();
  const uris: string[] = [], stamps: unknown[] = [];
  const mine: number[] = [];
  // parts are in date order; within a document, text order
  for (const p of s.parts) {
    const by = quotesBySpeaker(p.doc);
    mine.length = 0;
    for (const local of p.locals) for (const i of by.get(local) ?? []) mine.push(i);
    if (mine.length === 0) continue;
    if (p.locals.length > 1) mine.sort((a, b) => p.doc.quotes[a].start - p.doc.quotes[b].start);
    uris.push(p.uri);
    stamps.push(index.stamp('quoteMatches', p.uri));
    for (const i of mine) {
      const quote = p.doc.quotes[i];
      if (covered.get(p.uri)?.has(quote.start)) continue;
      const same = quote.kind === 'direct' ? index.sameQuotePlaces(p.uri, i) : [];
      const also: string[] = [];
      for (const m of same) {
        const set = covered.get(m.uri);
        if (set) set.add(m.start); else covered.set(m.uri, new Set([m.start]));
        if (!also.includes(m.uri)) also.push(m.uri);
      }
      groups.push({ uri: p.uri, quote, also });
    }
  }
  s.quotes = { groups, sources: uris.length, uris, stamps };
  return s.quotes;
}

/** The disagreements about the entity, indexed for a card that lists the hovered document's first. */
export function disagreementDigest(articles: Articles, s: EntitySummary): DisagreementDigest {
  const index = articles.index;
  const cached = s.disagreements;
  if (cached) {
    let ok = index.stamp('entityDiagnostics', s.entity.id) === cached.entityStamp && index.stamp('disabled') === cached.disabledStamp;
    for (let i = 0; ok && i < s.parts.length; i++) ok = index.stamp('quoteDiagnostics', s.parts[i].uri) === cached.quoteStamps[i];
    if (ok) return cached;
  }
  const entityStamp = index.stamp('entityDiagnostics', s.entity.id), disabledStamp = index.stamp('disabled');
  const quoteStamps = s.parts.map((p) => index.stamp('quoteDiagnostics', p.uri));
  const all = index.disagreementsAbout(s.entity);
  const byUri = new Map<string, number[]>();
  const byCode = new Map<string, [number, number | undefined]>();
  all.forEach((d, i) => {
    const list = byUri.get(d.uri);
    if (list) list.push(i); else byUri.set(d.uri, [i]);
    const c = byCode.get(d.code);
    if (!c) byCode.set(d.code, [i, undefined]);
    else if (c[1] === undefined && all[c[0]].uri !== d.uri) c[1] = i;
  });
  s.disagreements = { all, byUri, byCode, entityStamp, disabledStamp, quoteStamps };
  return s.disagreements;
}

/**
 * The disagreements a card lists for a document: that document's, then one of each other kind from
 * elsewhere (in the order of `all`), `max` in all.
 */
export function listedDisagreements(dg: DisagreementDigest, uri: string, max: number): Disagreement[] {
  const own = dg.byUri.get(uri) ?? [];
  const codes = new Set(own.map((i) => dg.all[i].code));
  const elsewhere: number[] = [];
  for (const [code, [first, second]] of dg.byCode) {
    if (codes.has(code)) continue;
    const i = dg.all[first].uri !== uri ? first : second;
    if (i !== undefined) elsewhere.push(i);
  }
  elsewhere.sort((a, b) => a - b);
  return [...own.slice(0, max), ...elsewhere].slice(0, max).map((i) => dg.all[i]);
}
