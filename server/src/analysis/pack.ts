/**
 * A compact binary form of one document's analysis (and its line table), for the on-disk cache and
 * for the trip from an index worker to the main thread (an ArrayBuffer is transferred, not copied).
 *
 * Numbers are varints (offsets as deltas), every string is an index into a per-entry table of
 * distinct strings, and the table is two blobs: strings of Latin-1 characters one byte each, the
 * others as UTF-16 (so that any JavaScript string, lone surrogates included, comes back as it was).
 * Keys are not stored: the layout follows model.ts field by field, optional fields behind a flag byte.
 *
 * Layout: "BYLP", format version (1 byte), 3 reserved zero bytes, CRC-32 of the rest (u32 LE), the
 * string table, the body.
 * Decoding checks the magic, the version, the length, the checksum and every index and count against
 * the bytes left: a truncated, corrupted or foreign buffer is rejected with a PackError, never
 * half-read. Decoded strings are interned (by their bytes, before any string is made of them): one
 * copy of "Trump", "said" or of a quote that several articles give word for word, for the whole
 * workspace, and none of them keeps a table alive.
 *
 * Round trip: decode(encode(x)) is deep-equal to x for every analysis analyzeDocument produces; a
 * field that this file does not know makes encode throw rather than drop it silently.
 */
import * as zlib from 'node:zlib';
import { ArticleMetadata, Claim, DocumentAnalysis, InputProblem, LocalEntity, Mention, Quote, QuoteSpeaker, Span, Title } from './model';

export const PACK_MAGIC = 0x504c5942; // "BYLP" little-endian
export const PACK_VERSION = 1;
const HEADER = 12;
/** Local entities with one alias of at most this length share one frozen alias array. */
const INTERN_MAX = 24;

export class PackError extends Error {}

/** What a packed entry holds: the analysis (uri and version are not stored) and the text's line starts. */
export interface PackedEntry {
  hash: string;
  lines: ArrayLike<number>;
  doc: Omit<DocumentAnalysis, 'uri' | 'version'>;
}

// ---------------------------------------------------------------- checksum

const crcTable = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;
  if (native) return native(bytes) >>> 0;
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

// ---------------------------------------------------------------- writer

class Writer {
  buf = new Uint8Array(4096);
  pos = 0;
  private readonly strings = new Map<string, number>();
  readonly table: string[] = [];

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned integer below 2^53. */
  uint(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) throw new PackError(`not an unsigned integer: ${v}`);
    this.room(8);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  /** Signed integer (zigzag). */
  int(v: number): void {
    if (!Number.isSafeInteger(v) || Math.abs(v) > 2 ** 51) throw new PackError(`not an integer: ${v}`);
    this.uint(v < 0 ? -2 * v - 1 : 2 * v);
  }

