/**
 * Per-document analysis speed on the 924 PolNeAR articles (train then dev), in CPU time on one core.
 *
 *   npm run profile:analysis                      # stage times and MB/s, 3 rounds
 *   node scripts/out/profile-analysis.js --rounds 2 --check bench-results/fixtures/polnear924.baseline.json
 *   node scripts/out/profile-analysis.js --write analyses.json    # save the analyses (a new baseline)
 *
 * Each round times the stages of analyzeDocument one by one (layout, metadata, NER, buildMentions,
 * coref, quotes, claims: the same calls analyze.ts makes) and then analyzeDocument itself, with
 * process.cpuUsage() (user + system CPU time: what the analysis costs a core). On a shared machine
 * CPU time still grows with the load (the analysis is bound by memory, and caches are shared), so
 * compare figures measured side by side. The first round includes loading the models and warming up;
 * the figures to quote are the later rounds'. MB are millions of UTF-16 code units of article text.
 *
 * --check FILE compares every analysis with FILE (a JSON array of DocumentAnalysis in the same
 * order, uri 'file://' + path) field by field, as JSON, and prints the number of documents that
 * differ (0 means the output is identical).
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDocument, buildMentions } from '../../server/out/analysis/analyze';
import { findClaims } from '../../server/out/analysis/claims';
import { resolveLocalEntities } from '../../server/out/analysis/coref';
import { detectMetadata } from '../../server/out/analysis/metadata';
import { recognizeEntities } from '../../server/out/analysis/ner';
import { findQuotes } from '../../server/out/analysis/quotes';
import { layout } from '../../server/out/analysis/text';

const args = process.argv.slice(2);
const opt = (name: string, def?: string): string | undefined => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : def; };
const rounds = Math.max(1, Number(opt('rounds', '3')));
const checkFile = opt('check');
const writeFile = opt('write');

function polnearRoot(): string {
  for (const p of [process.env.POLNEAR_DIR, path.resolve(__dirname, '../../../shared/data/polnear'), path.resolve(process.cwd(), '../shared/data/polnear'),
    '/work/shared/data/polnear']) {
    if (p && fs.existsSync(p)) return p;
  }
  throw new Error('PolNeAR not found: expected ../shared/data/polnear beside the repository (or set POLNEAR_DIR)');
}

const root = polnearRoot();
const files: string[] = [];
for (const split of ['train', 'dev']) {
  const dir = path.join(root, split);
  for (const f of fs.readdirSync(dir, { recursive: true })) if (String(f).endsWith('.txt')) files.push(path.join(dir, String(f)));
}
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const mb = texts.reduce((a, t) => a + t.length, 0) / 1e6;
console.log(`${texts.length} articles, ${mb.toFixed(2)} MB (${root})`);

function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

const STAGES = ['layout', 'metadata', 'ner', 'mentions', 'coref', 'quotes', 'claims'] as const;
let analyses: unknown[] = [];
for (let round = 1; round <= rounds; round++) {
  const t: Record<string, number> = Object.fromEntries(STAGES.map((s) => [s, 0]));
  for (const text of texts) {
    let c0 = cpu(), c1: number;
    const lay = layout(text); c1 = cpu(); t.layout += c1 - c0; c0 = c1;
    const md = detectMetadata(text); c1 = cpu(); t.metadata += c1 - c0; c0 = c1;
    const spans = recognizeEntities(text, lay); c1 = cpu(); t.ner += c1 - c0; c0 = c1;
    const mentions = buildMentions(text, lay, spans, md.date); c1 = cpu(); t.mentions += c1 - c0; c0 = c1;
    const entities = resolveLocalEntities(text, mentions); c1 = cpu(); t.coref += c1 - c0; c0 = c1;
    findQuotes(text, lay, mentions, entities); c1 = cpu(); t.quotes += c1 - c0; c0 = c1;
    findClaims(text, lay, mentions); c1 = cpu(); t.claims += c1 - c0;
  }
  const c0 = cpu();
  analyses = files.map((f, i) => analyzeDocument('file://' + f, texts[i]));
  const whole = cpu() - c0;
  const sum = STAGES.reduce((a, s) => a + t[s], 0);
  const line = STAGES.map((s) => `${s} ${t[s].toFixed(2)} s (${(mb / t[s]).toFixed(1)} MB/s)`).join(', ');
  console.log(`round ${round}${round === 1 ? ' (cold: models load)' : ''}: ${line}`);
  console.log(`  stages ${sum.toFixed(2)} s = ${(mb / sum).toFixed(2)} MB/s per core; analyzeDocument ${whole.toFixed(2)} s = ${(mb / whole).toFixed(2)} MB/s per core`);
}

if (writeFile) {
  fs.writeFileSync(writeFile, JSON.stringify(analyses));
  console.log(`wrote ${analyses.length} analyses to ${writeFile}`);
}

if (checkFile) {
  const baseline = JSON.parse(fs.readFileSync(checkFile, 'utf8')) as Array<Record<string, unknown>>;
  let differing = 0;
  const shown: string[] = [];
  const n = Math.max(baseline.length, analyses.length);
  for (let i = 0; i < n; i++) {
    const a = JSON.parse(JSON.stringify(analyses[i] ?? null)) as Record<string, unknown> | null;
    const b = baseline[i] ?? null;
    if (!a || !b) { differing++; shown.push(`#${i}: missing on one side`); continue; }
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    const diff = fields.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    if (diff.length) {
      differing++;
      if (shown.length < 10) shown.push(`#${i} ${String(b.uri ?? a.uri)}: ${diff.join(', ')}`);
    }
  }
  for (const s of shown) console.log('  differs: ' + s);
  console.log(`check against ${checkFile}: ${differing} of ${n} documents differ`);
  if (differing) process.exitCode = 1;
}
