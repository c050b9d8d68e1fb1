/**
 * The document store on its own: how long a warm start takes to bring every analysis from the
 * on-disk cache into memory, and how much memory those analyses take, without the cross-article
 * index (WorkspaceIndex.setMany is replaced by a stub that only keeps the documents).
 *
 *   node --expose-gc scripts/out/bench/cache.js seed <folder> <n> <cacheRoot> [tag]
 *     fill a cache (entries and manifest) for the first n articles of <folder> from the analyses in
 *     the saved analyses of `npm run bench:fixtures` (or $BYLINE_ANALYSES, comma-separated), without analysing;
 *     tag 'bundle' writes under the tag the bundled server (dist/server.js) reads.
 *   node --expose-gc scripts/out/bench/cache.js warm <folder> <n> <cacheRoot> [tag] [--index]
 *     index the first n articles from that cache in-process; prints wall and CPU time, the heap the
 *     analyses hold after gc and the peak RSS. --index runs the real WorkspaceIndex.setMany too; a
 *     cache root with no entries makes it a cold index (workers analyse every article).
 *   node scripts/out/bench/cache.js server <folder> - <cacheRoot>
 *     the real language server on <folder> with that cache: seconds to "indexed" (and the server's CPU
 *     seconds by then), peak RSS. $BYLINE_BENCH_KEEP_DIAGNOSTICS=out.json writes the diagnostics it
 *     published (articles with any); $BYLINE_BENCH_SERVER=<checkout>/bin/byline-language-server.js runs another version.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { pathToFileURL } from 'url';
import { hashText } from '../../../server/out/analysis/hash';
import { lineStarts } from '../../../server/out/analysis/lines';
import { DocumentAnalysis } from '../../../server/out/analysis/model';
import { findModelPath } from '../../../server/out/analysis/ner';
import { Articles } from '../../../server/out/workspace/articles';
import { AnalysisCache, ANALYZER_VERSION, modelHash } from '../../../server/out/workspace/cache';
import { findArticles } from '../../../server/out/workspace/files';
import { indexFiles } from '../../../server/out/workspace/indexer';
import { ROOT } from './corpus';
import { BenchServer } from './lsp';
import { WS10K, WS10K_ANALYSES } from './fixtures';

const FIXTURES = process.env.BYLINE_ANALYSES?.split(',') ?? WS10K_ANALYSES;
const FIXTURE_ROOT = WS10K;

/** The tag the bundled server computes: model files, then dist/server.js itself (no analysis folder beside it). */
function bundleTag(): string {
  const h = crypto.createHash('sha1');
  const dir = path.dirname(findModelPath());
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.bin')) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  h.update(fs.readFileSync(path.join(ROOT, 'dist', 'server.js')));
  return `v${ANALYZER_VERSION}-${h.digest('hex').slice(0, 12)}`;
}

function tagOf(arg: string | undefined): string {
  if (arg === 'bundle') return bundleTag();
  return arg && !arg.startsWith('--') ? arg : `v${ANALYZER_VERSION}-${modelHash()}`;
}

function firstFiles(folder: string, n: number): string[] {
  return findArticles(folder).slice(0, n);
}

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function seed(folder: string, n: number, root: string, tag: string): Promise<void> {
  const files = firstFiles(folder, n);
  const wanted = new Map(files.map((f) => [path.relative(folder, f), f]));
  const cache = new AnalysisCache(root, tag);
  const snapshot = cache.snapshotWriter(folder)!;
  let count = 0;
  for (const src of FIXTURES) {
    const rl = readline.createInterface({ input: fs.createReadStream(src), crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line) continue;
      const uriEnd = line.indexOf('"', 8);
      const uri = line.slice(8, uriEnd);
      const rel = path.relative(FIXTURE_ROOT, new URL(uri).pathname);
      const file = wanted.get(rel);
      if (!file) continue;
      const doc = JSON.parse(line) as DocumentAnalysis;
      const text = fs.readFileSync(file, 'utf8');
      const hash = hashText(text);
      if (hash !== doc.hash) throw new Error(`${file}: text does not match the fixture's analysis`);
      const { uri: _u, version: _v, ...rest } = doc;
      void _u; void _v;
      const bytes = cache.write({ hash, lines: lineStarts(text), doc: rest });
      const st = fs.statSync(file);
      snapshot.add(file, st.size, st.mtimeMs, hash, bytes);
      count++;
    }
  }
  snapshot.commit();
  let bytes = 0, entries = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else { bytes += fs.statSync(p).size; entries++; }
    }
  };
  walk(cache.dir!);
  console.log(`seeded ${count} of ${files.length} articles under ${cache.dir}: ${entries} files (entries and the workspace snapshot), ${(bytes / 1e6).toFixed(1)} MB`);
}

