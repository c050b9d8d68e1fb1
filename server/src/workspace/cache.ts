/**
 * Byline's on-disk cache of analyses, keyed by the content hash of the text, so that a workspace
 * opened again starts from what was analysed before. Entries live under a directory named by the
 * analyzer version and the recognizer model's hash: a new analyzer or a retrained model never reads
 * old entries. An entry is the packed form of analysis/pack.ts (binary, checksummed); one that cannot
 * be read or decoded is ignored (and re-analysed).
 *
 * Two stores: the entries by content hash (`entries/*.log`, shared by every workspace and written by
 * the index workers: append-only logs, one per writer, see EntryLog), and per workspace a snapshot
 * (`manifests/<key>.pack`): every article's file stamp (size, modification time), content hash and
 * packed entry, one after the other, so that a warm start reads one file and checks one stamp per
 * article. The snapshot's entries share one string table (a name or a quote that many articles give
 * is stored once); it is written to a temporary file and renamed, so a reader never sees half of it.
 *
 * Location: $BYLINE_CACHE_DIR, else $XDG_CACHE_HOME/byline, else ~/.cache/byline (on Windows
 * %LOCALAPPDATA%\byline). BYLINE_CACHE_DIR=off turns the cache off.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { DocumentAnalysis } from '../analysis/model';
import { findModelPath } from '../analysis/ner';
import { decodeBody, decodeEntry, decodeSnapshotPayload, encodeEntry, encodeSnapshotPayload, PackedEntry, splitEntry } from '../analysis/pack';

/** Bump when the analysis or its stored shape changes. */
export const ANALYZER_VERSION = 2;

/** What an entry holds: the analysis without its uri and version, and the text's line starts. */
export type CachedAnalysis = PackedEntry;

/** An entry decoded for use: the analysis with its uri and version, and the line table. */
export interface DecodedEntry { hash: string; lines: Uint32Array; doc: DocumentAnalysis }

/**
 * One article of a workspace snapshot: its file stamp, content hash, and its packed entry as the
 * snapshot holds it: the entry's string table (strings shared by the whole snapshot) and its body
 * (decodeRecord decodes the two).
 */
export interface SnapshotRecord { size: number; mtime: number; hash: string; table: string[]; bytes: Uint8Array }

const HASH_RE = /^[0-9a-f]{16}$/;
const SNAPSHOT_MAGIC = 0x53594c42; // "BLYS"
const SNAPSHOT_END = 0x45594c42; // "BLYE"
/** 2: one string table for the whole snapshot (pack.ts encodeSnapshotPayload). */
const SNAPSHOT_VERSION = 2;
/** The snapshot is read and written a chunk of this size at a time (changed by tests to cross chunk boundaries). */
export const snapshotChunk = { bytes: 1 << 20 };

export function defaultCacheRoot(): string | undefined {
  const env = process.env.BYLINE_CACHE_DIR;
  if (env === 'off' || env === '0') return undefined;
  if (env) return env;
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return path.join(process.env.LOCALAPPDATA, 'byline');
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'byline');
}

let modelTag: string | undefined;
/** Short hash of the recognizer model file (the analysis depends on it). */
export function modelHash(): string {
  if (modelTag) return modelTag;
  const h = crypto.createHash('sha1');
  // every model file (the recognizer's and the quote tagger's) ...
  try {
    const dir = path.dirname(findModelPath());
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.bin')) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  } catch {
    h.update('nomodel');
  }
  // ... and the analysis code itself, so that a changed analyzer never reads old entries even when
  // nobody remembered to bump ANALYZER_VERSION: the bundle this runs from, or the compiled analysis folder
  try {
    const analysisDir = path.join(__dirname, '..', 'analysis');
    if (fs.existsSync(analysisDir)) hashTree(h, analysisDir); else h.update(fs.readFileSync(__filename));
  } catch {
    h.update('nocode');
  }
  modelTag = h.digest('hex').slice(0, 12);
  return modelTag;
}

function hashTree(h: crypto.Hash, dir: string): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) hashTree(h, p);
    else if (e.name.endsWith('.js')) h.update(e.name).update(fs.readFileSync(p));
  }
}

