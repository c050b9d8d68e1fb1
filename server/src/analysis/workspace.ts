/**
 * The workspace index: every article's analysis, the entities linked across articles, and the
 * disagreements between sources. Updated one document at a time (an edit) or many at once (a
 * workspace being indexed); an update re-links only the buckets the documents touch, re-checks only
 * the entities and quotes that changed, and reports only the documents whose diagnostics changed.
 */
import { claimDisagreements, claimsAbout } from './disagreements/claims';
import { CheckContext, mentionsByDoc } from './disagreements/context';
import { factDisagreements } from './disagreements/facts';
import { matchQuotes, QuoteIndex, quoteDisagreementsShared, QuoteMatch } from './disagreements/quotes';
import { spellingDifferences, spellingDisagreements } from './disagreements/spelling';
import { titleDisagreements } from './disagreements/titles';
import { GlobalEntity, LinkOverrides, Linker, memo } from './linking';
import { sourceLabel } from './metadata';
import { Disagreement, DocumentAnalysis, Mention, Quote } from './model';
import { basicFold, nameWords } from './normalize';

export type DisagreementCode = 'spelling' | 'title' | 'quote-wording' | 'quote-speaker' | 'hedge' | 'fact';

export interface IndexOptions {
  /** Codes of disagreement kinds to leave out. */
  disabled?: Iterable<string>;
}

const NONE: Disagreement[] = [];

/** A mention's spelling as the spelling check compares them (see disagreements/spelling.ts). */
const spellingKey = memo((text: string): string => basicFold(nameWords(text).join(' ')));

/** What the entity checks read from one document about one entity: the words (sig) and where they are (start, end pairs). */
interface Footprint { sig: string; places: number[] }

