/**
 * Find references: every mention of the entity in the workspace, this article's first, then article by
 * article in date order. An entity in thousands of articles has tens of thousands of mentions, more
 * than a references view can show or a client take in at once: whole articles are added up to
 * MAX_REFERENCES mentions (this article's always).
 */
import { CancellationToken, Location, Position, ReferenceContext } from 'vscode-languageserver';
import { Articles } from '../workspace/articles';
import { locationsIn, sourceIn, SourcePart, summaryOf } from './summaries';

/** Mentions returned at most (in whole articles; this article's mentions always). */
export const MAX_REFERENCES = 1000;

export function references(articles: Articles, uri: string, position: Position, context: ReferenceContext, token?: CancellationToken): Location[] | null {
  const hit = articles.index.mentionAt(uri, articles.offsetAt(uri, position));
  if (!hit?.entity) return null;
  const s = summaryOf(articles, hit.entity);
  const out: Location[] = [];
  const declaration = articles.positionAt(uri, hit.mention.start);
  const add = (p: SourcePart): void => {
    for (const l of locationsIn(articles, p)) {
      if (!context.includeDeclaration && p.uri === uri && l.range.start.line === declaration.line && l.range.start.character === declaration.character) continue;
      out.push(l);
    }
  };
  const here = sourceIn(s, uri);
  if (here) add(here);
  for (const p of s.parts) {
    if (token?.isCancellationRequested) return null;
    if (p === here) continue;
    if (out.length + p.count > MAX_REFERENCES) break;
    add(p);
  }
  return out;
}
