/**
 * Train the entity recognizer: `npm run train:ner` (or node scripts/out/train-ner.js [--no-pass2] [--epochs N]).
 *
 * Deterministic: fixed fold assignment, fixed shuffling seed. Reads ../shared/data/conll2003/eng.train
 * (training) and eng.testa (dev: chooses the number of epochs), and unlabeled running text from
 * ../shared/data/polnear/train/text (case statistics and word clusters; never eval data). Writes
 * models/ner.bin at the repository root.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FeatureBuffer, NerDoc, NerLexicon, extractFeatures, lowerOf } from '../../server/out/analysis/ner/features';
import { hashString } from '../../server/out/analysis/ner/hash';
import { PLACE_NAMES, gazKeyOf, normalizeToken } from '../../server/out/analysis/ner/lexicon';
import { documentPriors, featuresFor, labelSpans, newFeatureBuffer } from '../../server/out/analysis/ner/pipeline';
import { NerModel, serializeModel } from '../../server/out/analysis/ner/store';
import { LABELS, Trainer, Weights, tagDocument } from '../../server/out/analysis/ner/tagger';
import { ExtractOptions } from '../../server/out/analysis/ner/features';
import { layout } from '../../server/out/analysis/text';
import { ConllDoc, conllDir, readConll } from './conll';
import { EXTRA_TRAINING } from './ner-extra';
import { buildClusters } from './clusters';
import { rng } from './random';

const BITS = 20;
const MASK = (1 << BITS) - 1;
const FOLDS = 5;
const MIN_FEATURE_COUNT = Number(process.env.NER_MIN_COUNT ?? 1);

interface TrainDoc extends NerDoc { labels: Uint8Array; fold: number; entities: Array<{ words: string[]; type: number }> }

function toTrainDoc(d: ConllDoc, index: number): TrainDoc {
  const words = d.tokens.map(normalizeToken);
  const labels = new Uint8Array(d.tags.map((t) => { const k = LABELS.indexOf(t as (typeof LABELS)[number]); if (k < 0) throw new Error('bad tag ' + t); return k; }));
  const entities = labelSpans(labels, d.sentences).map((s) => ({ words: words.slice(s.a, s.b), type: s.type }));
  return { words, sentences: d.sentences, labels, fold: index % FOLDS, entities };
}

function log(...a: unknown[]): void {
  console.log(`[${((performance.now() - T0) / 1000).toFixed(1)}s]`, ...a);
}
const T0 = performance.now();


function repoRoot(): string {
  return path.resolve(__dirname, '../..');
}

/** Unlabeled running text for case statistics and clusters (not eval data). */
function readUnlabeled(): string[] {
  const dir = path.resolve(repoRoot(), '../shared/data/polnear/train/text');
  if (!fs.existsSync(dir)) { log('no unlabeled text at', dir); return []; }
  return fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

/** How often each word is capitalised in mid-sentence position, bucketed. */
function caseStatistics(texts: string[], train: TrainDoc[]): Map<number, number> {
  const cap = new Map<string, number>();
  const low = new Map<string, number>();
  const count = (w: string, initial: boolean): void => {
    const c = w.charCodeAt(0);
    const isCap = c >= 65 && c <= 90 || (c > 127 && w[0] !== w[0].toLowerCase());
    const isLow = c >= 97 && c <= 122 || (c > 127 && w[0] !== w[0].toUpperCase());
    if (!isCap && !isLow) return;
    if (initial) return;
    const l = lowerOf(w);
    if (isCap) cap.set(l, (cap.get(l) ?? 0) + 1); else low.set(l, (low.get(l) ?? 0) + 1);
  };
  for (const text of texts) {
    const lay = layout(text);
    for (const s of lay.sentences) {
      // skip title-case lines
      let capN = 0, longN = 0;
      for (let i = s.tokenStart; i < s.tokenEnd; i++) { const w = lay.tokens[i].text; if (w.length > 3 && /^\p{L}/u.test(w)) { longN++; if (/^\p{Lu}/u.test(w)) capN++; } }
      if (longN >= 3 && capN >= 0.8 * longN) continue;
      for (let i = s.tokenStart + 1; i < s.tokenEnd; i++) {
        const prev = lay.tokens[i - 1].text;
        count(normalizeToken(lay.tokens[i].text), prev === '"' || prev === '\u201c' || prev === ':' || prev === '(');
      }
    }
  }
  for (const d of train) {
    for (const [a, b] of d.sentences) {
      let up = 0;
      for (let i = a; i < b; i++) if (d.words[i] === d.words[i].toUpperCase()) up++;
      if (up > (b - a) * 0.6) continue;
      for (let i = a + 1; i < b; i++) count(d.words[i], d.words[i - 1] === '"' || d.words[i - 1] === ':');
    }
  }
  const stat = new Map<number, number>();
  const all = new Set([...cap.keys(), ...low.keys()]);
  for (const w of all) {
    const c = cap.get(w) ?? 0, l = low.get(w) ?? 0, n = c + l;
    if (n < 2) continue;
    const r = c / n;
    const bucket = r < 0.05 ? 1 : r < 0.3 ? 2 : r < 0.7 ? 3 : r < 0.95 ? 4 : 5;
    stat.set(hashString(w), bucket + (n >= 20 ? 0 : 5));
  }
  return stat;
}

const TYPE_BIT = [0, 1, 2, 4, 8];

function buildGazetteer(docs: TrainDoc[], exceptFold: number): { gaz: Map<number, number>; maxLen: number; gazTok: Map<number, number> } {
  const gaz = new Map<number, number>();
  const gazTok = new Map<number, number>();
  let maxLen = 0;
  const add = (words: string[], bit: number): void => {
    if (words.length > 6) return;
    const k = gazKeyOf(words);
    gaz.set(k, (gaz.get(k) ?? 0) | bit);
    if (words.length > maxLen) maxLen = words.length;
  };
  for (const d of docs) {
    if (d.fold === exceptFold) continue;
    for (const e of d.entities) {
      add(e.words, TYPE_BIT[e.type]);
      for (const w of e.words) { const h = hashString(lowerOf(w)); gazTok.set(h, (gazTok.get(h) ?? 0) | TYPE_BIT[e.type]); }
    }
  }
  for (const p of PLACE_NAMES) add(p.split(' '), 16);
  return { gaz, maxLen, gazTok };
}

/** Features of many documents, concatenated. */
interface Corpus {
  ids: Int32Array;
  offs: Int32Array;
  labels: Uint8Array;
  sentences: Array<[number, number]>;
  docStarts: number[];
}

function featurize(docs: TrainDoc[], lexFor: (d: TrainDoc) => NerLexicon, optsFor?: (d: TrainDoc, i: number) => ExtractOptions): Corpus {
  const total = docs.reduce((s, d) => s + d.words.length, 0);
  let ids = new Int32Array(total * 70);
  const offs = new Int32Array(total + 1);
  const labels = new Uint8Array(total);
  const sentences: Array<[number, number]> = [];
  const docStarts: number[] = [];
  const buf: FeatureBuffer = newFeatureBuffer();
  let base = 0, p = 0;
  docs.forEach((d, di) => {
    featuresFor(d, lexFor(d), MASK, buf, optsFor ? optsFor(d, di) : undefined);
    const len = buf.offs[d.words.length];
    if (p + len > ids.length) { const n = new Int32Array(Math.max(ids.length * 2, p + len)); n.set(ids); ids = n; }
    ids.set(buf.ids.subarray(0, len), p);
    for (let i = 0; i < d.words.length; i++) offs[base + i] = p + buf.offs[i];
    labels.set(d.labels, base);
    for (const [a, b] of d.sentences) sentences.push([base + a, base + b]);
    docStarts.push(base);
    base += d.words.length;
    p += len;
  });
  offs[total] = p;
  return { ids: ids.subarray(0, p), offs, labels, sentences, docStarts };
}

function spanF1(gold: Uint8Array, pred: Uint8Array, sentences: Array<[number, number]>): number {
  const key = (s: { a: number; b: number; type: number }): string => `${s.a}:${s.b}:${s.type}`;
  const g = new Set(labelSpans(gold, sentences).map(key));
  const p = labelSpans(pred, sentences).map(key);
  let tp = 0;
  for (const k of p) if (g.has(k)) tp++;
  const prec = p.length ? tp / p.length : 0, rec = g.size ? tp / g.size : 0;
  return prec + rec ? (200 * prec * rec) / (prec + rec) : 0;
}

function decodeCorpus(W: Weights, c: Corpus): Uint8Array {
  const out = new Uint8Array(c.labels.length);
  tagDocument(W, c.ids, c.offs, c.sentences, out);
  return out;
}

/** Train one weight set; returns the averaged weights of the best dev epoch (or of `epochs` if no dev). */
function train(c: Corpus, dev: Corpus | null, epochs: number, seed: number, label: string): { W: Weights; epoch: number; f1: number } {
  if (MIN_FEATURE_COUNT > 1) {
    // features seen fewer than MIN_FEATURE_COUNT times in training are dropped (id -1)
    const counts = new Uint16Array(MASK + 1);
    for (let k = 0; k < c.ids.length; k++) if (c.ids[k] >= 0 && counts[c.ids[k]] < 65535) counts[c.ids[k]]++;
    const ids = new Int32Array(c.ids);
    for (let k = 0; k < ids.length; k++) if (ids[k] >= 0 && counts[ids[k]] < MIN_FEATURE_COUNT) ids[k] = -1;
    c = { ...c, ids };
  }
  const trainer = new Trainer(BITS);
  const order = c.sentences.map((_, i) => i);
  const rand = rng(seed);
  let best: { W: Weights; epoch: number; f1: number } | null = null;
  let sinceBest = 0;
  for (let ep = 1; ep <= epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); const t = order[i]; order[i] = order[j]; order[j] = t; }
    let errors = 0;
    for (const si of order) { const [a, b] = c.sentences[si]; errors += trainer.step(c.ids, c.offs, a, b, c.labels); }
    if (dev) {
      const W = trainer.averaged();
      const f1 = spanF1(dev.labels, decodeCorpus(W, dev), dev.sentences);
      log(`${label} epoch ${ep}: ${errors} token errors, dev F1 ${f1.toFixed(2)}`);
      if (!best || f1 > best.f1) { best = { W, epoch: ep, f1 }; sinceBest = 0; } else if (++sinceBest >= 3) break;
    } else {
      log(`${label} epoch ${ep}: ${errors} token errors`);
    }
  }
  if (!best) best = { W: trainer.averaged(), epoch: epochs, f1: NaN };
  return best;
}

