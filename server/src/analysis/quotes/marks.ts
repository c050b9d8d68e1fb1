/**
 * Quotation mark pairing: finds the spans between matching quotation marks, paragraph by paragraph.
 *
 * Double quotes (straight, curly, low-9, guillemets and the doubled apostrophe '') are paired with
 * a small state machine; a straight mark opens or closes by the spacing around it. Single quotes
 * are only taken as quotation marks outside double quotes, for a matching pair within one paragraph
 * whose closing mark sits against punctuation (the headline style ‘Resting,’), so that apostrophes
 * ("voters’ rights") never open or close a quote. A paragraph that leaves a quote open continues
 * into the next paragraph when that one opens with a quotation mark (the news convention for long
 * quotes); otherwise the quote is cut at the end of its paragraph, so one missing mark never
 * swallows the rest of the article.
 */

import { TextLayout, Token } from '../text';

export interface MarkedQuote {
  /** Content, without the marks. */
  start: number;
  end: number;
  /** Token index of the opening mark, and of the closing mark (-1 when the quote was cut at the paragraph end). */
  openTok: number;
  closeTok: number;
  paragraph: number;
  /** Index (in the returned list) of the fragment this one continues across a paragraph break, or -1. */
  continuesFrom: number;
  /** The quote was left open at the end of its paragraph and does not continue: cut there. */
  unbalanced: boolean;
  /** Marked with single quotes. */
  single: boolean;
}

const DOUBLE_OPEN = new Set(['“', '„', '«', '``']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const DOUBLE_AMBIG = new Set(['"', "''"]);
const SINGLE_OPEN = new Set(['‘', '‚']);
const SINGLE_CLOSE = new Set(['’']);

function isOpeningContext(tokens: Token[], k: number, pStartTok: number, pEndTok: number): boolean {
  const next = k + 1 < pEndTok ? tokens[k + 1] : undefined;
  if (!next || next.spaceBefore) return false;
  if (k === pStartTok || tokens[k].spaceBefore) return true;
  const prev = tokens[k - 1];
  return prev.kind === 'dash' || prev.text === '(' || prev.text === '[' || prev.kind === 'quote' || prev.text === ':';
}

function isClosingContext(tokens: Token[], k: number, pStartTok: number, pEndTok: number): boolean {
  if (k === pStartTok || tokens[k].spaceBefore) return false;
  const next = k + 1 < pEndTok ? tokens[k + 1] : undefined;
  return !next || next.spaceBefore || next.kind === 'punct' || next.kind === 'quote' || next.kind === 'dash';
}

export function markQuotes(text: string, lay: TextLayout): MarkedQuote[] {
  const { tokens, sentences, paragraphs } = lay;
  const out: MarkedQuote[] = [];
  let carry = -1; // index in out of a fragment left open at the end of the previous paragraph
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p];
    const ts = sentences[para.sentenceStart].tokenStart;
    const te = sentences[para.sentenceEnd - 1].tokenEnd;
    const contentEnd = tokens[te - 1].end;
    let depth = 0;
    let openTok = -1;
    let continuesFrom = -1;
    const doubleSpans: Array<[number, number]> = [];
    const startFragment = (k: number, from: number) => { depth = 1; openTok = k; continuesFrom = from; };
    for (let k = ts; k < te; k++) {
      const t = tokens[k];
      if (t.kind !== 'quote') continue;
      const m = t.text;
      const isOpen = DOUBLE_OPEN.has(m), isClose = DOUBLE_CLOSE.has(m), isAmb = DOUBLE_AMBIG.has(m);
      if (!isOpen && !isClose && !isAmb) continue;
      if (depth === 0) {
        const opens = isOpen || (isAmb && isOpeningContext(tokens, k, ts, te)) || (isAmb && !isClosingContext(tokens, k, ts, te) && k + 1 < te) ||
          // a closing mark typed where the opening one belongs (”Fear. I am afraid.”): before a word, after a space
          (isClose && m === '”' && isOpeningContext(tokens, k, ts, te) && !isClosingContext(tokens, k, ts, te));
        if (opens) {
          // the first mark of a paragraph continues a quote the previous paragraph left open
          const from = carry >= 0 && k === ts ? carry : -1;
          startFragment(k, from);
        }
        continue;
      }
      const closes = isClose || (isAmb && (isClosingContext(tokens, k, ts, te) || !isOpeningContext(tokens, k, ts, te))) ||
        // an opening mark typed where the closing one belongs ("fascist?“ he asked"): against the word before, a space after
        (isOpen && depth === 1 && isClosingContext(tokens, k, ts, te) && !isOpeningContext(tokens, k, ts, te));
      if (closes) {
        depth--;
        if (depth === 0) {
          out.push(fragment(tokens, openTok, k, t.start, p, continuesFrom, false, false));
          doubleSpans.push([tokens[openTok].start, t.end]);
        }
      } else if ((isOpen || isAmb) && depth === 1 && k === openTok + 1 && !t.spaceBefore) {
        // two opening marks typed one after the other ("“You don’t win ...”): one opening mark
        openTok = k;
      } else if (isOpen || isAmb) {
        depth++; // a quote inside the quote
      }
    }
    carry = -1;
    if (depth > 0) {
      const nextPara = paragraphs[p + 1];
      const nextFirst = nextPara ? tokens[sentences[nextPara.sentenceStart].tokenStart] : undefined;
      const continues = !!nextFirst && nextFirst.kind === 'quote' && (DOUBLE_OPEN.has(nextFirst.text) || DOUBLE_AMBIG.has(nextFirst.text));
      if (openTok < te - 1) {
        out.push(fragment(tokens, openTok, -1, contentEnd, p, continuesFrom, !continues, false));
        doubleSpans.push([tokens[openTok].start, contentEnd]);
        if (continues) carry = out.length - 1;
      }
    }
    markSingles(tokens, ts, te, p, doubleSpans, out);
  }
  out.sort((a, b) => a.start - b.start);
  return out;
  void text;
}

