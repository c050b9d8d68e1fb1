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
