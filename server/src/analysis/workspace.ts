/**
 * The workspace index: every article's analysis, the entities linked across articles, and the
 * disagreements between sources. Updated one document at a time (an edit) or many at once (a
 * workspace being indexed); an update re-links only the buckets the documents touch, re-checks only
 * the entities and quotes that changed, and reports only the documents whose diagnostics changed.
 */
import { claimDisagreements } from './disagreements/claims';
import { CheckContext } from './disagreements/context';
import { factDisagreements } from './disagreements/facts';
import { matchesAt, matchQuotes, QuoteIndex, quoteDisagreementsOf, QuoteMatch, QuoteRef, withQuoteWords } from './disagreements/quotes';
import { spellingDisagreements } from './disagreements/spelling';
import { titleDisagreements } from './disagreements/titles';
import { GlobalEntity, LinkOverrides, Linker } from './linking';
import { sourceLabel } from './metadata';
import { Disagreement, DocumentAnalysis, Mention, Quote } from './model';

export type DisagreementCode = 'spelling' | 'title' | 'quote-wording' | 'quote-speaker' | 'hedge' | 'fact';

export interface IndexOptions {
  /** Codes of disagreement kinds to leave out. */
  disabled?: Iterable<string>;
}

const NONE: Disagreement[] = [];

export class WorkspaceIndex implements CheckContext {
  private readonly docs = new Map<string, DocumentAnalysis>();
  private readonly linker = new Linker();
  private readonly quoteIndex = new QuoteIndex();
  /** Entity id → document → the disagreements about the entity published on that document. */
  private readonly entityDiagnostics = new Map<string, Map<string, Disagreement[]>>();
  /** Document → quote index → the disagreements about that quote. */
  private readonly quoteDiagnostics = new Map<string, Map<number, Disagreement[]>>();
  /** Document → quote index → the same quote in other sources (kept with the diagnostics, updated with them). */
  private readonly quoteMatches = new Map<string, Map<number, QuoteRef[]>>();
  private disabled: Set<string>;
  private ignored = new Set<string>();
  /** Labels by uri, for the analysis they were made from (checks ask for them many times). */
  private readonly labels = new Map<string, { doc: DocumentAnalysis | undefined; label: string }>();

  constructor(options: IndexOptions = {}) {
    this.disabled = new Set(options.disabled ?? []);
  }

  /** Add or replace a document. Returns the uris whose diagnostics may have changed. */
  set(doc: DocumentAnalysis): Set<string> {
    return this.apply([[doc.uri, doc]]);
  }

  /** Add or replace many documents at once (cold indexing): each bucket, entity and quote is checked once. */
  setMany(docs: Iterable<DocumentAnalysis>): Set<string> {
    return this.apply([...docs].map((d): [string, DocumentAnalysis] => [d.uri, d]));
  }

  /** Remove a document. Returns the uris whose diagnostics may have changed. */
  remove(uri: string): Set<string> {
    return this.apply([[uri, undefined]]);
  }

  /** Remove many documents at once. */
  removeMany(uris: Iterable<string>): Set<string> {
    return this.apply([...uris].map((u): [string, undefined] => [u, undefined]));
  }

  private apply(items: Array<[string, DocumentAnalysis | undefined]>): Set<string> {
    return withQuoteWords(() => this.applyNow(items));
  }