  /** Any number: a small integer, a decimal with up to six places, or the float64 itself. */
  num(v: number): void {
    if (typeof v !== 'number') throw new PackError(`not a number: ${String(v)}`);
    if (Number.isSafeInteger(v) && Math.abs(v) <= 2 ** 50 && !Object.is(v, -0)) { this.byte(0); this.int(v); return; }
    const k = Math.round(v * 1e6);
    if (Number.isSafeInteger(k) && Math.abs(k) <= 2 ** 50 && k / 1e6 === v) { this.byte(1); this.int(k); return; }
    this.byte(2);
    this.room(8);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  str(s: string): void {
    if (typeof s !== 'string') throw new PackError(`not a string: ${String(s)}`);
    let i = this.strings.get(s);
    if (i === undefined) {
      i = this.table.length;
      this.table.push(s);
      this.strings.set(s, i);
    }
    this.uint(i);
  }

  bool(b: boolean): void {
    if (typeof b !== 'boolean') throw new PackError(`not a boolean: ${String(b)}`);
    this.byte(b ? 1 : 0);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /**
   * Strings as a table: their count, their lengths (length * 2, + 1 when stored as UTF-16), the
   * Latin-1 blob's and the UTF-16 blob's lengths, then the two blobs.
   */
  stringTable(list: readonly string[]): void {
    this.uint(list.length);
    const narrow: string[] = [], wide: string[] = [];
    for (const s of list) {
      const isWide = /[^\x00-\xff]/.test(s);
      this.uint(s.length * 2 + (isWide ? 1 : 0));
      (isWide ? wide : narrow).push(s);
    }
    const a = Buffer.from(narrow.join(''), 'latin1');
    const b = Buffer.from(wide.join(''), 'utf16le');
    this.uint(a.length);
    this.uint(b.length);
    this.bytes(a);
    this.bytes(b);
  }
}

function known(o: object, keys: ReadonlySet<string>, what: string): void {
  for (const k of Object.keys(o)) {
    if (!keys.has(k) && (o as Record<string, unknown>)[k] !== undefined) throw new PackError(`${what} has a field the packer does not know: ${k}`);
  }
}

const K = (...keys: string[]): ReadonlySet<string> => new Set(keys);
const DOC_KEYS = K('uri', 'version', 'hash', 'length', 'metadata', 'mentions', 'quotes', 'entities', 'claims', 'paragraphs', 'problems');
const META_KEYS = K('title', 'outlet', 'date', 'titleSpan', 'outletSpan', 'dateSpan');
const MENTION_KEYS = K('start', 'end', 'text', 'type', 'title', 'role', 'value', 'qualifier', 'local', 'confidence', 'annotated');
const TITLE_KEYS = K('start', 'end', 'text', 'normalized', 'rank');
const SPAN_TEXT_KEYS = K('start', 'end', 'text');
const SPAN_KEYS = K('start', 'end');
const QUOTE_KEYS = K('start', 'end', 'text', 'kind', 'cue', 'speaker', 'paragraph', 'continuesFrom', 'unbalanced');
const CUE_KEYS = K('start', 'end', 'text', 'lemma');
const SPEAKER_KEYS = K('start', 'end', 'text', 'local', 'via');
const ENTITY_KEYS = K('type', 'name', 'mentions', 'aliases', 'titles');
const CLAIM_KEYS = K('start', 'end', 'local', 'predicate', 'hedged', 'hedge', 'text', 'date', 'place', 'value');
const DATE_KEYS = K('start', 'end', 'value');
const PLACE_KEYS = K('start', 'end', 'text', 'local');
const PROBLEM_KEYS = K('code', 'message', 'start', 'end');

function span(w: Writer, s: Span, keys: ReadonlySet<string>, what: string): void {
  known(s, keys, what);
  w.int(s.start);
  w.int(s.end - s.start);
}

function title(w: Writer, t: Title): void {
  span(w, t, TITLE_KEYS, 'title');
  w.str(t.text);
  w.str(t.normalized);
  w.byte(t.rank !== undefined ? 1 : 0);
  if (t.rank !== undefined) w.num(t.rank);
}

function opt(...present: unknown[]): number {
  let f = 0;
  for (let i = 0; i < present.length; i++) if (present[i] !== undefined) f |= 1 << i;
  return f;
}

/** Encode an entry into a fresh ArrayBuffer of exactly its size (transferable). */
export function encodeEntry(entry: PackedEntry): ArrayBuffer {
  const w = new Writer();
  const d = entry.doc;
  known(d, DOC_KEYS, 'analysis');
  w.str(entry.hash);
  w.str(d.hash);
  w.uint(d.length);
  // lines
  w.uint(entry.lines.length);
  let prev = 0;
  for (let i = 0; i < entry.lines.length; i++) { w.int(entry.lines[i] - prev); prev = entry.lines[i]; }
  // metadata
  const m: ArticleMetadata = d.metadata;
  known(m, META_KEYS, 'metadata');
  w.byte(opt(m.title, m.outlet, m.date, m.titleSpan, m.outletSpan, m.dateSpan));
  if (m.title !== undefined) w.str(m.title);
  if (m.outlet !== undefined) w.str(m.outlet);
  if (m.date !== undefined) w.str(m.date);
  for (const s of [m.titleSpan, m.outletSpan, m.dateSpan]) if (s) span(w, s, SPAN_KEYS, 'metadata span');
  // mentions
  w.uint(d.mentions.length);
  prev = 0;
  for (const x of d.mentions) {
    known(x, MENTION_KEYS, 'mention');
    w.int(x.start - prev); prev = x.start;
    w.int(x.end - x.start);
    w.str(x.text);
    w.str(x.type);
    w.int(x.local);
    w.byte(opt(x.title, x.role, x.value, x.qualifier, x.confidence, x.annotated));
    if (x.title) title(w, x.title);
    if (x.role) { span(w, x.role, SPAN_TEXT_KEYS, 'role'); w.str(x.role.text); }
    if (x.value !== undefined) w.str(x.value);
    if (x.qualifier !== undefined) w.str(x.qualifier);
    if (x.confidence !== undefined) w.num(x.confidence);
    if (x.annotated !== undefined) w.str(x.annotated);
  }
  // quotes
  w.uint(d.quotes.length);
  prev = 0;
  for (const q of d.quotes) {
    known(q, QUOTE_KEYS, 'quote');
    w.int(q.start - prev); prev = q.start;
    w.int(q.end - q.start);
    w.str(q.text);
    w.str(q.kind);
    w.int(q.paragraph);
    w.byte(opt(q.cue, q.speaker, q.continuesFrom, q.unbalanced));
    if (q.cue) { span(w, q.cue, CUE_KEYS, 'cue'); w.str(q.cue.text); w.str(q.cue.lemma); }
    if (q.speaker) { span(w, q.speaker, SPEAKER_KEYS, 'speaker'); w.str(q.speaker.text); w.int(q.speaker.local); w.str(q.speaker.via); }
    if (q.continuesFrom !== undefined) w.int(q.continuesFrom);
    if (q.unbalanced !== undefined) w.bool(q.unbalanced);
  }
  // entities
  w.uint(d.entities.length);
  for (const e of d.entities) {
    known(e, ENTITY_KEYS, 'entity');
    w.str(e.type);
    w.str(e.name);
    w.uint(e.mentions.length);
    prev = 0;
    for (const k of e.mentions) { w.int(k - prev); prev = k; }
    w.uint(e.aliases.length);
    for (const a of e.aliases) w.str(a);
    w.uint(e.titles.length);
    for (const t of e.titles) title(w, t);
  }
  // claims
  w.uint(d.claims.length);
  for (const c of d.claims) {
    known(c, CLAIM_KEYS, 'claim');
    span(w, c, CLAIM_KEYS, 'claim');
    w.int(c.local);
    w.str(c.predicate);
    w.bool(c.hedged);
    w.str(c.text);
    w.byte(opt(c.hedge, c.date, c.place, c.value));
    if (c.hedge !== undefined) w.str(c.hedge);
    if (c.date) { span(w, c.date, DATE_KEYS, 'claim date'); w.str(c.date.value); }
    if (c.place) { span(w, c.place, PLACE_KEYS, 'claim place'); w.str(c.place.text); w.int(c.place.local); }
    if (c.value !== undefined) w.num(c.value);
  }
  // paragraphs
  w.uint(d.paragraphs.length);
  prev = 0;
  for (const p of d.paragraphs) { known(p, SPAN_KEYS, 'paragraph'); w.int(p.start - prev); w.int(p.end - p.start); prev = p.start; }
  // problems
  w.uint(d.problems.length);
  for (const p of d.problems) { known(p, PROBLEM_KEYS, 'problem'); w.str(p.code); w.str(p.message); w.int(p.start); w.int(p.end); }
  // the string table, written before the body: lengths, then the Latin-1 blob and the UTF-16 blob
  const t = new Writer();
  t.stringTable(w.table);
  const out = new Uint8Array(HEADER + t.pos + w.pos);
  out.set(t.buf.subarray(0, t.pos), HEADER);
  out.set(w.buf.subarray(0, w.pos), HEADER + t.pos);
  const view = new DataView(out.buffer);
  view.setUint32(0, PACK_MAGIC, true);
  out[4] = PACK_VERSION; // bytes 5-7 stay zero (reserved) and are checked
  view.setUint32(8, crc32(out.subarray(HEADER)), true);
  return out.buffer;
}

// ---------------------------------------------------------------- reader

/** Strings outside Latin-1 (rare), interned by value. */
const interned = new Map<string, string>();

/**
 * Latin-1 strings (nearly all of them), interned by their bytes: a table entry is looked up by a
 * hash of its bytes in the entry and compared byte for byte with the copy kept here, so that a
 * string already seen (a name, a quote that many articles give) is found without making a string
 * of it first. Open addressing over typed arrays; the bytes of each distinct string kept once.
 */
class ByteInterner {
  private slots = new Int32Array(1 << 16).fill(-1);
  /** The hash of the string in each slot (probes compare it without looking the string up). */
  private slotHashes = new Uint32Array(1 << 16);
  private hashes: Uint32Array = new Uint32Array(1 << 12);
  private offs: Uint32Array = new Uint32Array(1 << 12);
  private lens: Uint32Array = new Uint32Array(1 << 12);
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private readonly strings: string[] = [];

  get size(): number {
    return this.strings.length;
  }

  /** The string of the Latin-1 bytes buf[from, from + len), one copy per distinct value. */
  get(buf: Uint8Array, from: number, len: number): string {
    // a long string is hashed by its ends and every eighth byte between (it is compared in full anyway)
    let h = 0x811c9dc5 ^ len;
    const end = from + len;
    if (len <= 64) for (let i = from; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    else {
      for (let i = from; i < from + 24; i++) h = Math.imul(h ^ buf[i], 0x01000193);
      for (let i = from + 24; i < end - 24; i += 8) h = Math.imul(h ^ buf[i], 0x01000193);
      for (let i = end - 24; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    }
    h >>>= 0;
    const slots = this.slots, slotHashes = this.slotHashes, mask = slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = slots[s];
      if (id < 0) return this.add(s, h, buf, from, len);
      if (slotHashes[s] !== h || this.lens[id] !== len) continue;
      // byte by byte (Buffer.compare costs more per call than a short loop)
      const o = this.offs[id], arena = this.arena;
      let k = 0;
      while (k < len && arena[o + k] === buf[from + k]) k++;
      if (k === len) return this.strings[id];
    }
  }

  private add(slot: number, h: number, buf: Uint8Array, from: number, len: number): string {
    const id = this.strings.length;
    // a string of its own (not a slice of a larger one that it would keep alive)
    const str = Buffer.from(buf.buffer, buf.byteOffset + from, len).toString('latin1');
    this.strings.push(str);
    if (id >= this.hashes.length) {
      this.hashes = grow(this.hashes, id * 2);
      this.offs = grow(this.offs, id * 2);
      this.lens = grow(this.lens, id * 2);
    }
    if (this.used + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
      next.set(this.arena.subarray(0, this.used));
      this.arena = next;
    }
    this.arena.set(buf.subarray(from, from + len), this.used);
    this.hashes[id] = h;
    this.offs[id] = this.used;
    this.lens[id] = len;
    this.used += len;
    this.slots[slot] = id;
    this.slotHashes[slot] = h;
    // at most half full
    if ((id + 1) * 2 > this.slots.length) this.rehash();
    return str;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const slotHashes = new Uint32Array(slots.length);
    const mask = slots.length - 1;
    for (let id = 0; id < this.strings.length; id++) {
      let s = this.hashes[id] & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = id;
      slotHashes[s] = this.hashes[id];
    }
    this.slots = slots;
    this.slotHashes = slotHashes;
  }
}

function grow(a: Uint32Array, n: number): Uint32Array {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}

let latin1 = new ByteInterner();

/*
 * Arrays shared by every decoded analysis, frozen (a write throws instead of changing them all): a
 * local entity's titles when it has none, its mention list when it has one mention ([k]), its
 * aliases when it has one. Most local entities are named once, so this saves three arrays each.
 */
const NO_TITLES = Object.freeze([]) as unknown as Title[];
const singles: number[][] = [];
const SINGLES_MAX = 4096;
const oneStrings = new Map<string, string[]>();

function single(k: number): number[] {
  if (k < 0 || k >= SINGLES_MAX) return [k];
  return singles[k] ?? (singles[k] = Object.freeze([k]) as unknown as number[]);
}

function oneString(s: string): string[] {
  if (s.length > INTERN_MAX) return [s];
  let a = oneStrings.get(s);
  if (!a) { a = Object.freeze([s]) as unknown as string[]; oneStrings.set(s, a); }
  return a;
}

/** Forget the interned strings and shared arrays (at the start of each index run, so that they never outlive their analyses). */
export function clearInterned(): void {
  interned.clear();
  if (latin1.size) latin1 = new ByteInterner();
  oneStrings.clear();
}

class Reader {
  pos: number;
  private table: string[] = [];
  constructor(readonly buf: Uint8Array, start: number, readonly end: number) {
    this.pos = start;
  }

  fail(what: string): never {
    throw new PackError(`corrupt analysis entry: ${what} at byte ${this.pos}`);
  }

  byte(): number {
    if (this.pos >= this.end) this.fail('unexpected end');
    return this.buf[this.pos++];
  }

  uint(): number {
    let b = this.byte();
    if (b < 0x80) return b;
    let v = b & 0x7f, mul = 0x80;
    for (;;) {
      b = this.byte();
      v += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 0x80;
      if (mul > 2 ** 49) this.fail('varint too long');
    }
    return v;
  }

  int(): number {
    const u = this.uint();
    return u % 2 === 1 ? -(u + 1) / 2 : u / 2;
  }

  num(): number {
    const tag = this.byte();
    if (tag === 0) return this.int();
    if (tag === 1) return this.int() / 1e6;
    if (tag !== 2) this.fail('bad number tag');
    if (this.pos + 8 > this.end) this.fail('unexpected end');
    const v = new DataView(this.buf.buffer, this.buf.byteOffset).getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A count of items each taking at least `min` bytes: bounded by what is left. */
  count(min = 1): number {
    const n = this.uint();
    if (n * min > this.end - this.pos) this.fail('count beyond the end');
    return n;
  }

  bool(): boolean {
    const b = this.byte();
    if (b > 1) this.fail('bad boolean');
    return b === 1;
  }

  /** The string table read (readTable) or given (useTable). */
  get strings(): string[] {
    return this.table;
  }

  useTable(table: string[]): void {
    this.table = table;
  }

  str(): string {
    const i = this.uint();
    if (i >= this.table.length) this.fail('bad string index');
    return this.table[i];
  }

  /** Read the string table at the start of the entry. */
  readTable(): void {
    const n = this.count(1);
    const lens = new Array<number>(n);
    for (let i = 0; i < n; i++) lens[i] = this.uint();
    const aLen = this.uint(), bLen = this.uint();
    if (aLen + bLen > this.end - this.pos || bLen % 2 !== 0) this.fail('bad string blobs');
    const a0 = this.pos, b0 = a0 + aLen;
    // a plain byte view (the bytes come as a Buffer from the snapshot, as a Uint8Array from a worker): one shape for the interner's loops
    const bytes = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    const buf = bLen ? Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength) : undefined;
    const b = buf ? buf.toString('utf16le', b0, b0 + bLen) : '';
    this.pos += aLen + bLen;
    let ia = 0, ib = 0;
    const table = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const len = lens[i] >>> 1;
      if ((lens[i] & 1) === 0) {
        if (ia + len > aLen) this.fail('string beyond its blob');
        table[i] = latin1.get(bytes, a0 + ia, len);
        ia += len;
        continue;
      }
      if (ib + len > b.length) this.fail('string beyond its blob');
      const s = b.slice(ib, ib + len), from = b0 + 2 * ib;
      ib += len;
      let c = interned.get(s);
      if (c === undefined) {
        // the first time this string is seen: a copy of its own, since a slice (13 characters or
        // more) would keep this entry's whole blob alive for as long as the string lives
        c = len < 13 ? s : buf!.toString('utf16le', from, from + 2 * len);
        interned.set(c, c);
      }
      table[i] = c;
    }
    if (ia !== aLen || ib !== b.length) this.fail('string blobs longer than the table');
    this.table = table;
  }
}

/** Check the header and checksum of a packed entry; the body's bounds, or a PackError. */
function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < HEADER) throw new PackError('corrupt analysis entry: shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== PACK_MAGIC) throw new PackError('not a packed analysis entry');
  if (bytes[4] !== PACK_VERSION || bytes[5] || bytes[6] || bytes[7]) throw new PackError(`packed analysis entry of another format (${bytes[4]})`);
  if (crc32(bytes.subarray(HEADER)) !== view.getUint32(8, true)) throw new PackError('corrupt analysis entry: checksum does not match');
}

/**
 * Decode a packed entry into a DocumentAnalysis with the given uri and version. Throws PackError on
 * anything malformed; `hash`, when given, must be the entry's.
 */
export function decodeEntry(data: Uint8Array | ArrayBuffer, uri: string, version: number, hash?: string,
  parts?: { table?: string[]; body?: Uint8Array }): { hash: string; lines: Uint32Array; doc: DocumentAnalysis } {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  checkHeader(bytes);
  const r = new Reader(bytes, HEADER, bytes.length);
  r.readTable();
  // the entry's parts, as splitEntry gives them (for a snapshot writer, without reading the table again)
  if (parts) { parts.table = r.strings; parts.body = bytes.subarray(r.pos); }
  return decodeBodyOf(r, uri, version, hash);
}

/**
 * An entry split into its string table (the strings, interned) and its body (a view of the bytes):
 * the form a workspace snapshot stores, with one string table for every entry of the snapshot (see
 * encodeSnapshotPayload). Header and checksum are checked; PackError when they do not hold.
 */
export function splitEntry(bytes: Uint8Array): { table: string[]; body: Uint8Array } {
  checkHeader(bytes);
  const r = new Reader(bytes, HEADER, bytes.length);
  r.readTable();
  return { table: r.strings, body: bytes.subarray(r.pos) };
}

/** Decode an entry's body given its string table (splitEntry, decodeSnapshotPayload). PackError on anything malformed. */
export function decodeBody(body: Uint8Array, table: string[], uri: string, version: number, hash?: string):
  { hash: string; lines: Uint32Array; doc: DocumentAnalysis } {
  const r = new Reader(body, 0, body.length);
  r.useTable(table);
  return decodeBodyOf(r, uri, version, hash);
}

function decodeBodyOf(r: Reader, uri: string, version: number, hash: string | undefined): { hash: string; lines: Uint32Array; doc: DocumentAnalysis } {
  const entryHash = r.str();
  if (hash !== undefined && entryHash !== hash) throw new PackError('analysis entry of another text');
  const docHash = r.str();
  const length = r.uint();
  let n = r.count();
  const lines = new Uint32Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) { prev += r.int(); lines[i] = prev; }
  const metadata: ArticleMetadata = {};
  const mf = r.byte();
  if (mf & ~63) r.fail('unknown metadata flags');
  if (mf & 1) metadata.title = r.str();
  if (mf & 2) metadata.outlet = r.str();
  if (mf & 4) metadata.date = r.str();
  if (mf & 8) metadata.titleSpan = readSpan(r);
  if (mf & 16) metadata.outletSpan = readSpan(r);
  if (mf & 32) metadata.dateSpan = readSpan(r);

