/**
 * The trained entity recognizer: a two-pass averaged structured perceptron (see tagger.ts for the
 * choice) over hashed lexical, shape, context, gazetteer, case-statistics and word-cluster features
 * (features.ts), trained on CoNLL-2003 by scripts/src/train-ner.ts. The second pass sees what the
 * first said about the same word elsewhere in the document (Krishnan & Manning 2006 style).
 *
 * The model (models/ner.bin at the repository root, or next to the bundle) is loaded once, lazily
 * and synchronously, on the first call. Nothing here imports the editor or the LSP.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextLayout, Token } from '../text';
import { NerDoc } from './features';
import { normalizeToken, TITLE_WORDS } from './lexicon';
import { labelSpans, tagLabels } from './pipeline';
import { fastTaggerFor } from './fast';
import { NerModel, deserializeModel } from './store';
import { TYPES } from './tagger';
import { findModelFile } from '../modelFiles';

export interface EntitySpan { start: number; end: number; type: 'PER' | 'ORG' | 'LOC' | 'MISC'; confidence?: number }

export const MODEL_FILE = 'ner.bin';

let loaded: { model: NerModel; path: string; bytes: number; loadMs: number } | null = null;

/** Where the committed model is: $BYLINE_NER_MODEL, or models/ner.bin in a folder above this file. */
export function findModelPath(): string {
  const env = process.env.BYLINE_NER_MODEL;
  if (env) return env;
  const found = findModelFile(MODEL_FILE, __dirname);
  if (found) return found;
  throw new Error(`NER model ${MODEL_FILE} not found in a models/ folder above ${__dirname}; run npm run train:ner`);
}

function ensureModel(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const t0 = performance.now();
  const p = findModelPath();
  const bytes = fs.readFileSync(p);
  const model = deserializeModel(bytes);
  fastTaggerFor(model); // the recognizer's tables are part of loading
  loaded = { model, path: p, bytes: bytes.length, loadMs: performance.now() - t0 };
  return loaded;
}

/** Use a model already in memory (training and tests); undefined to go back to the committed file. */
export function setNerModel(model: NerModel | undefined): void {
  loaded = model ? { model, path: '(in memory)', bytes: 0, loadMs: 0 } : null;
}

export function nerModelInfo(): { path: string; bytes: number; loadMs: number } {
  const m = ensureModel();
  return { path: m.path, bytes: m.bytes, loadMs: m.loadMs };
}

/** Sentences are tagged in chunks of about this many tokens, each a "document" for the document features. */
const CHUNK_TOKENS = 20000;

/** Loads the committed model once (lazily, synchronously) and tags a document. Offsets are UTF-16 code units into text. */
export function recognizeEntities(text: string, layout: TextLayout): EntitySpan[] {
  void text;
  const { model } = ensureModel();
  const tokens = layout.tokens;
  const out: EntitySpan[] = [];
  let s = 0;
  while (s < layout.sentences.length) {
    const first = layout.sentences[s].tokenStart;
    let e = s;
    while (e < layout.sentences.length && (e === s || layout.sentences[e].tokenEnd - first <= CHUNK_TOKENS)) e++;
    const last = layout.sentences[e - 1].tokenEnd;
    tagChunk(model, tokens, first, last, layout.sentences.slice(s, e).map((x) => [x.tokenStart - first, x.tokenEnd - first]), out);
    s = e;
  }
  return out;
}

function tagChunk(model: NerModel, tokens: Token[], first: number, last: number, sentences: Array<[number, number]>, out: EntitySpan[]): void {
  const words = new Array<string>(last - first);
  for (let i = first; i < last; i++) words[i - first] = normalizeToken(tokens[i].text);
  const doc: NerDoc = { words, sentences };
  const margins = new Float32Array(words.length);
  const labels = tagLabels(model, doc, margins);
  for (const sp of labelSpans(labels, sentences)) {
    let a = sp.a, b = sp.b;
    const type = TYPES[sp.type - 1];
    // CoNLL convention, enforced in case the model slips: no title inside a person's name, no possessive.
    if (type === 'PER') while (b - a > 1 && TITLE_WORDS.has(bare(words[a]))) a++;
    while (b - a > 1 && (words[b - 1] === "'s" || words[b - 1] === "'" || words[b - 1] === 's')) b--;
    if (words[b - 1].endsWith("'s") && words[b - 1].length > 2) continue; // a word the tokenizer left joined; skip rather than mis-span
    let minMargin = Infinity;
    for (let k = a; k < b; k++) if (margins[k] < minMargin) minMargin = margins[k];
    const confidence = Math.round(1000 / (1 + Math.exp(-minMargin / 4))) / 1000;
    out.push({ start: tokens[first + a].start, end: tokens[first + b - 1].end, type, confidence });
  }
}

function bare(w: string): string {
  const l = w.toLowerCase();
  return l.endsWith('.') ? l.slice(0, -1) : l;
}
