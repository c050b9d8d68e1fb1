import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDocument } from '../../../../server/out/analysis/analyze';
import { Weights, tagDocument } from '../../../../server/out/analysis/ner/tagger';
import {
  QuoteSpanIn, cueStem, quoteFeatures, quoteFeaturesReference, quoteModel, sumsAreExact, tagQuotesFused, tokenLower,
} from '../../../../server/out/analysis/quotes/learned';
import { layout } from '../../../../server/out/analysis/text';

const root = path.resolve(__dirname, '../../../..');
const seeds = fs.readdirSync(path.join(root, 'seeds')).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => fs.readFileSync(path.join(root, 'seeds', f), 'utf8'));
/** A few PolNeAR articles too (when the shared data is beside the repository): longer, American political news. */
function polnearArticles(): string[] {
  const dir = path.resolve(root, '..', 'shared', 'data', 'polnear', 'dev', 'text');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((x) => x.endsWith('.txt')).sort().slice(0, 12).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}
const texts = [...seeds, ...polnearArticles()];

/** What findQuotes gives the tagger: the rules' quotations and their indirect attributions. */
function rulesSpans(text: string): { mentions: ReturnType<typeof analyzeDocument>['mentions']; spans: QuoteSpanIn[] } {
  const a = analyzeDocument('file:///t.txt', text);
  const spans: QuoteSpanIn[] = a.quotes.map((x) => x.kind === 'indirect'
    ? { start: x.start, end: x.end, kind: 'indirect', cue: x.cue, source: x.speaker }
    : { start: x.start, end: x.end, kind: x.kind });
  return { mentions: a.mentions, spans };
}

describe('the learned quote tagger\'s fast paths', () => {
  it('makes the same feature ids in the same order as the plain reference implementation, on real articles', () => {
    const q = quoteModel();
    assert.ok(q, 'models/quotes.bin is committed');
    let features = 0;
    for (const text of texts) {
      const lay = layout(text);
      const { mentions, spans } = rulesSpans(text);
      const fast = quoteFeatures(text, lay, mentions, spans, q.lex, q.model.pass1.bits);
      const ref = quoteFeaturesReference(text, lay, mentions, spans, q.lex, q.model.pass1.bits);
      assert.deepStrictEqual(Array.from(fast.offs), Array.from(ref.offs));
      assert.deepStrictEqual(Array.from(fast.ids), Array.from(ref.ids));
      features += ref.ids.length;
    }
    assert.ok(features > 10_000, `the articles make features (${features})`);
  });

  it('gives the same labels by summing rows as it makes them as the reference features through tagDocument, on real articles', () => {
    const q = quoteModel();
    assert.ok(q, 'models/quotes.bin is committed');
    const W = q.model.pass1;
    assert.ok(sumsAreExact(W.table()!.rows), 'the committed model\'s weights allow the fused path');
    let labelled = 0;
    for (const text of texts) {
      const lay = layout(text);
      const { mentions, spans } = rulesSpans(text);
      const fused = tagQuotesFused(W, q.lex, lay, mentions, spans);
      assert.ok(fused, 'the committed model takes the fused path');
      const { ids, offs } = quoteFeaturesReference(text, lay, mentions, spans, q.lex, W.bits);
      const ref = new Uint8Array(lay.tokens.length);
      tagDocument(W, ids, offs, lay.sentences.map((s) => [s.tokenStart, s.tokenEnd]), ref);
      assert.deepStrictEqual(Array.from(fused), Array.from(ref));
      labelled += ref.filter((y) => y !== 0).length;
    }
    assert.ok(labelled > 50, `the articles have attributions (${labelled} labelled tokens)`);
  });

  it('leaves a model whose weights span too many binades for exact sums to tagDocument', () => {
    assert.strictEqual(sumsAreExact(new Float32Array([1, 0.5, -3, 0.0078125])), true);
    assert.strictEqual(sumsAreExact(new Float32Array([1e6, 1e-9])), false);
    const W = new Weights(4);
    W.w[9] = 1e6; W.w[18] = 1e-9;
    W.compact();
    const q = quoteModel()!;
    const text = 'The mayor said the plan was ready.\n';
    assert.strictEqual(tagQuotesFused(W, q.lex, layout(text), [], []), undefined);
  });

  it('gives the rules the same lower-case words from the word cache as toLowerCase, a word that is a number or a property name included', () => {
    const q = quoteModel()!;
    const text = 'ÉCOLE said 123 times: "constructor" toString __proto__ İstanbul ß.\n';
    const lay = layout(text);
    assert.deepStrictEqual(tokenLower(lay, q.lex), lay.tokens.map((t) => t.text.toLowerCase()));
  });
});

describe('the cue lexicon\'s stems', () => {
  it('gives the inflections of a cue verb one stem, so that a rare form shares the figures of the others', () => {
    for (const group of [['endorse', 'endorsed', 'endorses', 'endorsing'], ['claim', 'claims', 'claimed', 'claiming'], ['deny', 'denies', 'denied'], ['stop', 'stopped', 'stops']]) {
      const stems = new Set(group.filter((w) => w.length >= 5).map(cueStem));
      assert.strictEqual(stems.size, 1, `${group.join(', ')}: ${[...stems].join(', ')}`);
    }
    assert.strictEqual(cueStem('endorsed'), cueStem('endorse'));
  });

  it('gives short words, numbers and words with other characters no stem', () => {
    for (const w of ['said', 'says', 'told', '2016', 'u.s.', 'don’t']) assert.strictEqual(cueStem(w), undefined, w);
  });
});