  n = r.count(5);
  const mentions = new Array<Mention>(n);
  prev = 0;
  for (let i = 0; i < n; i++) {
    const start = prev + r.int(); prev = start;
    const end = start + r.int();
    const text = r.str();
    const type = r.str() as Mention['type'];
    const local = r.int();
    const f = r.byte();
    let m: Mention;
    // the common shapes as literals (one hidden class each), the rare fields added after
    if (f === 16) m = { start, end, text, type, local, confidence: r.num() };
    else if (f === 0) m = { start, end, text, type, local };
    else {
      m = { start, end, text, type, local };
      if (f & 1) m.title = readTitle(r);
      if (f & 2) { const s = readSpan(r); m.role = { start: s.start, end: s.end, text: r.str() }; }
      if (f & 4) m.value = r.str();
      if (f & 8) m.qualifier = r.str() as 'region';
      if (f & 16) m.confidence = r.num();
      if (f & 32) m.annotated = r.str() as 'confirm' | 'add';
      if (f & ~63) r.fail('unknown mention flags');
    }
    mentions[i] = m;
  }

  n = r.count(6);
  const quotes = new Array<Quote>(n);
  prev = 0;
  for (let i = 0; i < n; i++) {
    const start = prev + r.int(); prev = start;
    const end = start + r.int();
    const text = r.str();
    const kind = r.str() as Quote['kind'];
    const paragraph = r.int();
    const f = r.byte();
    let cue: Quote['cue'];
    let speaker: QuoteSpeaker | undefined;
    if (f & 1) { const cs = r.int(); const ce = cs + r.int(); cue = { start: cs, end: ce, text: r.str(), lemma: r.str() }; }
    if (f & 2) { const ss = r.int(); const se = ss + r.int(); speaker = { start: ss, end: se, text: r.str(), local: r.int(), via: r.str() as QuoteSpeaker['via'] }; }
    let q: Quote;
    if ((f & 3) === 3) q = { start, end, text, kind, cue, speaker, paragraph };
    else {
      q = { start, end, text, kind, paragraph };
      if (cue) q.cue = cue;
      if (speaker) q.speaker = speaker;
    }
    if (f & 4) q.continuesFrom = r.int();
    if (f & 8) q.unbalanced = r.bool();
    if (f & ~15) r.fail('unknown quote flags');
    quotes[i] = q;
  }