function fragment(tokens: Token[], openTok: number, closeTok: number, end: number, paragraph: number, continuesFrom: number,
  unbalanced: boolean, single: boolean): MarkedQuote {
  const start = tokens[openTok].end;
  let e = end;
  // leave out trailing spaces before a closing mark
  return { start, end: Math.max(start, e), openTok, closeTok, paragraph, continuesFrom, unbalanced, single };
}

function markSingles(tokens: Token[], ts: number, te: number, p: number, doubles: Array<[number, number]>, out: MarkedQuote[]): void {
  const inDouble = (off: number) => doubles.some(([a, b]) => off >= a && off < b);
  for (let k = ts; k < te; k++) {
    const t = tokens[k];
    if (t.kind !== 'quote' || !(SINGLE_OPEN.has(t.text) || t.text === "'")) continue;
    if (inDouble(t.start) || !isOpeningContext(tokens, k, ts, te)) continue;
    // find the closing single quote: against punctuation before it, or followed by punctuation / paragraph end
    for (let j = k + 1; j < te && j < k + 40; j++) {
      const c = tokens[j];
      if (c.kind === 'quote' && DOUBLE_AMBIG.has(c.text)) break;
      if (c.kind !== 'quote' || !(SINGLE_CLOSE.has(c.text) || c.text === "'")) continue;
      if (!isClosingContext(tokens, j, ts, te)) continue;
      const prev = tokens[j - 1];
      const next = j + 1 < te ? tokens[j + 1] : undefined;
      const punctBefore = prev.kind === 'punct' && prev.text !== ')';
      const punctAfter = !next || next.kind === 'punct' || next.kind === 'dash';
      if (!punctBefore && !punctAfter) continue;
      if (j === k + 1) break;
      out.push(fragment(tokens, k, j, c.start, p, -1, false, true));
      k = j;
      break;
    }
  }
}
