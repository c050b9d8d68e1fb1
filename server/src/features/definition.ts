/** Go to definition: the entity's first mention in each article, ordered by article date. */
import { CancellationToken, Location, Position } from 'vscode-languageserver';
import { Articles } from '../workspace/articles';
import { docsByDate, location } from './shared';

export function definition(articles: Articles, uri: string, position: Position, token?: CancellationToken): Location[] | null {
  const hit = articles.index.mentionAt(uri, articles.offsetAt(uri, position));
  if (!hit?.entity || token?.isCancellationRequested) return null;
  const mentions = articles.index.mentionsOf(hit.entity);
  const out: Location[] = [];
  for (const u of docsByDate(articles, hit.entity)) {
    const first = mentions.find((m) => m.uri === u);
    if (first) out.push(location(articles, u, first.mention.start, first.mention.end));
  }
  return out;
}