  private applyNow(items: Array<[string, DocumentAnalysis | undefined]>): Set<string> {
    const affected = new Set<string>();
    for (const [uri] of items) affected.add(uri);
    // quotes that matched (or may match) the old versions' quotes
    const quoteDirty = new Map<string, Set<number> | 'all'>();
    const mark = (uri: string, index: number | 'all'): void => {
      const cur = quoteDirty.get(uri);
      if (cur === 'all') return;
      if (index === 'all') { quoteDirty.set(uri, 'all'); return; }
      if (cur) cur.add(index); else quoteDirty.set(uri, new Set([index]));
    };
    for (const [uri] of items) {
      const old = this.docs.get(uri);
      if (old) for (const r of this.quoteIndex.candidatesOfDoc(uri, old)) mark(r.uri, r.index);
    }
    // entities of the old versions (their diagnostics move with the document's offsets)
    const recheck = new Set<string>();
    const single = items.length === 1;
    // one document whose direct quotes keep their words (typing outside quotes): every quote keeps its
    // matches, those in that document under their new indices
    const kept = single ? directQuotesKept(this.docs.get(items[0][0]), items[0][1]) : undefined;
    const keptUri = items[0]?.[0];
    if (single) {
      const [uri] = items[0];
      this.docs.get(uri)?.entities.forEach((_, local) => { const g = this.linker.entityFor(uri, local); if (g) recheck.add(g.id); });
    }
    for (const [uri, doc] of items) {
      if (doc) this.docs.set(uri, doc); else { this.docs.delete(uri); this.labels.delete(uri); }
      this.quoteIndex.update(uri, doc);
    }
    // every document of the workspace is new (a cold index): each is checked in full anyway
    const allNew = items.length > 1 && this.docs.size === items.length;
    for (const [uri, doc] of items) {
      mark(uri, 'all');
      if (doc && !allNew) for (const r of this.quoteIndex.candidatesOfDoc(uri, doc)) mark(r.uri, r.index);
    }
    const changed = single ? this.linker.update(items[0][1], items[0][0]) : this.linker.updateMany(items);
    for (const id of changed) recheck.add(id);
    if (single && items[0][1]) {
      const [uri, doc] = items[0];
      doc!.entities.forEach((_, local) => { const g = this.linker.entityFor(uri, local); if (g) recheck.add(g.id); });
    }
    for (const id of recheck) {
      const before = this.entityDiagnostics.get(id);
      const g = this.linker.get(id);
      const after = g ? this.checkEntity(g) : undefined;
      if (after && after.size) this.entityDiagnostics.set(id, after); else this.entityDiagnostics.delete(id);
      diffByUri(before, after, affected);
    }
    for (const [uri, which] of quoteDirty) {
      const doc = this.docs.get(uri);
      const before = this.quoteDiagnostics.get(uri);
      if (!doc) { this.quoteMatches.delete(uri); if (before) { this.quoteDiagnostics.delete(uri); affected.add(uri); } continue; }
      const after = which === 'all' ? new Map<number, Disagreement[]>() : new Map(before ?? []);
      const indices = which === 'all' ? doc.quotes.map((_, i) => i) : [...which];
      let differs = false;
      const refsBefore = this.quoteMatches.get(uri);
      const refs = which === 'all' ? new Map<number, QuoteRef[]>() : new Map(refsBefore ?? []);
      for (const qi of indices) {
        const q = doc.quotes[qi];
        let matches: QuoteMatch[];
        if (q?.kind !== 'direct') matches = [];
        else if (kept) {
          const old = refsBefore?.get(uri === keptUri ? kept.newToOld.get(qi)! : qi) ?? [];
          matches = matchesAt(this, q, old.map((r) => (r.uri === keptUri ? { uri: r.uri, index: kept.oldToNew.get(r.index)! } : r)));
        } else matches = matchQuotes(this, this.quoteIndex, uri, q);
        if (matches.length) refs.set(qi, matches.map((m) => m.ref)); else refs.delete(qi);
        const found = q ? quoteDisagreementsOf(this, this.quoteIndex, uri, q, qi, matches) : NONE;
        if (found.length) after.set(qi, found); else after.delete(qi);
        if (!sameList(before?.get(qi) ?? NONE, found)) differs = true;
      }
      if (which === 'all' && before) for (const qi of before.keys()) if (!after.has(qi)) differs = true;
      if (after.size) this.quoteDiagnostics.set(uri, after); else this.quoteDiagnostics.delete(uri);
      if (refs.size) this.quoteMatches.set(uri, refs); else this.quoteMatches.delete(uri);
      if (differs) affected.add(uri);
    }
    return affected;
  }

  private checkEntity(g: GlobalEntity): Map<string, Disagreement[]> {
    const out = new Map<string, Disagreement[]>();
    if (g.members.length < 2) return out;
    for (const d of [...spellingDisagreements(this, g), ...titleDisagreements(this, g), ...claimDisagreements(this, g), ...factDisagreements(this, g)]) {
      const list = out.get(d.uri);
      if (list) list.push(d); else out.set(d.uri, [d]);
    }
    return out;
  }

  /** Turn kinds of disagreement off (by code) and ignore single ones (by key). */
  configure(options: { disabled?: Iterable<string>; ignored?: Iterable<string> }): void {
    if (options.disabled) this.disabled = new Set(options.disabled);
    if (options.ignored) this.ignored = new Set(options.ignored);
  }

