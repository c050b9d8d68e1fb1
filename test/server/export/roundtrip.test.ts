/**
 * Exports other tools read, checked by reading them back: brat standoff and JSON lines round trips
 * (export, import, compare with the analysis), CoNLL IOB2 tags against the mentions, W3C Web Annotation
 * selectors against the text, and PolNeAR's own brat files read with exact offsets.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../../server/out/analysis/analyze';
import { WorkspaceIndex } from '../../../server/out/analysis/workspace';
import { toBrat } from '../../../server/out/export/brat';
import { bratAttributions, parseBrat } from '../../../server/out/export/bratImport';
import { ExportDoc } from '../../../server/out/export/common';
import { parseConll, toConll } from '../../../server/out/export/conll';
import { parseJsonl, toJsonl } from '../../../server/out/export/jsonl';
import { toWebAnnotation } from '../../../server/out/export/webanno';
import { ROOT } from '../../helpers/lspClient';
import { SEED_FILES, seedIndex, seedText } from '../../helpers/seeds';

function exportDocs(index: WorkspaceIndex, texts: Map<string, string>): ExportDoc[] {
  return index.uris().map((uri) => ({ path: uri, text: texts.get(uri)!, doc: index.doc(uri)!, source: index.label(uri),
    entityId: (local: number) => index.entityFor(uri, local)?.id }));
}

const seedDocs = (): ExportDoc[] => exportDocs(seedIndex().index, new Map(SEED_FILES.map((f) => [f, seedText(f.slice(0, 3))])));

/** An article with astral characters, curly quotes and a quote across a line break: offsets must still agree. */
const TRICKY = 'Emoji 😀 first. 𝔄𝔫𝔡𝔯𝔢𝔦 said so.\r\n"We will not stop,\nnot now," said Ivan Popov on Friday.\nGeneral Popov’s staff said “nothing” to Reuters.\n';