export class WorkspaceIndex implements CheckContext {
  private readonly docs = new Map<string, DocumentAnalysis>();
  private readonly linker = new Linker();
  private readonly quoteIndex = new QuoteIndex();
  /** Entity id → document → the disagreements about the entity published on that document. */
  private readonly entityDiagnostics = new Map<string, Map<string, Disagreement[]>>();
  /** Document → quote index → the disagreements about that quote. */
  private readonly quoteDiagnostics = new Map<string, Map<number, Disagreement[]>>();
  /** Document → an object replaced whenever its quotes' matches are worked out again (see stamp()). */
  private readonly quoteStamps = new Map<string, object>();
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
    const affected = new Set<string>();
    for (const [uri] of items) affected.add(uri);
    // quotes whose matches may involve the old versions' quotes
    const quoteDirty = new Map<string, Set<number> | 'all'>();
    const mark = (uri: string, index: number | 'all'): void => {
      const cur = quoteDirty.get(uri);
      if (cur === 'all') return;
      if (index === 'all') { quoteDirty.set(uri, 'all'); return; }
      if (cur) cur.add(index); else quoteDirty.set(uri, new Set([index]));
    };
    for (const [uri] of items) if (this.docs.has(uri)) for (const r of this.quoteIndex.neighboursOfDoc(uri)) mark(r.uri, r.index);
    // entities of the old versions (their diagnostics move with the document's offsets)
    const recheck = new Set<string>();
    const single = items.length === 1;
    /** What the checks read of the old version, entity by entity (one document edited). */
    let oldPrints: Map<string, Footprint> | undefined;
    if (single) {
      const [uri] = items[0];
      const old = this.docs.get(uri);
      if (old) oldPrints = this.footprints(uri, old);
      for (const id of oldPrints?.keys() ?? []) recheck.add(id);
    }
    for (const [uri, doc] of items) {
      if (doc) this.docs.set(uri, doc); else { this.docs.delete(uri); this.labels.delete(uri); }
      this.quoteIndex.update(uri, doc);
    }
    // every document of the workspace is new (a cold index): each is checked in full anyway
    const allNew = items.length > 1 && this.docs.size === items.length;
    for (const [uri, doc] of items) {
      mark(uri, 'all');
      if (doc && !allNew) for (const r of this.quoteIndex.neighboursOfDoc(uri)) mark(r.uri, r.index);
    }
    const changed = single ? this.linker.update(items[0][1], items[0][0]) : this.linker.updateMany(items);
    for (const id of changed) recheck.add(id);
    if (!allNew) {
      // speakers linked to another entity (or renamed): their quotes, and the quotes matching them, say so
      for (const r of this.linker.moved()) {
        if (quoteDirty.get(r.uri) === 'all') continue;
        this.docs.get(r.uri)?.quotes.forEach((q, index) => {
          if (q.kind !== 'direct' || q.speaker?.local !== r.local) return;
          mark(r.uri, index);
          for (const n of this.quoteIndex.neighboursOfQuote(r.uri, index)) mark(n.uri, n.index);
        });
      }
    }
    if (single && items[0][1]) {
      const [uri, doc] = items[0];
      const prints = this.footprints(uri, doc!);
      for (const [id, now] of prints) {
        recheck.add(id);
        // linking unchanged and the document gives the entity's checks the same words, only elsewhere in
        // the text: every diagnostic about the entity stays, with the places in this document moved
        const was = oldPrints?.get(id);
        if (changed.size === 0 && was && was.sig === now.sig && this.movePlaces(id, uri, was.places, now.places, affected)) recheck.delete(id);
      }
    }
    for (const id of recheck) {
      const before = this.entityDiagnostics.get(id);
      const g = this.linker.get(id);
      const after = g ? this.checkEntity(g) : undefined;
      if (after && after.size) this.entityDiagnostics.set(id, after); else this.entityDiagnostics.delete(id);
      diffByUri(before, after, affected);
    }
    this.quoteIndex.batched(() => this.recheckQuotes(quoteDirty, affected));
    return affected;
  }

  private recheckQuotes(quoteDirty: Map<string, Set<number> | 'all'>, affected: Set<string>): void {
    for (const [uri, which] of quoteDirty) {
      const doc = this.docs.get(uri);
      const before = this.quoteDiagnostics.get(uri);
      if (!doc) { this.quoteStamps.delete(uri); if (before) { this.quoteDiagnostics.delete(uri); affected.add(uri); } continue; }
      this.quoteStamps.set(uri, {});
      const after = which === 'all' ? new Map<number, Disagreement[]>() : new Map(before ?? []);
      let differs = false;
      const check = (qi: number): void => {
        const q = doc.quotes[qi];
        const found = q?.kind === 'direct' ? quoteDisagreementsShared(this, this.quoteIndex, uri, q, qi) : NONE;
        if (found.length) after.set(qi, found); else after.delete(qi);
        if (!sameList(before?.get(qi) ?? NONE, found)) differs = true;
      };
      if (which === 'all') for (const r of this.quoteIndex.quotesOfDoc(uri)) check(r.index);
      else for (const qi of which) check(qi);
      if (which === 'all' && before) for (const qi of before.keys()) if (!after.has(qi)) differs = true;
      if (after.size) this.quoteDiagnostics.set(uri, after); else this.quoteDiagnostics.delete(uri);
      if (differs) affected.add(uri);
    }
  }

  /**
   * For each global entity of a document: everything the entity checks read from the document (the
   * mentions' words and titles, the claims, the document's label) apart from where it is, and where.
   */
  private footprints(uri: string, doc: DocumentAnalysis): Map<string, Footprint> {
    const locals = new Map<string, number[]>();
    doc.entities.forEach((_, local) => {
      const g = this.linker.entityFor(uri, local);
      if (!g) return;
      const list = locals.get(g.id);
      if (list) list.push(local); else locals.set(g.id, [local]);
    });
    const out = new Map<string, Footprint>();
    const label = this.label(uri);
    for (const [id, list] of locals) {
      const sig: Array<string | number | boolean | undefined> = [label];
      const places: number[] = [];
      const mentions: Mention[] = [];
      for (const local of list) for (const k of doc.entities[local].mentions) mentions.push(doc.mentions[k]);
      if (list.length > 1) mentions.sort((a, b) => a.start - b.start);
      for (const m of mentions) {
        sig.push(m.text, m.title?.text, m.title?.normalized, m.title?.rank);
        places.push(m.start, m.end);
        if (m.title) places.push(m.title.start, m.title.end);
      }
      for (const c of doc.claims) {
        if (!list.includes(c.local)) continue;
        sig.push('\u0002', c.local, c.predicate, c.hedged, c.hedge, c.text, c.value, c.date?.value, c.place?.text,
          c.place ? this.linker.entityFor(uri, c.place.local)?.id ?? '' : undefined);
        places.push(c.start, c.end);
        if (c.date) places.push(c.date.start, c.date.end);
        if (c.place) places.push(c.place.start, c.place.end);
      }
      out.set(id, { sig: sig.map((x) => (x === undefined ? '' : String(x))).join('\u0001'), places });
    }
    return out;
  }

  /**
   * Move the places in one document of the diagnostics about an entity (their own range there, and
   * the related places pointing there) from the old places to the new. False, changing nothing, when
   * a place is not one of the old places.
   */
  private movePlaces(id: string, uri: string, was: number[], now: number[], affected: Set<string>): boolean {
    const byUri = this.entityDiagnostics.get(id);
    if (!byUri) return true;
    if (was.length !== now.length) return false;
    const to = new Map<string, [number, number]>();
    for (let k = 0; k < was.length; k += 2) {
      const key = `${was[k]}:${was[k + 1]}`;
      const p = to.get(key);
      if (p && (p[0] !== now[k] || p[1] !== now[k + 1])) return false;
      to.set(key, [now[k], now[k + 1]]);
    }
    const updates: Array<[string, Disagreement[]]> = [];
    for (const [at, list] of byUri) {
      let next: Disagreement[] | undefined;
      for (let i = 0; i < list.length; i++) {
        const d = list[i];
        let moved = d;
        if (at === uri) {
          const p = to.get(`${d.start}:${d.end}`);
          if (!p) return false;
          if (p[0] !== d.start || p[1] !== d.end) moved = { ...d, start: p[0], end: p[1] };
        }
        if (d.related.some((r) => r.uri === uri)) {
          const related: Disagreement['related'] = [];
          for (const r of d.related) {
            if (r.uri !== uri) { related.push(r); continue; }
            const p = to.get(`${r.start}:${r.end}`);
            if (!p) return false;
            related.push(p[0] !== r.start || p[1] !== r.end ? { ...r, start: p[0], end: p[1] } : r);
          }
          moved = { ...moved, related };
        }
        if (moved !== d) { next ??= [...list]; next[i] = moved; }
      }
      if (next) updates.push([at, next]);
    }
    for (const [at, list] of updates) {
      if (!sameList(byUri.get(at)!, list)) affected.add(at);
      byUri.set(at, list);
    }
    return true;
  }

  /**
   * Whether an entity may be spelled in two ways (its aliases, every member's distinct mention forms,
   * fold to two spellings as the spelling check folds them), or an article gives the person a rank.
   */
  private mayDisagreeOnNames(g: GlobalEntity): boolean {
    if (g.type === 'PER' && this.linker.hasRank(g)) return true;
    let first: string | undefined;
    for (const a of g.aliases) {
      const key = spellingKey(a);
      if (first === undefined) first = key;
      else if (key !== first) return true;
    }
    return false;
  }

  private checkEntity(g: GlobalEntity): Map<string, Disagreement[]> {
    const out = new Map<string, Disagreement[]>();
    if (g.members.length < 2) return out;
    // the spelling and title checks walk every mention of the entity: only when its aliases are spelled
    // differently (see mayDifferInSpelling) or an article gives the person a rank (a rank is one of the
    // titles of the local entity its mention belongs to)
    const spelled = g.type !== 'DATE' && this.mayDisagreeOnNames(g) && mayDifferInSpelling(g);
    const ranked = g.type === 'PER' && this.linker.hasRank(g);
    const docs = spelled || ranked ? mentionsByDoc(this, g) : [];
    const add = (found: Disagreement[]): void => {
      for (const d of found) {
        const list = out.get(d.uri);
        if (list) list.push(d); else out.set(d.uri, [d]);
      }
    };
    if (spelled) add(spellingDisagreements(this, g, docs));
    if (ranked) add(titleDisagreements(this, g, docs));
    if (g.type === 'PER') {
      // the hedge and fact checks read the same claims: collected once
      const claims = claimsAbout(this, g);
      if (claims.length > 1) { add(claimDisagreements(this, g, claims)); add(factDisagreements(this, g, claims)); }
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

  /** The same quote in other sources, as the index holds them: where each is. */
  sameQuotePlaces(uri: string, index: number): Array<{ uri: string; start: number }> {
    const q = this.docs.get(uri)?.quotes[index];
    return q ? this.sameQuotes(uri, q).map((m) => ({ uri: m.ref.uri, start: m.quote.start })) : [];
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
      case 'quoteMatches': return this.quoteStamps.get(key);
      case 'quoteDiagnostics': return this.quoteDiagnostics.get(key);
      case 'entityDiagnostics': return this.entityDiagnostics.get(key);
      default: return this.disabled;
    }
  }
}

/**
 * Whether two of an entity's aliases are spelled differently as the spelling check compares spellings
 * (spellingDifferences, by spelling key). An alias is a mention's text cleaned of a possessive and of
 * extra spaces, which leaves its name words (all the check reads of a mention's text) as they were:
 * the spellings of the entity's mentions are spellings of its aliases, and when no two aliases
 * differ, no two mentions do.
 */
function mayDifferInSpelling(g: GlobalEntity): boolean {
  const as = g.aliases;
  for (let i = 0; i < as.length; i++) {
    const ki = spellingKey(as[i]);
    for (let j = i + 1; j < as.length; j++) {
      if (spellingKey(as[j]) !== ki && spellingDifferences(as[i], as[j]).length > 0) return true;
    }
  }
  return false;
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