export class AnalysisCache {
  /** The versioned directory, or undefined when the cache is off. */
  readonly dir: string | undefined;

  constructor(root: string | null | undefined = defaultCacheRoot(), tag = `v${ANALYZER_VERSION}-${modelHash()}`) {
    this.dir = root ? path.join(root, tag) : undefined; // null: off
  }

  get enabled(): boolean {
    return this.dir !== undefined;
  }

  /** The entries by content hash (see EntryLog): made on first use. */
  private log: EntryLog | undefined;

  private entries(): EntryLog {
    return (this.log ??= new EntryLog(path.join(this.dir!, 'entries')));
  }

  /** The stored entry's bytes, or undefined. */
  readRaw(hash: string): Uint8Array | undefined {
    if (!this.dir || !HASH_RE.test(hash)) return undefined;
    return this.entries().read(hash);
  }

  /** The entry for a content hash, decoded and checked; a corrupt or foreign entry is undefined. */
  read(hash: string, uri = '', version = -1): DecodedEntry | undefined {
    const raw = this.readRaw(hash);
    return raw === undefined ? undefined : decodeCached(raw, uri, version, hash);
  }

  /** Store an entry's bytes (best effort: a full disk or a read-only cache only costs the next start). */
  writeRaw(hash: string, bytes: Uint8Array): void {
    if (!this.dir || !HASH_RE.test(hash)) return;
    this.entries().write(hash, bytes);
  }

  /** Close the file the entries are appended to (it is opened again on the next write): after each batch. */
  release(): void {
    this.log?.release();
  }

  /** Pack and store an entry; returns the packed bytes. */
  write(entry: CachedAnalysis): Uint8Array {
    const bytes = new Uint8Array(encodeEntry(entry));
    this.writeRaw(entry.hash, bytes);
    return bytes;
  }

  private snapshotFile(key: string): string {
    return path.join(this.dir!, 'manifests', `${crypto.createHash('sha1').update(key).digest('hex').slice(0, 16)}.pack`);
  }

  /**
   * The workspace's snapshot, record by record: [file, stamp, hash and packed entry]. The file is
   * read in chunks of about a MB, never whole; a record's bytes are a view into the current chunk,
   * valid until the next record is asked for (its table stays valid). Nothing when there is no
   * snapshot or it cannot be read; a damaged or truncated snapshot is read up to the damage (a record
   * whose checksum fails ends it: the strings of the records after it may be defined in it).
   */
  *snapshotRecords(key: string): Generator<[string, SnapshotRecord]> {
    if (!this.dir) return;
    let fd: number;
    try { fd = fs.openSync(this.snapshotFile(key), 'r'); } catch { return; }
    try {
      const fileSize = fs.fstatSync(fd).size;
      let buf = Buffer.allocUnsafe(snapshotChunk.bytes);
      let start = 0, end = 0, eof = false;
      /** At least n bytes from start in the buffer, reading more as needed; false at the end of the file. */
      const need = (n: number): boolean => {
        while (end - start < n && !eof) {
          if (start > 0) { buf.copy(buf, 0, start, end); end -= start; start = 0; }
          if (n > buf.length) { const bigger = Buffer.allocUnsafe(Math.max(n, buf.length * 2)); buf.copy(bigger, 0, 0, end); buf = bigger; }
          const got = fs.readSync(fd, buf, end, buf.length - end, null);
          if (got === 0) eof = true; else end += got;
        }
        return end - start >= n;
      };
      if (!need(8) || buf.readUInt32LE(start) !== SNAPSHOT_MAGIC || buf.readUInt32LE(start + 4) !== SNAPSHOT_VERSION) return;
      start += 8;
      /** Every string of the snapshot so far, by id. */
      const strings: string[] = [];
      while (need(8)) {
        const fileLen = buf.readUInt32LE(start);
        if (fileLen === SNAPSHOT_END || fileLen > 1 << 16) return;
        const fixed = 4 + fileLen + 8 + 8 + 16 + 4;
        if (!need(fixed)) return;
        let p = start + 4;
        const file = buf.toString('utf8', p, p + fileLen); p += fileLen;
        const size = buf.readDoubleLE(p); p += 8;
        const mtime = buf.readDoubleLE(p); p += 8;
        const hash = buf.toString('latin1', p, p + 16); p += 16;
        const len = buf.readUInt32LE(p);
        if (!HASH_RE.test(hash) || len > fileSize || !need(fixed + len)) return;
        const at = start + fixed;
        start = at + len;
        const { table, body } = decodeSnapshotPayload(buf.subarray(at, at + len), strings);
        yield [file, { size, mtime, hash, table, bytes: body }];
      }
    } catch {
      /* unreadable from here on */
    } finally {
      try { fs.closeSync(fd); } catch { /* closed */ }
    }
  }

