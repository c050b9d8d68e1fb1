/**
 * Reading CoNLL-2003 files and turning their documents back into newspaper text.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface ConllDoc {
  /** Tokens as given in the file. */
  tokens: string[];
  /** [start, end) token ranges of the sentences. */
  sentences: Array<[number, number]>;
  /** IOB2 tags (B-X starts every entity), whatever the file's scheme. */
  tags: string[];
}

export function conllDir(): string {
  const candidates = [
    process.env.CONLL_DIR,
    path.resolve(__dirname, '../../../shared/data/conll2003'),
    path.resolve(process.cwd(), '../shared/data/conll2003'),
    '/work/shared/data/conll2003',
  ].filter((x): x is string => !!x);
  for (const c of candidates) if (fs.existsSync(path.join(c, 'eng.train'))) return c;
  throw new Error('CoNLL-2003 data not found: expected ../shared/data/conll2003 beside the repository (or set CONLL_DIR)');
}

export function readConll(file: string): ConllDoc[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const docs: ConllDoc[] = [];
  let doc: ConllDoc | null = null;
  let sentStart = -1;
  const endSentence = (): void => {
    if (doc && sentStart >= 0 && doc.tokens.length > sentStart) doc.sentences.push([sentStart, doc.tokens.length]);
    sentStart = -1;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.startsWith('-DOCSTART-')) {
      endSentence();
      doc = { tokens: [], sentences: [], tags: [] };
      docs.push(doc);
      continue;
    }
    if (line === '') { endSentence(); continue; }
    if (!doc) { doc = { tokens: [], sentences: [], tags: [] }; docs.push(doc); }
    const cols = line.split(' ');
    if (sentStart < 0) sentStart = doc.tokens.length;
    doc.tokens.push(cols[0]);
    doc.tags.push(cols[cols.length - 1]);
  }
  endSentence();
  for (const d of docs) d.tags = toIob2(d.tags, d.sentences);
  return docs.filter((d) => d.tokens.length > 0);
}

/** IOB1 or IOB2 → IOB2. */
function toIob2(tags: string[], sentences: Array<[number, number]>): string[] {
  const out = tags.slice();
  for (const [a, b] of sentences) {
    for (let i = a; i < b; i++) {
      const t = tags[i];
      if (t.startsWith('I-')) {
        const type = t.slice(2);
        const prev = i > a ? tags[i - 1] : 'O';
        if (prev === 'O' || prev.slice(2) !== type) out[i] = 'B-' + type;
      }
    }
  }
  return out;
}

export interface GoldSpan { start: number; end: number; type: string }

/** Entity token ranges of IOB2 tags. */
export function tagSpans(tags: string[], sentences: Array<[number, number]>): Array<{ a: number; b: number; type: string }> {
  const out: Array<{ a: number; b: number; type: string }> = [];
  for (const [sa, sb] of sentences) {
    let i = sa;
    while (i < sb) {
      if (tags[i] === 'O') { i++; continue; }
      const type = tags[i].slice(2);
      let j = i + 1;
      while (j < sb && tags[j] === 'I-' + type) j++;
      out.push({ a: i, b: j, type });
      i = j;
    }
  }
  return out;
}

const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', ')', ']', '}', '?', '!', '%', "'s", "'S", "n't", "N'T", "'re", "'ll", "'ve",
  "'d", "'m", "'", '...']);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '$']);

/**
 * Rejoin a document's tokens as a newspaper prints them: each sentence on its own line, no space
 * before closing punctuation and clitics, none after opening brackets, currency signs and opening
 * quotes, double quotes paired. Returns the text and the gold entity character spans.
 */
export function detokenize(doc: ConllDoc): { text: string; spans: GoldSpan[]; tokenStarts: number[]; tokenEnds: number[] } {
  let text = '';
  const starts: number[] = new Array(doc.tokens.length);
  const ends: number[] = new Array(doc.tokens.length);
  for (let si = 0; si < doc.sentences.length; si++) {
    const [a, b] = doc.sentences[si];
    if (si > 0) text += '\n';
    let quoteOpen = false;
    let glueNext = true;
    for (let i = a; i < b; i++) {
      let tok = doc.tokens[i];
      let isOpenQuote = false;
      if (tok === '``') { tok = '"'; isOpenQuote = true; quoteOpen = true; }
      else if (tok === "''") { tok = '"'; quoteOpen = false; }
      else if (tok === '"') { isOpenQuote = !quoteOpen; quoteOpen = !quoteOpen; }
      const closing = (tok === '"' && !isOpenQuote) || NO_SPACE_BEFORE.has(tok);
      if (!glueNext && !closing) text += ' ';
      starts[i] = text.length;
      text += tok;
      ends[i] = text.length;
      glueNext = isOpenQuote || NO_SPACE_AFTER.has(tok);
    }
  }
  const spans = tagSpans(doc.tags, doc.sentences).map((s) => ({ start: starts[s.a], end: ends[s.b - 1], type: s.type }));
  return { text, spans, tokenStarts: starts, tokenEnds: ends };
}

/** Exact-span precision/recall/F1 counts per type. */
export class SpanScore {
  readonly tp = new Map<string, number>();
  readonly fp = new Map<string, number>();
  readonly fn = new Map<string, number>();
  add(gold: GoldSpan[], pred: GoldSpan[]): void {
    const key = (s: GoldSpan): string => `${s.start}:${s.end}:${s.type}`;
    const g = new Set(gold.map(key));
    const p = new Set(pred.map(key));
    for (const s of pred) inc(g.has(key(s)) ? this.tp : this.fp, s.type);
    for (const s of gold) if (!p.has(key(s))) inc(this.fn, s.type);
  }
  prf(types: string[]): { p: number; r: number; f: number; gold: number } {
    let tp = 0, fp = 0, fn = 0;
    for (const t of types) { tp += this.tp.get(t) ?? 0; fp += this.fp.get(t) ?? 0; fn += this.fn.get(t) ?? 0; }
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    return { p: 100 * p, r: 100 * r, f: p + r ? (200 * p * r) / (p + r) : 0, gold: tp + fn };
  }
}
function inc(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}
