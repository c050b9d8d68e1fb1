/**
 * Indexing a whole workspace: every article is read and analysed by the worker pool (or taken from
 * the on-disk cache when its content was analysed before), and the analyses enter the workspace index
 * in one bulk update. The main thread only parses results and links, so it keeps answering requests.
 */
import * as fs from 'node:fs';
import { DocumentAnalysis, InputProblem } from '../analysis/model';
import { Articles } from './articles';
import { AnalysisCache, parseEntry } from './cache';
import { runJob } from './indexWorker';
import { IndexJob, IndexResult, IndexWorkerPool, workerCount } from './indexWorkers';

export interface IndexRunOptions {
  /** Progress: articles done of total. */
  progress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
  /** Open documents: the editor's buffer wins, the file is not read. */
  isOpen?: (uri: string) => boolean;
  /** The key of the manifest (file stamps → content hashes): the workspace folders. */
  manifestKey?: string;
}

export interface IndexRunStats { files: number; fromCache: number; analysed: number; skipped: number; workers: number; ms: number }

const BATCH = 8;
const YIELD_EVERY = 100;

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Index the given files (and forget articles not among them). Returns the uris to republish. */
export async function indexFiles(articles: Articles, files: Array<{ uri: string; file: string }>, options: IndexRunOptions = {}):
  Promise<{ affected: Set<string>; stats: IndexRunStats }> {
  const started = Date.now();
  const cache = articles.cache;
  const key = options.manifestKey ?? '';
  const manifest = cache.loadManifest(key);
  const nextManifest = new Map<string, [number, number, string]>();
  const ready: Array<{ doc: DocumentAnalysis; lines: Uint32Array; problems: InputProblem[] }> = [];
  const affected = new Set<string>();
  const wanted = new Set<string>();
  const jobs: IndexJob[] = [];
  let done = 0, fromCache = 0, analysed = 0, skipped = 0;
  const total = files.length;

  const accept = (uri: string, json: string, hash: string): boolean => {
    const entry = parseEntry(json, hash);
    if (!entry) return false;
    const doc = entry.doc as DocumentAnalysis;
    doc.uri = uri;
    doc.version = -1;
    ready.push({ doc, lines: Uint32Array.from(entry.lines), problems: doc.problems.slice() });
    return true;
  };
  const take = (r: IndexResult): void => {
    done++;
    if (r.gone) return;
    if (r.skip || !r.json || !r.hash) { skipped++; for (const a of articles.skipFile(r.uri, r.problems)) affected.add(a); return; }
    if (accept(r.uri, r.json, r.hash)) { if (r.cached) fromCache++; else analysed++; nextManifest.set(r.file, [r.size, r.mtime, r.hash]); }
  };

  // 1. files whose stamp the manifest knows: straight from the cache
  for (let i = 0; i < files.length; i++) {
    const { uri, file } = files[i];
    wanted.add(uri);
    if (options.isOpen?.(uri)) { done++; continue; }
    const job: IndexJob = { uri, file, maxBytes: articles.maxBytes };
    const known = manifest.get(file);
    let hit = false;
    if (known && cache.enabled) {
      try {
        const st = fs.statSync(file);
        if (st.size === known[0] && st.mtimeMs === known[1] && st.size <= articles.maxBytes) {
          const raw = cache.readRaw(known[2]);
          if (raw !== undefined && accept(uri, raw, known[2])) { hit = true; fromCache++; done++; nextManifest.set(file, known); }
        }
      } catch { /* read it the long way */ }
    }
    if (!hit) jobs.push(job);
    if (i % YIELD_EVERY === YIELD_EVERY - 1) {
      options.progress?.(done, total);
      await tick();
      if (options.cancelled?.()) break;
    }
  }

  // 2. the rest: read, hashed, looked up or analysed by the workers
  const pool = jobs.length > BATCH ? new IndexWorkerPool(Math.min(workerCount(), Math.ceil(jobs.length / BATCH)), cache.dir ?? null) : undefined;
  const workers = pool?.size ?? 0;
  try {
    if (pool && pool.size > 0) {
      const runs: Array<Promise<void>> = [];
      for (let i = 0; i < jobs.length; i += BATCH) {
        const batch = jobs.slice(i, i + BATCH);
        runs.push(pool.run(batch).then(
          (results) => { for (const r of results) take(r); options.progress?.(done, total); },
          () => { for (const j of batch) take(runJob(j, cache)); },
        ));
      }
      await Promise.all(runs);
    } else {
      for (let i = 0; i < jobs.length; i++) {
        take(runJob(jobs[i], cache));
        if (i % 10 === 9) { options.progress?.(done, total); await tick(); if (options.cancelled?.()) break; }
      }
    }
  } finally {
    await pool?.close();
  }

  // 3. one bulk update of the index; articles no longer there are forgotten
  for (const a of articles.addAnalyzed(ready)) affected.add(a);
  const stale = articles.uris().filter((u) => !wanted.has(u) && !options.isOpen?.(u));
  for (const a of articles.removeMany(stale)) affected.add(a);
  if (cache.enabled) cache.saveManifest(key, nextManifest);
  return { affected, stats: { files: total, fromCache, analysed, skipped, workers, ms: Date.now() - started } };
}
