/** Workspace symbols (Ctrl+T "Popov"): entities whose name or any alias contains the query, best first. */
import { CancellationToken, SymbolInformation } from 'vscode-languageserver';
import { basicFold, foldWord } from '../analysis/normalize';
import { Articles } from '../workspace/articles';
import { SYMBOL_KINDS } from './documentSymbols';
import { location, TYPE_NAMES } from './shared';

const LIMIT = 200;

export function workspaceSymbols(articles: Articles, query: string, token?: CancellationToken): SymbolInformation[] {
  const q = basicFold(query.trim());
  const qf = q.split(/\s+/).map(foldWord).join(' ');
  const scored: Array<{ score: number; s: SymbolInformation }> = [];
  for (const g of articles.index.entities()) {
    if (token?.isCancellationRequested) return [];
    if (g.type === 'DATE') continue;
    let score = 0;
    if (!q) score = 1;
    else {
      for (const a of g.aliases) {
        const f = basicFold(a);
        if (f === q) score = Math.max(score, 4);
        else if (f.startsWith(q) || f.split(' ').some((w) => w.startsWith(q))) score = Math.max(score, 3);
        else if (f.includes(q)) score = Math.max(score, 2);
        else if (a.split(/\s+/).map(foldWord).join(' ').includes(qf)) score = Math.max(score, 1);
      }
    }
    if (score === 0) continue;
    const first = articles.index.mentionsOf(g)[0];
    if (!first) continue;
    const articlesCount = new Set(g.members.map((m) => m.uri)).size;
    scored.push({ score: score * 1e6 + g.mentionCount, s: {
      name: g.name, kind: SYMBOL_KINDS[g.type], containerName: `${TYPE_NAMES[g.type]} · ${articlesCount} article${articlesCount === 1 ? '' : 's'}`,
      location: location(articles, first.uri, first.mention.start, first.mention.end),
    } });
  }
  return scored.sort((a, b) => b.score - a.score || (a.s.name < b.s.name ? -1 : 1)).slice(0, LIMIT).map((x) => x.s);
}
