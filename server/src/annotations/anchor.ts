/**
 * Quote-style anchors (as in the W3C TextQuoteSelector): exact words with a little context either
 * side, and the old offset as a hint. Re-anchoring looks at the hint first, then at every
 * occurrence of the words, scored by how much of the prefix and suffix still match and how near the
 * hint it is.
 */
import { Span } from '../analysis/model';
import { Anchor } from './model';

export const CONTEXT = 32;
const MAX_CANDIDATES = 10000;

export function makeAnchor(text: string, start: number, end: number): Anchor {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return { exact: text.slice(s, e), prefix: text.slice(Math.max(0, s - CONTEXT), s), suffix: text.slice(e, e + CONTEXT), start: s };
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** How well the context around an occurrence at `at` matches the anchor's (0..prefix+suffix length). */
function contextScore(text: string, a: Anchor, at: number): number {
  const before = text.slice(Math.max(0, at - a.prefix.length), at);
  const after = text.slice(at + a.exact.length, at + a.exact.length + a.suffix.length);
  return commonSuffix(before, a.prefix) + commonPrefix(after, a.suffix);
}

/** Where the anchored words are now, or undefined when they are gone. */
export function resolveAnchor(text: string, a: Anchor): Span | undefined {
  if (!a.exact) return undefined;
  const full = a.prefix.length + a.suffix.length;
  const hint = Math.max(0, Math.min(a.start, text.length));
  // unchanged: the words and their context are where they were
  if (text.startsWith(a.exact, hint) && contextScore(text, a, hint) === full) return { start: hint, end: hint + a.exact.length };
  let best = -1, bestScore = -1, bestDistance = Infinity;
  let at = text.indexOf(a.exact);
  for (let n = 0; at >= 0 && n < MAX_CANDIDATES; n++) {
    const score = contextScore(text, a, at);
    const distance = Math.abs(at - hint);
    if (score > bestScore || (score === bestScore && distance < bestDistance)) { best = at; bestScore = score; bestDistance = distance; }
    at = text.indexOf(a.exact, at + 1);
  }
  return best >= 0 ? { start: best, end: best + a.exact.length } : undefined;
}
