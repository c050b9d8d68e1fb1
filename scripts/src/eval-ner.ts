/**
 * Evaluate the entity recognizer end to end: `npm run eval:ner`.
 *
 * For eng.testa and eng.testb, each document is detokenised into newspaper text (gold entity spans
 * kept as character offsets), then tokenize() + layout() + recognizeEntities() run on that text, and
 * predicted character spans are compared exactly with the gold ones. compromise runs on the same
 * text for comparison (people/organizations/places → PER/ORG/LOC). Throughput is one core, after
 * warm-up, best of interleaved rounds (see throughputBoth), per CPU second and per wall-clock second.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fastTaggerFor } from '../../server/out/analysis/ner/fast';
import { nerModelInfo, recognizeEntities, setNerModel } from '../../server/out/analysis/ner/index';
import { NerModel, deserializeModel } from '../../server/out/analysis/ner/store';
import { layout, tokenize } from '../../server/out/analysis/text';
import { GoldSpan, SpanScore, conllDir, detokenize, readConll } from './conll';

interface Detok { text: string; spans: GoldSpan[] }

interface Speed { cpu: number; wall: number }

let model: NerModel | undefined;

function ours(docs: Detok[]): SpanScore {
  const score = new SpanScore();
  for (const d of docs) {
    const lay = layout(d.text, tokenize(d.text));
    score.add(d.spans, recognizeEntities(d.text, lay));
  }
  return score;
}

/** One timed pass over the documents: CPU seconds of this process (user + system) and wall-clock seconds. */
function timed(docs: Detok[], run: (text: string) => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of docs) run(d.text);
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 };
}

/**
 * Throughput of Byline and compromise measured in the same rounds, interleaved, so that both see the
 * same machine load: each round runs Byline once with its word cache emptied (every word new to it, as
 * for a first document), then `oursPerRound` times as it is, then compromise once. MB per second
 * of CPU time used by this process (on a shared machine, wall clock mostly measures the other
 * processes) and of wall clock, best over the rounds, after a warm-up pass of each.
 */
function throughputBoth(docs: Detok[], rounds: number, oursPerRound: number, withCompromise: boolean): { ours: Speed; cold: Speed; comp: Speed | null } {
  const mb = docs.reduce((s, d) => s + Buffer.byteLength(d.text, 'utf8'), 0) / 1e6;
  const runOurs = (t: string): void => { recognizeEntities(t, layout(t, tokenize(t))); };
  const runComp = (t: string): void => { compromiseSpans(t); };
  let oc = Infinity, ow = Infinity, cc = Infinity, cw = Infinity, xc = Infinity, xw = Infinity;
  for (let r = 0; r < rounds; r++) {
    // Byline with an empty word cache: every word of the split is new to it
    fastTaggerFor(model!).clearCache();
    const x = timed(docs, runOurs); xc = Math.min(xc, x.cpu); xw = Math.min(xw, x.wall);
    for (let k = 0; k < oursPerRound; k++) { const t = timed(docs, runOurs); oc = Math.min(oc, t.cpu); ow = Math.min(ow, t.wall); }
    if (withCompromise) { const t = timed(docs, runComp); cc = Math.min(cc, t.cpu); cw = Math.min(cw, t.wall); }
  }
  return { ours: { cpu: mb / oc, wall: mb / ow }, cold: { cpu: mb / xc, wall: mb / xw }, comp: withCompromise ? { cpu: mb / cc, wall: mb / cw } : null };
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

function compromiseScore(docs: Detok[]): SpanScore {
  const score = new SpanScore();
  for (const d of docs) score.add(d.spans.filter((s) => s.type !== 'MISC'), compromiseSpans(d.text));
  return score;
}

function fmt(x: number): string {
  return x.toFixed(2).padStart(6);
}

function main(): void {
  const dir = conllDir();
  const info = nerModelInfo();
  console.log(`model ${path.relative(process.cwd(), info.path)}: ${(info.bytes / 1e6).toFixed(2)} MB, loaded in ${info.loadMs.toFixed(0)} ms`);
  // the same model, held here so that its word cache can be emptied before each split
  model = deserializeModel(fs.readFileSync(info.path));
  setNerModel(model);
  const skipCompromise = process.argv.includes('--no-compromise');
  // JIT warm-up on training text (never scored): the timed passes measure a running server, not a cold process
  const warm = readConll(path.join(dir, 'eng.train')).slice(0, 1000).map(detokenize);
  for (let k = 0; k < 2; k++) for (const d of warm) recognizeEntities(d.text, layout(d.text, tokenize(d.text)));
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  for (const split of ['eng.testa', 'eng.testb']) {
    if (only && split !== only) continue;
    const docs = readConll(path.join(dir, split)).map(detokenize);
    const mb = docs.reduce((s, d) => s + Buffer.byteLength(d.text, 'utf8'), 0) / 1e6;
    const r = ours(docs);
    const cs = skipCompromise ? null : compromiseScore(docs); // also compromise's warm-up
    const sp = throughputBoth(docs, ROUNDS, OURS_PER_ROUND, !skipCompromise);
    console.log(`\n${split}: ${docs.length} documents, ${mb.toFixed(2)} MB of detokenised text`);
    console.log('type        gold |  Byline P     R     F1 | compromise P    R     F1');
    const rows: Array<[string, string[]]> = [['PER', ['PER']], ['ORG', ['ORG']], ['LOC', ['LOC']], ['MISC', ['MISC']],
      ['PER+ORG+LOC', ['PER', 'ORG', 'LOC']], ['all four', ['PER', 'ORG', 'LOC', 'MISC']]];
    for (const [name, types] of rows) {
      const a = r.prf(types);
      const b = cs && name !== 'MISC' && name !== 'all four' ? cs.prf(types) : null;
      console.log(`${name.padEnd(11)} ${String(a.gold).padStart(5)} | ${fmt(a.p)} ${fmt(a.r)} ${fmt(a.f)} |` +
        (b ? ` ${fmt(b.p)} ${fmt(b.r)} ${fmt(b.f)}` : '      -      -      -'));
    }
    console.log(`throughput, one thread, text in → entities out (tokenize + layout + tag), best of ${ROUNDS} interleaved rounds:`);
    console.log(`  Byline      ${sp.ours.cpu.toFixed(2).padStart(7)} MB per CPU second ${sp.ours.wall.toFixed(2).padStart(7)} MB/s wall clock`);
    console.log(`  (new words) ${sp.cold.cpu.toFixed(2).padStart(7)} MB per CPU second ${sp.cold.wall.toFixed(2).padStart(7)} MB/s wall clock` +
      '   (Byline with its word cache emptied before the pass)');
    if (sp.comp) {
      console.log(`  compromise  ${sp.comp.cpu.toFixed(3).padStart(7)} MB per CPU second ${sp.comp.wall.toFixed(3).padStart(7)} MB/s wall clock`);
      console.log(`  ratio       ${(sp.ours.cpu / sp.comp.cpu).toFixed(1).padStart(6)}x by CPU time          ${(sp.ours.wall / sp.comp.wall).toFixed(1).padStart(6)}x by wall clock` +
        `   (new words: ${(sp.cold.cpu / sp.comp.cpu).toFixed(1)}x by CPU time)`);
    }
  }
}

const ROUNDS = 3;
const OURS_PER_ROUND = 4;

main();
