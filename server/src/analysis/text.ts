/**
 * Tokens, sentences and paragraphs with exact UTF-16 offsets into the text as read.
 *
 * The tokenizer follows the CoNLL-2003 conventions where they matter for entity spans:
 * a possessive "'s" (straight or curly) is its own token, abbreviations such as "U.S." and
 * "Maj." keep their period, numbers keep their inner commas and points, and hyphenated
 * words ("Major-General", "counter-battery") stay one token. Everything is done in one
 * pass over the char codes; no regular expression runs per character.
 */

export type TokenKind = 'word' | 'number' | 'punct' | 'quote' | 'dash' | 'symbol';

export interface Token {
  start: number;
  end: number;
  text: string;
  kind: TokenKind;
  /** True when whitespace (or the start of the text) comes right before the token. */
  spaceBefore: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of the first token of the sentence, and one past its last. */
  tokenStart: number;
  tokenEnd: number;
  paragraph: number;
}

export interface Paragraph {
  start: number;
  end: number;
  /** Index of the first sentence of the paragraph, and one past its last. */
  sentenceStart: number;
  sentenceEnd: number;
}

export interface TextLayout {
  tokens: Token[];
  sentences: Sentence[];
  paragraphs: Paragraph[];
}

const enum C {
  Tab = 9, LF = 10, VT = 11, FF = 12, CR = 13, Space = 32, Quote = 34, Apos = 39, LParen = 40, RParen = 41,
  Comma = 44, Hyphen = 45, Period = 46, Slash = 47, Zero = 48, Nine = 57, Colon = 58, Semi = 59,
  Question = 63, Excl = 33, Amp = 38, At = 64, A = 65, Z = 90, a = 97, z = 122, Underscore = 95,
  NBSP = 0xa0, LSQuo = 0x2018, RSQuo = 0x2019, LDQuo = 0x201c, RDQuo = 0x201d, LowDQuo = 0x201e, LowSQuo = 0x201a,
  Guill1 = 0xab, Guill2 = 0xbb, EnDash = 0x2013, EmDash = 0x2014, Ellipsis = 0x2026, Bullet = 0x2022,
  LineSep = 0x2028, ParaSep = 0x2029, ZWSP = 0x200b, BOM = 0xfeff, SoftHyphen = 0xad,
}

export function isSpace(c: number): boolean {
  return c === C.Space || c === C.Tab || c === C.LF || c === C.CR || c === C.VT || c === C.FF || c === C.NBSP ||
    c === C.LineSep || c === C.ParaSep || c === C.ZWSP || c === C.BOM || (c >= 0x2000 && c <= 0x200a) || c === 0x202f ||
    c === 0x205f || c === 0x3000;
}

export function isDigit(c: number): boolean {
  return c >= C.Zero && c <= C.Nine;
}

/** Letters of any script, by a fast ASCII path and a Unicode property test above it. */
const letterRe = /\p{L}|\p{M}/u;
export function isLetter(c: number): boolean {
  if (c < 128) return (c >= C.a && c <= C.z) || (c >= C.A && c <= C.Z);
  return (unicodeClass(c) & U_LETTER) !== 0;
}

export function isUpper(c: number): boolean {
  if (c < 128) return c >= C.A && c <= C.Z;
  return (unicodeClass(c) & U_UPPER) !== 0;
}

/**
 * Above ASCII, the letter and upper-case tests build a one-character string (and run a regular
 * expression); each code unit is worked out once and remembered here: bit 0 known, then the answers.
 */
const U_KNOWN = 1, U_LETTER = 2, U_UPPER = 4;
const unicodeClasses = new Uint8Array(0x10000);
function unicodeClass(c: number): number {
  const k = unicodeClasses[c];
  if (k !== 0) return k;
  let v = U_KNOWN;
  const s = String.fromCharCode(c);
  if (c >= 0xd800 && c <= 0xdfff) v |= U_LETTER; // astral letters and marks: treat surrogate halves as word chars
  else if (c === C.LSQuo || c === C.RSQuo || c === C.LDQuo || c === C.RDQuo || c === C.SoftHyphen) { /* not letters */ }
  else if (letterRe.test(s)) v |= U_LETTER;
  if (s !== s.toLowerCase() && s === s.toUpperCase()) v |= U_UPPER;
  unicodeClasses[c] = v;
  return v;
}

