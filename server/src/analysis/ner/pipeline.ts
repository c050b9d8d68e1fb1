/**
 * Tagging a document with a model: features, first pass, document-level priors, second pass.
 * Shared by the recognizer (index.ts), training and evaluation.
 */
import { ExtractOptions, FeatureBuffer, NerDoc, extractFeatures, lowerOf, withPriors } from './features';
import { fastTaggerFor } from './fast';
import { hashString } from './hash';
import { NerModel } from './store';
import { entityLengths, isInside, labelType, tagDocumentReference } from './tagger';
import { NerLexicon } from './features';

export function newFeatureBuffer(): FeatureBuffer {
  return { ids: new Int32Array(0), offs: new Int32Array(0), n: 0, tokShort: new Int32Array(0), tokCap: new Uint8Array(0) };
}

/** Features of a document for one pass: the first pass's, or with priors for the second. */
export function featuresFor(doc: NerDoc, lex: NerLexicon, mask: number, out: FeatureBuffer, opts?: ExtractOptions): void {
  if (!opts || !opts.prior) { extractFeatures(doc, lex, mask, out); return; }
  extractFeatures(doc, lex, mask, tmp);
  withPriors(tmp, opts, mask, out);
}

const buf1 = newFeatureBuffer();
const buf2 = newFeatureBuffer();
const tmp = newFeatureBuffer();

/** BIO labels for every token of the document (both passes when the model has a second one). */
export function tagLabels(model: NerModel, doc: NerDoc, margins?: Float32Array): Uint8Array {
  return fastTaggerFor(model).tag(doc, margins);
}

/**
 * tagLabels the straightforward way, through feature-id lists (what training sees); the fused
 * tagger (fast.ts) must give the same labels.
 */
export function tagLabelsReference(model: NerModel, doc: NerDoc, margins?: Float32Array): Uint8Array {
  const n = doc.words.length;
  const first = new Uint8Array(n);
  extractFeatures(doc, model.lex, model.pass1.mask, buf1);
  tagDocumentReference(model.pass1, buf1.ids, buf1.offs, doc.sentences, first, model.pass2 ? undefined : margins);
  if (!model.pass2) return first;
  const second = new Uint8Array(n);
  withPriors(buf1, documentPriors(doc, first), model.pass2.mask, buf2);
  tagDocumentReference(model.pass2, buf2.ids, buf2.offs, doc.sentences, second, margins);
  return second;
}

/**
 * For each token, what the first pass said about the same (lower-case) word elsewhere in the
 * document: prior = majority entity type of its other occurrences (1..4), 5 when they were all O,
 * 0 when there are none; priorLong = the type of the longest other entity containing the word when
 * it is longer than this token's own entity ("Popov" after "Ivan Popov").
 */
export function documentPriors(doc: NerDoc, labels: Uint8Array): Required<ExtractOptions> {
  const n = doc.words.length;
  const prior = new Uint8Array(n);
  const priorLong = new Uint8Array(n);
  // entity lengths per token
  const entLen = new Int32Array(n);
  entityLengths(labels, n, entLen);
  const counts = new Map<number, Int32Array>(); // word hash → [O, PER, ORG, LOC, MISC, longestLen, longestType]
  const keys = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const w = doc.words[k];
    const c0 = w.charCodeAt(0);
    // only words that start with a letter or digit carry priors
    if (!(c0 >= 48 && c0 <= 57) && lowerOf(w) === w.toUpperCase()) { keys[k] = 0; continue; }
    const key = hashString(lowerOf(w));
    keys[k] = key;
    let c = counts.get(key);
    if (!c) { c = new Int32Array(7); counts.set(key, c); }
    const t = labelType(labels[k]);
    c[t]++;
    if (entLen[k] > c[5]) { c[5] = entLen[k]; c[6] = t; }
  }
  for (let k = 0; k < n; k++) {
    if (keys[k] === 0) continue;
    const c = counts.get(keys[k])!;
    const t = labelType(labels[k]);
    let best = 0, bestN = 0, total = 0;
    for (let y = 0; y <= 4; y++) {
      const m = c[y] - (y === t ? 1 : 0);
      total += m;
      if (y > 0 && m > bestN) { bestN = m; best = y; }
    }
    prior[k] = total === 0 ? 0 : best === 0 ? 5 : best;
    if (c[5] > entLen[k] && c[6] > 0) priorLong[k] = c[6];
  }
  return { prior, priorLong };
}

export interface LabelSpan { a: number; b: number; type: number }

/** Entity token spans [a, b) of BIO labels within sentences. */
export function labelSpans(labels: Uint8Array, sentences: Array<[number, number]>): LabelSpan[] {
  const out: LabelSpan[] = [];
  for (const [sa, sb] of sentences) {
    let i = sa;
    while (i < sb) {
      const y = labels[i];
      if (y === 0) { i++; continue; }
      const t = labelType(y);
      let j = i + 1;
      while (j < sb && isInside(labels[j]) && labelType(labels[j]) === t) j++;
      out.push({ a: i, b: j, type: t });
      i = j;
    }
  }
  return out;
}
