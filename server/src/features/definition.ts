/** Go to definition: the entity's first mention in each article, ordered by article date. */
import { CancellationToken, Location, Position } from 'vscode-languageserver';
import { Mention } from '../analysis/model';
import { Articles } from '../workspace/articles';
import { docsByDate, location } from './shared';

export function definition(articles: Articles, uri: string, position: Position, token?: CancellationToken): Location[] | null {
  const index = articles.index;
  const hit = index.mentionAt(uri, articles.offsetAt(uri, position));
  if (!hit?.entity || token?.isCancellationRequested) return null;
  // each document's first mention: the earliest first mention of its local entities
  const first = new Map<string, Mention>();
  for (const r of hit.entity.members) {
    const doc = index.doc(r.uri);
    const k = doc?.entities[r.local]?.mentions[0];
    if (!doc || k === undefined) continue;
    const m = doc.mentions[k];
    const cur = first.get(r.uri);
    if (!cur || m.start < cur.start) first.set(r.uri, m);
  }
  const out: Location[] = [];
  for (const u of docsByDate(articles, hit.entity)) {
    const m = first.get(u);
    if (m) out.push(location(articles, u, m.start, m.end));
  }
  return out;
}