function isQuoteChar(c: number): boolean {
  return c === C.Quote || c === C.LDQuo || c === C.RDQuo || c === C.LowDQuo || c === C.Guill1 || c === C.Guill2 ||
    c === C.LSQuo || c === C.RSQuo || c === C.LowSQuo || c === C.Apos;
}

function isApostrophe(c: number): boolean {
  return c === C.Apos || c === C.RSQuo;
}

function isHyphen(c: number): boolean {
  return c === C.Hyphen || c === 0x2010 || c === 0x2011;
}

/**
 * Lower-case words that end with a period and do not end a sentence.
 * Stored without the period, lower-cased.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl',
  'pvt', 'adm', 'cmdr', 'cdr', 'brig', 'rep', 'sen', 'gov', 'pres', 'rev', 'hon', 'supt', 'insp', 'det', 'gens',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri',
  'sat', 'sun', 'no', 'nos', 'vs', 'v', 'etc', 'inc', 'ltd', 'co', 'corp', 'bros', 'dept', 'univ', 'assn', 'approx',
  'est', 'fig', 'vol', 'ave', 'blvd', 'rd', 'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill',
  'ind', 'kan', 'kans', 'ky', 'la', 'md', 'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore',
  'pa', 'penn', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wyo', 'e.g', 'i.e', 'a.m', 'p.m', 'u.s', 'u.k', 'u.n',
]);

/** Is the word (without its final period) an abbreviation that keeps its period? */
function keepsPeriod(word: string): boolean {
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  // Initials and dotted acronyms: "J." "U.S." "a.m."
  if (word.length === 1 && isLetter(word.charCodeAt(0))) return true;
  return word.indexOf('.') > 0;
}

/** Split the text into tokens. Offsets are UTF-16 code unit indices, end exclusive. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let spaceBefore = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) { i++; spaceBefore = true; continue; }
    const start = i;
    let kind: TokenKind;
    if (isLetter(c) || isDigit(c)) {
      // A word or a number: letters, digits, inner hyphens, inner apostrophes (but not a possessive 's),
      // inner periods for dotted abbreviations and decimals, inner commas between digit groups.
      let j = i + 1;
      let allDigits = isDigit(c);
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isLetter(d) || isDigit(d) || d === C.SoftHyphen) { if (!isDigit(d)) allDigits = false; j++; continue; }
        const next = j + 1 < n ? text.charCodeAt(j + 1) : 0;
        if (isHyphen(d) && (isLetter(next) || isDigit(next))) { allDigits = false; j += 1; continue; }
        if (isApostrophe(d) && isLetter(next)) {
          // possessive or clitic: split "'s", "'re", "'ll", "'ve", "'d", "n't"; keep O'Brien, D'Artagnan
          const rest = text.slice(j + 1, Math.min(n, j + 4)).toLowerCase();
          const after2 = j + 2 < n ? text.charCodeAt(j + 2) : 0;
          if ((rest[0] === 's' || rest[0] === 'd' || rest[0] === 'm') && !isLetter(after2)) break;
          if ((rest.startsWith('re') || rest.startsWith('ll') || rest.startsWith('ve')) && !isLetter(j + 3 < n ? text.charCodeAt(j + 3) : 0)) break;
          if (rest[0] === 't' && j - 1 > start && (text.charCodeAt(j - 1) | 32) === 110 && !isLetter(after2)) { j = j - 1; break; } // n't
          j += 1; allDigits = false; continue;
        }
        if (d === C.Period && (isLetter(next) || isDigit(next))) {
          // "U.S.", "3.5", "e.g." - but not "end.Next" with a capital after a lowercase word
          const prev = text.charCodeAt(j - 1);
          if (isDigit(prev) && isDigit(next)) { j += 1; continue; }
          if (isLetter(prev) && isLetter(next) && (j - start === 1 || text.charCodeAt(j - 2) === C.Period)) { j += 1; continue; }
          break;
        }
        if ((d === C.Comma || d === C.Colon) && allDigits && isDigit(next) && isDigit(text.charCodeAt(j - 1))) { j += 1; continue; }
        break;
      }
      // A trailing period that belongs to an abbreviation or a dotted acronym stays with the word.
      if (j < n && text.charCodeAt(j) === C.Period) {
        const word = text.slice(start, j);
        const next = j + 1 < n ? text.charCodeAt(j + 1) : 0;
        const lastWasDotted = word.indexOf('.') > 0;
        if (keepsPeriod(word) && !(lastWasDotted && (next === 0 || next === C.LF || next === C.CR))) j += 1;
      }
      kind = allDigits || isDigitLike(text, start, j) ? 'number' : 'word';
      i = j;
    } else if (isApostrophe(c) && i + 1 < n && isLetter(text.charCodeAt(i + 1)) && i > 0 && !isSpace(text.charCodeAt(i - 1)) &&
      !isQuoteChar(text.charCodeAt(i - 1))) {
      // clitic token after a word: 's 're 'll 've 'd 'm
      let j = i + 1;
      while (j < n && isLetter(text.charCodeAt(j))) j++;
      kind = 'word';
      i = j;
    } else if (isQuoteChar(c)) {
      i++; kind = 'quote';
      // `` and '' pairs
      if (c === C.Apos && i < n && text.charCodeAt(i) === C.Apos) i++;
    } else if (c === C.EnDash || c === C.EmDash || c === 0x2015 || isHyphen(c)) {
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === c)) j++;
      i = j; kind = 'dash';
    } else if (c === C.Period) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) === C.Period) j++;
      i = j; kind = 'punct';
    } else if (c === C.Ellipsis || c === C.Comma || c === C.Colon || c === C.Semi || c === C.Question || c === C.Excl ||
      c === C.LParen || c === C.RParen || c === 91 || c === 93 || c === 123 || c === 125) {
      i++; kind = 'punct';
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      i += 2; kind = 'symbol';
    } else {
      i++; kind = 'symbol';
    }
    tokens.push({ start, end: i, text: text.slice(start, i), kind, spaceBefore });
    spaceBefore = false;
  }
  return tokens;
}

function isDigitLike(text: string, start: number, end: number): boolean {
  // "1990s", "58th", "3.5", "1,000", "12:30" count as numbers when they start with a digit
  // and contain no more than a short suffix of letters.
  if (!isDigit(text.charCodeAt(start))) return false;
  let letters = 0;
  for (let k = start; k < end; k++) if (isLetter(text.charCodeAt(k))) letters++;
  return letters <= 2;
}

const SENTENCE_END = new Set(['.', '!', '?', '...', '…']);

/**
 * Sentences and paragraphs. A paragraph is a run of non-blank lines when the text uses blank
 * lines between paragraphs, and a single line otherwise (news exports often put one paragraph
 * on each line). A sentence never crosses a paragraph.
 */