describe('Export and import round trips', () => {
  it('brat: every mention, its type and entity, every attribution and the equivalences come back from the .ann of each seed', () => {
    for (const d of seedDocs()) {
      const b = parseBrat(toBrat(d), d.text);
      assert.deepEqual(b.problems, [], `${d.path}: ${JSON.stringify(b.problems.slice(0, 3))}`);
      const entityTypes = new Set(['PER', 'ORG', 'LOC', 'MISC', 'DATE']);
      const mentions = b.spans.filter((s) => entityTypes.has(s.type));
      assert.deepEqual(mentions.map((s) => [s.start, s.end, s.type, s.text]), d.doc.mentions.map((m) => [m.start, m.end, m.type, m.text]), d.path);
      // the entity id rides along as a note
      mentions.forEach((s, i) => {
        const m = d.doc.mentions[i];
        if (m.type !== 'DATE') assert.equal(b.notes[s.id], d.entityId(m.local));
      });
      const atts = bratAttributions(b);
      assert.equal(atts.length, d.doc.quotes.length);
      atts.forEach((a, i) => {
        const q = d.doc.quotes[i];
        assert.deepEqual([a.content!.start, a.content!.end], [q.start, q.end]);
        assert.deepEqual(a.cue ? [a.cue.start, a.cue.end] : undefined, q.cue ? [q.cue.start, q.cue.end] : undefined);
        if (q.speaker && q.speaker.end > q.speaker.start) assert.deepEqual([a.source!.start, a.source!.end], [q.speaker.start, q.speaker.end]);
      });
      // equivalence groups are the local entities with more than one mention
      const groups = b.equivalences.map((g) => g.map((id) => mentions.findIndex((s) => s.id === id)).map((k) => d.doc.mentions[k].local));
      for (const g of groups) assert.equal(new Set(g).size, 1, 'an Equiv line mixes entities');
      const expected = d.doc.entities.filter((e) => e.type !== 'DATE' && e.mentions.length > 1).length;
      assert.equal(groups.length, expected);
    }
  });

  it('brat and JSON lines keep exact offsets on astral characters, CRLF and a quote across a line break', () => {
    const doc = analyzeDocument('tricky.txt', TRICKY);
    const index = new WorkspaceIndex();
    index.set(doc);
    const [d] = exportDocs(index, new Map([['tricky.txt', TRICKY]]));
    const b = parseBrat(toBrat(d), TRICKY);
    assert.deepEqual(b.problems, []);
    for (const s of b.spans) assert.equal(s.fragments.map(([x, y]) => TRICKY.slice(x, y)).join(' '), s.text);
    const popov = b.spans.find((s) => s.text === 'Ivan Popov')!;
    assert.equal(TRICKY.slice(popov.start, popov.end), 'Ivan Popov');
    // code points, not UTF-16 units, in the file: the emoji and the fraktur letters count one each
    const raw = toBrat(d).split('\n').find((l) => l.endsWith('\tIvan Popov'))!;
    const [cpStart] = raw.split('\t')[1].split(' ').slice(1).map(Number);
    assert.equal(cpStart, [...TRICKY.slice(0, popov.start)].length);
    const [r] = parseJsonl(toJsonl([d]));
    assert.equal(r.text, TRICKY);
    assert.deepEqual(r.spans.map((s) => [s.start, s.end, s.label]), doc.mentions.map((m) => [m.start, m.end, m.type]));
  });

  it('JSON lines: one record per seed with its text, spans, attributions and metadata, read back to the same spans', () => {
    const docs = seedDocs();
    const out = toJsonl(docs);
    assert.equal(out.split('\n').filter(Boolean).length, docs.length);
    const back = parseJsonl(out);
    back.forEach((r, i) => {
      const d = docs[i];
      assert.equal(r.text, d.text);
      assert.equal(r.meta.path, d.path);
      assert.deepEqual(r.spans.map((s) => [s.start, s.end, s.label, s.text]), d.doc.mentions.map((m) => [m.start, m.end, m.type, m.text]));
      assert.deepEqual(r.attributions!.map((a) => [a.content.start, a.content.end]), d.doc.quotes.map((q) => [q.start, q.end]));
    });
  });

  it('CoNLL IOB2: every token once, a B- tag at each mention start, I- only inside a mention, sentences apart', () => {
    const docs = seedDocs();
    const parsed = parseConll(docs.map(toConll).join('\n'));
    assert.equal(parsed.length, docs.length);
    parsed.forEach((p, i) => {
      const d = docs[i];
      const begins = p.labels.filter((l) => l.startsWith('B-')).length;
      assert.equal(begins, d.doc.mentions.length, `${d.path}: B- tags`);
      p.labels.forEach((l, k) => {
        assert.match(l, /^(O|[BI]-(PER|ORG|LOC|MISC|DATE))$/);
        if (l.startsWith('I-')) assert.ok(p.labels[k - 1] !== 'O' && p.labels[k - 1].slice(2) === l.slice(2), `${d.path}: I- after ${p.labels[k - 1]}`);
      });
      // the tokens, joined, are the text without its whitespace
      assert.equal(p.tokens.join(''), d.text.replace(/\s+/g, ''));
    });
    const blank = toConll(docs[0]).split('\n').filter((l) => l === '').length;
    assert.ok(blank > 5, 'no blank lines between sentences');
  });

  it('W3C Web Annotation: every target has a TextQuoteSelector matching the text and a TextPositionSelector in code points', () => {
    const doc = analyzeDocument('tricky.txt', TRICKY);
    const index = new WorkspaceIndex();
    index.set(doc);
    const [d] = exportDocs(index, new Map([['tricky.txt', TRICKY]]));
    const w = toWebAnnotation(d, 'file:///tmp/tricky.txt') as { '@context': string; first: { items: Array<{ target: { selector: Array<Record<string, unknown>> } }> } };
    assert.equal(w['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(w.first.items.length, doc.mentions.length + doc.quotes.length);
    const cps = [...TRICKY];
    for (const item of w.first.items) {
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
      const pos = item.target.selector.find((s) => s.type === 'TextPositionSelector')!;
      assert.equal(cps.slice(pos.start as number, pos.end as number).join(''), quote.exact);
      assert.ok(cps.slice(0, pos.start as number).join('').endsWith(quote.prefix as string));
    }
  });

  const polnear = path.resolve(ROOT, '..', 'shared', 'data', 'polnear', 'dev');
  (fs.existsSync(polnear) ? it : it.skip)('reads PolNeAR\'s brat attributions with every span\'s text matching its article', () => {
    const anns = fs.readdirSync(path.join(polnear, 'attributions')).filter((f) => f.endsWith('.ann')).sort().slice(0, 20);
    let attributions = 0;
    for (const a of anns) {
      const txt = path.join(polnear, 'text', `${a.replace(/_[0-9a-f]+\.ann$/, '')}.txt`);
      const b = parseBrat(fs.readFileSync(path.join(polnear, 'attributions', a), 'utf8'), fs.readFileSync(txt, 'utf8'));
      assert.deepEqual(b.problems, [], a);
      const atts = bratAttributions(b);
      assert.ok(atts.every((x) => x.content), `${a}: an attribution without content`);
      attributions += atts.length;
    }
    assert.ok(attributions > 100, `only ${attributions} attributions in 20 files`);
  });
});