async function warm(folder: string, n: number, root: string, tag: string, realIndex: boolean): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const files = firstFiles(folder, n).map((file) => ({ uri: pathToFileURL(file).toString(), file }));
  const articles = new Articles();
  articles.cache = new AnalysisCache(root, tag);
  let kept: DocumentAnalysis[] = [];
  if (!realIndex) {
    articles.index.setMany = (docs: DocumentAnalysis[]): Set<string> => { kept = docs; return new Set(docs.map((d) => d.uri)); };
  }
  gc(); gc();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { stats } = await indexFiles(articles, files, { manifestKey: folder });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  gc(); gc();
  const m = process.memoryUsage();
  console.log(`${stats.files} articles: ${stats.fromCache} from the cache, ${stats.analysed} analysed, ${stats.skipped} skipped; ` +
    `load ${stats.loadMs} ms, index ${stats.indexMs} ms (wall)`);
  console.log(`warm index: ${(ms / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
  console.log(`live after gc: heap +${((m.heapUsed - heap0) / 1e6).toFixed(1)} MB, external+arrayBuffers ${((m.external + m.arrayBuffers) / 1e6).toFixed(1)} MB, rss ${(m.rss / 1e6).toFixed(0)} MB (start ${(rss0 / 1e6).toFixed(0)}), peak RSS ${vmHwmMb().toFixed(0)} MB`);
  if (!realIndex) console.log(`documents kept: ${kept.length}, mentions ${kept.reduce((a, d) => a + d.mentions.length, 0)}, quotes ${kept.reduce((a, d) => a + d.quotes.length, 0)}`);
  else console.log(`index: ${articles.index.size} documents, ${articles.index.entities().length} entities`);
}

/** The real language server (bin/byline-language-server.js) on a folder with the given cache: seconds to "indexed" and peak RSS. */
async function server(folder: string, root: string): Promise<void> {
  const s = await BenchServer.start(folder, { BYLINE_CACHE_DIR: root });
  console.log(`server: indexed in ${s.indexSeconds.toFixed(2)} s (server CPU ${s.indexedCpu.toFixed(2)} s), peak RSS ${s.peakRssMb().toFixed(0)} MB, RSS now ${s.rssMb().toFixed(0)} MB`);
  console.log(s.logs.filter((l) => /indexed/.test(l)).join('\n'));
  const keep = process.env.BYLINE_BENCH_KEEP_DIAGNOSTICS;
  if (s.lastDiagnostics && keep) {
    // the articles with diagnostics at "indexed" (an empty list and none sent are the same to a fresh client)
    const out: Record<string, unknown[]> = {};
    for (const uri of [...s.lastDiagnostics.keys()].sort()) if (s.lastDiagnostics.get(uri)!.length) out[uri] = s.lastDiagnostics.get(uri)!;
    fs.writeFileSync(keep, JSON.stringify(out));
    console.log(`diagnostics of ${Object.keys(out).length} articles written to ${keep}`);
  }
  await s.stop();
}

async function main(): Promise<void> {
  const [cmd, folder, nArg, root, tagArg] = process.argv.slice(2);
  const n = Number(nArg) || Infinity;
  if (cmd === 'seed') await seed(path.resolve(folder), n, root, tagOf(tagArg));
  else if (cmd === 'warm') await warm(path.resolve(folder), n, root, tagOf(tagArg), process.argv.includes('--index'));
  else if (cmd === 'server') await server(path.resolve(folder), root);
  else throw new Error('usage: cache.js seed|warm <folder> <n> <cacheRoot> [tag]');
}

main().catch((e) => { console.error(e); process.exit(1); });
