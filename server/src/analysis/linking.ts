/**
 * Across articles: which local entities are one entity. Work is organised by bucket keys (a
 * person's folded surname, an organisation's key or acronym, a place's folded name) so that a
 * change to one article only re-links the buckets it touches, and nothing compares every article
 * with every other.
 */
import { entityAcronym, firstName } from './coref';
import { DocumentAnalysis, EntityType, LocalEntity } from './model';
import { acronymOf, basicFold, firstNamesCompatible, foldWord, nameKey, nameWords, orgKey, slug } from './normalize';

/**
 * A string function remembered by argument (names recur across thousands of articles). The memory is
 * dropped whole when it grows past a bound.
 */
export function memo(fn: (s: string) => string, max = 100000): (s: string) => string {
  let cache = new Map<string, string>();
  return (s: string): string => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= max) cache = new Map();
      cache.set(s, v);
    }
    return v;
  };
}

/** foldWord, remembered. */
export const foldWordMemo = memo(foldWord);
const surnameKey = memo((name: string): string => { const words = nameWords(name); return words.length ? foldWordMemo(words[words.length - 1]) : ''; });
const orgKeyMemo = memo(orgKey);
const acronymOfMemo = memo(acronymOf);
/** Bucket keys, remembered so that one name gives one key string (hashed once as a map key). */
const perBucket = memo((name: string): string => `PER:${surnameKey(name)}`);
const orgBucket = memo((key: string): string => `ORG:${key}`);
const otherBucket = memo((typeAndName: string): string => { const [type, name] = typeAndName.split('\u0000'); return `${type}:${nameKey(name)}`; });
const firstNameOf = memo((name: string): string => firstName({ text: name }));

/**
 * What linking reads from a local entity's name, looked up once per entity: the name itself as one
 * string shared by every entity so named (counted and compared by identity later), its bucket, its
 * first name (people), and for an organisation whether its key may be an acronym (then the bucket
 * depends on its aliases and the acronyms the workspace defines).
 */
interface NameInfo { name: string; bucket: string; first: string; key: string; acronym: boolean }
const ACRONYM_KEY = /^[a-z&]{2,6}$/;
const ACRONYM = /^[A-Z&]{2,6}$/;
let nameInfos = new Map<string, Map<string, NameInfo>>();
let nameInfoCount = 0;
function nameInfoOf(type: EntityType, name: string): NameInfo {
  let byName = nameInfos.get(type);
  if (!byName) { byName = new Map(); nameInfos.set(type, byName); }
  let info = byName.get(name);
  if (info === undefined) {
    if (nameInfoCount >= 200000) { nameInfos = new Map([[type, byName = new Map()]]); nameInfoCount = 0; }
    if (type === 'PER') info = { name, bucket: perBucket(name), first: firstNameOf(name), key: '', acronym: false };
    else if (type === 'ORG') {
      const key = orgKeyMemo(name);
      info = { name, bucket: orgBucket(key), first: '', key, acronym: ACRONYM_KEY.test(key) };
    } else info = { name, bucket: type === 'DATE' ? `DATE:${name.toLowerCase()}` : otherBucket(`${type}\u0000${name}`), first: '', key: '', acronym: false };
    byName.set(name, info);
    nameInfoCount++;
  }
  return info;
}

export interface LocalRef {
  uri: string;
  local: number;
}

export interface GlobalEntity {
  id: string;
  type: EntityType;
  /** Canonical name: the fullest name most sources use. */
  name: string;
  /** Every surface form across the workspace. */
  aliases: string[];
  members: LocalRef[];
  mentionCount: number;
}

/** The user's word: merges and splits that override the automatic linking. */
export interface LinkOverrides {
  /** Pairs of entity names that are the same entity: every local entity named (or also called) either is linked into one. */
  same?: Array<[string, string]>;
  /** Pairs of names that are different entities: local entities called the second name are kept apart from the first. */
  different?: Array<[string, string]>;
}

/** A name as the user's overrides match it: its words, lower case, without accents, but spelled as written. */
function overrideKey(name: string): string {
  return nameWords(name).map(basicFold).join(' ');
}