  /** A writer for the workspace's next snapshot (undefined when the cache is off or the directory cannot be written). */
  snapshotWriter(key: string): SnapshotWriter | undefined {
    if (!this.dir) return undefined;
    try {
      return new SnapshotWriter(this.snapshotFile(key));
    } catch {
      return undefined;
    }
  }
}

const LOG_RECORD = 0x52594c42; // "BLYR"
const LOG_HEAD = 4 + 16 + 4;
/** How long a miss trusts the last look at the other writers' logs (ms), plus LOG_RESCAN_PER_LOG per log seen (a look stats each). */
const LOG_RESCAN_MS = 25;
const LOG_RESCAN_PER_LOG = 0.5;

/**
 * The entries by content hash, as append-only logs: each writer (a process's thread) appends to a log
 * file of its own (`entries/<pid>-<thread>-<random>.log`), one record per entry: "BLYR", the hash
 * (16 hex digits), the length and the packed entry, in one write. A cold index of thousands of
 * articles then creates a file per worker, not one per article (creating a file costs ~0.1 to 1 ms
 * of kernel time, more than packing the entry). A reader indexes the record heads of every log
 * (hash → log, offset) and reads an entry with one positioned read; it looks again at the logs (only
 * at what was appended since its last look) when a hash is not found, at most every LOG_RESCAN_MS,
 * so that the copies of an article analysed by another worker a moment before are found. A record
 * still being written is taken at the next look; a damaged head ends the reading of that log; a
 * damaged entry fails its checksum when decoded and is analysed again and appended anew (the newer
 * record wins in this reader). Best effort throughout: no log, no entry.
 */
class EntryLog {
  private readonly where = new Map<string, { log: string; at: number; len: number }>();
  /** How far each log has been read (bytes), or -1 for one that ended in damage. */
  private readonly scanned = new Map<string, number>();
  private lastScan = -Infinity;
  /** This writer's log: its name and size, and its descriptor while open (undefined: not yet made; null: cannot be written). */
  private own: { fd: number | undefined; name: string; size: number } | undefined | null;

  constructor(private readonly dir: string) {}

