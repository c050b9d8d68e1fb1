/** Semantic tokens: one token type per entity type, so names are coloured by type. */
import { SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from 'vscode-languageserver';
import { EntityType } from '../analysis/model';
import { Articles } from '../workspace/articles';

export const TOKEN_TYPES = ['person', 'organization', 'location', 'miscEntity', 'date', 'quote'];
export const legend: SemanticTokensLegend = { tokenTypes: TOKEN_TYPES, tokenModifiers: [] };
const TYPE_INDEX: Record<EntityType, number> = { PER: 0, ORG: 1, LOC: 2, MISC: 3, DATE: 4 };

export function semanticTokens(articles: Articles, uri: string): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const doc = articles.doc(uri);
  if (!doc) return builder.build();
  for (const m of doc.mentions) {
    const start = articles.positionAt(uri, m.start);
    const end = articles.positionAt(uri, m.end);
    if (start.line !== end.line) continue; // tokens may not span lines
    builder.push(start.line, start.character, end.character - start.character, TYPE_INDEX[m.type], 0);
  }
  return builder.build();
}