/** Overrides compiled to name keys: the group a name is merged into, the names split off. */
class CompiledOverrides {
  readonly group = new Map<string, string>();
  readonly apart = new Set<string>();
  constructor(o: LinkOverrides = {}) {
    // union-find over the name keys of "same" pairs
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      let r = k;
      while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
      return r;
    };
    for (const [a, b] of o.same ?? []) {
      const ka = overrideKey(a), kb = overrideKey(b);
      if (!ka || !kb) continue;
      if (!parent.has(ka)) parent.set(ka, ka);
      if (!parent.has(kb)) parent.set(kb, kb);
      const ra = find(ka), rb = find(kb);
      if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
    }
    for (const k of parent.keys()) this.group.set(k, find(k));
    for (const [a, b] of o.different ?? []) {
      const ka = overrideKey(a), kb = overrideKey(b);
      if (ka && kb && ka !== kb) this.apart.add(kb);
    }
  }
  get empty(): boolean {
    return this.group.size === 0 && this.apart.size === 0;
  }
  /** The bucket a local entity goes to, given the user's merges and splits. */
  bucket(e: LocalEntity, automatic: () => string): string {
    if (this.empty || e.type === 'DATE') return automatic();
    const keys = [e.name, ...e.aliases].map(overrideKey);
    for (const k of keys) { const g = this.group.get(k); if (g !== undefined) return `SAME:${g}`; }
    const b = automatic();
    for (const k of keys) if (this.apart.has(k)) return `${b}\u0000apart:${k}`;
    return b;
  }
}

function hasRank(e: LocalEntity): boolean {
  return e.titles.some((t) => t.rank !== undefined);
}

/** A document's place in the order of uris and its global entities by local entity (the list entityFor reads), shared by its members. */
interface DocSlot { rank: number; entities: Array<GlobalEntity | undefined> }

interface Member {
  ref: LocalRef;
  entity: LocalEntity;
  first: string;
  bucket: string;
  /** The entity's name, as the one string every entity so named shares. */
  name: string;
  /** Its only alias is its name. */
  plain: boolean;
  /** How many mentions it has, whether an article gives it a rank: read with the rest of the entity, once. */
  count: number;
  ranked: boolean;
  doc: DocSlot;
  /** Where it is in its bucket's list. */
  at: number;
}

/** The bucket a local entity is linked in. */
export function bucketOf(e: LocalEntity, acronymTable?: { get(acronym: string): string | undefined }): string {
  if (e.type === 'PER') return perBucket(e.name);
  if (e.type === 'ORG') {
    const key = orgKeyMemo(e.name);
    // an acronym alone links to the long name it stands for elsewhere in the workspace
    if (/^[a-z&]{2,6}$/.test(key) && e.aliases.every((a) => /^[A-Z&]{2,6}$/.test(a))) {
      const long = acronymTable?.get(key);
      return `ORG:${long ?? key}`;
    }
    return orgBucket(key);
  }
  if (e.type === 'DATE') return `DATE:${e.name.toLowerCase()}`;
  return otherBucket(`${e.type}\u0000${e.name}`);
}

/**
 * Cluster the members of one bucket into global entities. People: full names with compatible first
 * names join; a surname alone joins the single full-name cluster, and stays apart when two people
 * share the surname. Other types: one cluster per bucket.
 */
export function clusterBucket(bucket: string, members: Member[], byRank = false): Member[][] {
  if (!bucket.startsWith('PER:')) return [members];
  const clusters: Member[][] = [];
  const firsts: string[] = [];
  const surnameOnly: Member[] = [];
  const sorted = byRank
    ? [...members].sort((a, b) => b.first.length - a.first.length || a.doc.rank - b.doc.rank || a.ref.local - b.ref.local)
    : [...members].sort(compareMembers);
  for (const m of sorted) {
    if (!m.first) { surnameOnly.push(m); continue; }
    const k = firsts.findIndex((f) => firstNamesCompatible(f, m.first));
    if (k >= 0) {
      clusters[k].push(m);
      if (firsts[k].length === 1 && m.first.length > 1) firsts[k] = m.first;
    } else {
      clusters.push([m]);
      firsts.push(m.first);
    }
  }
  if (surnameOnly.length) {
    // a surname alone joins the one full name written with exactly that surname ("Barack" is not "Tom Barrack")
    const surname = (m: Member): string => { const w = nameWords(m.entity.name); return w.length ? basicFold(w[w.length - 1]) : ''; };
    const alone: Member[] = [];
    for (const m of surnameOnly) {
      const fits = clusters.filter((c) => c.some((x) => surname(x) === surname(m)));
      if (clusters.length === 1 && fits.length === 1) fits[0].push(m); else alone.push(m);
    }
    if (alone.length) clusters.push(alone);
  }
  return clusters;
}

function compareMembers(a: Member, b: Member): number {
  // longer first names first, so that an initial joins the full first name
  return b.first.length - a.first.length || (a.ref.uri < b.ref.uri ? -1 : a.ref.uri > b.ref.uri ? 1 : a.ref.local - b.ref.local);
}

