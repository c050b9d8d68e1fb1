/**
 * The command line with annotations and exports: `byline export` in each format, `byline check` applying
 * the annotation file and reporting an annotation that no longer matches or a broken file (with its
 * line), and `byline analyze --json --import` showing someone else's brat annotations.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../server/out/cli';
import { makeAnchor } from '../../../server/out/annotations/anchor';
import { annotateMention, ignoreDisagreement, serializeStore } from '../../../server/out/annotations/format';
import { emptyStore } from '../../../server/out/annotations/model';
import { parseBrat } from '../../../server/out/export/bratImport';
import { parseJsonl } from '../../../server/out/export/jsonl';
import { SEEDS } from '../../helpers/lspClient';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '', err = '';
  const sink = (f: (s: string) => void): Writable => new Writable({ write(chunk, _e, cb) { f(String(chunk)); cb(); } });
  const code = main(args, sink((s) => { out += s; }), sink((s) => { err += s; }));
  return { code, out, err };
}

describe('The command line with annotations and exports', function () {
  this.timeout(60000);
  let dir: string;
  const seed = (prefix: string): string => path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-cli-'));
    for (const f of fs.readdirSync(SEEDS)) if (f.endsWith('.txt')) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a brat .ann beside each article, readable with every span matching the text', () => {
    const r = run(['export', '--format', 'brat', dir]);
    assert.equal(r.code, 0, r.err);
    const anns = fs.readdirSync(dir).filter((f) => f.endsWith('.ann'));
    assert.equal(anns.length, 5);
    for (const a of anns) {
      const b = parseBrat(fs.readFileSync(path.join(dir, a), 'utf8'), fs.readFileSync(path.join(dir, a.replace(/\.ann$/, '.txt')), 'utf8'));
      assert.deepEqual(b.problems, []);
      assert.ok(b.spans.length > 10);
    }
  });

  it('writes JSON lines, CoNLL and Web Annotation files into --out', () => {
    const out = path.join(dir, 'out');
    for (const format of ['jsonl', 'conll', 'webanno']) assert.equal(run(['export', '--format', format, '--out', out, dir]).code, 0);
    assert.equal(parseJsonl(fs.readFileSync(path.join(out, 'byline.jsonl'), 'utf8')).length, 5);
    assert.equal(fs.readFileSync(path.join(out, 'byline.conll'), 'utf8').split('-DOCSTART-').length - 1, 5);
    assert.equal(fs.readdirSync(out).filter((f) => f.endsWith('.jsonld')).length, 5);
    assert.equal(run(['export', '--format', 'xml', dir]).code, 2);
  });

  it('applies the annotation file in check: an ignored disagreement is gone, a rejected mention leaves the export, an orphan is reported', () => {
    const before = run(['check', dir]).out;
    const line = before.split('\n').find((l) => /\[spelling\]/.test(l))!;
    assert.ok(line, before);
    const text = fs.readFileSync(seed('000'), 'utf8');
    const at = text.indexOf('Donetsk');
    let store = annotateMention(emptyStore(), path.basename(seed('000')), 'reject', makeAnchor(text, at, at + 7));
    store = annotateMention(store, path.basename(seed('000')), 'reject', { exact: 'no such words here', prefix: '', suffix: '', start: 40 });
    // ignore every spelling disagreement of 000 by its key, as the editor's code action does
    const json = JSON.parse(run(['analyze', '--json', dir]).out);
    for (const d of json.diagnostics) if (d.code === 'spelling' && d.path === seed('000')) store = ignoreDisagreement(store, { key: d.key, path: path.basename(seed('000')) });
    fs.mkdirSync(path.join(dir, '.byline'));
    fs.writeFileSync(path.join(dir, '.byline', 'annotations.json'), serializeStore(store));
    const after = run(['check', dir]);
    const spelling000 = (out: string): string[] => out.split('\n').filter((l) => l.startsWith(seed('000')) && /\[spelling\]/.test(l));
    assert.ok(spelling000(before).length > 0);
    assert.deepEqual(spelling000(after.out), [], 'an ignored disagreement is still printed');
    assert.match(after.out, /could not find the words "no such words here"[^\n]*\[annotation\]/);
    const mentions = JSON.parse(run(['analyze', '--json', dir]).out).documents.find((d: { path: string }) => d.path === seed('000')).mentions;
    assert.ok(!mentions.some((m: { text: string }) => m.text === 'Donetsk'));
  });

  it('reports a broken annotation file with its line and column, and still checks the articles', () => {
    fs.mkdirSync(path.join(dir, '.byline'));
    fs.writeFileSync(path.join(dir, '.byline', 'annotations.json'), '{\n  "version": 1,\n  "same": [["a", "b"],]\n}\n');
    const r = run(['check', dir]);
    assert.match(r.out, /annotations\.json:3:\d+: error: .*\[annotation-file\]/);
    assert.match(r.out, /\[spelling\]/);
    assert.equal(r.code, 1);
  });

  it('shows brat annotations found beside an article under "imported" in analyze --json', () => {
    const other = 'T1\tPerson 0 1\tA\nT2\tSource 0 1\tA\n';
    fs.writeFileSync(seed('000').replace(/\.txt$/, '.ann'), other);
    const json = JSON.parse(run(['analyze', '--json', dir]).out);
    const doc = json.documents.find((d: { path: string }) => d.path === seed('000'));
    assert.equal(doc.imported.length, 1);
    assert.equal(doc.imported[0].spans.length, 2);
    assert.equal(doc.imported[0].spans[0].type, 'Person');
  });
});

