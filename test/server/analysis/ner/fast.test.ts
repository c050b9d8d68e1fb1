import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { NerDoc } from '../../../../server/out/analysis/ner/features';
import { FastTagger } from '../../../../server/out/analysis/ner/fast';
import { normalizeToken } from '../../../../server/out/analysis/ner/lexicon';
import { tagLabels, tagLabelsReference } from '../../../../server/out/analysis/ner/pipeline';
import { NerModel, deserializeModel } from '../../../../server/out/analysis/ner/store';
import { L, Weights } from '../../../../server/out/analysis/ner/tagger';
import * as text from '../../../../server/out/analysis/text';

const root = path.resolve(__dirname, '../../../..');

function docOf(s: string): NerDoc {
  const lay = text.layout(s);
  return { words: lay.tokens.map((t) => normalizeToken(t.text)), sentences: lay.sentences.map((x) => [x.tokenStart, x.tokenEnd]) };
}

/** The fused tagger (fast.ts) against the feature-id path that training uses: same labels, same margins. */
function same(model: NerModel, doc: NerDoc, tagger?: FastTagger): void {
  const m1 = new Float32Array(doc.words.length), m2 = new Float32Array(doc.words.length);
  const ref = tagLabelsReference(model, doc, m1);
  const fast = tagger ? tagger.tag(doc, m2) : tagLabels(model, doc, m2);
  assert.deepStrictEqual(Array.from(fast), Array.from(ref));
  for (let i = 0; i < m1.length; i++) assert.ok(Math.abs(m1[i] - m2[i]) <= 1e-3 * Math.max(1, Math.abs(m1[i])), `margin ${i}: ${m1[i]} vs ${m2[i]}`);
}

const SAMPLES = [
  'RUSSIAN GENERAL SACKED AFTER CRITICISING MOSCOW',
  'Russian Commander Says He Was Dismissed By The Defence Ministry',
  '(CNN) – Russian commander General Ivan Popov said “the army was betrayed” by the Defense Ministry in Moscow.',
  'Maj. Gen. Ivan Popov, commander of the 58th Combined Arms Army, told the Institute for the Study of War (ISW) in Washington D.C. that '
    + 'Yevgeny Prigozhin\'s Wagner group and the Ministry of Defence of the Russian Federation had "betrayed" the troops near Zaporizhzhia.',
  'Müller und Łukasz Żółć visited São Paulo; the anti-war co-founder met Jean-Claude Juncker on Tuesday, 12 March 2024, at 10:30.',
  'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\nAL-AIN , United Arab Emirates 1996-12-06\nJapan began the defence.',
  '"Quote one," he said. (Aside (nested) text) "Quote two.',
];

describe('the fused NER tagger', () => {
  const model = deserializeModel(fs.readFileSync(path.join(root, 'models', 'ner.bin')));

  it('gives the same labels and margins as the feature-id path on the seed articles', () => {
    for (const f of fs.readdirSync(path.join(root, 'seeds')).filter((x) => x.endsWith('.txt')).sort()) {
      same(model, docOf(fs.readFileSync(path.join(root, 'seeds', f), 'utf8')));
    }
  });

  it('gives the same labels on headlines, brackets, quotes, non-ASCII words and empty input', () => {
    for (const s of SAMPLES) same(model, docOf(s));
    same(model, docOf(SAMPLES.join('\n\n')));
    same(model, docOf(''));
    same(model, { words: ['Popov', 'Moscow', 'said'], sentences: [[0, 1], [1, 3]] });
  });

  it('stays the same when its word cache is emptied, including by a document larger than the cache', () => {
    const tagger = new FastTagger(model);
    const words: string[] = [];
    for (let i = 0; i < 40000; i++) words.push((i % 7 === 0 ? 'Word' : 'word') + i.toString(36));
    const sentences: Array<[number, number]> = [];
    for (let i = 0; i < words.length; i += 25) sentences.push([i, Math.min(words.length, i + 25)]);
    same(model, { words, sentences }, tagger);
    for (const s of SAMPLES) same(model, docOf(s), tagger);
    same(model, { words, sentences }, tagger);
  });

  it('gives the same labels for a model trained in memory (dense weights, small feature space)', () => {
    let seed = 7;
    const rand = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
    const dense = (): Weights => {
      const W = new Weights(12);
      // multiples of 1/100 up to 327.67, so int16 quantisation is exact
      for (let i = 0; i < W.w.length; i++) if (rand() < 0.6) W.w[i] = Math.round((rand() - 0.5) * 2000) / 100;
      W.w[5] = 327.67;
      for (let i = 0; i < W.trans.length; i++) W.trans[i] = Math.round((rand() - 0.5) * 400) / 100;
      return W;
    };
    const small: NerModel = { lex: model.lex, pass1: dense(), pass2: dense(), meta: {} };
    assert.strictEqual(small.pass1.w.length, (1 << 12) * L);
    for (const s of SAMPLES) same(small, docOf(s));
    const one: NerModel = { lex: model.lex, pass1: dense(), meta: {} };
    for (const s of SAMPLES) same(one, docOf(s));
  });
});
