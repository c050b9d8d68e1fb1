/**
 * Editor requests in process, without the LSP transport: the benchmark workspace's analyses (one
 * DocumentAnalysis JSON per line) are loaded into the server's Articles/WorkspaceIndex, then hover,
 * definition, references (with the declaration) and workspace symbols (the mention's last word) are
 * called at random name mentions with a fixed seed, as bench.ts `latencies()` does over stdio. Each
 * time includes JSON.stringify of the result (the server serialises it). Prints p50/p95 of wall and
 * CPU time per request, and the size of the results.
 *
 *   npm run bench:requests -- [--count 1000|10000] [--samples 60] [--seed 1004] [--repeat 1] [--jsonl a.jsonl,b.jsonl]
 */
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { Position } from 'vscode-languageserver';
import { lineStarts } from '../../../server/out/analysis/lines';
import { DocumentAnalysis } from '../../../server/out/analysis/model';
import { definition } from '../../../server/out/features/definition';
import { hover } from '../../../server/out/features/hover';
import { references } from '../../../server/out/features/references';
import { workspaceSymbols } from '../../../server/out/features/workspaceSymbols';
import { Articles } from '../../../server/out/workspace/articles';
import { rng } from '../random';
import { median, p95 } from './stats';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const COUNT = Number(arg('count', '10000'));
const SAMPLES = Number(arg('samples', '60'));
const SEED = Number(arg('seed', '1004'));
const REPEAT = Number(arg('repeat', '1'));
const JSONL = arg('jsonl', '/work/fixtures/ws10k.part0.jsonl,/work/fixtures/ws10k.part1.jsonl').split(',');

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
  const names: Record<'hover' | 'definition' | 'references' | 'workspaceSymbols', Sample[]> = { hover: [], definition: [], references: [], workspaceSymbols: [] };
  const slow: Array<{ what: string; ms: number; where: string }> = [];
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
      const record = (what: keyof typeof names, s: Sample): void => { names[what].push(s); slow.push({ what, ms: s.ms, where }); };
      record('hover', time(() => hover(articles, uri, position)));
      record('definition', time(() => definition(articles, uri, position)));
      record('references', time(() => references(articles, uri, position, { includeDeclaration: true })));
      const query = m.text.split(/\s+/).pop() ?? '';
      record('workspaceSymbols', time(() => workspaceSymbols(articles, query)));
    }
  }
  const f = (x: number): string => x.toFixed(2);
  const lines = [`requests at ${docs.length} articles, ${names.hover.length} samples (seed ${SEED}, ${REPEAT} pass${REPEAT === 1 ? '' : 'es'}); times include JSON.stringify`];
  lines.push('| request | wall p50 | wall p95 | cpu p50 | cpu p95 | max ms | result KB p50 | p95 | max |');
  lines.push('|:--|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const [what, xs] of Object.entries(names)) {
    const ms = xs.map((s) => s.ms), cpu = xs.map((s) => s.cpu), kb = xs.map((s) => s.bytes / 1024);
    lines.push(`| ${what} | ${f(median(ms))} | ${f(p95(ms))} | ${f(median(cpu))} | ${f(p95(cpu))} | ${f(Math.max(...ms))} | ${f(median(kb))} | ${f(p95(kb))} | ${f(Math.max(...kb))} |`);
  }
  lines.push('slowest: ' + slow.sort((a, b) => b.ms - a.ms).slice(0, 6).map((s) => `${s.what} ${f(s.ms)} ms (${s.where})`).join('; '));
  console.log(lines.join('\n'));
}

main();
