/**
 * Semantic tokens: one token type per entity type, so names are coloured by type, and the quoted
 * words of direct quotes around them. Tokens never overlap and never span lines: a quote is cut
 * around the names inside it and at line ends.
 */
import { SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from 'vscode-languageserver';
import { EntityType } from '../analysis/model';
import { Articles } from '../workspace/articles';

export const TOKEN_TYPES = ['person', 'organization', 'location', 'miscEntity', 'date', 'quote'];
export const legend: SemanticTokensLegend = { tokenTypes: TOKEN_TYPES, tokenModifiers: [] };
const TYPE_INDEX: Record<EntityType, number> = { PER: 0, ORG: 1, LOC: 2, MISC: 3, DATE: 4 };
const QUOTE = 5;

export interface SemanticTokenOptions {
  enabled?: boolean;
  /** Colour the words of direct quotes too (default true). */
  quotes?: boolean;
}

export function semanticTokens(articles: Articles, uri: string, options: SemanticTokenOptions = {}): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const doc = articles.doc(uri);
  if (!doc || options.enabled === false) return builder.build();
  const spans: Array<{ start: number; end: number; type: number }> = doc.mentions.map((m) => ({ start: m.start, end: m.end, type: TYPE_INDEX[m.type] }));
  if (options.quotes !== false) {
    let mi = 0;
    for (const q of doc.quotes) {
      if (q.kind !== 'direct') continue;
      while (mi < doc.mentions.length && doc.mentions[mi].end <= q.start) mi++;
      let at = q.start;
      for (let k = mi; k < doc.mentions.length && doc.mentions[k].start < q.end; k++) {
        if (doc.mentions[k].start > at) spans.push({ start: at, end: doc.mentions[k].start, type: QUOTE });
        at = Math.max(at, doc.mentions[k].end);
      }
      if (at < q.end) spans.push({ start: at, end: q.end, type: QUOTE });
    }
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  let last = -1;
  for (const s of spans) {
    if (s.start < last) continue; // overlapping spans: the first wins
    last = s.end;
    let start = articles.positionAt(uri, s.start);
    const end = articles.positionAt(uri, s.end);
    // cut at line ends
    while (start.line < end.line) {
      const lineEnd = articles.offsetAt(uri, { line: start.line + 1, character: 0 }) - 1;
      const length = lineEnd - articles.offsetAt(uri, start);
      if (length > 0) builder.push(start.line, start.character, length, s.type, 0);
      start = { line: start.line + 1, character: 0 };
    }
    if (end.character > start.character) builder.push(start.line, start.character, end.character - start.character, s.type, 0);
  }
  return builder.build();
}