  read(hash: string): Uint8Array | undefined {
    let at = this.where.get(hash);
    if (!at && Date.now() - this.lastScan >= LOG_RESCAN_MS + LOG_RESCAN_PER_LOG * this.scanned.size) { this.scan(); at = this.where.get(hash); }
    if (!at) return undefined;
    let fd: number | undefined;
    try {
      fd = fs.openSync(path.join(this.dir, at.log), 'r');
      const out = Buffer.allocUnsafeSlow(at.len);
      let got = 0;
      while (got < at.len) { const n = fs.readSync(fd, out, got, at.len - got, at.at + got); if (n === 0) return undefined; got += n; }
      return out;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) try { fs.closeSync(fd); } catch { /* closed */ }
    }
  }

  write(hash: string, bytes: Uint8Array): void {
    const own = this.ownLog();
    if (!own || own.fd === undefined) return;
    const rec = Buffer.allocUnsafe(LOG_HEAD + bytes.length);
    rec.writeUInt32LE(LOG_RECORD, 0);
    rec.write(hash, 4, 16, 'latin1');
    rec.writeUInt32LE(bytes.length, 20);
    rec.set(bytes, LOG_HEAD);
    try {
      let off = 0;
      while (off < rec.length) off += fs.writeSync(own.fd, rec, off, rec.length - off);
    } catch {
      // a full disk: this log ends here (its last record may be partial; readers stop before it)
      this.release();
      this.own = null;
      return;
    }
    this.where.set(hash, { log: own.name, at: own.size + LOG_HEAD, len: bytes.length });
    own.size += rec.length;
    this.scanned.set(own.name, own.size);
  }

  /** This writer's log, made on the first write and opened again after a release; null when it cannot be (a read-only cache). */
  private ownLog(): { fd: number | undefined; name: string; size: number } | null {
    if (this.own === null) return null;
    try {
      if (this.own === undefined) {
        fs.mkdirSync(this.dir, { recursive: true });
        const name = `${process.pid}-${threadId}-${Math.random().toString(36).slice(2, 10)}.log`;
        this.own = { fd: fs.openSync(path.join(this.dir, name), 'a'), name, size: 0 };
      } else if (this.own.fd === undefined) {
        this.own.fd = fs.openSync(path.join(this.dir, this.own.name), 'a');
        this.own.size = fs.fstatSync(this.own.fd).size;
      }
    } catch {
      this.own = null;
    }
    return this.own;
  }

  release(): void {
    if (!this.own || this.own.fd === undefined) return;
    try { fs.closeSync(this.own.fd); } catch { /* closed */ }
    this.own.fd = undefined;
  }

  /**
   * Read the record heads appended to every log since the last look, the logs in the order they were
   * last written: an entry stored again (its first copy was damaged) is found in the newer log.
   */
  private scan(): void {
    this.lastScan = Date.now();
    let names: string[];
    try { names = fs.readdirSync(this.dir); } catch { return; }
    const logs: Array<{ name: string; size: number; mtime: number }> = [];
    for (const name of names) {
      if (!name.endsWith('.log') || name === this.own?.name) continue;
      const from = this.scanned.get(name) ?? 0;
      if (from < 0) continue;
      try {
        const st = fs.statSync(path.join(this.dir, name));
        if (st.size >= from + LOG_HEAD) logs.push({ name, size: st.size, mtime: st.mtimeMs });
      } catch { /* gone */ }
    }
    logs.sort((x, y) => x.mtime - y.mtime);
    const head = Buffer.allocUnsafe(LOG_HEAD);
    for (const { name, size } of logs) {
      let from = this.scanned.get(name) ?? 0;
      let fd: number | undefined;
      try {
        fd = fs.openSync(path.join(this.dir, name), 'r');
        while (from + LOG_HEAD <= size) {
          if (fs.readSync(fd, head, 0, LOG_HEAD, from) < LOG_HEAD) break;
          const hash = head.toString('latin1', 4, 20);
          const len = head.readUInt32LE(20);
          if (head.readUInt32LE(0) !== LOG_RECORD || !HASH_RE.test(hash)) { from = -1; break; }
          if (from + LOG_HEAD + len > size) break; // still being written
          this.where.set(hash, { log: name, at: from + LOG_HEAD, len });
          from += LOG_HEAD + len;
        }
      } catch {
        /* unreadable now: perhaps later */
      } finally {
        if (fd !== undefined) try { fs.closeSync(fd); } catch { /* closed */ }
      }
      this.scanned.set(name, from);
    }
  }
}

/**
 * Writes a snapshot record by record into a temporary file (nothing is held in memory) and puts it
 * in place at commit. Best effort: any write error drops the snapshot, never the index.
 */
export class SnapshotWriter {
  private fd: number | undefined;
  private readonly tmp: string;
  private count = 0;
  /** Records are copied into a chunk of CHUNK bytes: one write per chunk, not two per article. */
  private readonly chunk = Buffer.allocUnsafe(snapshotChunk.bytes);
  private used = 0;
  /** Every string written so far, with its id (the order written). */
  private readonly ids = new Map<string, number>();

