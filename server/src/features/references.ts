/**
 * Find references: every mention of the entity in the workspace, this article's first, then article by
 * article in date order. An entity in thousands of articles has tens of thousands of mentions, more
 * than a references view can show or a client take in at once: whole articles are added up to a limit
 * (byline.references.limit, MAX_REFERENCES by default, 0 for none; this article's mentions always).
 * A client that asks for partial results gets every mention, a batch of articles at a time.
 */
import { CancellationToken, Location, Position, ReferenceContext } from 'vscode-languageserver';
import { Articles } from '../workspace/articles';
import { locationsIn, sourceIn, SourcePart, summaryOf } from './summaries';

/** Mentions returned at most (in whole articles; this article's mentions always). */
export const MAX_REFERENCES = 1000;

export interface ReferencesOptions {
  /** Mentions returned at most (whole articles); 0: no limit. */
  limit?: number;
  /** Partial results: batches of locations are reported here as they are found, and the answer is empty. */
  partial?: (batch: Location[]) => void;
  /** Told when the list stops at the limit: how many were listed of how many, and whose. */
  truncated?: (listed: number, total: number, name: string) => void;
}

export function references(articles: Articles, uri: string, position: Position, context: ReferenceContext, token?: CancellationToken,
  options: ReferencesOptions = {}): Location[] | null {
  const limit = options.partial ? 0 : options.limit ?? MAX_REFERENCES;
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
  const flush = (): void => { if (options.partial && out.length) options.partial(out.splice(0)); };
  const here = sourceIn(s, uri);
  if (here) add(here);
  flush();
  let listed = out.length, pending = 0;
  for (const p of s.parts) {
    if (token?.isCancellationRequested) return null;
    if (p === here) continue;
    if (limit > 0 && listed + p.count > limit) { options.truncated?.(listed, s.mentions, hit.entity.name); break; }
    const before = out.length;
    add(p);
    listed += out.length - before;
    pending += out.length - before;
    if (pending >= PARTIAL_BATCH) { flush(); pending = 0; }
  }
  flush();
  return out;
}

/** Locations per partial result. */
const PARTIAL_BATCH = 2000;
