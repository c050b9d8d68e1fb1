/**
 * Workspace symbols (Ctrl+T "Popov"): entities whose name or any alias contains the query, best first.
 * The folded aliases of every entity are kept in one string (remade when the entities change), so a
 * query is a few native substring searches plus work for the aliases that contain it, not a
 * comparison with every alias of the workspace.
 */
import { CancellationToken, SymbolInformation } from 'vscode-languageserver';
import { GlobalEntity } from '../analysis/linking';
import { Mention } from '../analysis/model';
import { basicFold, foldWord } from '../analysis/normalize';
import { WorkspaceIndex } from '../analysis/workspace';
import { Articles } from '../workspace/articles';
import { SYMBOL_KINDS } from './documentSymbols';
import { articleCount, location, TYPE_NAMES } from './shared';

const LIMIT = 200;
/** Between aliases in the search strings (names never contain it). */
const SEP = '\u0001';

/** An alias folded for matching: as written (lower case, no accents), and word by word (transliterations agree). */
interface FoldedAlias { folded: string; wordFolded: string }

/** Folded aliases by the entity's alias list (a relinked entity gets a new list). */
const foldCache = new WeakMap<string[], FoldedAlias[]>();

function foldedAliases(g: GlobalEntity): FoldedAlias[] {
  let list = foldCache.get(g.aliases);
  if (!list) {
    list = g.aliases.map((alias) => ({ folded: basicFold(alias), wordFolded: alias.split(/\s+/).map(foldWord).join(' ') }));
    foldCache.set(g.aliases, list);
  }
  return list;
}

/** The workspace's entities (no dates) and their aliases as two search strings. */
interface SearchIndex {
  /** What index.entities() gave when it was made: it is current while that list has the same objects. */
  all: GlobalEntity[];
  entities: GlobalEntity[];
  folded: Corpus;
  words: Corpus;
}

/** Aliases joined by SEP (with SEP at both ends); the alias at k starts at starts[k] and belongs to entities[owner[k]]. */
interface Corpus { text: string; starts: Int32Array; owner: Int32Array }

const searchIndexes = new WeakMap<WorkspaceIndex, SearchIndex>();

function searchIndex(index: WorkspaceIndex): SearchIndex {
  const all = index.entities();
  const cached = searchIndexes.get(index);
  if (cached && cached.all.length === all.length && cached.all.every((g, i) => g === all[i])) return cached;
  const entities = all.filter((g) => g.type !== 'DATE');
  const lists = entities.map(foldedAliases);
  const corpus = (pick: (a: FoldedAlias) => string): Corpus => {
    const n = lists.reduce((k, l) => k + l.length, 0);
    const starts = new Int32Array(n + 1), owner = new Int32Array(n);
    const parts: string[] = [];
    let at = 1, k = 0;
    lists.forEach((list, e) => {
      for (const a of list) {
        const s = pick(a);
        parts.push(s);
        starts[k] = at;
        owner[k++] = e;
        at += s.length + 1;
      }
    });
    starts[n] = at;
    return { text: SEP + parts.join(SEP) + SEP, starts, owner };
  };
  const made = { all, entities, folded: corpus((a) => a.folded), words: corpus((a) => a.wordFolded) };
  searchIndexes.set(index, made);
  return made;
}

/** The alias an offset of a corpus falls in. */
function aliasAt(c: Corpus, offset: number): number {
  let lo = 0, hi = c.owner.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (c.starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * Scores by entity: 4 an alias is the query, 3 an alias or one of its words starts with it, 2 an alias
 * contains it, 1 an alias contains it word-folded (Gurulyov finds Gurulev).
 */
function score(ix: SearchIndex, q: string, qf: string): Uint8Array {
  const scores = new Uint8Array(ix.entities.length);
  if (!q) return scores.fill(1);
  if (!q.includes(SEP)) {
    const { text, starts, owner } = ix.folded;
    const oneWord = !q.includes(' ');
    for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) {
      const k = aliasAt(ix.folded, i);
      const atStart = i === starts[k];
      const s = atStart ? (q.length === starts[k + 1] - 1 - starts[k] ? 4 : 3) : oneWord && text.charCodeAt(i - 1) === 32 ? 3 : 2;
      if (s > scores[owner[k]]) scores[owner[k]] = s;
    }
  }
  if (!qf) {
    for (let e = 0; e < scores.length; e++) if (scores[e] === 0) scores[e] = 1;
  } else if (!qf.includes(SEP)) {
    const { text, owner } = ix.words;
    for (let i = text.indexOf(qf); i >= 0; i = text.indexOf(qf, i + 1)) {
      const e = owner[aliasAt(ix.words, i)];
      if (scores[e] === 0) scores[e] = 1;
    }
  }
  return scores;
}

export function workspaceSymbols(articles: Articles, query: string, token?: CancellationToken): SymbolInformation[] {
  const q = basicFold(query.trim());
  const qf = q.split(/\s+/).map(foldWord).join(' ');
  const ix = searchIndex(articles.index);
  if (token?.isCancellationRequested) return [];
  const scores = score(ix, q, qf);
  const scored: Array<{ score: number; g: GlobalEntity }> = [];
  for (let e = 0; e < scores.length; e++) if (scores[e]) scored.push({ score: scores[e] * 1e6 + ix.entities[e].mentionCount, g: ix.entities[e] });
  scored.sort((a, b) => b.score - a.score || (a.g.name < b.g.name ? -1 : 1));
  // locations only for the entities returned
  const out: SymbolInformation[] = [];
  for (const { g } of scored) {
    if (out.length >= LIMIT) break;
    if (token?.isCancellationRequested) return [];
    const first = firstMention(articles, g);
    if (!first) continue;
    const n = articleCount(g);
    out.push({
      name: g.name, kind: SYMBOL_KINDS[g.type], containerName: `${TYPE_NAMES[g.type]} · ${n} article${n === 1 ? '' : 's'}`,
      location: location(articles, first.uri, first.mention.start, first.mention.end),
    });
  }
  return out;
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
