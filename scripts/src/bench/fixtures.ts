/**
 * Fixtures for the finer benchmarks (bench:index, bench:requests, bench/cache.js): the 10,000-article
 * workspace of `npm run bench` and the analyses of its articles, saved once so that the cross-article
 * index, the requests and the cache can be measured without analysing 46 MB each time.
 *
 *   npm run bench:fixtures   (writes $BYLINE_FIXTURES, else bench-results/fixtures)
 *
 * Makes ws10k/ (the articles), ws10k.part0.jsonl and ws10k.part1.jsonl (one DocumentAnalysis per line,
 * every other article each, analysed by two processes at once) and polnear924.baseline.json (the 924
 * PolNeAR articles' analyses, train then dev).
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeDocument } from '../../../server/out/analysis/analyze';
import { makeWorkspace, ROOT, SHARED } from './corpus';

export const FIXTURES_DIR = process.env.BYLINE_FIXTURES ?? path.join(ROOT, 'bench-results', 'fixtures');
export const WS10K = path.join(FIXTURES_DIR, 'ws10k');
export const WS10K_ANALYSES = [0, 1].map((k) => path.join(FIXTURES_DIR, `ws10k.part${k}.jsonl`));
export const POLNEAR_BASELINE = path.join(FIXTURES_DIR, 'polnear924.baseline.json');

/** The articles of a workspace folder, sorted (sub-folders first level, as makeWorkspace writes them). */
export function workspaceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of fs.readdirSync(dir).sort()) {
    const sub = path.join(dir, d);
    if (fs.statSync(sub).isDirectory()) for (const f of fs.readdirSync(sub).sort()) out.push(path.join(sub, f));
  }
  return out;
}

/** Analyse every n-th article (from k) into one jsonl file. */
function analysePart(k: number, n: number): void {
  const out = fs.openSync(WS10K_ANALYSES[k], 'w');
  workspaceFiles(WS10K).forEach((f, i) => {
    if (i % n !== k) return;
    fs.writeSync(out, JSON.stringify(analyzeDocument(pathToFileURL(f).toString(), fs.readFileSync(f, 'utf8'))) + '\n');
  });
  fs.closeSync(out);
}

function polnearBaseline(): void {
  const docs = [];
  for (const split of ['train', 'dev']) {
    const dir = path.join(SHARED, 'data', 'polnear', split);
    for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).filter((x) => String(x).endsWith('.txt'))) {
      const file = path.join(dir, String(f));
      docs.push(analyzeDocument(`file://${file}`, fs.readFileSync(file, 'utf8')));
    }
  }
  fs.writeFileSync(POLNEAR_BASELINE, JSON.stringify(docs));
}

async function main(): Promise<void> {
  const part = process.argv.indexOf('--part');
  if (part > 0) { const [k, n] = process.argv[part + 1].split('/').map(Number); analysePart(k, n); return; }
  const started = Date.now();
  fs.mkdirSync(FIXTURES_DIR, { recursive: true });
  fs.rmSync(WS10K, { recursive: true, force: true });
  fs.mkdirSync(WS10K, { recursive: true });
  makeWorkspace(10000, WS10K);
  process.stderr.write(`ws10k written (${((Date.now() - started) / 1000).toFixed(0)} s); analysing…\n`);
  const parts = [0, 1].map((k) => new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--part', `${k}/2`], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`part ${k} exited with ${code}`))));
  }));
  polnearBaseline();
  await Promise.all(parts);
  const lines = WS10K_ANALYSES.map((f) => Number(execFileSync('wc', ['-l', f]).toString().trim().split(/\s+/)[0]));
  console.log(`Fixtures in ${FIXTURES_DIR}: ws10k/ (10,000 articles), ${lines.join(' + ')} analyses, polnear924.baseline.json; ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (require.main === module) main().catch((e) => { console.error(e); process.exitCode = 1; });