/** Workspace-wide linking state, updated per document. */
export class Linker {
  /** Each bucket's members, in no particular order (a member knows where it is: removal swaps the last in). */
  private readonly buckets = new Map<string, Member[]>();
  /** Each document's members, by local entity index. */
  private readonly docMembers = new Map<string, Array<Member | undefined>>();
  private readonly clustersByBucket = new Map<string, GlobalEntity[]>();
  /** Each document's global entities, by local entity index. */
  private readonly entityOf = new Map<string, Array<GlobalEntity | undefined>>();
  /** acronym → long-name org key, counted by how many articles define it. */
  private readonly acronyms = new Map<string, Map<string, number>>();
  private readonly docAcronyms = new Map<string, Array<[string, string]>>();
  private readonly byId = new Map<string, GlobalEntity>();
  private overrides = new CompiledOverrides();
  private movedRefs: LocalRef[] = [];
  /** Entities some article gives a rank. */
  private readonly ranked = new Set<GlobalEntity>();
  /** Each document's place in the order of uris (members are sorted by uri). */
  private readonly docSlots = new Map<string, DocSlot>();

  /** Set the user's merges and splits. The caller re-adds every document afterwards (WorkspaceIndex.setOverrides does). */
  setOverrides(o: LinkOverrides): void {
    this.overrides = new CompiledOverrides(o);
  }
  private readonly acronymLookup = { get: (acr: string): string | undefined => this.resolveAcronym(acr) };

  /** Replace one document's local entities; returns the ids of entities that changed. */
  update(doc: DocumentAnalysis | undefined, uri: string): Set<string> {
    if (doc && this.sameLinking(uri, doc)) { this.movedRefs = []; return new Set(); }
    return this.updateMany([[uri, doc]]);
  }

  /**
   * An edit that leaves a document's entities as linking sees them (same names, aliases, types, mention
   * counts, buckets and acronyms: typing inside a sentence, say) re-links nothing: the members just
   * take the new local entities.
   */
  private sameLinking(uri: string, doc: DocumentAnalysis): boolean {
    const mine = this.docMembers.get(uri);
    if (!mine) return false;
    let count = 0;
    const next: Array<[Member, LocalEntity]> = [];
    for (let local = 0; local < doc.entities.length; local++) {
      const e = doc.entities[local];
      if (e.type === 'DATE') continue;
      count++;
      const m = mine[local];
      if (!m || m.bucket !== this.bucketFor(e)) return false;
      const o = m.entity;
      if (o.type !== e.type || o.name !== e.name || o.mentions.length !== e.mentions.length || o.aliases.length !== e.aliases.length ||
        o.aliases.some((a, i) => a !== e.aliases[i]) || hasRank(o) !== hasRank(e)) return false;
      next.push([m, e]);
    }
    let before = 0;
    for (const m of mine) if (m) before++;
    if (count !== before) return false;
    const defined: string[] = [];
    doc.entities.forEach((e) => {
      if (e.type !== 'ORG') return;
      const acr = entityAcronym(e);
      const long = e.aliases.find((a) => !/^[A-Z&]{2,6}$/.test(a));
      if (acr && long && acronymOfMemo(long) === acr) defined.push(`${acr}\u0000${orgKeyMemo(long)}`);
    });
    const was = (this.docAcronyms.get(uri) ?? []).map(([a, l]) => `${a}\u0000${l}`);
    if (defined.length !== was.length || defined.some((d, i) => d !== was[i])) return false;
    // same mention counts and ranks: only the entity object changes
    for (const [m, e] of next) m.entity = e;
    return true;
  }