function main(): void {
  const args = process.argv.slice(2);
  const noPass2 = args.includes('--no-pass2');
  const noClusters = args.includes('--no-clusters');
  const maxEpochs = args.includes('--epochs') ? Number(args[args.indexOf('--epochs') + 1]) : 15;
  const dir = conllDir();
  const trainDocs = readConll(path.join(dir, 'eng.train')).map(toTrainDoc);
  // the hand-written documents are few; each is seen three times per epoch (in three folds)
  const extra = EXTRA_TRAINING();
  for (let r = 0; r < 3; r++) for (const [i, d] of extra.entries()) trainDocs.push(toTrainDoc(d, i + r));
  const devDocs = readConll(path.join(dir, 'eng.testa')).map((d, i) => toTrainDoc(d, i));
  log(`train ${trainDocs.length} docs, ${trainDocs.reduce((s, d) => s + d.words.length, 0)} tokens; dev ${devDocs.length} docs`);

  const unlabeled = readUnlabeled();
  const caseStat = caseStatistics(unlabeled, trainDocs);
  log(`case statistics for ${caseStat.size} words from ${unlabeled.length} unlabeled texts`);
  const clusters = noClusters ? new Map<number, number>() : buildClusters(unlabeled, trainDocs.map((d) => d.words), log);
  log(`clusters for ${clusters.size} words`);

  const full = buildGazetteer(trainDocs, -1);
  const foldLex: NerLexicon[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const g = buildGazetteer(trainDocs, f);
    foldLex.push({ caseStat, clusters, gaz: g.gaz, gazMaxLen: g.maxLen, gazTok: g.gazTok });
  }
  const lex: NerLexicon = { caseStat, clusters, gaz: full.gaz, gazMaxLen: full.maxLen, gazTok: full.gazTok };
  log(`gazetteer ${full.gaz.size} entries, longest ${full.maxLen}`);

  const trainC = featurize(trainDocs, (d) => foldLex[d.fold]);
  const devC = featurize(devDocs, () => lex);
  log(`features: ${trainC.ids.length} ids for train, ${devC.ids.length} for dev`);

  const p1 = train(trainC, devC, maxEpochs, 1, 'pass1');
  log(`pass1: best epoch ${p1.epoch}, dev F1 ${p1.f1.toFixed(2)}`);
  const model: NerModel = { lex, pass1: p1.W, meta: {} };

  let p2info: { epoch: number; f1: number } | null = null;
  if (!noPass2) {
    // Jackknifed first-pass labels for the training documents: two halves, each tagged by a model
    // trained on the other half, so that the second pass learns from realistic first-pass errors.
    const halves = [trainDocs.filter((_, i) => i % 2 === 0), trainDocs.filter((_, i) => i % 2 === 1)];
    const priorsOf = new Map<TrainDoc, ExtractOptions>();
    for (let h = 0; h < 2; h++) {
      const c = featurize(halves[1 - h], (d) => foldLex[d.fold]);
      const r = train(c, null, p1.epoch, 2 + h, `jackknife ${h}`);
      const m: NerModel = { lex, pass1: r.W, meta: {} };
      for (const d of halves[h]) {
        const lab = new Uint8Array(d.words.length);
        const fb = newFeatureBuffer();
        extractFeatures(d, foldLex[d.fold], MASK, fb);
        tagDocument(m.pass1, fb.ids, fb.offs, d.sentences, lab);
        priorsOf.set(d, documentPriors(d, lab));
      }
    }
    const devPriors = devDocs.map((d) => {
      const lab = new Uint8Array(d.words.length);
      const fb = newFeatureBuffer();
      extractFeatures(d, lex, MASK, fb);
      tagDocument(p1.W, fb.ids, fb.offs, d.sentences, lab);
      return documentPriors(d, lab);
    });
    const trainC2 = featurize(trainDocs, (d) => foldLex[d.fold], (d) => priorsOf.get(d)!);
    const devC2 = featurize(devDocs, () => lex, (_d, i) => devPriors[i]);
    const p2 = train(trainC2, devC2, maxEpochs, 4, 'pass2');
    log(`pass2: best epoch ${p2.epoch}, dev F1 ${p2.f1.toFixed(2)}`);
    if (p2.f1 > p1.f1) { model.pass2 = p2.W; p2info = { epoch: p2.epoch, f1: p2.f1 }; } else log('pass2 does not help on dev; not kept');
  }

  model.meta = {
    trainedOn: 'CoNLL-2003 eng.train + scripts/src/ner-extra.ts; dev eng.testa',
    pass1: { epoch: p1.epoch, devF1: Number(p1.f1.toFixed(2)) },
    pass2: p2info ? { epoch: p2info.epoch, devF1: Number(p2info.f1.toFixed(2)) } : null,
  };
  const bytes = serializeModel(model);
  const outDir = path.join(repoRoot(), 'models');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'ner.bin'), bytes);
  log(`wrote models/ner.bin (${(bytes.length / 1e6).toFixed(2)} MB)`, JSON.stringify(model.meta));
}

main();
