import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDocument } from '../../../../server/out/analysis/analyze';
import { extractFeatures, NerDoc } from '../../../../server/out/analysis/ner/features';
import { normalizeToken } from '../../../../server/out/analysis/ner/lexicon';
import { newFeatureBuffer } from '../../../../server/out/analysis/ner/pipeline';
import { deserializeModel } from '../../../../server/out/analysis/ner/store';
import { L, Weights, tagDocument, tagDocumentReference } from '../../../../server/out/analysis/ner/tagger';
import { quoteFeatures, quoteModel } from '../../../../server/out/analysis/quotes/learned';
import { layout } from '../../../../server/out/analysis/text';

const root = path.resolve(__dirname, '../../../..');
const seeds = fs.readdirSync(path.join(root, 'seeds')).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => fs.readFileSync(path.join(root, 'seeds', f), 'utf8'));
/** A PolNeAR article too (when the shared data is beside the repository): longer, American political news. */
function polnearArticle(): string | undefined {
  const dir = path.resolve(root, '..', 'shared', 'data', 'polnear', 'dev', 'text');
  if (!fs.existsSync(dir)) return undefined;
  const f = fs.readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()[0];
  return f ? fs.readFileSync(path.join(dir, f), 'utf8') : undefined;
}
const texts = [...seeds, polnearArticle()].filter((t): t is string => t !== undefined);

/** tagDocument (the fast path for a model with a compact table) and tagDocumentReference: same labels, same margins. */
function same(W: Weights, ids: Int32Array, offs: Int32Array, sentences: Array<[number, number]>, n: number): number {
  const fast = new Uint8Array(n), ref = new Uint8Array(n);
  const mf = new Float32Array(n), mr = new Float32Array(n);
  tagDocument(W, ids, offs, sentences, fast, mf);
  tagDocumentReference(W, ids, offs, sentences, ref, mr);
  assert.deepStrictEqual(Array.from(fast), Array.from(ref));
  assert.deepStrictEqual(Array.from(mf), Array.from(mr));
  return ref.filter((y) => y !== 0).length;
}

describe('the perceptron tagger', () => {
  it('gives the quote model the same labels on its fast path as on the reference path, on real articles', () => {
    const q = quoteModel();
    assert.ok(q, 'models/quotes.bin is committed');
    assert.ok(q.model.pass1.table(), 'a loaded model has a compact table, so tagDocument takes the fast path');
    let labelled = 0;
    for (const text of texts) {
      const a = analyzeDocument('file:///t.txt', text);
      const lay = layout(text);
      const spans = a.quotes.map((x) => ({ start: x.start, end: x.end, kind: x.kind === 'direct' ? 'direct' as const : 'indirect' as const }));
      const { ids, offs } = quoteFeatures(text, lay, a.mentions, spans, q.lex, q.model.pass1.bits);
      labelled += same(q.model.pass1, ids, offs, lay.sentences.map((s) => [s.tokenStart, s.tokenEnd]), lay.tokens.length);
    }
    assert.ok(labelled > 50, `the articles have attributions (${labelled} labelled tokens)`);
  });

  it('gives the NER model the same labels on its fast path as on the reference path, on real articles', () => {
    const model = deserializeModel(fs.readFileSync(path.join(root, 'models', 'ner.bin')));
    const buf = newFeatureBuffer();
    for (const text of texts) {
      const lay = layout(text);
      const doc: NerDoc = { words: lay.tokens.map((t) => normalizeToken(t.text)), sentences: lay.sentences.map((s) => [s.tokenStart, s.tokenEnd]) };
      extractFeatures(doc, model.lex, model.pass1.mask, buf);
      assert.ok(same(model.pass1, buf.ids, buf.offs, doc.sentences, doc.words.length) > 0);
    }
  });

  it('decodes a compact()ed in-memory model the same way on both paths, with sentences of one token and empty ones', () => {
    let seed = 11;
    const rand = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
    const W = new Weights(10);
    for (let i = 0; i < W.w.length; i++) if (rand() < 0.3) W.w[i] = (rand() - 0.5) * 4;
    for (let i = 0; i < W.trans.length; i++) W.trans[i] = (rand() - 0.5) * 2;
    W.compact();
    const n = 300, per = 12;
    const ids = new Int32Array(n * per), offs = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      offs[i] = i * per;
      for (let k = 0; k < per; k++) ids[i * per + k] = k === 0 && i % 5 === 0 ? -1 : Math.floor(rand() * (1 << 10));
    }
    offs[n] = n * per;
    const sentences: Array<[number, number]> = [[0, 1], [1, 1], [1, 40], [40, 41], [41, 200], [200, 300]];
    assert.ok(same(W, ids, offs, sentences, n) > 0);
    assert.strictEqual(L, 9);
  });
});
