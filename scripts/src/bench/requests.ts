/**
 * Editor requests in process, without the LSP transport: the benchmark workspace's analyses (one
 * DocumentAnalysis JSON per line) are loaded into the server's Articles/WorkspaceIndex, then hover,
 * definition, references (with the declaration) and workspace symbols (the mention's last word) are
 * called at random name mentions with a fixed seed, as bench.ts `latencies()` does over stdio. Each
 * time includes JSON.stringify of the result (the server serialises it). Prints p50/p95 of wall and
 * CPU time per request, and the size of the results.
 *
 *   npm run bench:requests -- [--count 1000|10000] [--samples 300] [--seed 1004] [--repeat 1] [--jsonl a.jsonl,b.jsonl]
 *
 * With --lsp <folder>: the same requests through the real server over stdio (BenchServer, a fresh
 * analysis cache in the temp folder, removed after), at name positions from semantic tokens as
 * bench.ts does; times are round trips as the client sees them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { Position } from 'vscode-languageserver';
import { lineStarts } from '../../../server/out/analysis/lines';
import { DocumentAnalysis } from '../../../server/out/analysis/model';
import { definition } from '../../../server/out/features/definition';
import { hover } from '../../../server/out/features/hover';
import { references } from '../../../server/out/features/references';
import { workspaceSymbols } from '../../../server/out/features/workspaceSymbols';
import { Articles } from '../../../server/out/workspace/articles';
import { rng } from '../random';
import { BenchServer } from './lsp';
import { median, p95 } from './stats';
import { WS10K_ANALYSES } from './fixtures';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const COUNT = Number(arg('count', '10000'));
const SAMPLES = Number(arg('samples', '300'));
const SEED = Number(arg('seed', '1004'));
const REPEAT = Number(arg('repeat', '1'));
const LSP = arg('lsp', '');
const JSONL = arg('jsonl', WS10K_ANALYSES.join(',')).split(',');

/** The first `count` analyses of the jsonl files, read line by line. */
function loadDocs(count: number): DocumentAnalysis[] {
  const docs: DocumentAnalysis[] = [];
  for (const file of JSONL) {
    const text = fs.readFileSync(file, 'utf8');
    let at = 0;
    while (at < text.length && docs.length < count) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      if (end > at) docs.push(JSON.parse(text.slice(at, end)) as DocumentAnalysis);
      at = end + 1;
    }
    if (docs.length >= count) break;
  }
  return docs;
}

interface Sample { ms: number; cpu: number; bytes: number }

/** One request: the feature call and the serialisation of its result. */
function time(run: () => unknown): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = run();
  const bytes = JSON.stringify(result ?? null).length;
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000, bytes };
}

function main(): void {
  const c0 = process.cpuUsage();
  let t0 = performance.now();
  const docs = loadDocs(COUNT);
  const articles = new Articles();
  const items = docs.map((doc) => {
    let text = '';
    try { text = fs.readFileSync(fileURLToPath(doc.uri), 'utf8'); } catch { /* lines of an empty text */ }
    return { doc, lines: lineStarts(text), problems: [] };
  });
  const loadS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  articles.addAnalyzed(items);
  const indexS = (performance.now() - t0) / 1000;
  const indexCpu = process.cpuUsage(c0);
  process.stderr.write(`${docs.length} articles: load ${loadS.toFixed(1)} s, setMany ${indexS.toFixed(1)} s (process CPU ${((indexCpu.user + indexCpu.system) / 1e6).toFixed(1)} s), ` +
    `${articles.index.entities().length} entities\n`);

  const uris = docs.map((d) => d.uri);
  const names: Record<Kind, Sample[]> = { hover: [], definition: [], references: [], workspaceSymbols: [] };
  const slow: Array<{ what: string; ms: number; cpu: number; where: string }> = [];
  for (let pass = 0; pass < REPEAT; pass++) {
    const r = rng(SEED);
    let taken = 0, tries = 0;
    while (taken < SAMPLES && tries++ < SAMPLES * 5) {
      const uri = uris[Math.floor(r() * uris.length)];
      const doc = articles.doc(uri);
      const mentions = doc?.mentions.filter((m) => m.type !== 'DATE') ?? [];
      if (mentions.length === 0) continue;
      const m = mentions[Math.floor(r() * mentions.length)];
      taken++;
      const position: Position = articles.positionAt(uri, m.start + Math.floor((m.end - m.start) / 2));
      const where = `${m.text} @ ${uri.split('/').pop()}`;
      const record = (what: keyof typeof names, s: Sample): void => { names[what].push(s); slow.push({ what, ms: s.ms, cpu: s.cpu, where }); };
      record('hover', time(() => hover(articles, uri, position)));
      record('definition', time(() => definition(articles, uri, position)));
      record('references', time(() => references(articles, uri, position, { includeDeclaration: true })));
      const query = m.text.split(/\s+/).pop() ?? '';
      record('workspaceSymbols', time(() => workspaceSymbols(articles, query)));
    }
  }
  report(`requests at ${docs.length} articles, ${names.hover.length} samples (seed ${SEED}, ${REPEAT} pass${REPEAT === 1 ? '' : 'es'}); times include JSON.stringify; cpu = the process (GC threads too)`, names, slow);
}

