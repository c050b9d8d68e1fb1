/** Document highlight: the other mentions of the same entity in this article (every local entity linked to it). */
import { DocumentHighlight, DocumentHighlightKind, Position } from 'vscode-languageserver';
import { Articles } from '../workspace/articles';

export function documentHighlight(articles: Articles, uri: string, position: Position): DocumentHighlight[] | null {
  const hit = articles.index.mentionAt(uri, articles.offsetAt(uri, position));
  const doc = articles.doc(uri);
  if (!hit || !doc || hit.mention.local < 0) return null;
  const locals = hit.entity ? hit.entity.members.filter((m) => m.uri === uri).map((m) => m.local) : [hit.mention.local];
  const indices = [...new Set(locals.flatMap((l) => doc.entities[l]?.mentions ?? []))].sort((a, b) => a - b);
  return indices.map((k) => ({
    range: articles.range(uri, doc.mentions[k].start, doc.mentions[k].end),
    kind: DocumentHighlightKind.Text,
  }));
}