  n = r.count(5);
  const entities = new Array<LocalEntity>(n);
  for (let i = 0; i < n; i++) {
    const type = r.str() as LocalEntity['type'];
    const name = r.str();
    let k = r.count();
    let ms: number[];
    if (k === 1) ms = single(r.int());
    else {
      ms = new Array<number>(k);
      prev = 0;
      for (let j = 0; j < k; j++) { prev += r.int(); ms[j] = prev; }
    }
    k = r.count();
    let aliases: string[];
    if (k === 1) aliases = oneString(r.str());
    else {
      aliases = new Array<string>(k);
      for (let j = 0; j < k; j++) aliases[j] = r.str();
    }
    k = r.count(5);
    let titles: Title[] = NO_TITLES;
    if (k > 0) {
      titles = new Array<Title>(k);
      for (let j = 0; j < k; j++) titles[j] = readTitle(r);
    }
    entities[i] = { type, name, mentions: ms, aliases, titles };
  }

  n = r.count(7);
  const claims = new Array<Claim>(n);
  for (let i = 0; i < n; i++) {
    const s = readSpan(r);
    const local = r.int();
    const predicate = r.str();
    const hedged = r.bool();
    const text = r.str();
    const c: Claim = { start: s.start, end: s.end, local, predicate, hedged, text };
    const f = r.byte();
    if (f & 1) c.hedge = r.str();
    if (f & 2) { const ds = readSpan(r); c.date = { start: ds.start, end: ds.end, value: r.str() }; }
    if (f & 4) { const ps = readSpan(r); c.place = { start: ps.start, end: ps.end, text: r.str(), local: r.int() }; }
    if (f & 8) c.value = r.num();
    if (f & ~15) r.fail('unknown claim flags');
    claims[i] = c;
  }

