/**
 * One article in, its model out: tokens, sentences, paragraphs, entity mentions with titles,
 * dates, local entities, quotes and claims. Pure: no editor, no connection, no file system.
 */
import { findClaims } from './claims';
import { resolveLocalEntities } from './coref';
import { findDates } from './dates';
import { hashText } from './hash';
import { detectMetadata } from './metadata';
import { DocumentAnalysis, EntityType, Mention } from './model';
import { recognizeEntities } from './ner';
import { nameKey } from './normalize';
import { findQuotes } from './quotes';
import { layout as computeLayout, TextLayout, tokenAt } from './text';
import { titleBefore, titleInside } from './titles';

export interface AnalyzeOptions {
  /** Recognised entity spans to use instead of running the recognizer (tests, imports). */
  recognizer?: (text: string, layout: TextLayout) => Array<{ start: number; end: number; type: EntityType }>;
}

export function analyzeDocument(uri: string, text: string, version = 0, options: AnalyzeOptions = {}): DocumentAnalysis {
  const layout = computeLayout(text);
  const metadata = detectMetadata(text);
  const spans = (options.recognizer ?? recognizeEntities)(text, layout);
  const mentions = buildMentions(text, layout, spans, metadata.date);
  const entities = resolveLocalEntities(text, mentions);
  const quotes = findQuotes(text, layout, mentions, entities);
  const claims = findClaims(text, layout, mentions);
  return {
    uri,
    version,
    hash: hashText(text),
    length: text.length,
    metadata,
    mentions,
    quotes,
    entities,
    claims,
    paragraphs: layout.paragraphs.map((p) => ({ start: p.start, end: p.end })),
    problems: [],
  };
}

/**
 * Entity spans become mentions: titles are cut out of person spans and kept as attributes,
 * possessive endings dropped, one type per name within the article (majority vote), dates added
 * where no entity covers them.
 */
export function buildMentions(text: string, layout: TextLayout, spans: Array<{ start: number; end: number; type: EntityType; confidence?: number }>,
  articleDate?: string): Mention[] {
  const { tokens, sentences } = layout;
  const mentions: Mention[] = [];
  let sentence = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    let first = tokenAt(tokens, span.start);
    let last = tokenAt(tokens, span.end - 1);
    if (first < 0 || last < 0) continue;
    while (sentence < sentences.length - 1 && sentences[sentence].tokenEnd <= first) sentence++;
    let title;
    if (span.type === 'PER') {
      const inside = titleInside(tokens, first, last);
      if (inside) { title = inside.title; first += inside.count; }
      if (first > last) continue;
      title = title ?? titleBefore(tokens, first, sentences[sentence]?.tokenStart ?? 0);
    }
    // possessive: "Popov's" / "Popov’s" / "Reuters'"
    let end = tokens[last].end;
    let start = tokens[first].start;
    const lastText = tokens[last].text;
    if (/^['\u2019]s?$/.test(lastText) && last > first) end = tokens[last - 1].end;
    else if (/['\u2019]s$/.test(lastText)) end -= 2;
    if (end <= start) continue;
    while (start < end && /["'\u201c\u2018(]/.test(text[start])) start++;
    if (end <= start) continue;
    if (first === last && isScareQuoted(text, start, end)) continue;
    mentions.push({ start, end, text: text.slice(start, end), type: span.type, title, local: -1, confidence: span.confidence });
  }
  harmonizeTypes(mentions);
  for (const m of mentions) if (m.type === 'LOC' && REGION_AFTER.test(text.slice(m.end, m.end + 20))) m.qualifier = 'region';
  // dates, where no entity covers them
  const dates = findDates(text, articleDate);
  const all: Mention[] = [...mentions];
  let k = 0;
  for (const d of dates) {
    while (k < mentions.length && mentions[k].end <= d.start) k++;
    if (k < mentions.length && mentions[k].start < d.end) continue;
    all.push({ start: d.start, end: d.end, text: d.text, type: 'DATE', value: d.value, local: -1 });
  }
  all.sort((a, b) => a.start - b.start || a.end - b.end);
  return all;
}

/**
 * A single word that is the whole of a quotation (‘Resting,’ in a headline) is a scare quote, not a name:
 * the recognizer, seeing a capital at the start of a quotation, cannot tell.
 */
function isScareQuoted(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  let k = end;
  while (k < text.length && /[,.!?]/.test(text[k])) k++;
  const after = text[k];
  return (before === '\u2018' && after === '\u2019') || (before === '\u201c' && after === '\u201d') ||
    ((before === '"' || before === "'") && after === before && /^[A-Z][a-z]+$/.test(text.slice(start, end)) && /[,.!?]/.test(text[end] ?? ''));
}

const REGION_AFTER = /^\s+(?:region|oblast|province|governorate|krai|prefecture)\b/i;

/** A name gets one type throughout the article: the type most of its mentions have (ties: the first). */
function harmonizeTypes(mentions: Mention[]): void {
  const votes = new Map<string, Map<EntityType, number>>();
  const keys = mentions.map((m) => nameKey(m.text));
  mentions.forEach((m, i) => {
    const v = votes.get(keys[i]) ?? new Map<EntityType, number>();
    v.set(m.type, (v.get(m.type) ?? 0) + 1 + (m.confidence ?? 0) * 0.01);
    votes.set(keys[i], v);
  });
  mentions.forEach((m, i) => {
    const v = votes.get(keys[i])!;
    if (v.size < 2) return;
    let best: EntityType = m.type;
    let bestCount = -1;
    for (const [t, c] of v) if (c > bestCount) { best = t; bestCount = c; }
    m.type = best;
  });
}
