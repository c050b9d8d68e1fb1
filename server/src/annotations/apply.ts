/**
 * The user's word wins: an article's annotations applied on top of its automatic analysis, before
 * it enters the workspace index. Rejected mentions go, added ones come in (replacing what they
 * overlap), confirmed ones keep their span and take the annotated type; local entities, quotes and
 * claims are then derived again from the corrected mentions, and speaker corrections set last.
 * Anchors that no longer match are returned as orphans, to be reported. Pure.
 */
import { findClaims } from '../analysis/claims';
import { resolveLocalEntities } from '../analysis/coref';
import { DocumentAnalysis, LocalEntity, Mention, Quote, Span } from '../analysis/model';
import { nameKey } from '../analysis/normalize';
import { findQuotes } from '../analysis/quotes';
import { layout as computeLayout } from '../analysis/text';
import { resolveAnchor } from './anchor';
import { Anchor, DocumentAnnotations, Orphan } from './model';

export interface Applied {
  doc: DocumentAnalysis;
  orphans: Orphan[];
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

function orphan(path: string, kind: Orphan['kind'], a: Anchor, text: string, what: string): Orphan {
  const words = a.exact.length > 60 ? `${a.exact.slice(0, 57)}…` : a.exact;
  return { path, kind, exact: a.exact, start: Math.min(a.start, text.length),
    message: `Byline could not find the words "${words}" of ${what} in this article any more; the annotation is kept in .byline/annotations.json until you fix or remove it.` };
}

export function applyAnnotations(doc: DocumentAnalysis, text: string, ann: DocumentAnnotations | undefined, path: string): Applied {
  const orphans: Orphan[] = [];
  if (!ann || (ann.mentions.length === 0 && ann.speakers.length === 0)) return { doc, orphans };
  let mentions: Mention[] = doc.mentions.map((m) => ({ ...m, local: -1 }));
  let entities: LocalEntity[] = doc.entities;
  let quotes: Quote[] = doc.quotes;
  let claims = doc.claims;
  if (ann.mentions.length) {
    for (const a of ann.mentions) {
      const span = resolveAnchor(text, a.anchor);
      if (!span) { orphans.push(orphan(path, 'mention', a.anchor, text, `a ${a.action === 'add' ? 'mention you added' : a.action === 'reject' ? 'mention you rejected' : 'mention you confirmed'}`)); continue; }
      if (a.action === 'reject') {
        mentions = mentions.filter((m) => !overlaps(m, span));
        continue;
      }
      const same = mentions.find((m) => m.start === span.start && m.end === span.end);
      if (same) {
        if (a.type) { same.type = a.type; if (a.type !== 'DATE') delete same.value; }
        same.confidence = 1;
        same.annotated = a.action === 'add' ? 'add' : 'confirm';
        if (same.type !== 'PER') delete same.title;
        continue;
      }
      const type = a.type ?? mentions.find((m) => overlaps(m, span))?.type ?? 'MISC';
      mentions = mentions.filter((m) => !overlaps(m, span));
      mentions.push({ start: span.start, end: span.end, text: text.slice(span.start, span.end), type, local: -1, confidence: 1,
        annotated: a.action === 'add' ? 'add' : 'confirm' });
    }
    // one type per name within the article (as the analysis has it): a retyped name takes the other mentions of it along,
    // except those the user annotated themselves
    const retyped = new Map<string, Mention['type']>();
    for (const m of mentions) if (m.annotated && m.type !== 'DATE') retyped.set(nameKey(m.text), m.type);
    if (retyped.size) {
      for (const m of mentions) {
        const t = m.annotated ? undefined : retyped.get(nameKey(m.text));
        if (t && t !== m.type) { m.type = t; delete m.value; if (t !== 'PER') delete m.title; }
      }
    }
    mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    entities = resolveLocalEntities(text, mentions);
    const layout = computeLayout(text);
    quotes = findQuotes(text, layout, mentions, entities);
    claims = findClaims(text, layout, mentions);
  }
  if (ann.speakers.length) {
    quotes = quotes.map((q) => ({ ...q }));
    for (const s of ann.speakers) {
      const span = resolveAnchor(text, s.quote);
      const q = span && (quotes.find((x) => x.start === span.start && x.end === span.end) ?? quotes.find((x) => overlaps(x, span)));
      if (!span || !q) { orphans.push(orphan(path, 'speaker', s.quote, text, 'a quote whose speaker you set')); continue; }
      const key = nameKey(s.speaker);
      const local = entities.findIndex((e) => e.type !== 'DATE' && (nameKey(e.name) === key || e.aliases.some((x) => nameKey(x) === key)));
      let at = s.at ? resolveAnchor(text, s.at) : undefined;
      if (!at && local >= 0) {
        // the entity's mention nearest the quote
        let best: Mention | undefined;
        for (const k of entities[local].mentions) {
          const m = mentions[k];
          if (!best || Math.abs(m.start - q.start) < Math.abs(best.start - q.start)) best = m;
        }
        if (best) at = { start: best.start, end: best.end };
      }
      const where = at ?? { start: q.start, end: q.start };
      q.speaker = { start: where.start, end: where.end, text: at ? text.slice(at.start, at.end) : s.speaker, local, via: 'annotation' };
    }
  }
  return { doc: { ...doc, mentions, entities, quotes, claims }, orphans };
}
