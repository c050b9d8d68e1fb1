/**
 * Code lenses, only where they help: above a quote that other sources also carry ("quoted in 3
 * sources · 1 worded differently"), and above the first mention in an article of a person or
 * organization that many articles cover ("Ivan Popov · 5 articles, 30 mentions"). Each opens the
 * places it counts (the client command byline.showLocations; other editors show the title).
 */
import { CancellationToken, CodeLens, Location } from 'vscode-languageserver';
import { Articles } from '../workspace/articles';
import { MAX_DEFINITIONS } from './definition';
import { articleCount, location, plural } from './shared';
import { firstLocations, summaryOf } from './summaries';

export const SHOW_LOCATIONS = 'byline.showLocations';

export interface CodeLensOptions {
  enabled?: boolean;
  quotes?: boolean;
  entities?: boolean;
  /** An entity gets a lens when at least this many articles mention it. */
  minArticles?: number;
}

export function codeLenses(articles: Articles, uri: string, options: CodeLensOptions = {}, token?: CancellationToken): CodeLens[] {
  const doc = articles.doc(uri);
  if (!doc || options.enabled === false) return [];
  const index = articles.index;
  const out: CodeLens[] = [];
  if (options.quotes !== false) {
    for (const q of doc.quotes) {
      if (token?.isCancellationRequested) return [];
      const matches = index.sameQuotes(uri, q);
      if (matches.length === 0) continue;
      const differ = matches.filter((m) => !m.identical).length;
      const range = articles.range(uri, q.start, q.start);
      const locations: Location[] = [location(articles, uri, q.start, q.end), ...matches.map((m) => location(articles, m.ref.uri, m.quote.start, m.quote.end))];
      const title = `quoted in ${plural(new Set([uri, ...matches.map((m) => m.ref.uri)]).size, 'source')}${differ ? ` · ${differ} worded differently` : ' · same words'}`;
      out.push({ range, command: { title, command: SHOW_LOCATIONS, arguments: [uri, range.start, locations] } });
    }
  }
  if (options.entities !== false) {
    const min = options.minArticles ?? 3;
    doc.entities.forEach((e, local) => {
      if ((e.type !== 'PER' && e.type !== 'ORG') || e.mentions.length === 0) return;
      const g = index.entityFor(uri, local);
      if (!g || articleCount(g) < min) return;
      // one lens per global entity, at its first mention in this article
      const firsts = g.members.filter((m) => m.uri === uri).map((m) => doc.entities[m.local]?.mentions[0] ?? Infinity);
      const first = e.mentions[0];
      if (first !== Math.min(...firsts)) return;
      const m = doc.mentions[first];
      // the entity's summary: first mention per article in date order, as go to definition lists them
      const s = summaryOf(articles, g);
      const firstPer = firstLocations(articles, s, MAX_DEFINITIONS);
      const range = articles.range(uri, m.start, m.start);
      out.push({ range, command: {
        title: `${g.name} · ${plural(articleCount(g), 'article')}, ${plural(s.mentions, 'mention')}`,
        command: SHOW_LOCATIONS,
        arguments: [uri, range.start, firstPer],
      } });
    });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
