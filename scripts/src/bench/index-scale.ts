/**
 * npm run bench:index -- [count...] [--edits N] [--verify] [--intern] [--diagnostics out.json [--against before.json]]
 *
 * The workspace index alone, in process, on the benchmark's 10,000-article workspace (analyses read
 * from the saved analyses of `npm run bench:fixtures` (bench-results/fixtures/ws10k.part*.jsonl), or BYLINE_WS_ANALYSES=a.jsonl,b.jsonl): for each count
 * (default 1000 3000 10000; the first N articles, as the benchmark's N-article workspace; --intern
 * shares equal strings, as the packed cache does at warm start),
 * `new WorkspaceIndex().setMany(docs)` in CPU (and wall) milliseconds, the heap the index keeps (gc() before and after;
 * run with --expose-gc), then edits: the article nearest 5 KB, a sentence typed at the start of a
 * random line, analysed again (timed apart), `index.set(doc)` and `index.diagnostics(uri)` for every
 * uri it returns (p50 / p95 over the edits, wall and CPU); --verify then compares every document's diagnostics with
 * those of an index built afresh.
 *
 * --diagnostics out.json instead indexes the 924 PolNeAR baseline analyses (bench-results/fixtures/polnear924.baseline.json,
 * or BYLINE_POLNEAR_BASELINE) and writes every document's diagnostics; with --against before.json it
 * prints how they differ from an earlier dump. --ws N dumps the first N articles of the 10,000-article
 * workspace instead of the PolNeAR baseline.
 */
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { analyzeDocument } from '../../../server/out/analysis/analyze';
import { Disagreement, DocumentAnalysis } from '../../../server/out/analysis/model';
import { WorkspaceIndex } from '../../../server/out/analysis/workspace';
import { rng } from '../random';
import { median, p95 } from './stats';
import { FIXTURES_DIR } from './fixtures';

const FIXTURES = FIXTURES_DIR;
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const gc = (global as unknown as { gc?: () => void }).gc;
const heapMb = (): number => { gc?.(); gc?.(); return process.memoryUsage().heapUsed / 1e6; };
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function loadAnalyses(limit: number): DocumentAnalysis[] {
  const parts = (process.env.BYLINE_WS_ANALYSES ?? `${FIXTURES}/ws10k.part0.jsonl,${FIXTURES}/ws10k.part1.jsonl`).split(',');
  const docs: DocumentAnalysis[] = [];
  // --intern: one string per distinct value, as the packed cache reads them at warm start
  const strings = new Map<string, string>();
  const intern = args.includes('--intern')
    ? (_k: string, v: unknown): unknown => { if (typeof v !== 'string') return v; const s = strings.get(v); if (s !== undefined) return s; strings.set(v, v); return v; }
    : undefined;
  for (const p of parts) {
    for (const line of fs.readFileSync(p, 'utf8').split('\n')) if (line.trim()) docs.push(JSON.parse(line, intern as never) as DocumentAnalysis);
  }
  strings.clear();
  // the first N articles of the workspace (file names start with the article's number)
  docs.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return docs.slice(0, limit);
}

function scale(all: DocumentAnalysis[], n: number, edits: number): void {
  const docs = all.slice(0, n);
  const before = heapMb();
  const index = new WorkspaceIndex();
  const c0 = cpuMs(), w0 = performance.now();
  index.setMany(docs);
  const setCpu = cpuMs() - c0, setWall = performance.now() - w0;
  const after = heapMb();
  let diagCount = 0, related = 0;
  const d0 = cpuMs();
  for (const d of docs) for (const x of index.diagnostics(d.uri)) { diagCount++; related += x.related.length; }
  const diagCpu = cpuMs() - d0;

  // edits: the article nearest 5 KB among the first 2,000
  const target = docs.slice(0, 2000).map((d) => ({ d, size: Math.abs(d.length - 5000) })).sort((a, b) => a.size - b.size)[0].d;
  let text = fs.readFileSync(fileURLToPath(target.uri), 'utf8');
  const r = rng(1234);
  const times: number[] = [], cpu: number[] = [], analyse: number[] = [], fanout: number[] = [];
  for (let i = 0; i < edits; i++) {
    const lines = text.split('\n');
    const line = Math.floor(r() * lines.length);
    lines[line] = 'Officials said the talks would continue. ' + lines[line];
    text = lines.join('\n');
    const a0 = performance.now();
    const doc = analyzeDocument(target.uri, text, i + 1);
    analyse.push(performance.now() - a0);
    const t0 = performance.now(), u0 = cpuMs();
    const affected = index.set(doc);
    for (const u of affected) index.diagnostics(u);
    times.push(performance.now() - t0);
    cpu.push(cpuMs() - u0);
    fanout.push(affected.size);
  }
  if (args.includes('--verify')) {
    // the diagnostics kept edit by edit are those of an index built afresh (entity ids aside)
    const fresh = new WorkspaceIndex();
    fresh.setMany(index.uris().map((u) => index.doc(u)!));
    const shown = (w: WorkspaceIndex, uri: string): string => JSON.stringify(w.diagnostics(uri).map((d) => [d.code, d.severity, d.start, d.end, d.message, d.related]));
    const differ = index.uris().filter((u) => shown(index, u) !== shown(fresh, u));
    console.log(`after the edits, ${differ.length} documents' diagnostics differ from an index built afresh${differ.length ? `: ${differ.slice(0, 5).join(' ')}` : ''}`);
  }
  const f = (x: number): string => x.toFixed(1);
  console.log(`${String(n).padStart(6)} articles: setMany ${f(setCpu)} ms CPU (${f(setWall)} ms wall), ${(setCpu / n).toFixed(3)} ms/article; ` +
    `index heap ${f(after - before)} MB; ${diagCount} diagnostics (${related} related) read in ${f(diagCpu)} ms; ` +
    `edit set+diagnostics p50 ${f(median(times))} / p95 ${f(p95(times))} ms wall (max ${f(Math.max(...times))}), ` +
    `p50 ${f(median(cpu))} / p95 ${f(p95(cpu))} ms CPU, ` +
    `affected uris p50 ${median(fanout)} max ${Math.max(...fanout)}; analyzeDocument p50 ${f(median(analyse))} / p95 ${f(p95(analyse))} ms ` +
    `(${target.uri.split('/').pop()}, ${target.length} chars)`);
}

