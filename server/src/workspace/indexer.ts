/**
 * Indexing a whole workspace: every article is read and analysed by the worker pool (or taken from
 * the on-disk cache when its content was analysed before), and the analyses enter the workspace index
 * in one bulk update. Analyses travel as packed entries (analysis/pack.ts) and are decoded as they
 * arrive, so the main thread never holds more than one batch of them in packed form.
 *
 * Warm start: the workspace's snapshot (cache.ts) gives every file's stamp and packed entry in one
 * read; a file whose size and modification time still match is decoded from it without being read.
 * Everything else goes to the workers. The next snapshot is written record by record as articles
 * are taken.
 */
import * as fs from 'node:fs';
import { DocumentAnalysis, InputProblem } from '../analysis/model';
import { clearInterned } from '../analysis/pack';
import { Articles } from './articles';
import { decodeCached, decodeRecord, SnapshotWriter } from './cache';
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

export interface IndexRunStats {
  files: number; fromCache: number; analysed: number; skipped: number; workers: number;
  /** The whole run. */
  ms: number;
  /** Of which: from the files (or the cache) to every analysis in memory, and the bulk update of the workspace index. */
  loadMs: number; indexMs: number;
}

const BATCH = 8;
const YIELD_EVERY = 100;

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Index the given files (and forget articles not among them). Returns the uris to republish. */
export async function indexFiles(articles: Articles, files: Array<{ uri: string; file: string }>, options: IndexRunOptions = {}):
  Promise<{ affected: Set<string>; stats: IndexRunStats }> {
  const started = Date.now();
  // strings are interned per run (pack.ts): what the previous run's analyses alone used can go
  clearInterned();
  const cache = articles.cache;
  const key = options.manifestKey ?? '';
  let next: SnapshotWriter | undefined;
  type Ready = { doc: DocumentAnalysis; lines: Uint32Array; problems: InputProblem[] };
  const ready: Ready[] = [];
  const affected = new Set<string>();
  const wanted = new Set<string>();
  const jobs: IndexJob[] = [];
  const retry: IndexJob[] = [];
  let done = 0, fromCache = 0, analysed = 0, skipped = 0;
  const total = files.length;

  const decode = (uri: string, bytes: Uint8Array, hash: string): Ready | undefined => {
    const entry = decodeCached(bytes, uri, -1, hash);
    return entry && { doc: entry.doc, lines: entry.lines, problems: entry.doc.problems.slice() };
  };
  const take = (r: IndexResult, job: IndexJob): void => {
    if (r.gone) { done++; return; }
    if (r.skip || !r.packed || !r.hash) { done++; skipped++; for (const a of articles.skipFile(r.uri, r.problems)) affected.add(a); return; }
    const bytes = new Uint8Array(r.packed);
    const item = decode(r.uri, bytes, r.hash);
    if (!item) {
      // the entry did not decode here: analyse it again, without the cache
      if (!job.fresh) retry.push({ ...job, fresh: true }); else { done++; skipped++; }
      return;
    }
    ready.push(item);
    done++;
    if (r.cached) fromCache++; else analysed++;
    next?.add(r.file, r.size, r.mtime, r.hash, bytes);
  };

  // 1. files whose stamp the snapshot knows: decoded from it as it is read, the file itself is not read
  const position = new Map<string, number>();
  for (let i = 0; i < files.length; i++) {
    wanted.add(files[i].uri);
    if (options.isOpen?.(files[i].uri)) done++; else position.set(files[i].file, i);
  }
  const slots = new Array<Ready | undefined>(files.length);
  /** The snapshot records taken, without their bytes (a view into a chunk that is gone by then). */
  const taken = new Map<string, { size: number; mtime: number; hash: string }>();
  /** Articles of one content (copies of a file) are decoded once and share the analysis' parts (never changed in place). */
  const byHash = new Map<string, Ready>();
  const copy = (uri: string, of: Ready): Ready => {
    const doc: DocumentAnalysis = { ...of.doc, uri, problems: of.doc.problems.slice() };
    return { doc, lines: of.lines, problems: doc.problems.slice() };
  };
  let records = 0, hits = 0;
  for (const [file, known] of cache.snapshotRecords(key)) {
    records++;
    const i = position.get(file);
    if (i === undefined || slots[i]) continue;
    try {
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (st && st.size === known.size && st.mtimeMs === known.mtime && st.size <= articles.maxBytes) {
        const same = byHash.get(known.hash);
        const entry = same ? undefined : decodeRecord(known, files[i].uri, -1);
        const item = same ? copy(files[i].uri, same) : entry && { doc: entry.doc, lines: entry.lines, problems: entry.doc.problems.slice() };
        if (item && !same) byHash.set(known.hash, item);
        if (item) { slots[i] = item; hits++; fromCache++; done++; taken.set(file, { size: known.size, mtime: known.mtime, hash: known.hash }); }
      }
    } catch { /* read it the long way */ }
    if (records % YIELD_EVERY === 0) {
      options.progress?.(done, total);
      await tick();
      if (options.cancelled?.()) break;
    }
  }
  for (let i = 0; i < files.length; i++) {
    if (slots[i]) ready.push(slots[i]!);
    else if (position.get(files[i].file) === i && !options.cancelled?.()) jobs.push({ uri: files[i].uri, file: files[i].file, maxBytes: articles.maxBytes });
  }
  slots.length = 0;
  byHash.clear();
  // the next snapshot: none to write when every article came from the current one unchanged;
  // else it starts with the current one's records still valid (read again, a chunk at a time)
  if (jobs.length > 0 || hits !== records) {
    next = cache.snapshotWriter(key);
    if (next && hits > 0) {
      for (const [file, known] of cache.snapshotRecords(key)) {
        const t = taken.get(file);
        if (!t || t.hash !== known.hash || t.size !== known.size || t.mtime !== known.mtime) continue;
        taken.delete(file);
        next.addRecord(file, known);
      }
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
          (results) => { for (let k = 0; k < results.length; k++) take(results[k], batch[k]); options.progress?.(done, total); },
          () => { for (const j of batch) take(runJob(j, cache), j); },
        ));
      }
      await Promise.all(runs);
    } else {
      for (let i = 0; i < jobs.length; i++) {
        take(runJob(jobs[i], cache), jobs[i]);
        if (i % 10 === 9) { options.progress?.(done, total); await tick(); if (options.cancelled?.()) break; }
      }
    }
  } finally {
    await pool?.close();
  }
  for (const j of retry) take(runJob(j, cache), j);
  cache.release();

  if (options.cancelled?.()) next?.abort(); else next?.commit();
  // every analysis is decoded: the interning tables can go (the strings stay with the analyses)
  clearInterned();

  // 3. one bulk update of the index; articles no longer there are forgotten
  const loaded = Date.now();
  for (const a of articles.addAnalyzed(ready)) affected.add(a);
  const stale = articles.uris().filter((u) => !wanted.has(u) && !options.isOpen?.(u));
  for (const a of articles.removeMany(stale)) affected.add(a);
  const end = Date.now();
  return { affected, stats: { files: total, fromCache, analysed, skipped, workers, ms: end - started, loadMs: loaded - started, indexMs: end - loaded } };
}