  n = r.count(2);
  const paragraphs = new Array<Span>(n);
  prev = 0;
  for (let i = 0; i < n; i++) { const start = prev + r.int(); prev = start; paragraphs[i] = { start, end: start + r.int() }; }

  n = r.count(4);
  const problems = new Array<InputProblem>(n);
  for (let i = 0; i < n; i++) problems[i] = { code: r.str() as InputProblem['code'], message: r.str(), start: r.int(), end: r.int() };
  if (r.pos !== r.end) r.fail('bytes after the body');

  const doc: DocumentAnalysis = { uri, version, hash: docHash, length, metadata, mentions, quotes, entities, claims, paragraphs, problems };
  return { hash: entryHash, lines, doc };
}

function readSpan(r: Reader): Span {
  const start = r.int();
  return { start, end: start + r.int() };
}

function readTitle(r: Reader): Title {
  const start = r.int();
  const end = start + r.int();
  const text = r.str();
  const normalized = r.str();
  if (r.byte()) return { start, end, text, normalized, rank: r.num() };
  return { start, end, text, normalized };
}

/** Whether a buffer is a whole packed entry of this format (header and checksum; the body is not decoded). */
export function isPackedEntry(data: Uint8Array): boolean {
  try { checkHeader(data); return true; } catch { return false; }
}

