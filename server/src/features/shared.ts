/** Small helpers shared by the LSP features. */
import { Location, Range } from 'vscode-languageserver';
import { GlobalEntity } from '../analysis/linking';
import { EntityType } from '../analysis/model';
import { Articles } from '../workspace/articles';

export const TYPE_NAMES: Record<EntityType, string> = { PER: 'person', ORG: 'organization', LOC: 'place', MISC: 'other name', DATE: 'date' };

export function location(articles: Articles, uri: string, start: number, end: number): Location {
  return { uri, range: articles.range(uri, start, end) as Range };
}

/** Documents of an entity ordered by article date (undated last), then by uri. */
export function docsByDate(articles: Articles, g: GlobalEntity): string[] {
  const uris = [...new Set(g.members.map((m) => m.uri))];
  const date = (u: string): string => articles.doc(u)?.metadata.date ?? '9999';
  return uris.sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** A markdown link to a place in a document. */
export function link(articles: Articles, label: string, uri: string, offset: number): string {
  const line = articles.positionAt(uri, offset).line + 1;
  return `[${label.replace(/[[\]]/g, '')}](${uri}#L${line})`;
}

export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-!|<>])/g, '\\$1');
}

/** "1 article", "5 articles". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Text cut to a length on a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** The name of a quote's speaker: the linked entity's canonical name where resolved. */
export function speakerName(articles: Articles, uri: string, speaker: { text: string; local: number } | undefined): string | undefined {
  if (!speaker) return undefined;
  return speaker.local >= 0 ? articles.index.entityFor(uri, speaker.local)?.name ?? speaker.text : speaker.text;
}

/** Article counts by entity (an entity's members never change: relinking makes a new entity). */
const articleCounts = new WeakMap<GlobalEntity, number>();

/** The articles (uris) of an entity. */
export function articleCount(g: GlobalEntity): number {
  let n = articleCounts.get(g);
  if (n === undefined) {
    // members are sorted by uri
    n = 0;
    for (let i = 0; i < g.members.length; i++) if (i === 0 || g.members[i].uri !== g.members[i - 1].uri) n++;
    articleCounts.set(g, n);
  }
  return n;
}