  constructor(private readonly target: string) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    this.tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    this.fd = fs.openSync(this.tmp, 'w');
    const head = Buffer.alloc(8);
    head.writeUInt32LE(SNAPSHOT_MAGIC, 0);
    head.writeUInt32LE(SNAPSHOT_VERSION, 4);
    this.put(head);
  }

  /** Copy bytes in (the caller may reuse its buffer at once). */
  private put(b: Uint8Array): void {
    if (this.used + b.length > this.chunk.length) this.flush();
    if (b.length > this.chunk.length) { this.write(b); return; }
    this.chunk.set(b, this.used);
    this.used += b.length;
  }

  private flush(): void {
    const n = this.used;
    this.used = 0;
    if (n > 0) this.write(this.chunk.subarray(0, n));
  }

  private write(b: Uint8Array): void {
    if (this.fd === undefined) return;
    try {
      let off = 0;
      while (off < b.length) off += fs.writeSync(this.fd, b, off, b.length - off);
    } catch {
      this.abort();
    }
  }

  /** Add one article, from its packed entry (the bytes are copied; an entry that is not whole is left out). */
  add(file: string, size: number, mtime: number, hash: string, bytes: Uint8Array): void {
    if (this.fd === undefined || !HASH_RE.test(hash)) return;
    let parts = decodedParts.get(bytes);
    if (!parts) { try { parts = splitEntry(bytes); } catch { return; } }
    this.addParts(file, size, mtime, hash, parts.table, parts.body);
  }

  /** Add one article as another snapshot gave it (snapshotRecords). */
  addRecord(file: string, record: SnapshotRecord): void {
    if (this.fd === undefined || !HASH_RE.test(record.hash)) return;
    this.addParts(file, record.size, record.mtime, record.hash, record.table, record.bytes);
  }

  private addParts(file: string, size: number, mtime: number, hash: string, table: string[], body: Uint8Array): void {
    const fresh: string[] = [];
    const refs = new Array<number>(table.length);
    for (let i = 0; i < table.length; i++) {
      let id = this.ids.get(table[i]);
      if (id === undefined) { id = this.ids.size; this.ids.set(table[i], id); fresh.push(table[i]); }
      refs[i] = id;
    }
    const bytes = encodeSnapshotPayload(fresh, refs, body);
    const name = Buffer.from(file, 'utf8');
    const head = Buffer.alloc(4 + name.length + 8 + 8 + 16 + 4);
    let p = head.writeUInt32LE(name.length, 0);
    p += name.copy(head, p);
    p = head.writeDoubleLE(size, p);
    p = head.writeDoubleLE(mtime, p);
    p += head.write(hash, p, 'latin1');
    head.writeUInt32LE(bytes.length, p);
    this.put(head);
    this.put(bytes);
    this.count++;
  }

  commit(): void {
    if (this.fd === undefined) return;
    const end = Buffer.alloc(8);
    end.writeUInt32LE(SNAPSHOT_END, 0);
    end.writeUInt32LE(this.count, 4);
    this.put(end);
    this.flush();
    if (this.fd === undefined) return;
    try {
      fs.closeSync(this.fd);
      this.fd = undefined;
      fs.renameSync(this.tmp, this.target);
    } catch {
      this.abort();
    }
  }

  abort(): void {
    this.used = 0;
    if (this.fd !== undefined) { try { fs.closeSync(this.fd); } catch { /* closed */ } }
    this.fd = undefined;
    try { fs.rmSync(this.tmp, { force: true }); } catch { /* nothing to clean */ }
  }
}

/** Decode a snapshot record's entry; anything malformed, or the entry of another text, is undefined. */
export function decodeRecord(record: SnapshotRecord, uri: string, version: number): DecodedEntry | undefined {
  try {
    return decodeBody(record.bytes, record.table, uri, version, record.hash);
  } catch {
    return undefined;
  }
}

/** The string table and body of entries decoded by decodeCached, by their bytes: a snapshot writer given the same bytes does not read them again. */
const decodedParts = new WeakMap<Uint8Array, { table: string[]; body: Uint8Array }>();

/** Decode a packed entry; anything malformed, or the entry of another text, is undefined. */
export function decodeCached(bytes: Uint8Array, uri: string, version: number, hash?: string): DecodedEntry | undefined {
  try {
    const parts: { table?: string[]; body?: Uint8Array } = {};
    const entry = decodeEntry(bytes, uri, version, hash, parts);
    decodedParts.set(bytes, parts as { table: string[]; body: Uint8Array });
    return entry;
  } catch {
    return undefined;
  }
}
