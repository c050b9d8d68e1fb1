/**
 * Custom requests behind the Byline views.
 * - byline/entities: the workspace's entities grouped by type, with counts.
 * - byline/entityDetails: for one entity, what each source says: per article its names and titles,
 *   its quotes, the claims about it and the disagreements, each with the place in the text.
 */
import { CancellationToken, Location, Position } from 'vscode-languageserver';
import { GlobalEntity } from '../analysis/linking';
import { Disagreement, EntityType, Mention } from '../analysis/model';
import { Articles } from '../workspace/articles';
import { articleCount, location, speakerName, TYPE_NAMES } from './shared';
import { mentionsIn, summaryOf } from './summaries';

export const ENTITIES_REQUEST = 'byline/entities';
export const ENTITY_DETAILS_REQUEST = 'byline/entityDetails';

export interface EntitySummary {
  id: string;
  name: string;
  type: EntityType;
  /** "person", "organization", ... */
  typeName: string;
  aliases: string[];
  articles: number;
  mentions: number;
  quotes: number;
  disagreements: number;
  /** The first mention in the earliest article. */
  location?: Location;
}

export interface EntityGroup {
  type: EntityType;
  label: string;
  entities: EntitySummary[];
}

export interface EntitiesParams {
  /** Leave out dates (default true). */
  excludeDates?: boolean;
  /** Only entities in at least this many articles (default 1). */
  minArticles?: number;
}

const GROUPS: Array<[EntityType, string]> = [['PER', 'People'], ['ORG', 'Organizations'], ['LOC', 'Places'], ['MISC', 'Other names'], ['DATE', 'Dates']];

export function entities(articles: Articles, params: EntitiesParams = {}, token?: CancellationToken): EntityGroup[] {
  const index = articles.index;
  const byType = new Map<EntityType, EntitySummary[]>();
  for (const g of index.entities()) {
    if (token?.isCancellationRequested) return [];
    if (g.type === 'DATE' && params.excludeDates !== false) continue;
    const n = articleCount(g);
    if (n < (params.minArticles ?? 1)) continue;
    const list = byType.get(g.type) ?? [];
    list.push(summary(articles, g, n));
    byType.set(g.type, list);
  }
  const out: EntityGroup[] = [];
  for (const [type, label] of GROUPS) {
    const list = byType.get(type);
    if (!list?.length) continue;
    list.sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.name.localeCompare(b.name));
    out.push({ type, label, entities: list });
  }
  return out;
}

function summary(articles: Articles, g: GlobalEntity, n: number): EntitySummary {
  const index = articles.index;
  // the earliest article (by date, then uri) and, in it, the first mention; the entity's quotes
  let firstUri: string | undefined, firstDate = '', first: Mention | undefined, quotes = 0;
  for (const r of g.members) {
    const doc = index.doc(r.uri);
    const e = doc?.entities[r.local];
    if (!doc || !e) continue;
    for (const q of doc.quotes) if (q.speaker?.local === r.local && q.kind !== 'indirect') quotes++;
    const m = doc.mentions[e.mentions[0]];
    if (!m) continue;
    const date = doc.metadata.date ?? '9999';
    if (firstUri === undefined || date < firstDate || (date === firstDate && (r.uri < firstUri || (r.uri === firstUri && m.start < first!.start)))) {
      firstUri = r.uri; firstDate = date; first = m;
    }
  }
  return {
    id: g.id, name: g.name, type: g.type, typeName: TYPE_NAMES[g.type], aliases: g.aliases, articles: n, mentions: g.mentionCount,
    quotes, disagreements: index.disagreementsAbout(g).length,
    location: firstUri && first ? location(articles, firstUri, first.start, first.end) : undefined,
  };
}

export interface SourceItem {
  text: string;
  location: Location;
}

export interface SourceView {
  uri: string;
  /** "CNN, 13 Jul 2023" */
  label: string;
  /** The article's own headline, where it has one. */
  headline?: string;
  date?: string;
  outlet?: string;
  mentions: number;
  /** The names this source uses. */
  names: string[];
  /** Titles and ranks this source gives. */
  titles: SourceItem[];
  quotes: Array<SourceItem & { kind: string; cue?: string; speaker?: string; alsoIn: string[] }>;
  claims: Array<SourceItem & { predicate: string; hedged: boolean; hedge?: string }>;
  disagreements: Array<SourceItem & { code: string }>;
  first: Location;
}