// ---------------------------------------------------------------- snapshot payloads

/**
 * One entry as a workspace snapshot stores it: the strings the snapshot has not had before (they
 * take the next ids, in order), the entry's string table as ids into every string of the snapshot so
 * far, and the entry's body. A string that thousands of articles share is stored, checked and made
 * into a JavaScript string once per snapshot instead of once per article.
 *
 * Layout: CRC-32 of the rest (u32 LE), count of new strings, their lengths (length * 2 + 1 when
 * stored as UTF-16), Latin-1 blob length, UTF-16 blob length, the blobs, count of table ids, the ids,
 * the body.
 */
export function encodeSnapshotPayload(fresh: string[], ids: ArrayLike<number>, body: Uint8Array): Uint8Array {
  const w = new Writer();
  w.stringTable(fresh);
  w.uint(ids.length);
  for (let i = 0; i < ids.length; i++) w.uint(ids[i]);
  const out = new Uint8Array(4 + w.pos + body.length);
  out.set(w.buf.subarray(0, w.pos), 4);
  out.set(body, 4 + w.pos);
  new DataView(out.buffer).setUint32(0, crc32(out.subarray(4)), true);
  return out;
}

/**
 * Read a snapshot payload: its new strings are appended to `strings` (every string of the snapshot
 * so far, in order), and the entry's string table and body (a view) returned. PackError when the
 * checksum or anything else does not hold; `strings` is then left as it was.
 */
