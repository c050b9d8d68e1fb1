/**
 * Entry point of an index worker thread (see indexWorkers.ts): reads articles, analyses the ones the
 * cache does not hold, stores them in the cache and returns each as the packed cache entry
 * (analysis/pack.ts): an ArrayBuffer transferred to the main thread without a copy, which decodes it
 * into fresh objects.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeDocument } from '../analysis/analyze';
import { hashText } from '../analysis/hash';
import { decodeBytes } from '../analysis/input';
import { lineStarts } from '../analysis/lines';
import { isPackedEntry } from '../analysis/pack';
import { AnalysisCache } from './cache';
import { IndexJob, IndexResult } from './indexWorkers';

const cacheDir = (workerData as { cacheDir?: string | null } | undefined)?.cacheDir;
const cache = cacheDir ? new AnalysisCache(path.dirname(cacheDir), path.basename(cacheDir)) : new AnalysisCache(null);

export function runJob(job: IndexJob, store: AnalysisCache): IndexResult {
  let bytes: Uint8Array;
  let size = 0, mtime = 0;
  try {
    const stat = fs.statSync(job.file);
    size = stat.size; mtime = stat.mtimeMs;
    if (stat.size > job.maxBytes) return { uri: job.uri, file: job.file, size, mtime, skip: true, problems: [{ code: 'too-large', start: 0, end: 0, message: tooLargeMessage(stat.size, job.maxBytes) }] };
    bytes = fs.readFileSync(job.file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { uri: job.uri, file: job.file, size, mtime, gone: true, problems: [] };
    return { uri: job.uri, file: job.file, size, mtime, skip: true, problems: [{ code: 'encoding', start: 0, end: 0, message: `Byline could not read this file: ${(e as Error).message}` }] };
  }
  const decoded = decodeBytes(bytes, job.maxBytes);
  if (decoded.skip) return { uri: job.uri, file: job.file, size, mtime, skip: true, problems: decoded.problems };
  const hash = hashText(decoded.text);
  const cached = job.fresh ? undefined : store.readRaw(hash);
  // a damaged entry (its checksum fails) is analysed again and stored anew; the body is decoded only
  // once, on the main thread, which sends the job back with fresh: true if that fails (indexer.ts)
  if (cached !== undefined && isPackedEntry(cached)) return { uri: job.uri, file: job.file, size, mtime, hash, packed: own(cached), problems: [], cached: true };
  const doc = analyzeDocument(job.uri, decoded.text, -1);
  doc.problems.push(...decoded.problems);
  const { uri, version, ...rest } = doc;
  void uri; void version;
  const packed = store.write({ hash, lines: lineStarts(decoded.text), doc: rest });
  return { uri: job.uri, file: job.file, size, mtime, hash, packed: own(packed), problems: [] };
}

/** The bytes as an ArrayBuffer of their own (a Buffer from a file may be a view into a shared pool). */
function own(b: Uint8Array): ArrayBuffer {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) return b.buffer;
  return new Uint8Array(b).buffer; // a copy (Buffer#slice would be a view of the same pool)
}

function tooLargeMessage(size: number, max: number): string {
  return `Byline skipped this file: it is ${(size / 1e6).toFixed(1)} MB, over the limit of ${(max / 1e6).toFixed(1)} MB (setting byline.maxFileSize).`;
}

if (parentPort) {
  parentPort.on('message', (msg: { id: number; jobs: IndexJob[] }) => {
    const results: IndexResult[] = [];
    for (const job of msg.jobs) {
      try {
        results.push(runJob(job, cache));
      } catch (e) {
        results.push({ uri: job.uri, file: job.file, size: 0, mtime: 0, skip: true, problems: [{ code: 'encoding', start: 0, end: 0, message: `Byline could not analyse this file: ${(e as Error).message}` }] });
      }
    }
    cache.release();
    const transfer: ArrayBuffer[] = [];
    for (const r of results) if (r.packed) transfer.push(r.packed);
    parentPort!.postMessage({ id: msg.id, results }, transfer);
  });
}
