/**
 * `npm run eval:linking`: cross-article linking and disagreements on unrelated real news (PolNeAR,
 * ~920 US political articles), so that noise is visible: how many cross-article diagnostics of each
 * kind, how many entities carry more than one spelling, the largest entities, and a sample.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../server/out/analysis/analyze';
import { nameWords } from '../../server/out/analysis/normalize';
import { WorkspaceIndex } from '../../server/out/analysis/workspace';

const ROOT = path.resolve(__dirname, '..', '..');
const POLNEAR = path.resolve(ROOT, '..', 'shared', 'data', 'polnear');

function main(): void {
  const files = ['train', 'dev'].flatMap((split) => {
    const dir = path.join(POLNEAR, split, 'text');
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => path.join(dir, f)) : [];
  });
  if (files.length === 0) { console.error(`no PolNeAR articles under ${POLNEAR}`); process.exit(2); }
  const index = new WorkspaceIndex();
  const t0 = Date.now();
  let bytes = 0;
  const docs = files.map((f) => {
    const text = fs.readFileSync(f, 'utf8');
    bytes += text.length;
    return analyzeDocument(path.relative(POLNEAR, f), text);
  });
  index.setMany(docs);
  const ms = Date.now() - t0;
  const entities = index.entities().filter((g) => g.type !== 'DATE');
  const multiDoc = entities.filter((g) => new Set(g.members.map((m) => m.uri)).size > 1);
  const counts = new Map<string, number>();
  const samples = new Map<string, string[]>();
  let total = 0;
  for (const uri of index.uris()) {
    for (const d of index.diagnostics(uri)) {
      total++;
      counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
      const list = samples.get(d.code) ?? [];
      if (list.length < 8) list.push(`${uri}: ${d.message.length > 220 ? `${d.message.slice(0, 217)}...` : d.message}`);
      samples.set(d.code, list);
    }
  }
  // entities whose aliases differ in spelling (not just full name vs surname)
  const multiSpelling = entities.filter((g) => {
    const forms = new Set(g.aliases.map((a) => nameWords(a).join(' ').toLowerCase()));
    const lastWords = new Set([...forms].map((f) => f.split(' ').pop()));
    return g.type === 'PER' ? lastWords.size > 1 || [...forms].some((f) => [...forms].some((o) => o !== f && o.split(' ').length === f.split(' ').length && o.split(' ').length > 1))
      : forms.size > 1;
  });
  const largest = [...multiDoc].sort((a, b) => b.members.length - a.members.length).slice(0, 12);
  console.log(`PolNeAR: ${files.length} articles, ${(bytes / 1e6).toFixed(1)} MB analysed and linked in ${(ms / 1000).toFixed(1)} s`);
  console.log(`entities: ${entities.length}; in more than one article: ${multiDoc.length}; with more than one spelling: ${multiSpelling.length}`);
  console.log(`cross-article diagnostics: ${total} (${[...counts].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'})`);
  console.log('\nlargest entities (articles · aliases):');
  for (const g of largest) console.log(`  ${g.id.padEnd(36)} ${String(new Set(g.members.map((m) => m.uri)).size).padStart(4)} · ${g.aliases.slice(0, 8).join(' | ')}${g.aliases.length > 8 ? ` (+${g.aliases.length - 8})` : ''}`);
  console.log('\nentities with more than one spelling (sample):');
  for (const g of multiSpelling.slice(0, 15)) console.log(`  ${g.type} ${g.aliases.join(' | ')}`);
  for (const [code, list] of samples) {
    console.log(`\n${code} (sample of ${counts.get(code)}):`);
    for (const s of list) console.log(`  ${s}`);
  }
}

main();
