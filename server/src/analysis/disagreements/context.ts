/** What every disagreement check may ask of the workspace. */
import { GlobalEntity } from '../linking';
import { DocumentAnalysis, Mention } from '../model';

export interface CheckContext {
  doc(uri: string): DocumentAnalysis | undefined;
  /** "CNN, 13 Jul 2023" or the file name. */
  label(uri: string): string;
  entityFor(uri: string, local: number): GlobalEntity | undefined;
}

/**
 * At most this many related places (and sources named in a message) per disagreement: an entity
 * named in thousands of articles must not make every diagnostic list every other article.
 */
export const MAX_RELATED = 20;

/** Every mention of a global entity, grouped by document, in text order. */
export function mentionsByDoc(ctx: CheckContext, g: GlobalEntity): Array<{ uri: string; doc: DocumentAnalysis; mentions: Mention[] }> {
  const out: Array<{ uri: string; doc: DocumentAnalysis; mentions: Mention[] }> = [];
  // members are sorted by uri (see makeEntity in linking.ts): a document's members are next to each other
  let multi = false, last: { uri: string; doc: DocumentAnalysis; mentions: Mention[] } | undefined;
  for (const r of g.members) {
    if (last && r.uri < last.uri) return mentionsByDocUnsorted(ctx, g);
    const doc = ctx.doc(r.uri);
    const e = doc?.entities[r.local];
    if (!doc || !e) continue;
    if (last && last.uri === r.uri) multi = true;
    else { last = { uri: r.uri, doc, mentions: [] }; out.push(last); }
    const ms = last.mentions, all = doc.mentions, ks = e.mentions;
    for (let i = 0; i < ks.length; i++) ms.push(all[ks[i]]);
  }
  // one local entity's mentions are already in text order; only merged entities need sorting
  if (multi) for (const x of out) x.mentions.sort((a, b) => a.start - b.start);
  return out;
}

/** mentionsByDoc for members in any order. */
function mentionsByDocUnsorted(ctx: CheckContext, g: GlobalEntity): Array<{ uri: string; doc: DocumentAnalysis; mentions: Mention[] }> {
  const out: Array<{ uri: string; doc: DocumentAnalysis; mentions: Mention[] }> = [];
  const byUri = new Map<string, { uri: string; doc: DocumentAnalysis; mentions: Mention[] }>();
  let multi = false;
  for (const r of g.members) {
    const doc = ctx.doc(r.uri);
    const e = doc?.entities[r.local];
    if (!doc || !e) continue;
    let entry = byUri.get(r.uri);
    if (!entry) { entry = { uri: r.uri, doc, mentions: [] }; byUri.set(r.uri, entry); out.push(entry); } else multi = true;
    for (const k of e.mentions) entry.mentions.push(doc.mentions[k]);
  }
  // one local entity's mentions are already in text order; only merged entities need sorting
  if (multi) for (const x of out) x.mentions.sort((a, b) => a.start - b.start);
  return out;
}

/** "a", "a and b", "a, b and c" */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** How many sources a message names; its related information points at up to MAX_RELATED. */
export const MESSAGE_SOURCES = 3;

/**
 * Sources named in a message: the first MESSAGE_SOURCES of those shown, then "N more" for the rest
 * (the shown ones not named and the `more` not shown). A message naming twenty files is unreadable
 * in a problems list, and at 10,000 articles those names were a third of what the server sent.
 */
export function sourcesText(sources: string[], more: number): string {
  const named = sources.slice(0, MESSAGE_SOURCES);
  const rest = more + sources.length - named.length;
  return listText(rest > 0 ? [...named, `${rest} more source${rest === 1 ? '' : 's'}`] : named);
}

/** Merge sorted lists of ascending numbers into one ascending list without duplicates. */
export function mergeSorted(lists: number[][]): number[] {
  if (lists.length === 1) return lists[0];
  const all: number[] = [];
  for (const l of lists) for (const x of l) all.push(x);
  all.sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of all) if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  return out;
}
