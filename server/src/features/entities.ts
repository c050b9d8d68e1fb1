/**
 * Custom requests behind the Byline views.
 * - byline/entities: the workspace's entities grouped by type, with counts.
 * - byline/entityDetails: for one entity, what each source says: per article its names and titles,
 *   its quotes, the claims about it and the disagreements, each with the place in the text.
 */
import { CancellationToken, Location, Position } from 'vscode-languageserver';
import { GlobalEntity } from '../analysis/linking';
import { EntityType } from '../analysis/model';
import { Articles } from '../workspace/articles';
import { articleCount, docsByDate, location, speakerName, TYPE_NAMES } from './shared';

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
  const first = docsByDate(articles, g)[0];
  const m = first ? index.mentionsOf(g).find((x) => x.uri === first) : undefined;
  return {
    id: g.id, name: g.name, type: g.type, typeName: TYPE_NAMES[g.type], aliases: g.aliases, articles: n, mentions: g.mentionCount,
    quotes: index.quotesBy(g).length, disagreements: index.disagreementsAbout(g).length,
    location: m ? location(articles, m.uri, m.mention.start, m.mention.end) : undefined,
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
}

export interface EntityDetailsParams {
  /** The entity's id (from byline/entities) ... */
  id?: string;
  /** ... or the place of one of its mentions. */
  textDocument?: { uri: string };
  position?: Position;
}

export function entityDetails(articles: Articles, params: EntityDetailsParams, token?: CancellationToken): EntityDetails | null {
  const index = articles.index;
  let g: GlobalEntity | undefined;
  if (params.id) g = index.entity(params.id);
  else if (params.textDocument && params.position) {
    const uri = params.textDocument.uri;
    g = index.mentionAt(uri, articles.offsetAt(uri, params.position))?.entity;
  }
  if (!g) return null;
  const mentions = index.mentionsOf(g);
  const quotes = index.quotesBy(g);
  const disagreements = index.disagreementsAbout(g);
  const sources: SourceView[] = [];
  for (const uri of docsByDate(articles, g)) {
    if (token?.isCancellationRequested) return null;
    const doc = index.doc(uri);
    if (!doc) continue;
    const own = mentions.filter((m) => m.uri === uri);
    if (own.length === 0) continue;
    const locals = new Set(g.members.filter((m) => m.uri === uri).map((m) => m.local));
    const names = [...new Set(own.map((m) => m.mention.text))];
    const titles: SourceItem[] = [];
    const seenTitles = new Set<string>();
    for (const m of own) {
      const t = m.mention.title;
      if (!t || seenTitles.has(t.text)) continue;
      seenTitles.add(t.text);
      titles.push({ text: t.text, location: location(articles, uri, t.start, m.mention.end) });
    }
    for (const m of own) {
      const r = m.mention.role;
      if (r && !seenTitles.has(r.text)) { seenTitles.add(r.text); titles.push({ text: r.text, location: location(articles, uri, r.start, r.end) }); }
    }
    sources.push({
      uri, label: index.label(uri), headline: doc.metadata.title, date: doc.metadata.date, outlet: doc.metadata.outlet,
      mentions: own.length, names, titles,
      quotes: quotes.filter((q) => q.uri === uri).map((q) => ({
        text: q.quote.text, kind: q.quote.kind, cue: q.quote.cue?.text, speaker: speakerName(articles, uri, q.quote.speaker),
        location: location(articles, uri, q.quote.start, q.quote.end),
        alsoIn: [...new Set(index.sameQuotes(uri, q.quote).map((m) => index.label(m.ref.uri)))],
      })),
      claims: doc.claims.filter((c) => locals.has(c.local)).map((c) => ({
        text: c.text, predicate: c.predicate, hedged: c.hedged, hedge: c.hedge, location: location(articles, uri, c.start, c.end),
      })),
      disagreements: disagreements.filter((d) => d.uri === uri).map((d) => ({ text: d.message, code: d.code, location: location(articles, uri, d.start, d.end) })),
      first: location(articles, uri, own[0].mention.start, own[0].mention.end),
    });
  }
  return { id: g.id, name: g.name, type: g.type, typeName: TYPE_NAMES[g.type], aliases: g.aliases, mentions: mentions.length, sources };
}
