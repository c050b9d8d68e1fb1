/**
 * Per-entity summaries for the editor requests: an entity's sources sorted once by date, the mentions
 * each source makes and its first one, the most mentioning sources, and (made when first asked for)
 * its quotes across sources and the disagreements about it. A widely covered entity (a candidate in
 * most of 10,000 articles) is summarised once, not on every hover, definition or references request.
 *
 * Cached by entity object: the index makes a new GlobalEntity whenever linking changes an entity, so
 * a summary dies with its entity. An edit that keeps linking (typing inside a sentence) keeps the
 * entity but replaces the document's analysis: a summary is current while every one of its documents
 * is the same analysis object (a check per source, no work per mention). The quote and disagreement
 * digests also depend on what other documents say, and keep the index's stamps for that.
 */
import { GlobalEntity } from '../analysis/linking';
import { Disagreement, DocumentAnalysis, Mention, Quote } from '../analysis/model';
import { WorkspaceIndex } from '../analysis/workspace';
import { Articles } from '../workspace/articles';

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
}

/** A quote of the entity, with the same quote in other sources, told once. */
export interface QuoteGroup { uri: string; quote: Quote; also: string[] }

export interface QuoteDigest {
  /** Every group, in date order of the sources then text order. */
  groups: QuoteGroup[];
  /** Sources quoting the entity. */
  sources: number;
  /** Stamps: the quote matches of each document quoting the entity, as they were. */
  stamps: Array<[string, unknown]>;
}

export interface DisagreementDigest {
  all: Disagreement[];
  /** Index in `all` of the disagreements of each document. */
  byUri: Map<string, number[]>;
  /** Per code: the index of its first disagreement and of its first one in another document than that. */
  byCode: Map<string, [number, number | undefined]>;
  stamps: { entity: { diagnostics: unknown; disabled: unknown }; quotes: unknown[] };
}

export interface EntitySummary {
  entity: GlobalEntity;
  /** Sources in date order (undated last, then by uri). */
  parts: SourcePart[];
  byUri: Map<string, SourcePart>;
  mentions: number;
  /** The TOP_SOURCES sources with the most mentions (then in date order), most first. */
  top: SourcePart[];
  quotes?: QuoteDigest;
  disagreements?: DisagreementDigest;
}

const cache = new WeakMap<GlobalEntity, EntitySummary>();

/** The summary of an entity, made or checked (one identity check per source). */
export function summaryOf(articles: Articles, g: GlobalEntity): EntitySummary {
  const index = articles.index;
  const cached = cache.get(g);
  if (cached && current(index, cached)) return cached;
  const made = summarize(index, g);
  cache.set(g, made);
  return made;
}

function current(index: WorkspaceIndex, s: EntitySummary): boolean {
  for (const p of s.parts) if (index.doc(p.uri) !== p.doc) return false;
  return true;
}

function summarize(index: WorkspaceIndex, g: GlobalEntity): EntitySummary {
  const parts: SourcePart[] = [];
  const byUri = new Map<string, SourcePart>();
  let mentions = 0;
  // members are sorted by uri, then local
  for (const r of g.members) {
    const doc = index.doc(r.uri);
    const e = doc?.entities[r.local];
    if (!doc) continue;
    let part = byUri.get(r.uri);
    if (!part) {
      part = { uri: r.uri, doc, locals: [], count: 0, first: undefined, rank: 0 };
      byUri.set(r.uri, part);
      parts.push(part);
    }
    part.locals.push(r.local);
    if (!e) continue;
    part.count += e.mentions.length;
    mentions += e.mentions.length;
    const k = e.mentions[0];
    if (k !== undefined) {
      const m = doc.mentions[k];
      if (!part.first || m.start < part.first.start) part.first = m;
    }
  }
  // date order: one key per source, compared as plain strings ("\0" sorts a shorter date first, as a prefix does)
  const keyed = parts.map((p) => ({ p, key: `${p.doc.metadata.date ?? '9999'}\u0000${p.uri}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) { parts[i] = keyed[i].p; parts[i].rank = i; }
  // the most mentioning sources: one pass keeping a short sorted list
  const top: SourcePart[] = [];
  for (const p of parts) {
    if (top.length === TOP_SOURCES && !before(p, top[top.length - 1])) continue;
    let i = top.length;
    while (i > 0 && before(p, top[i - 1])) i--;
    top.splice(i, 0, p);
    if (top.length > TOP_SOURCES) top.pop();
  }
  return { entity: g, parts, byUri, mentions, top };
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

/** The sources a card lists: the hovered one and the most mentioning ones, `max` in all, in date order. */
export function listedSources(s: EntitySummary, uri: string, max = TOP_SOURCES): SourcePart[] {
  if (s.parts.length <= max) return s.parts;
  const keep = s.top.slice(0, max);
  const here = s.byUri.get(uri);
  if (here && !keep.includes(here)) { keep.pop(); keep.unshift(here); }
  return keep.sort((a, b) => a.rank - b.rank);
}

/** The entity's quotes grouped across sources (the same quote told by several sources is one group). */
export function quoteDigest(articles: Articles, s: EntitySummary): QuoteDigest {
  const index = articles.index;
  const cached = s.quotes;
  if (cached && cached.stamps.every(([u, m]) => index.quoteStamps(u).matches === m)) return cached;
  const quotes: Array<{ uri: string; quote: Quote; index: number; rank: number }> = [];
  for (const p of s.parts) {
    const locals = new Set(p.locals);
    p.doc.quotes.forEach((q, i) => {
      if (q.speaker && locals.has(q.speaker.local) && q.kind !== 'indirect') quotes.push({ uri: p.uri, quote: q, index: i, rank: p.rank });
    });
  }
  // parts are in date order already; within a document, text order
  quotes.sort((a, b) => a.rank - b.rank || a.quote.start - b.quote.start);
  const groups: QuoteGroup[] = [];
  const covered = new Set<string>();
  const stamps: Array<[string, unknown]> = [];
  let last: string | undefined;
  for (const q of quotes) {
    if (q.uri !== last) { stamps.push([q.uri, index.quoteStamps(q.uri).matches]); last = q.uri; }
    const key = `${q.uri}\u0000${q.quote.start}`;
    if (covered.has(key)) continue;
    const same = q.quote.kind === 'direct' ? index.sameQuotePlaces(q.uri, q.index) : [];
    for (const m of same) covered.add(`${m.uri}\u0000${m.start}`);
    groups.push({ uri: q.uri, quote: q.quote, also: [...new Set(same.map((m) => m.uri))] });
  }
  s.quotes = { groups, sources: stamps.length, stamps };
  return s.quotes;
}

/** The disagreements about the entity, indexed for a card that lists the hovered document's first. */
export function disagreementDigest(articles: Articles, s: EntitySummary): DisagreementDigest {
  const index = articles.index;
  const cached = s.disagreements;
  if (cached) {
    const e = index.entityStamps(s.entity.id);
    let ok = e.diagnostics === cached.stamps.entity.diagnostics && e.disabled === cached.stamps.entity.disabled;
    for (let i = 0; ok && i < s.parts.length; i++) ok = index.quoteStamps(s.parts[i].uri).diagnostics === cached.stamps.quotes[i];
    if (ok) return cached;
  }
  const stamps = { entity: index.entityStamps(s.entity.id), quotes: s.parts.map((p) => index.quoteStamps(p.uri).diagnostics) };
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
  s.disagreements = { all, byUri, byCode, stamps };
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
