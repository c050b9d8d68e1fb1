/**
 * Evaluate the entity recognizer end to end: `npm run eval:ner`.
 *
 * For eng.testa and eng.testb, each document is detokenised into newspaper text (gold entity spans
 * kept as character offsets), then tokenize() + layout() + recognizeEntities() run on that text, and
 * predicted character spans are compared exactly with the gold ones. compromise runs on the same
 * text for comparison (people/organizations/places → PER/ORG/LOC). Throughput is one core, after
 * warm-up, best of 3.
 */
import * as path from 'path';
import { nerModelInfo, recognizeEntities } from '../../server/out/analysis/ner/index';
import { layout, tokenize } from '../../server/out/analysis/text';
import { GoldSpan, SpanScore, conllDir, detokenize, readConll } from './conll';

interface Detok { text: string; spans: GoldSpan[] }

function ours(docs: Detok[]): { score: SpanScore; mbps: { cpu: number; wall: number } } {
  const score = new SpanScore();
  for (const d of docs) {
    const lay = layout(d.text, tokenize(d.text));
    score.add(d.spans, recognizeEntities(d.text, lay));
  }
  return { score, mbps: throughput(docs, (t) => { recognizeEntities(t, layout(t, tokenize(t))); }, 3) };
}

/**
 * MB per second of CPU time used by this process (user + system, best of `rounds` after warm-up): on
 * a shared machine, wall-clock time mostly measures the other processes. Wall-clock MB/s is kept too.
 */
function throughput(docs: Detok[], run: (text: string) => void, rounds: number): { cpu: number; wall: number } {
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text, 'utf8'), 0);
  let bestCpu = Infinity, bestWall = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const d of docs) run(d.text);
    const c = process.cpuUsage(c0);
    bestWall = Math.min(bestWall, performance.now() - t0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  return { cpu: bytes / 1e6 / (bestCpu / 1000), wall: bytes / 1e6 / (bestWall / 1000) };
}

// compromise: people(), organizations(), places() with character offsets
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nlp = require('compromise');
function compromiseSpans(text: string): GoldSpan[] {
  const doc = nlp(text);
  const out: GoldSpan[] = [];
  const take = (view: { json: (o: object) => Array<{ offset: { start: number; length: number }; text: string }> }, type: string): void => {
    for (const m of view.json({ offset: true })) {
      let start = m.offset.start, end = m.offset.start + m.offset.length;
      // trim punctuation and a possessive that compromise keeps in the match
      while (end > start && /[\s.,;:!?"'\u2019)\]]/.test(text[end - 1])) end--;
      if (text.slice(end - 2, end) === "'s" || text.slice(end - 2, end) === '\u2019s') end -= 2;
      while (start < end && /[\s"'(\[\u201c]/.test(text[start])) start++;
      if (end > start) out.push({ start, end, type });
    }
  };
  take(doc.people(), 'PER');
  take(doc.organizations(), 'ORG');
  take(doc.places(), 'LOC');
  return out;
}

function compromiseRun(docs: Detok[], rounds: number): { score: SpanScore; mbps: { cpu: number; wall: number } } {
  const score = new SpanScore();
  for (const d of docs) score.add(d.spans.filter((s) => s.type !== 'MISC'), compromiseSpans(d.text));
  return { score, mbps: throughput(docs, (t) => { compromiseSpans(t); }, rounds) };
}

function fmt(x: number): string {
  return x.toFixed(2).padStart(6);
}

function main(): void {
  const dir = conllDir();
  const info = nerModelInfo();
  console.log(`model ${path.relative(process.cwd(), info.path)}: ${(info.bytes / 1e6).toFixed(2)} MB, loaded in ${info.loadMs.toFixed(0)} ms`);
  const skipCompromise = process.argv.includes('--no-compromise');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  for (const split of ['eng.testa', 'eng.testb']) {
    if (only && split !== only) continue;
    const docs = readConll(path.join(dir, split)).map(detokenize);
    const mb = docs.reduce((s, d) => s + Buffer.byteLength(d.text, 'utf8'), 0) / 1e6;
    const r = ours(docs);
    const c = skipCompromise ? null : compromiseRun(docs, 2);
    console.log(`\n${split}: ${docs.length} documents, ${mb.toFixed(2)} MB of detokenised text`);
    console.log('type        gold |  Byline P     R     F1 | compromise P    R     F1');
    const rows: Array<[string, string[]]> = [['PER', ['PER']], ['ORG', ['ORG']], ['LOC', ['LOC']], ['MISC', ['MISC']],
      ['PER+ORG+LOC', ['PER', 'ORG', 'LOC']], ['all four', ['PER', 'ORG', 'LOC', 'MISC']]];
    for (const [name, types] of rows) {
      const a = r.score.prf(types);
      const b = c && name !== 'MISC' && name !== 'all four' ? c.score.prf(types) : null;
      console.log(`${name.padEnd(11)} ${String(a.gold).padStart(5)} | ${fmt(a.p)} ${fmt(a.r)} ${fmt(a.f)} |` +
        (b ? ` ${fmt(b.p)} ${fmt(b.r)} ${fmt(b.f)}` : '      -      -      -'));
    }
    console.log(`throughput (tokenize + layout + tag, one thread, best of 3): ${r.mbps.cpu.toFixed(2)} MB per CPU second ` +
      `(${r.mbps.wall.toFixed(2)} MB/s wall clock)`);
    if (c) {
      console.log(`compromise (after warm-up, best of 2): ${c.mbps.cpu.toFixed(3)} MB per CPU second (${c.mbps.wall.toFixed(3)} MB/s wall clock); ` +
        `ratio ${(r.mbps.cpu / c.mbps.cpu).toFixed(1)}x (wall clock ${(r.mbps.wall / c.mbps.wall).toFixed(1)}x)`);
    }
  }
}

main();