type Kind = 'hover' | 'definition' | 'references' | 'workspaceSymbols';

function report(title: string, names: Record<Kind, Sample[]>, slow: Array<{ what: string; ms: number; cpu: number; where: string }>): void {
  const f = (x: number): string => x.toFixed(2);
  const lines = [title];
  lines.push('| request | wall p50 | wall p95 | cpu p50 | cpu p95 | max ms | result KB p50 | p95 | max |');
  lines.push('|:--|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const [what, xs] of Object.entries(names)) {
    const ms = xs.map((s) => s.ms), cpu = xs.map((s) => s.cpu), kb = xs.map((s) => s.bytes / 1024);
    lines.push(`| ${what} | ${f(median(ms))} | ${f(p95(ms))} | ${f(median(cpu))} | ${f(p95(cpu))} | ${f(Math.max(...ms))} | ${f(median(kb))} | ${f(p95(kb))} | ${f(Math.max(...kb))} |`);
  }
  lines.push('slowest: ' + slow.sort((a, b) => b.ms - a.ms).slice(0, 6).map((s) => `${s.what} ${f(s.ms)} ms (${s.where})`).join('; '));
  lines.push('most CPU: ' + slow.sort((a, b) => b.cpu - a.cpu).slice(0, 8).map((s) => `${s.what} ${f(s.cpu)} ms (${s.where})`).join('; '));
  console.log(lines.join('\n'));
}

/**
 * CPU time of a process's main thread so far, in ms (Linux schedstat: ns on the CPU, exact for a
 * thread that is waiting, as the server is once it has answered); NaN elsewhere.
 */
function threadCpuMs(pid: number | undefined): number {
  try { return Number(fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6; } catch { return NaN; }
}

/** The requests through the real server over stdio; cpu is the server's main thread's CPU time for the request. */
async function overStdio(folder: string): Promise<void> {
  const all: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (e.name.endsWith('.txt')) all.push(p); }
  };
  walk(folder);
  all.sort();
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-requests-cache-'));
  const server = await BenchServer.start(folder, { BYLINE_CACHE_DIR: cacheDir });
  process.stderr.write(`${all.length} articles indexed in ${server.indexSeconds.toFixed(1)} s, peak RSS ${Math.round(server.peakRssMb())} MB\n`);
  const names: Record<Kind, Sample[]> = { hover: [], definition: [], references: [], workspaceSymbols: [] };
  const slow: Array<{ what: string; ms: number; cpu: number; where: string }> = [];
  try {
    for (let pass = 0; pass < REPEAT; pass++) {
      const r = rng(SEED);
      let tries = 0;
      while (names.hover.length < SAMPLES * (pass + 1) && tries++ < SAMPLES * 5) {
        const file = all[Math.floor(r() * all.length)];
        const uri = pathToFileURL(file).toString();
        const positions = await server.namePositions(uri);
        if (positions.length === 0) continue;
        const n = positions[Math.floor(r() * positions.length)];
        const position = { line: n.line, character: n.character + Math.floor(n.length / 2) };
        const line = fs.readFileSync(file, 'utf8').split(/\r?\n/)[n.line] ?? '';
        const name = line.slice(n.character, n.character + n.length);
        const where = `${name} @ ${path.basename(file)}`;
        const textDocument = { uri };
        const timed = async (what: Kind, method: string, params: unknown): Promise<void> => {
          const c0 = threadCpuMs(server.child.pid);
          const { ms, result } = await server.timed(method, params);
          const s = { ms, cpu: threadCpuMs(server.child.pid) - c0, bytes: JSON.stringify(result ?? null).length };
          names[what].push(s);
          slow.push({ what, ms, cpu: s.cpu, where });
        };
        await timed('hover', 'textDocument/hover', { textDocument, position });
        await timed('definition', 'textDocument/definition', { textDocument, position });
        await timed('references', 'textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
        await timed('workspaceSymbols', 'workspace/symbol', { query: name.split(/\s+/).pop() ?? '' });
      }
    }
  } finally {
    await server.stop();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
  report(`requests over stdio at ${all.length} articles, ${names.hover.length} samples (seed ${SEED}); round trips, cpu = the server's main thread`, names, slow);
}

if (LSP) overStdio(LSP).catch((e) => { console.error(e); process.exitCode = 1; });
else main();
