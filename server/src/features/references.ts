/** Find references: every mention of the entity in the workspace. */
import { CancellationToken, Location, Position, ReferenceContext } from 'vscode-languageserver';
import { Articles } from '../workspace/articles';
import { location } from './shared';

export function references(articles: Articles, uri: string, position: Position, context: ReferenceContext, token?: CancellationToken): Location[] | null {
  const hit = articles.index.mentionAt(uri, articles.offsetAt(uri, position));
  if (!hit?.entity) return null;
  const out: Location[] = [];
  for (const m of articles.index.mentionsOf(hit.entity)) {
    if (token?.isCancellationRequested) return null;
    if (!context.includeDeclaration && m.uri === uri && m.mention.start === hit.mention.start) continue;
    out.push(location(articles, m.uri, m.mention.start, m.mention.end));
  }
  return out;
}
