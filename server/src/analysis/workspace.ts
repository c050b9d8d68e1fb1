/**
 * The workspace index: every article's analysis, the entities linked across articles, and the
 * disagreements between sources. Updated one document at a time; an update re-links only the
 * buckets the document touches and re-checks only the entities and quotes that changed.
 */
import { claimDisagreements } from './disagreements/claims';
import { CheckContext } from './disagreements/context';
import { factDisagreements } from './disagreements/facts';
import { matchQuotes, QuoteIndex, quoteDisagreements, QuoteMatch } from './disagreements/quotes';
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

export class WorkspaceIndex implements CheckContext {
  private readonly docs = new Map<string, DocumentAnalysis>();
  private readonly linker = new Linker();
  private readonly quoteIndex = new QuoteIndex();
  private readonly entityDiagnostics = new Map<string, Disagreement[]>();
  private readonly quoteDiagnostics = new Map<string, Disagreement[]>();
  private disabled: Set<string>;
  private ignored = new Set<string>();

  constructor(options: IndexOptions = {}) {
    this.disabled = new Set(options.disabled ?? []);
  }

  /** Add or replace a document. Returns the uris whose diagnostics may have changed. */
  set(doc: DocumentAnalysis): Set<string> {
    return this.update(doc.uri, doc);
  }

  /** Remove a document. Returns the uris whose diagnostics may have changed. */
  remove(uri: string): Set<string> {
    return this.update(uri, undefined);
  }

  private update(uri: string, doc: DocumentAnalysis | undefined): Set<string> {
    const affected = new Set<string>([uri]);
    const old = this.docs.get(uri);
    // documents linked to the old version's entities and quotes
    if (old) {
      old.entities.forEach((_, local) => {
        const g = this.linker.entityFor(uri, local);
        if (g) for (const r of g.members) affected.add(r.uri);
      });
    }
    const quoteAffected = new Set<string>([uri, ...this.quoteIndex.neighbours(uri)]);
    if (doc) this.docs.set(uri, doc); else this.docs.delete(uri);
    this.quoteIndex.update(uri, doc);
    for (const n of this.quoteIndex.neighbours(uri)) quoteAffected.add(n);
    const changed = this.linker.update(doc, uri);
    for (const id of changed) {
      const g = this.linker.get(id);
      if (!g) { this.entityDiagnostics.delete(id); continue; }
      for (const r of g.members) affected.add(r.uri);
      this.entityDiagnostics.set(id, this.checkEntity(g));
    }
    // stale entries for ids that no longer exist
    for (const id of [...this.entityDiagnostics.keys()]) if (!this.linker.get(id)) this.entityDiagnostics.delete(id);
    for (const u of quoteAffected) {
      affected.add(u);
      if (this.docs.has(u)) this.quoteDiagnostics.set(u, quoteDisagreements(this, this.quoteIndex, u));
      else this.quoteDiagnostics.delete(u);
    }
    return affected;
  }

  private checkEntity(g: GlobalEntity): Disagreement[] {
    if (g.members.length < 2) return [];
    return [...spellingDisagreements(this, g), ...titleDisagreements(this, g), ...claimDisagreements(this, g), ...factDisagreements(this, g)];
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
    for (const d of docs) this.update(d.uri, undefined);
    const affected = new Set<string>(docs.map((d) => d.uri));
    for (const d of docs) this.update(d.uri, d);
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
    const file = decodeURIComponent(uri.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? uri);
    return doc ? sourceLabel(doc.metadata, file) : file;
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
    for (const r of g.members) {
      const doc = this.docs.get(r.uri);
      const e = doc?.entities[r.local];
      if (!doc || !e) continue;
      for (const k of e.mentions) out.push({ uri: r.uri, mention: doc.mentions[k] });
    }
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.mention.start - b.mention.start));
  }

  /** The same quote in other sources, with the word differences. */
  sameQuotes(uri: string, quote: Quote): QuoteMatch[] {
    return quote.kind === 'direct' ? matchQuotes(this, this.quoteIndex, uri, quote) : [];
  }

  /** Quotes spoken by an entity across the workspace. */
  quotesBy(g: GlobalEntity): Array<{ uri: string; quote: Quote }> {
    const out: Array<{ uri: string; quote: Quote }> = [];
    for (const r of g.members) {
      const doc = this.docs.get(r.uri);
      if (!doc) continue;
      for (const q of doc.quotes) if (q.speaker && q.speaker.local === r.local && q.kind !== 'indirect') out.push({ uri: r.uri, quote: q });
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
      for (const d of this.entityDiagnostics.get(g.id) ?? []) if (d.uri === uri) out.push(d);
    });
    out.push(...(this.quoteDiagnostics.get(uri) ?? []));
    return out
      .filter((d) => !this.disabled.has(d.code) && !this.ignored.has(`${d.key}@${uri}`) && !this.ignored.has(d.key))
      .sort((a, b) => a.start - b.start || (a.code < b.code ? -1 : 1));
  }

  /** Disagreements about one entity, in every document. */
  disagreementsAbout(g: GlobalEntity): Disagreement[] {
    const out = (this.entityDiagnostics.get(g.id) ?? []).filter((d) => !this.disabled.has(d.code));
    for (const r of g.members) {
      for (const d of this.quoteDiagnostics.get(r.uri) ?? []) if (d.entity === g.id) out.push(d);
    }
    return out;
  }
}
