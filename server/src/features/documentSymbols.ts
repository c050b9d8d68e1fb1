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
    doc.entities.forEach((e, local) => {
      if (e.type !== type || e.mentions.length === 0) return;
      const first = doc.mentions[e.mentions[0]];
      const last = doc.mentions[e.mentions[e.mentions.length - 1]];
      const g = articles.index.entityFor(uri, local);
      const title = e.titles[0] ? `${e.titles[0].text} · ` : '';
      children.push({
        name: g?.name ?? e.name,
        detail: `${title}×${e.mentions.length}${g && g.members.length > 1 ? ` · ${new Set(g.members.map((m) => m.uri)).size} articles` : ''}`,
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