export function decodeSnapshotPayload(payload: Uint8Array, strings: string[]): { table: string[]; body: Uint8Array } {
  if (payload.length < 4) throw new PackError('corrupt snapshot record: shorter than its checksum');
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  if (crc32(payload.subarray(4)) !== view.getUint32(0, true)) throw new PackError('corrupt snapshot record: checksum does not match');
  const r = new Reader(payload, 4, payload.length);
  const n = r.count(1);
  const lens = new Array<number>(n);
  for (let i = 0; i < n; i++) lens[i] = r.uint();
  const aLen = r.uint(), bLen = r.uint();
  if (aLen + bLen > r.end - r.pos || bLen % 2 !== 0) r.fail('bad string blobs');
  const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  let a = r.pos, b = a + aLen;
  const aEnd = b, bEnd = b + bLen;
  const fresh = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const len = lens[i] >>> 1;
    // each a string of its own (not a slice of a blob it would keep alive)
    if (lens[i] & 1) { if (b + 2 * len > bEnd) r.fail('string beyond its blob'); fresh[i] = buf.toString('utf16le', b, b + 2 * len); b += 2 * len; }
    else { if (a + len > aEnd) r.fail('string beyond its blob'); fresh[i] = buf.toString('latin1', a, a + len); a += len; }
  }
  if (a !== aEnd || b !== bEnd) r.fail('string blobs longer than the table');
  r.pos = bEnd;
  const known = strings.length + n;
  const k = r.count(1);
  const table = new Array<string>(k);
  for (let i = 0; i < k; i++) {
    const id = r.uint();
    if (id >= known) r.fail('bad string id');
    table[i] = id < strings.length ? strings[id] : fresh[id - strings.length];
  }
  for (const s of fresh) strings.push(s);
  return { table, body: payload.subarray(r.pos) };
}