  /** The user's merges and splits: every document is linked again. Returns the uris whose diagnostics may have changed. */
  setOverrides(overrides: LinkOverrides): Set<string> {
    this.linker.setOverrides(overrides);
    const docs = [...this.docs.values()];
    const affected = this.removeMany(docs.map((d) => d.uri));
    for (const u of this.setMany(docs)) affected.add(u);
    for (const d of docs) affected.add(d.uri);
    return affected;
  }

  doc(uri: string): DocumentAnalysis | undefined {
    return this.docs.get(uri);
  }

  documents(): IterableIterator<DocumentAnalysis> {
    return this.docs.values();
  }

  uris(): string[] {
    return [...this.docs.keys()].sort();
  }

  get size(): number {
    return this.docs.size;
  }

  label(uri: string): string {
    const doc = this.docs.get(uri);
    const cached = this.labels.get(uri);
    if (cached && cached.doc === doc) return cached.label;
    const file = decodeURIComponent(uri.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? uri);
    const label = doc ? sourceLabel(doc.metadata, file) : file;
    this.labels.set(uri, { doc, label });
    return label;
  }

  entityFor(uri: string, local: number): GlobalEntity | undefined {
    return this.linker.entityFor(uri, local);
  }

  entity(id: string): GlobalEntity | undefined {
    return this.linker.get(id);
  }

  entities(): GlobalEntity[] {
    return [...this.linker.all()];
  }

  /** The mention at an offset, with its global entity. */
  mentionAt(uri: string, offset: number): { mention: Mention; index: number; entity?: GlobalEntity } | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const ms = doc.mentions;
    let lo = 0, hi = ms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = ms[mid];
      if (offset < m.start) hi = mid - 1;
      else if (offset > m.end) lo = mid + 1;
      else return { mention: m, index: mid, entity: m.local >= 0 ? this.entityFor(uri, m.local) : undefined };
    }
    return undefined;
  }

  /** The quote at an offset. */
  quoteAt(uri: string, offset: number): { quote: Quote; index: number } | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const index = doc.quotes.findIndex((q) => offset >= q.start && offset <= q.end);
    return index >= 0 ? { quote: doc.quotes[index], index } : undefined;
  }

  /** Every mention of an entity, document by document (documents sorted by uri). */
  mentionsOf(g: GlobalEntity): Array<{ uri: string; mention: Mention }> {
    const out: Array<{ uri: string; mention: Mention }> = [];
    // members are sorted by uri and each local entity's mentions are in text order: only a document
    // with several local entities of the entity needs its own run sorted
    let runStart = 0, runUri: string | undefined, runMembers = 0;
    const closeRun = (): void => {
      if (runMembers > 1) {
        const run = out.slice(runStart).sort((a, b) => a.mention.start - b.mention.start);
        for (let i = 0; i < run.length; i++) out[runStart + i] = run[i];
      }
    };
    for (const r of g.members) {
      const doc = this.docs.get(r.uri);
      const e = doc?.entities[r.local];
      if (!doc || !e) continue;
      if (r.uri !== runUri) { closeRun(); runStart = out.length; runUri = r.uri; runMembers = 0; }
      runMembers++;
      for (const k of e.mentions) out.push({ uri: r.uri, mention: doc.mentions[k] });
    }
    closeRun();
    return out;
  }

  /** The same quote in other sources, with the word differences. */
  sameQuotes(uri: string, quote: Quote): QuoteMatch[] {
    return quote.kind === 'direct' ? matchQuotes(this, this.quoteIndex, uri, quote) : [];
  }

  /** The same quote in other sources, as found when the index was last updated: where each is (no word differences). */
  sameQuotePlaces(uri: string, index: number): Array<{ uri: string; start: number }> {
    const out: Array<{ uri: string; start: number }> = [];
    for (const r of this.quoteMatches.get(uri)?.get(index) ?? []) {
      const q = this.docs.get(r.uri)?.quotes[r.index];
      if (q) out.push({ uri: r.uri, start: q.start });
    }
    return out;
  }

  /** Quotes spoken by an entity across the workspace (index: the quote's index in its document). */
  quotesBy(g: GlobalEntity): Array<{ uri: string; quote: Quote; index: number }> {
    const out: Array<{ uri: string; quote: Quote; index: number }> = [];
    for (const r of g.members) {
      const doc = this.docs.get(r.uri);
      if (!doc) continue;
      doc.quotes.forEach((q, index) => { if (q.speaker && q.speaker.local === r.local && q.kind !== 'indirect') out.push({ uri: r.uri, quote: q, index }); });
    }
    return out;
  }

  /** The disagreements published on one document, in text order. */
  diagnostics(uri: string): Disagreement[] {
    const doc = this.docs.get(uri);
    if (!doc) return [];
    const out: Disagreement[] = [];
    const seen = new Set<string>();
    doc.entities.forEach((_, local) => {
      const g = this.linker.entityFor(uri, local);
      if (!g || seen.has(g.id)) return;
      seen.add(g.id);
      for (const d of this.entityDiagnostics.get(g.id)?.get(uri) ?? NONE) out.push(d);
    });
    for (const list of this.quoteDiagnostics.get(uri)?.values() ?? []) out.push(...list);
    return out
      .filter((d) => !this.disabled.has(d.code) && !this.ignored.has(`${d.key}@${uri}`) && !this.ignored.has(d.key))
      .sort((a, b) => a.start - b.start || (a.code < b.code ? -1 : 1));
  }

  /** Disagreements about one entity, in every document. */
  disagreementsAbout(g: GlobalEntity): Disagreement[] {
    const out: Disagreement[] = [];
    for (const list of this.entityDiagnostics.get(g.id)?.values() ?? []) for (const d of list) if (!this.disabled.has(d.code)) out.push(d);
    const seen = new Set<string>();
    for (const r of g.members) {
      if (seen.has(r.uri)) continue;
      seen.add(r.uri);
      for (const list of this.quoteDiagnostics.get(r.uri)?.values() ?? []) for (const d of list) if (d.entity === g.id) out.push(d);
    }
    return out;
  }

  /**
   * Identity stamps for the features' caches (features/summaries.ts): what the index holds beyond the
   * documents' analyses. Each is replaced, never changed in place, when it is recomputed, so a cache
   * that kept one is current while it is the same object: a document's quote matches and quote
   * diagnostics, an entity's diagnostics (by id), the disabled codes.
   */
  stamp(kind: 'quoteMatches' | 'quoteDiagnostics' | 'entityDiagnostics' | 'disabled', key = ''): unknown {
    switch (kind) {
      case 'quoteMatches': return this.quoteMatches.get(key);
      case 'quoteDiagnostics': return this.quoteDiagnostics.get(key);
      case 'entityDiagnostics': return this.entityDiagnostics.get(key);
      default: return this.disabled;
    }
  }
}

