/**
 * Byline's on-disk cache of analyses, keyed by the content hash of the text, so that a workspace
 * opened again starts from what was analysed before. Entries live under a directory named by the
 * analyzer version and the recognizer model's hash: a new analyzer or a retrained model never reads
 * old entries. An entry that cannot be read or parsed is ignored (and re-analysed); writes go through
 * a temporary file and a rename, so a reader never sees half an entry.
 *
 * Location: $BYLINE_CACHE_DIR, else $XDG_CACHE_HOME/byline, else ~/.cache/byline (on Windows
 * %LOCALAPPDATA%\byline). BYLINE_CACHE_DIR=off turns the cache off.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentAnalysis } from '../analysis/model';
import { findModelPath } from '../analysis/ner';

/** Bump when the analysis or its stored shape changes. */
export const ANALYZER_VERSION = 1;

/** What an entry holds: the analysis without its uri and version, and the text's line starts. */
export interface CachedAnalysis { hash: string; lines: number[]; doc: Omit<DocumentAnalysis, 'uri' | 'version'> }

/** File size and modification time → content hash, per workspace folder, to skip reading unchanged files' hashes. */
type Manifest = Record<string, [number, number, string]>;

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

  private file(hash: string): string {
    return path.join(this.dir!, hash.slice(0, 2), `${hash}.json`);
  }

  /** The stored entry as text, or undefined. */
  readRaw(hash: string): string | undefined {
    if (!this.dir || !/^[0-9a-f]{16}$/.test(hash)) return undefined;
    try {
      return fs.readFileSync(this.file(hash), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The entry for a content hash, checked; a corrupt or foreign entry is undefined. */
  read(hash: string): CachedAnalysis | undefined {
    const raw = this.readRaw(hash);
    return raw === undefined ? undefined : parseEntry(raw, hash);
  }

  /** Store an entry (best effort: a full disk or a read-only cache only costs the next start). */
  writeRaw(hash: string, json: string): void {
    if (!this.dir || !/^[0-9a-f]{16}$/.test(hash)) return;
    const target = this.file(hash);
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(tmp, json);
      fs.renameSync(tmp, target);
    } catch {
      try { fs.rmSync(tmp, { force: true }); } catch { /* nothing to clean */ }
    }
  }

  write(entry: CachedAnalysis): void {
    this.writeRaw(entry.hash, serializeEntry(entry));
  }

  private manifestFile(folder: string): string {
    return path.join(this.dir!, 'manifests', `${crypto.createHash('sha1').update(folder).digest('hex').slice(0, 16)}.json`);
  }

  loadManifest(folder: string): Map<string, [number, number, string]> {
    const out = new Map<string, [number, number, string]>();
    if (!this.dir) return out;
    try {
      const m = JSON.parse(fs.readFileSync(this.manifestFile(folder), 'utf8')) as Manifest;
      for (const [k, v] of Object.entries(m)) if (Array.isArray(v) && v.length === 3 && typeof v[2] === 'string') out.set(k, v);
    } catch { /* none yet, or unreadable: every file is hashed again */ }
    return out;
  }

  saveManifest(folder: string, manifest: Map<string, [number, number, string]>): void {
    if (!this.dir) return;
    const file = this.manifestFile(folder);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(manifest)));
      fs.renameSync(tmp, file);
    } catch { /* best effort */ }
  }
}

export function serializeEntry(entry: CachedAnalysis): string {
  return JSON.stringify(entry);
}

/** Parse and sanity-check an entry; anything malformed is undefined. */
export function parseEntry(raw: string, hash?: string): CachedAnalysis | undefined {
  try {
    const e = JSON.parse(raw) as CachedAnalysis;
    const d = e?.doc;
    if (!e || typeof e.hash !== 'string' || (hash && e.hash !== hash) || !Array.isArray(e.lines) || !d || typeof d.length !== 'number' ||
      !Array.isArray(d.mentions) || !Array.isArray(d.entities) || !Array.isArray(d.quotes) || !Array.isArray(d.claims) ||
      !Array.isArray(d.paragraphs) || !Array.isArray(d.problems) || typeof d.metadata !== 'object') return undefined;
    return e;
  } catch {
    return undefined;
  }
}
