/**
 * Writing the store: sorted keys, a stable order of entries, 2-space JSON and a trailing newline, so
 * that the file diffs well and two saves of the same annotations are byte-identical. And the edits
 * the user makes, as pure functions from store to store.
 */
import { EntityType } from '../analysis/model';
import { Anchor, AnnotationStore, DocumentAnnotations, IgnoredDisagreement, MentionAction, SpeakerAnnotation } from './model';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byAnchor = (a: Anchor, b: Anchor): number => a.start - b.start || cmp(a.exact, b.exact);

/** The store in its canonical order (a copy). */
export function normalizeStore(store: AnnotationStore): AnnotationStore {
  const documents: Record<string, DocumentAnnotations> = {};
  for (const path of Object.keys(store.documents).sort()) {
    const d = store.documents[path];
    if (d.mentions.length === 0 && d.speakers.length === 0) continue;
    documents[path] = {
      mentions: [...d.mentions].sort((a, b) => byAnchor(a.anchor, b.anchor) || cmp(a.action, b.action)),
      speakers: [...d.speakers].sort((a, b) => byAnchor(a.quote, b.quote)),
    };
  }
  const pairs = (ps: Array<[string, string]>): Array<[string, string]> => {
    const seen = new Set<string>();
    return ps.map(([a, b]) => (cmp(a, b) <= 0 ? [a, b] : [b, a]) as [string, string])
      .filter(([a, b]) => { const k = `${a}\u0000${b}`; if (seen.has(k) || a === b) return false; seen.add(k); return true; })
      .sort((x, y) => cmp(x[0], y[0]) || cmp(x[1], y[1]));
  };
  const ignored = [...new Map(store.ignored.map((i) => [`${i.path ?? ''}\u0000${i.key}`, i])).values()]
    .sort((a, b) => cmp(a.path ?? '', b.path ?? '') || cmp(a.key, b.key));
  return { version: store.version, documents, same: pairs(store.same), different: pairs(store.different), ignored };
}

export function serializeStore(store: AnnotationStore): string {
  return `${JSON.stringify(sortKeys(normalizeStore(store)), null, 2)}\n`;
}

function docOf(store: AnnotationStore, path: string): DocumentAnnotations {
  const d = store.documents[path] ?? { mentions: [], speakers: [] };
  store.documents[path] = d;
  return d;
}

function clone(store: AnnotationStore): AnnotationStore {
  const documents: Record<string, DocumentAnnotations> = Object.create(null);
  for (const [p, d] of Object.entries(store.documents)) documents[p] = { mentions: [...d.mentions], speakers: [...d.speakers] };
  return { version: store.version, documents, same: [...store.same], different: [...store.different], ignored: [...store.ignored] };
}

const sameSpan = (a: Anchor, b: Anchor): boolean => a.start === b.start && a.exact === b.exact;

/** Confirm, reject or add a mention; a later word on the same words replaces the earlier one. */
export function annotateMention(store: AnnotationStore, path: string, action: MentionAction, anchor: Anchor, type?: EntityType): AnnotationStore {
  const next = clone(store);
  const d = docOf(next, path);
  d.mentions = d.mentions.filter((m) => !sameSpan(m.anchor, anchor));
  d.mentions.push(type ? { action, anchor, type } : { action, anchor });
  return next;
}

export function setSpeaker(store: AnnotationStore, path: string, quote: Anchor, speaker: string, at?: Anchor): AnnotationStore {
  const next = clone(store);
  const d = docOf(next, path);
  d.speakers = d.speakers.filter((s) => !sameSpan(s.quote, quote));
  const s: SpeakerAnnotation = { quote, speaker };
  if (at) s.at = at;
  d.speakers.push(s);
  return next;
}

/** Two names are one entity (undoes an earlier "different" for the pair). */
export function markSame(store: AnnotationStore, a: string, b: string): AnnotationStore {
  const next = clone(store);
  next.different = next.different.filter((p) => !((p[0] === a && p[1] === b) || (p[0] === b && p[1] === a)));
  next.same.push([a, b]);
  return next;
}

/** Two names are different entities (undoes an earlier "same" for the pair). */
export function markDifferent(store: AnnotationStore, a: string, b: string): AnnotationStore {
  const next = clone(store);
  next.same = next.same.filter((p) => !((p[0] === a && p[1] === b) || (p[0] === b && p[1] === a)));
  next.different.push([a, b]);
  return next;
}

export function ignoreDisagreement(store: AnnotationStore, ignored: IgnoredDisagreement): AnnotationStore {
  const next = clone(store);
  next.ignored.push(ignored);
  return next;
}