export function layout(text: string, tokens: Token[] = tokenize(text)): TextLayout {
  const paragraphSpans = splitParagraphs(text);
  const sentences: Sentence[] = [];
  const paragraphs: Paragraph[] = [];
  let t = 0;
  for (let p = 0; p < paragraphSpans.length; p++) {
    const [pStart, pEnd] = paragraphSpans[p];
    while (t < tokens.length && tokens[t].end <= pStart) t++;
    const firstSentence = sentences.length;
    let sStart = t;
    while (t < tokens.length && tokens[t].start < pEnd) {
      t++;
      if (endsSentence(tokens, t - 1, text, pEnd)) {
        // closing quotes and brackets right after the end mark belong to the sentence
        while (t < tokens.length && tokens[t].start < pEnd && !tokens[t].spaceBefore &&
          (tokens[t].kind === 'quote' || tokens[t].text === ')' || tokens[t].text === ']')) t++;
        pushSentence(sentences, tokens, sStart, t, p);
        sStart = t;
      }
    }
    if (sStart < t) pushSentence(sentences, tokens, sStart, t, p);
    if (sentences.length > firstSentence) {
      paragraphs.push({ start: pStart, end: pEnd, sentenceStart: firstSentence, sentenceEnd: sentences.length });
    }
  }
  return { tokens, sentences, paragraphs };
}

function pushSentence(sentences: Sentence[], tokens: Token[], a: number, b: number, paragraph: number): void {
  sentences.push({ start: tokens[a].start, end: tokens[b - 1].end, tokenStart: a, tokenEnd: b, paragraph });
}

