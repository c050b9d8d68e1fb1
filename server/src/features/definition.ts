/**
 * Go to definition: the entity's first mention in each article, ordered by article date. An entity in
 * thousands of articles gives the earliest MAX_DEFINITIONS: where it was introduced, in a list a
 * peek view can show (the references list every mention).
 */
import { CancellationToken, Location, Position } from 'vscode-languageserver';
import { Articles } from '../workspace/articles';
import { firstLocations, summaryOf } from './summaries';

/** Articles listed at most. */
export const MAX_DEFINITIONS = 100;

export function definition(articles: Articles, uri: string, position: Position, token?: CancellationToken): Location[] | null {
  const index = articles.index;
  const hit = index.mentionAt(uri, articles.offsetAt(uri, position));
  if (!hit?.entity || token?.isCancellationRequested) return null;
  return firstLocations(articles, summaryOf(articles, hit.entity), MAX_DEFINITIONS);
}
