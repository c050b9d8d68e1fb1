/** The outline of an article: its entities by type, then its quotes with their speakers. */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { EntityType } from '../analysis/model';
import { Articles } from '../workspace/articles';

export const SYMBOL_KINDS: Record<EntityType, SymbolKind> = {
  PER: SymbolKind.Class, ORG: SymbolKind.Module, LOC: SymbolKind.Namespace, MISC: SymbolKind.Enum, DATE: SymbolKind.Event,
};
const GROUPS: Array<[EntityType, string]> = [['PER', 'People'], ['ORG', 'Organizations'], ['LOC', 'Places'], ['MISC', 'Other names'], ['DATE', 'Dates']];

export function documentSymbols(articles: Articles, uri: string): DocumentSymbol[] {
  const doc = articles.doc(uri);
  if (!doc) return [];
  const out: DocumentSymbol[] = [];
  for (const [type, label] of GROUPS) {
    const children: DocumentSymbol[] = [];
    const seen = new Set<string>();
    doc.entities.forEach((e, local) => {
      if (e.type !== type || e.mentions.length === 0) return;
      const g = articles.index.entityFor(uri, local);
      if (g && seen.has(g.id)) return;
      if (g) seen.add(g.id);
      // every local entity of this article linked to the same global entity is one symbol
      const locals = g ? g.members.filter((m) => m.uri === uri).map((m) => doc.entities[m.local]).filter((x) => !!x) : [e];
      const indices = [...new Set(locals.flatMap((x) => x.mentions))].sort((a, b) => a - b);
      const first = doc.mentions[indices[0]];
      const last = doc.mentions[indices[indices.length - 1]];
      const titled = locals.find((x) => x.titles.length > 0);
      const title = titled ? `${titled.titles[0].text} · ` : '';
      const articlesCount = g ? new Set(g.members.map((m) => m.uri)).size : 1;
      children.push({
        name: g?.name ?? e.name,
        detail: `${title}×${indices.length}${articlesCount > 1 ? ` · ${articlesCount} articles` : ''}`,
        kind: SYMBOL_KINDS[type],
        range: articles.range(uri, first.start, last.end),
        selectionRange: articles.range(uri, first.start, first.end),
      });
    });
    if (children.length === 0) continue;
    out.push({
      name: label, kind: SymbolKind.Package, detail: String(children.length),
      range: children.reduce((r, c) => ({ start: before(c.range.start, r.start) ? c.range.start : r.start, end: before(r.end, c.range.end) ? c.range.end : r.end }), children[0].range),
      selectionRange: children[0].selectionRange, children,
    });
  }
  const quotes: DocumentSymbol[] = doc.quotes.filter((q) => q.kind !== 'partial').map((q) => {
    const who = q.speaker ? (q.speaker.local >= 0 ? articles.index.entityFor(uri, q.speaker.local)?.name ?? q.speaker.text : q.speaker.text) : 'unattributed';
    const text = q.text.length > 60 ? `${q.text.slice(0, 57)}…` : q.text;
    return { name: `“${text}”`, detail: who, kind: SymbolKind.String, range: articles.range(uri, q.start, q.end), selectionRange: articles.range(uri, q.start, q.end) };
  });
  if (quotes.length) {
    out.push({ name: 'Quotes', kind: SymbolKind.Package, detail: String(quotes.length), range: { start: quotes[0].range.start, end: quotes[quotes.length - 1].range.end }, selectionRange: quotes[0].selectionRange, children: quotes });
  }
  return out;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