type Dump = Record<string, Disagreement[]>;

function dumpDiagnostics(out: string, against?: string): void {
  const ws = opt('--ws');
  const file = process.env.BYLINE_POLNEAR_BASELINE ?? `${FIXTURES}/polnear924.baseline.json`;
  const docs = ws ? loadAnalyses(Number(ws)) : JSON.parse(fs.readFileSync(file, 'utf8')) as DocumentAnalysis[];
  const index = new WorkspaceIndex();
  const c0 = cpuMs();
  index.setMany(docs);
  console.log(`${docs.length} ${ws ? 'workspace' : 'PolNeAR'} analyses: setMany ${(cpuMs() - c0).toFixed(0)} ms CPU`);
  const dump: Dump = {};
  let n = 0;
  for (const d of docs) { const list = index.diagnostics(d.uri); if (list.length) { dump[d.uri] = list; n += list.length; } }
  fs.writeFileSync(out, JSON.stringify(dump));
  console.log(`${n} diagnostics on ${Object.keys(dump).length} documents written to ${out}`);
  if (!against) return;
  const old = JSON.parse(fs.readFileSync(against, 'utf8')) as Dump;
  const now = JSON.parse(JSON.stringify(dump)) as Dump;
  const id = (d: Disagreement): string => `${d.code} ${d.start}-${d.end} ${d.key}`;
  const counts = new Map<string, number>();
  const examples = new Map<string, string>();
  const count = (what: string, example: string): void => { counts.set(what, (counts.get(what) ?? 0) + 1); if (!examples.has(what)) examples.set(what, example); };
  for (const uri of new Set([...Object.keys(old), ...Object.keys(now)])) {
    const a = new Map((old[uri] ?? []).map((d) => [id(d), d])), b = new Map((now[uri] ?? []).map((d) => [id(d), d]));
    for (const [k, d] of a) {
      const e = b.get(k);
      if (!e) { count(`${d.code}: only before`, `${uri} ${k}: ${d.message}`); continue; }
      if (e.message !== d.message) count(`${d.code}: message differs`, `${uri} ${k}:\n    before: ${d.message}\n    after:  ${e.message}`);
      if (JSON.stringify(e.related) !== JSON.stringify(d.related)) count(`${d.code}: related differ`, `${uri} ${k}: ${d.related.length} → ${e.related.length}`);
      if (e.severity !== d.severity || e.entity !== d.entity || JSON.stringify(e.data ?? null) !== JSON.stringify(d.data ?? null)) count(`${d.code}: severity/entity/data differ`, `${uri} ${k}`);
    }
    for (const [k, d] of b) if (!a.has(k)) count(`${d.code}: only after`, `${uri} ${k}: ${d.message}`);
  }
  if (counts.size === 0) { console.log(`identical to ${against}`); return; }
  for (const [what, c] of counts) console.log(`${c} × ${what}\n  e.g. ${examples.get(what)}`);
}

function main(): void {
  if (!gc) console.warn('run with node --expose-gc for the heap figures');
  const out = opt('--diagnostics');
  if (out) { dumpDiagnostics(out, opt('--against')); return; }
  const edits = Number(opt('--edits') ?? 30);
  const counts = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--edits').map(Number);
  const ns = counts.length ? counts : [1000, 3000, 10000];
  const all = loadAnalyses(Math.max(...ns));
  for (const n of ns) scale(all, n, edits);
}

main();
