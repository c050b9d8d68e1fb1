/** What every disagreement check may ask of the workspace. */
import { GlobalEntity } from '../linking';
import { DocumentAnalysis, Mention } from '../model';

export interface CheckContext {
  doc(uri: string): DocumentAnalysis | undefined;
  /** "CNN, 13 Jul 2023" or the file name. */
  label(uri: string): string;
  entityFor(uri: string, local: number): GlobalEntity | undefined;
}

/** Every mention of a global entity, grouped by document, in text order. */
export function mentionsByDoc(ctx: CheckContext, g: GlobalEntity): Array<{ uri: string; doc: DocumentAnalysis; mentions: Mention[] }> {
  const out: Array<{ uri: string; doc: DocumentAnalysis; mentions: Mention[] }> = [];
  for (const r of g.members) {
    const doc = ctx.doc(r.uri);
    const e = doc?.entities[r.local];
    if (!doc || !e) continue;
    let entry = out.find((x) => x.uri === r.uri);
    if (!entry) { entry = { uri: r.uri, doc, mentions: [] }; out.push(entry); }
    for (const k of e.mentions) entry.mentions.push(doc.mentions[k]);
  }
  for (const x of out) x.mentions.sort((a, b) => a.start - b.start);
  return out;
}

/** "a", "a and b", "a, b and c" */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