function endsSentence(tokens: Token[], k: number, text: string, pEnd: number): boolean {
  const tok = tokens[k];
  const next = tokens[k + 1];
  if (!next || next.start >= pEnd) return false; // the paragraph end closes it anyway
  let mark = tok.text;
  if (tok.kind === 'word' && mark.endsWith('.') && mark.length > 1) {
    // an abbreviation with its period: ends the sentence only before a capitalised word that is not a name
    // continuation; "U.S." at the end of a sentence is common, titles ("Gen.") never end one.
    const w = mark.slice(0, -1).toLowerCase();
    if (TITLE_ABBREVIATIONS.has(w) || w.length === 1) return false;
    if (!next.spaceBefore) return false;
    const nc = next.text.charCodeAt(0);
    // "in Santa Monica, Calif. \"The reality is ...\"": a quotation opening on a capital after a place's abbreviation
    if (next.kind === 'quote' && w.indexOf('.') < 0) {
      const first = tokens[k + 2];
      return first !== undefined && first.start < pEnd && !first.spaceBefore && first.kind === 'word' && isUpper(first.text.charCodeAt(0));
    }
    return isUpper(nc) && COMMON_SENTENCE_STARTERS.has(next.text);
  }
  if (!SENTENCE_END.has(mark)) return false;
  // the next token (after closing quotes) must look like a sentence start
  let m = k + 1;
  while (m < tokens.length && (tokens[m].kind === 'quote' || tokens[m].text === ')') && !tokens[m].spaceBefore) m++;
  const after = tokens[m];
  if (!after || after.start >= pEnd) return false;
  if (!after.spaceBefore && after.kind !== 'quote') return false;
  const c = after.text.charCodeAt(0);
  if (isUpper(c) || isDigit(c) || after.kind === 'quote' || after.kind === 'dash' || after.text === '(') return true;
  void text;
  return false;
}

const TITLE_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'cpl',
  'pvt', 'adm', 'brig', 'rep', 'sen', 'gov', 'rev', 'hon', 'st', 'mt', 'no', 'vs', 'v', 'cmdr', 'cdr', 'det', 'insp', 'supt']);
const COMMON_SENTENCE_STARTERS = new Set(['The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'But', 'And', 'In',
  'On', 'At', 'This', 'That', 'These', 'Those', 'His', 'Her', 'Their', 'Its', 'There', 'Meanwhile', 'However', 'Some',
  'Many', 'When', 'While', 'After', 'Before', 'As', 'If', 'Officials', 'Mr.', 'Mrs.', 'Ms.', 'Dr.']);

/** [start, end) of each paragraph, trimmed of surrounding whitespace. */
export function splitParagraphs(text: string): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  const n = text.length;
  let lineStart = 0;
  let blankLines = 0;
  let i = 0;
  while (i <= n) {
    const c = i < n ? text.charCodeAt(i) : C.LF;
    if (c === C.LF || c === C.CR || c === C.LineSep || c === C.ParaSep) {
      lines.push([lineStart, i]);
      if (c === C.CR && i + 1 < n && text.charCodeAt(i + 1) === C.LF) i++;
      i++;
      lineStart = i;
      continue;
    }
    i++;
  }
  const trimmed: Array<[number, number] | null> = lines.map(([a, b]) => {
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    return a < b ? [a, b] : null;
  });
  for (const l of trimmed) if (!l) blankLines++;
  const nonBlank = trimmed.filter((x): x is [number, number] => x !== null);
  // Text with hard-wrapped lines inside blank-line-separated paragraphs: join the lines of each block.
  const wrapped = blankLines > 0 && nonBlank.length > 2 * blankLines + 2 && looksHardWrapped(text, nonBlank);
  if (!wrapped) return nonBlank;
  const out: Array<[number, number]> = [];
  let cur: [number, number] | null = null;
  for (const l of trimmed) {
    if (!l) { if (cur) out.push(cur); cur = null; continue; }
    cur = cur ? [cur[0], l[1]] : [l[0], l[1]];
  }
  if (cur) out.push(cur);
  return out;
}

function looksHardWrapped(text: string, lines: Array<[number, number]>): boolean {
  // most lines of similar length (60-100 chars) and many not ending in sentence punctuation
  let wrappedLike = 0;
  for (const [a, b] of lines) {
    const len = b - a;
    const last = text.charCodeAt(b - 1);
    if (len >= 40 && len <= 100 && last !== C.Period && last !== C.Quote && last !== C.RDQuo) wrappedLike++;
  }
  return wrappedLike > lines.length * 0.5;
}

/** Index of the token that contains offset, or -1. Binary search over sorted tokens. */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0, hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
