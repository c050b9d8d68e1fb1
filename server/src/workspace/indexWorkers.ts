/**
 * A pool of worker threads for the cold index: the analysis is pure, so each worker reads and
 * analyses a share of the articles (indexWorker.ts) while the main thread links them and stays free
 * for requests. Where workers cannot start (no worker entry next to this file), the same jobs run
 * on the main thread.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputProblem } from '../analysis/model';

export interface IndexJob { uri: string; file: string; maxBytes: number; /** Analyse even when the cache holds an entry (the main thread could not decode it). */ fresh?: boolean }

export interface IndexResult {
  uri: string;
  file: string;
  size: number;
  mtime: number;
  hash?: string;
  /** The packed cache entry (analysis/pack.ts), transferred from the worker, not copied. */
  packed?: ArrayBuffer;
  problems: InputProblem[];
  skip?: boolean;
  /** Taken from the cache. */
  cached?: boolean;
  /** The file vanished before it was read. */
  gone?: boolean;
}

/** How many workers: $BYLINE_INDEX_WORKERS, else one per core (at most 8). */
export function workerCount(): number {
  const env = Number(process.env.BYLINE_INDEX_WORKERS);
  if (Number.isFinite(env) && env >= 0 && process.env.BYLINE_INDEX_WORKERS !== '') return Math.floor(env);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(8, cores));
}

/**
 * The heap a worker may use. An article's analysis needs a few MB; without a bound V8 lets each
 * worker's heap grow to hundreds of MB of garbage between collections, all of it resident in the
 * server process. A worker that hits the bound dies; its batch runs again on the main thread
 * (indexer.ts). The young generation is 16 MB: at 8 MB a worker scavenged every ~6 articles and more
 * of each article's short-lived objects were promoted; the cold index took ~5-8% more CPU (2000 ws10k
 * articles, two runs each: 18.9-21.6 CPU-s at 8 MB, 18.0-19.3 at 16, 17.7-18.9 at 32), for ~8 MB more
 * resident per worker. $BYLINE_WORKER_HEAP_MB and $BYLINE_WORKER_YOUNG_MB override the two bounds.
 */
export function workerLimits(): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  const env = Number(process.env.BYLINE_WORKER_HEAP_MB);
  const young = Number(process.env.BYLINE_WORKER_YOUNG_MB);
  return { maxOldGenerationSizeMb: Number.isFinite(env) && env > 0 ? env : 192, maxYoungGenerationSizeMb: Number.isFinite(young) && young > 0 ? young : 16 };
}

export function workerEntry(): string {
  return path.join(__dirname, 'indexWorker.js');
}

type Pending = { resolve: (r: IndexResult[]) => void; reject: (e: Error) => void };

export class IndexWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ id: number; jobs: IndexJob[] }> = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;

  /** cacheDir: the cache's versioned directory (AnalysisCache.dir), or null for none. */
  constructor(count = workerCount(), cacheDir: string | null = null) {
    if (!fs.existsSync(workerEntry())) return;
    for (let i = 0; i < count; i++) {
      try {
        const w = new Worker(workerEntry(), { workerData: { cacheDir }, resourceLimits: workerLimits() });
        w.on('message', (msg: { id: number; results: IndexResult[] }) => this.done(w, msg));
        w.on('error', (e) => this.failed(w, e));
        this.workers.push(w);
        this.idle.push(w);
      } catch { /* fewer workers */ }
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Run a batch of jobs on the next free worker. */
  run(jobs: IndexJob[]): Promise<IndexResult[]> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, jobs });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(w, task.id);
      w.postMessage(task);
    }
  }

  private done(w: Worker, msg: { id: number; results: IndexResult[] }): void {
    this.busy.delete(w);
    this.idle.push(w);
    const p = this.pending.get(msg.id);
    this.pending.delete(msg.id);
    p?.resolve(msg.results);
    this.pump();
  }

  private failed(w: Worker, e: Error): void {
    const id = this.busy.get(w);
    this.busy.delete(w);
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    if (id !== undefined) { const p = this.pending.get(id); this.pending.delete(id); p?.reject(e); }
    if (this.workers.length === 0) for (const [pid, p] of this.pending) { this.pending.delete(pid); p.reject(new Error('no index workers left')); }
    this.pump();
  }

  async close(): Promise<void> {
    const ws = this.workers.splice(0);
    this.idle.length = 0;
    await Promise.all(ws.map((w) => w.terminate().catch(() => 0)));
  }
}
