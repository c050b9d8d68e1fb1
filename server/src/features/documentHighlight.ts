/** Document highlight: the other mentions of the same entity in this article. */
import { DocumentHighlight, DocumentHighlightKind, Position } from 'vscode-languageserver';
import { Articles } from '../workspace/articles';

export function documentHighlight(articles: Articles, uri: string, position: Position): DocumentHighlight[] | null {
  const hit = articles.index.mentionAt(uri, articles.offsetAt(uri, position));
  const doc = articles.doc(uri);
  if (!hit || !doc || hit.mention.local < 0) return null;
  return doc.entities[hit.mention.local].mentions.map((k) => ({
    range: articles.range(uri, doc.mentions[k].start, doc.mentions[k].end),
    kind: DocumentHighlightKind.Text,
  }));
}