/**
 * When two versions of a document have the same direct quotes, word for word and in the same order
 * (the only quotes that are matched): the indices of those quotes in one version and the other.
 */
function directQuotesKept(a: DocumentAnalysis | undefined, b: DocumentAnalysis | undefined):
  { oldToNew: Map<number, number>; newToOld: Map<number, number> } | undefined {
  if (!a || !b) return undefined;
  const da: number[] = [], db: number[] = [];
  a.quotes.forEach((q, i) => { if (q.kind === 'direct') da.push(i); });
  b.quotes.forEach((q, i) => { if (q.kind === 'direct') db.push(i); });
  if (da.length !== db.length) return undefined;
  const oldToNew = new Map<number, number>(), newToOld = new Map<number, number>();
  for (let k = 0; k < da.length; k++) {
    if (a.quotes[da[k]].text !== b.quotes[db[k]].text) return undefined;
    oldToNew.set(da[k], db[k]);
    newToOld.set(db[k], da[k]);
  }
  return { oldToNew, newToOld };
}

/** Adds to affected every document whose list differs between two per-document maps. */
function diffByUri(before: Map<string, Disagreement[]> | undefined, after: Map<string, Disagreement[]> | undefined, affected: Set<string>): void {
  if (before) for (const [uri, list] of before) if (!affected.has(uri) && !sameList(list, after?.get(uri) ?? NONE)) affected.add(uri);
  if (after) for (const [uri, list] of after) if (!affected.has(uri) && !sameList(before?.get(uri) ?? NONE, list)) affected.add(uri);
}

/** Same disagreements, compared field by field (no serialisation: lists can be long). */
export function sameList(a: Disagreement[], b: Disagreement[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x.start !== y.start || x.end !== y.end || x.code !== y.code || x.message !== y.message || x.key !== y.key || x.severity !== y.severity ||
      x.entity !== y.entity || x.related.length !== y.related.length) return false;
    for (let k = 0; k < x.related.length; k++) {
      const r = x.related[k], s = y.related[k];
      if (r.uri !== s.uri || r.start !== s.start || r.end !== s.end || r.message !== s.message) return false;
    }
    if (JSON.stringify(x.data ?? null) !== JSON.stringify(y.data ?? null)) return false;
  }
  return true;
}
