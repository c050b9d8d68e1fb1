/** Benchmark corpora: the seeds, the PolNeAR articles, and N-article workspaces made from them. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { rng } from '../random';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const POLNEAR = ['train', 'dev'].map((s) => path.join(SHARED, 'data', 'polnear', s, 'text'));

export interface Corpus { name: string; dir: string; files: number; bytes: number }

export function polnearFiles(): string[] {
  return POLNEAR.filter((d) => fs.existsSync(d)).flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(d, f)));
}

export function measure(name: string, dir: string): Corpus {
  let files = 0, bytes = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else if (e.name.endsWith('.txt')) { files++; bytes += fs.statSync(p).size; }
    }
  };
  walk(dir);
  return { name, dir, files, bytes };
}

export { rng } from '../random';

const NAME_SWAPS: Array<[string, string]> = [
  ['Hillary', 'Hilary'], ['Donald', 'Donnie'], ['Bernie', 'Bernard'], ['Ted', 'Edward'], ['Marco', 'Mark'], ['Jeb', 'John'],
  ['Obama', 'Obamah'], ['Paul', 'Pavel'], ['Mike', 'Michael'], ['Sanders', 'Saunders'], ['Cruz', 'Kruz'], ['Rubio', 'Rubbio'],
];

/**
 * Copy n articles into a fresh folder: the PolNeAR articles over and over, each copy after the first
 * under a new name and lightly varied (numbers changed, some first names and spellings swapped), as
 * a newsroom's folder of wire copies and rewrites would be.
 */
export function makeWorkspace(n: number, into = fs.mkdtempSync(path.join(os.tmpdir(), `byline-bench-${n}-`))): Corpus {
  const sources = polnearFiles();
  const texts = sources.map((f) => fs.readFileSync(f, 'utf8'));
  for (let i = 0; i < n; i++) {
    const k = i % sources.length;
    const copy = Math.floor(i / sources.length);
    let text = texts[k];
    if (copy > 0) {
      const r = rng(i * 7919 + 17);
      text = text.replace(/\b\d{1,4}\b/g, (d) => (r() < 0.3 ? String((Number(d) + copy) % 10 ** d.length).padStart(d.length, '0') : d));
      for (const [a, b] of NAME_SWAPS) if (r() < 0.15) text = text.split(a).join(b);
    }
    const sub = path.join(into, `d${String(Math.floor(i / 500)).padStart(3, '0')}`);
    if (i % 500 === 0) fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `${String(i).padStart(5, '0')}_${path.basename(sources[k])}`), text);
  }
  return measure(`${n.toLocaleString('en-US')} articles`, into);
}

/** The PolNeAR articles copied into one folder (a workspace folder of their own). */
export function polnearWorkspace(): Corpus {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-bench-polnear-'));
  for (const f of polnearFiles()) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  return measure('PolNeAR', dir);
}
