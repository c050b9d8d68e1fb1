/** Workspace symbols (Ctrl+T "Popov"): entities whose name or any alias contains the query, best first. */
import { CancellationToken, SymbolInformation } from 'vscode-languageserver';
import { GlobalEntity } from '../analysis/linking';
import { Mention } from '../analysis/model';
import { basicFold, foldWord } from '../analysis/normalize';
import { Articles } from '../workspace/articles';
import { SYMBOL_KINDS } from './documentSymbols';
import { location, TYPE_NAMES } from './shared';

const LIMIT = 200;

/** An alias folded for matching; the word-folded form is made only when a query needs it. */
interface FoldedAlias { alias: string; folded: string; words: string[]; wordFolded?: string }

/** Folded aliases by the entity's alias list (a relinked entity gets a new list). */
const foldCache = new WeakMap<string[], FoldedAlias[]>();

function foldedAliases(g: GlobalEntity): FoldedAlias[] {
  let list = foldCache.get(g.aliases);
  if (!list) {
    list = g.aliases.map((alias) => { const folded = basicFold(alias); return { alias, folded, words: folded.split(' ') }; });
    foldCache.set(g.aliases, list);
  }
  return list;
}

export function workspaceSymbols(articles: Articles, query: string, token?: CancellationToken): SymbolInformation[] {
  const q = basicFold(query.trim());
  const qf = q.split(/\s+/).map(foldWord).join(' ');
  const index = articles.index;
  // score names first; locations only for the entities returned
  const scored: Array<{ score: number; g: GlobalEntity; first: { uri: string; mention: Mention } }> = [];
  for (const g of index.entities()) {
    if (token?.isCancellationRequested) return [];
    if (g.type === 'DATE') continue;
    let score = 0;
    if (!q) score = 1;
    else {
      for (const a of foldedAliases(g)) {
        const f = a.folded;
        if (f === q) score = Math.max(score, 4);
        else if (f.startsWith(q) || a.words.some((w) => w.startsWith(q))) score = Math.max(score, 3);
        else if (f.includes(q)) score = Math.max(score, 2);
        else if (score < 1) {
          if (a.wordFolded === undefined) a.wordFolded = a.alias.split(/\s+/).map(foldWord).join(' ');
          if (a.wordFolded.includes(qf)) score = 1;
        }
      }
    }
    if (score === 0) continue;
    const first = firstMention(articles, g);
    if (!first) continue;
    scored.push({ score: score * 1e6 + g.mentionCount, g, first });
  }
  scored.sort((a, b) => b.score - a.score || (a.g.name < b.g.name ? -1 : 1));
  return scored.slice(0, LIMIT).map(({ g, first }) => {
    const articlesCount = new Set(g.members.map((m) => m.uri)).size;
    return {
      name: g.name, kind: SYMBOL_KINDS[g.type], containerName: `${TYPE_NAMES[g.type]} · ${articlesCount} article${articlesCount === 1 ? '' : 's'}`,
      location: location(articles, first.uri, first.mention.start, first.mention.end),
    };
  });
}

/** The entity's first mention in its first document (by uri), as mentionsOf(g)[0] would give it. */
function firstMention(articles: Articles, g: GlobalEntity): { uri: string; mention: Mention } | undefined {
  const index = articles.index;
  let best: { uri: string; mention: Mention } | undefined;
  for (const r of g.members) {
    if (best && r.uri !== best.uri) break;
    const doc = index.doc(r.uri);
    const k = doc?.entities[r.local]?.mentions[0];
    if (!doc || k === undefined) continue;
    const m = doc.mentions[k];
    if (!best || m.start < best.mention.start) best = { uri: r.uri, mention: m };
  }
  return best;
}