export interface EntityDetails {
  id: string;
  name: string;
  type: EntityType;
  typeName: string;
  aliases: string[];
  mentions: number;
  sources: SourceView[];
  /** Sources that mention the entity: more than \`sources\` lists when the entity is widely covered. */
  totalSources: number;
}

export interface EntityDetailsParams {
  /** The entity's id (from byline/entities) ... */
  id?: string;
  /** ... or the place of one of its mentions. */
  textDocument?: { uri: string };
  position?: Position;
}

/** Sources listed at most by byline/entityDetails (earliest first; the asking article always). */
export const MAX_DETAIL_SOURCES = 300;

export function entityDetails(articles: Articles, params: EntityDetailsParams, token?: CancellationToken): EntityDetails | null {
  const index = articles.index;
  let g: GlobalEntity | undefined;
  const asking = params.textDocument?.uri;
  if (params.id) g = index.entity(params.id);
  else if (asking && params.position) g = index.mentionAt(asking, articles.offsetAt(asking, params.position))?.entity;
  if (!g) return null;
  const s = summaryOf(articles, g);
  // the sources shown: earliest first, up to the limit, and the asking article among them
  const parts = s.parts.filter((p) => p.count > 0);
  let shown = parts.slice(0, MAX_DETAIL_SOURCES);
  const here = asking ? parts.find((p) => p.uri === asking) : undefined;
  if (here && !shown.includes(here)) shown = [...shown.slice(0, MAX_DETAIL_SOURCES - 1), here].sort((a, b) => a.rank - b.rank);
  // disagreements about the entity, by document, once
  const disagreementsByUri = new Map<string, Disagreement[]>();
  for (const d of index.disagreementsAbout(g)) {
    const list = disagreementsByUri.get(d.uri);
    if (list) list.push(d); else disagreementsByUri.set(d.uri, [d]);
  }
  const sources: SourceView[] = [];
  for (const part of shown) {
    if (token?.isCancellationRequested) return null;
    const { uri, doc } = part;
    const locals = new Set(part.locals);
    const own = mentionsIn(part);
    const names = [...new Set(own.map((m) => m.text))];
    const titles: SourceItem[] = [];
    const seenTitles = new Set<string>();
    for (const m of own) {
      const t = m.title;
      if (!t || seenTitles.has(t.text)) continue;
      seenTitles.add(t.text);
      titles.push({ text: t.text, location: location(articles, uri, t.start, m.end) });
    }
    for (const m of own) {
      const r = m.role;
      if (r && !seenTitles.has(r.text)) { seenTitles.add(r.text); titles.push({ text: r.text, location: location(articles, uri, r.start, r.end) }); }
    }
    const quotes: SourceView['quotes'] = [];
    for (const q of doc.quotes) {
      if (!q.speaker || !locals.has(q.speaker.local) || q.kind === 'indirect') continue;
      quotes.push({
        text: q.text, kind: q.kind, cue: q.cue?.text, speaker: speakerName(articles, uri, q.speaker),
        location: location(articles, uri, q.start, q.end),
        alsoIn: [...new Set(index.sameQuotes(uri, q).map((m) => index.label(m.ref.uri)))],
      });
    }
    sources.push({
      uri, label: index.label(uri), headline: doc.metadata.title, date: doc.metadata.date, outlet: doc.metadata.outlet,
      mentions: own.length, names, titles, quotes,
      claims: doc.claims.filter((c) => locals.has(c.local)).map((c) => ({
        text: c.text, predicate: c.predicate, hedged: c.hedged, hedge: c.hedge, location: location(articles, uri, c.start, c.end),
      })),
      disagreements: (disagreementsByUri.get(uri) ?? []).map((d) => ({ text: d.message, code: d.code, location: location(articles, uri, d.start, d.end) })),
      first: location(articles, uri, own[0].start, own[0].end),
    });
  }
  return { id: g.id, name: g.name, type: g.type, typeName: TYPE_NAMES[g.type], aliases: g.aliases, mentions: s.mentions, sources, totalSources: parts.length };
}