  /**
   * Replace many documents' local entities at once (a workspace being indexed): every bucket they
   * touch is re-linked once, however many of the documents touch it. Returns the ids of entities that changed.
   */
  updateMany(items: Array<[string, DocumentAnalysis | undefined]>): Set<string> {
    this.movedRefs = [];
    const touched = new Set<string>();
    const changed = new Set<string>();
    for (const [uri, doc] of items) {
      if (!doc) this.entityOf.delete(uri);
      // remove the old
      for (const m of this.docMembers.get(uri) ?? []) {
        if (!m) continue;
        const list = this.buckets.get(m.bucket);
        if (list && list[m.at] === m) {
          const last = list.pop()!;
          if (last !== m) { list[m.at] = last; last.at = m.at; }
        }
        touched.add(m.bucket);
      }
      this.docMembers.delete(uri);
      for (const [acr, long] of this.docAcronyms.get(uri) ?? []) this.countAcronym(acr, long, -1, touched);
      this.docAcronyms.delete(uri);
    }
    for (const [uri, doc] of items) {
      if (!doc) continue;
      const defined: Array<[string, string]> = [];
      doc.entities.forEach((e) => {
        if (e.type !== 'ORG') return;
        const acr = entityAcronym(e);
        const long = e.aliases.find((a) => !/^[A-Z&]{2,6}$/.test(a));
        if (acr && long && acronymOfMemo(long) === acr) defined.push([acr, orgKeyMemo(long)]);
      });
      for (const [acr, long] of defined) this.countAcronym(acr, long, 1, touched);
      if (defined.length) this.docAcronyms.set(uri, defined);
    }
    // documents came: the order by uri is worked out again (once, for every bucket); a document gone
    // leaves the others in order
    for (const [u, d] of items) if (!d) this.docSlots.delete(u);
    const arrived = items.some(([u, d]) => d && !this.docSlots.has(u));
    for (const [uri, doc] of items) {
      if (!doc) continue;
      let slot = this.docSlots.get(uri);
      if (!slot) {
        let list = this.entityOf.get(uri);
        if (!list) { list = []; this.entityOf.set(uri, list); }
        slot = { rank: -1, entities: list };
        this.docSlots.set(uri, slot);
      }
      const mine: Array<Member | undefined> = [];
      const entities = doc.entities;
      for (let local = 0; local < entities.length; local++) {
        const e = entities[local];
        if (e.type === 'DATE') continue;
        const info = nameInfoOf(e.type, e.name);
        const b = this.bucketFor(e, info);
        let members = this.buckets.get(b);
        if (!members) { members = []; this.buckets.set(b, members); }
        const m: Member = {
          ref: { uri, local }, entity: e, first: info.first, bucket: b, name: info.name,
          plain: e.aliases.length === 1 && e.aliases[0] === e.name, count: e.mentions.length, ranked: hasRank(e), doc: slot, at: members.length,
        };
        members.push(m);
        while (mine.length < local) mine.push(undefined);
        mine[local] = m;
        touched.add(b);
      }
      this.docMembers.set(uri, mine);
    }
    if (arrived) [...this.docSlots.keys()].sort().forEach((u, i) => { this.docSlots.get(u)!.rank = i; });
    for (const b of touched) this.relinkBucket(b, changed);
    return changed;
  }

  private countAcronym(acr: string, long: string, delta: number, touched: Set<string>): void {
    const counts = this.acronyms.get(acr) ?? new Map<string, number>();
    const before = this.resolveAcronym(acr);
    counts.set(long, (counts.get(long) ?? 0) + delta);
    if ((counts.get(long) ?? 0) <= 0) counts.delete(long);
    if (counts.size) this.acronyms.set(acr, counts); else this.acronyms.delete(acr);
    const after = this.resolveAcronym(acr);
    if (before !== after) {
      // acronym-only entities move between buckets: re-add them
      const oldBucket = `ORG:${before ?? acr}`;
      const newBucket = `ORG:${after ?? acr}`;
      const from = this.buckets.get(oldBucket);
      if (from) {
        const stay: Member[] = [];
        for (const m of from) {
          if (m.entity.aliases.every((a) => ACRONYM.test(a)) && m.entity.name.toLowerCase() === acr) {
            let to = this.buckets.get(newBucket);
            if (!to) { to = []; this.buckets.set(newBucket, to); }
            m.at = to.length;
            to.push(m);
            m.bucket = newBucket;
          } else { m.at = stay.length; stay.push(m); }
        }
        this.buckets.set(oldBucket, stay);
      }
      touched.add(oldBucket);
      touched.add(newBucket);
    }
  }

  private resolveAcronym(acr: string): string | undefined {
    const counts = this.acronyms.get(acr);
    if (!counts || counts.size === 0) return undefined;
    // the long form most articles define it as; an acronym defined two ways stays apart (undefined)
    const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (sorted.length > 1 && sorted[0][1] === sorted[1][1]) return undefined;
    return sorted[0][0];
  }

  /**
   * The local entities of documents that the last update linked to another entity, or whose entity
   * now has another id or name (other than those of the updated documents, which are new anyway).
   */
  moved(): LocalRef[] {
    return this.movedRefs;
  }

  private relinkBucket(bucket: string, changed: Set<string>): void {
    const before: Array<[LocalRef, GlobalEntity]> = [];
    for (const old of this.clustersByBucket.get(bucket) ?? []) {
      for (const r of old.members) before.push([r, old]);
      changed.add(old.id);
      this.byId.delete(old.id);
      this.ranked.delete(old);
      for (const r of old.members) {
        const m = this.entityOf.get(r.uri);
        if (m && m[r.local] === old) m[r.local] = undefined;
      }
    }
    const members = this.buckets.get(bucket) ?? [];
    if (members.length === 0) { this.clustersByBucket.delete(bucket); this.buckets.delete(bucket); this.noteMoves(before); return; }
    const entities: GlobalEntity[] = [];
    for (const cluster of clusterBucket(bucket, members, true)) {
      const g = makeEntity(bucket, cluster, this.byId);
      entities.push(g);
      this.byId.set(g.id, g);
      if (cluster.some((m) => m.ranked)) this.ranked.add(g);
      changed.add(g.id);
      for (const m of cluster) {
        const list = m.doc.entities;
        while (list.length < m.ref.local) list.push(undefined);
        list[m.ref.local] = g;
      }
    }
    this.clustersByBucket.set(bucket, entities);
    this.noteMoves(before);
  }

  private noteMoves(before: Array<[LocalRef, GlobalEntity]>): void {
    for (const [r, old] of before) {
      const now = this.entityOf.get(r.uri)?.[r.local];
      if (!now || now.id !== old.id || now.name !== old.name) this.movedRefs.push(r);
    }
  }

  /** The global entity of a document's local entity. */
  entityFor(uri: string, local: number): GlobalEntity | undefined {
    return this.entityOf.get(uri)?.[local];
  }

  /** The bucket a local entity goes to (the user's merges and splits first, when there are any). */
  private bucketFor(e: LocalEntity, info?: NameInfo): string {
    if (!this.overrides.empty || e.type === 'DATE') return this.overrides.bucket(e, () => bucketOf(e, this.acronymLookup));
    info ??= nameInfoOf(e.type, e.name);
    // as bucketOf: an acronym alone links to the long name it stands for elsewhere in the workspace
    if (info.acronym && e.aliases.every((a) => ACRONYM.test(a))) return `ORG:${this.resolveAcronym(info.key) ?? info.key}`;
    return info.bucket;
  }

  /** Whether an article gives the entity a rank (a military title). */
  hasRank(g: GlobalEntity): boolean {
    return this.ranked.has(g);
  }

  get(id: string): GlobalEntity | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<GlobalEntity> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }
}

function makeEntity(bucket: string, cluster: Member[], existing: Map<string, GlobalEntity>): GlobalEntity {
  const first = cluster[0];
  const type = first.entity.type;
  // most entities go by one name in every article (one shared string): nothing to count
  let one = true, allPlain = true, mentionCount = 0;
  for (let i = 0; i < cluster.length; i++) {
    const m = cluster[i];
    if (m.name !== first.name) one = false;
    if (!m.plain) allPlain = false;
    mentionCount += m.count;
  }
  // canonical name: the name with most words, most often used, then alphabetical
  let name = first.name;
  if (!one) {
    const counts = new Map<string, number>();
    for (const m of cluster) counts.set(m.name, (counts.get(m.name) ?? 0) + m.count);
    let topN = '', topC = 0, topW = 0, topA = 0, have = false;
    for (const [n, c] of counts) {
      const words = n.split(' ').length, acr = ACRONYM.test(n) ? 1 : 0;
      if (!have || (acr - topA || topW - words || topC - c || (n < topN ? -1 : n > topN ? 1 : 0)) < 0) {
        topN = n; topC = c; topW = words; topA = acr; have = true;
      }
    }
    name = topN;
  }
  let aliases: string[];
  if (one && allPlain) aliases = [first.name];
  else {
    const seen = new Set<string>();
    for (const m of cluster) {
      if (m.plain) seen.add(m.name);
      else for (const a of m.entity.aliases) seen.add(a);
    }
    aliases = [...seen].sort();
  }
  const base = `${type}:${slug(name)}`;
  let id = base;
  for (let n = 2; existing.has(id); n++) id = `${base}-${n}`;
  void bucket;
  // sorted by uri (as ranks, compared as numbers), then local entity
  const sorted = inOrder(cluster) ? cluster : [...cluster].sort((a, b) => a.doc.rank - b.doc.rank || a.ref.local - b.ref.local);
  const members = new Array<LocalRef>(sorted.length);
  for (let i = 0; i < sorted.length; i++) members[i] = sorted[i].ref;
  return { id, type, name, aliases, members, mentionCount };
}

/** Whether members are sorted by uri (as ranks), then local entity. */
function inOrder(list: Member[]): boolean {
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1], b = list[i];
    if (a.doc.rank > b.doc.rank || (a.doc.rank === b.doc.rank && a.ref.local > b.ref.local)) return false;
  }
  return true;
}
