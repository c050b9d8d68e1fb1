/**
 * Hover cards. On a mention: the entity's name and type, the titles each source gives it, where it
 * appears (a link per article), what it is quoted saying across sources, and the disagreements about
 * it. On a quote: speaker and cue, and the same quote in other sources with the differing words marked.
 * Short, scannable Markdown: a heading line, then small lists; long texts are clipped.
 */
import { CancellationToken, Hover, MarkupKind, Position } from 'vscode-languageserver';
import { quoteWords } from '../analysis/disagreements/quotes';
import { GlobalEntity } from '../analysis/linking';
import { Mention, Quote } from '../analysis/model';
import { basicFold } from '../analysis/normalize';
import { Articles } from '../workspace/articles';
import { clip, escapeMarkdown, link, plural, speakerName, TYPE_NAMES } from './shared';
import { details, disagreementDigest, listedDisagreements, listedSources, QuoteGroup, quoteDigest, summaryOf } from './summaries';

const MAX_QUOTES = 3;
/** Sources listed by name on an entity's card; the rest are counted. */
const MAX_SOURCES = 8;
const MAX_DISAGREEMENTS = 3;
const QUOTE_CHARS = 110;

export function hover(articles: Articles, uri: string, position: Position, token?: CancellationToken): Hover | null {
  const index = articles.index;
  const offset = articles.offsetAt(uri, position);
  const hit = index.mentionAt(uri, offset);
  if (token?.isCancellationRequested) return null;
  if (hit) {
    const { mention, entity } = hit;
    if (mention.type === 'DATE') return dateCard(articles, uri, mention);
    if (!entity) return null;
    return markdown(entityCard(articles, uri, mention, entity, token), articles.range(uri, mention.start, mention.end));
  }
  const q = index.quoteAt(uri, offset);
  if (!q) return null;
  return markdown(quoteCard(articles, uri, q.quote), articles.range(uri, q.quote.start, q.quote.end));
}

function markdown(value: string, range: Hover['range']): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

function dateCard(articles: Articles, uri: string, mention: Mention): Hover {
  const head = `**${escapeMarkdown(mention.text)}** · date${mention.value ? ` · \`${mention.value}\`` : ''}`;
  const published = articles.doc(uri)?.metadata.date;
  const lines = [head];
  if (published && mention.value && mention.value !== published) lines.push(`Article dated \`${published}\``);
  return markdown(lines.join('\n\n'), articles.range(uri, mention.start, mention.end));
}

/**
 * The card for a named entity. Its parts come from the entity's summary (summaries.ts): the work per
 * hover is bounded by the lines shown (8 sources, 3 quotes, 3 disagreements), not by how many
 * articles mention the entity.
 */
export function entityCard(articles: Articles, uri: string, mention: Mention, entity: GlobalEntity, token?: CancellationToken): string {
  const index = articles.index;
  const sections: string[] = [];
  const here = mention.title ? ` · *${escapeMarkdown(mention.title.text)}* here` : '';
  sections.push(`**${escapeMarkdown(entity.name)}** · ${TYPE_NAMES[entity.type]}${here}`);

  // where it appears, and what each source calls it
  const s = summaryOf(articles, entity);
  const others = entity.aliases.filter((a) => a !== entity.name);
  const also = others.length ? ` · also written ${others.slice(0, 4).map((a) => `“${escapeMarkdown(a)}”`).join(', ')}${others.length > 4 ? ', …' : ''}` : '';
  sections.push(`${plural(s.mentions, 'mention')} in ${plural(s.parts.length, 'article')}${also}`);
  // the most relevant sources: this article, then the ones that mention the entity most (shown in date order)
  const listed = listedSources(s, uri, MAX_SOURCES);
  const rows = listed.map((p) => {
    const { titles, role } = details(p);
    const as = titles.map(escapeMarkdown).join(' / ');
    const described = [as, role ? `*${escapeMarkdown(clip(role, 60))}*` : ''].filter(Boolean).join(', ');
    const marker = p.uri === uri ? ' (this article)' : '';
    return `- ${link(articles, index.label(p.uri), p.uri, p.first?.start ?? 0)}${marker} ×${p.count}${described ? ` — ${described}` : ''}`;
  });
  if (listed.length < s.parts.length) rows.push(`- … and ${plural(s.parts.length - listed.length, 'more article')}`);
  sections.push(rows.join('\n'));
  if (token?.isCancellationRequested) return sections.join('\n\n');

  // quotes across sources: the same quote told by several sources is shown once
  const { groups, sources } = quoteDigest(articles, s);
  if (groups.length) {
    // one quote per source first, so that every source gets a say
    const shown: QuoteGroup[] = [];
    const bySource = new Set<string>();
    for (const g of groups) {
      if (shown.length >= MAX_QUOTES) break;
      if (!bySource.has(g.uri)) { shown.push(g); bySource.add(g.uri); }
    }
    for (const g of groups) {
      if (shown.length >= MAX_QUOTES) break;
      if (!shown.includes(g)) shown.push(g);
    }
    shown.sort((a, b) => groups.indexOf(a) - groups.indexOf(b));
    const lines = shown.map((g) => {
      const also = g.also.length ? ` · also in ${g.also.map((u) => escapeMarkdown(index.label(u))).join(', ')}` : '';
      return `- “${escapeMarkdown(clip(g.quote.text, QUOTE_CHARS))}” — ${link(articles, index.label(g.uri), g.uri, g.quote.start)}${also}`;
    });
    if (groups.length > shown.length) lines.push(`- … ${plural(groups.length - shown.length, 'more quote')}`);
    sections.push(`**Quoted** · ${plural(groups.length, 'quote')} in ${plural(sources, 'source')}\n${lines.join('\n')}`);
  }

  // disagreements: the ones in this article first, then one of each other kind, then a count of the others
  const dg = disagreementDigest(articles, s);
  if (dg.all.length) {
    const listed = listedDisagreements(dg, uri, MAX_DISAGREEMENTS);
    const lines = listed.map((d) => `- ⚠ ${d.uri === uri ? '' : `${escapeMarkdown(index.label(d.uri))}: `}${escapeMarkdown(clip(d.message, 160))} \`${d.code}\``);
    const rest = dg.all.length - listed.length;
    if (rest > 0) lines.push(`- … ${rest} more in the Problems panel`);
    sections.push(`**Sources disagree** · ${dg.all.length}\n${lines.join('\n')}`);
  }
  return sections.join('\n\n');
}

/** The card for a quote. */
export function quoteCard(articles: Articles, uri: string, quote: Quote): string {
  const index = articles.index;
  const kind = quote.kind === 'partial' ? 'Partial quote' : quote.kind === 'indirect' ? 'Reported speech' : 'Quote';
  const speaker = speakerName(articles, uri, quote.speaker);
  const how = quote.speaker && quote.speaker.via !== 'explicit' ? ` (found by ${quote.speaker.via})` : '';
  const cue = quote.cue ? ` · *${escapeMarkdown(quote.cue.text)}*` : '';
  const sections = [`**${kind}** · ${speaker ? `**${escapeMarkdown(speaker)}**${how}` : 'speaker unknown'}${cue}`];
  const matches = index.sameQuotes(uri, quote);
  if (matches.length === 0) {
    if (quote.kind === 'direct') sections.push('Not found in the other sources.');
    return sections.join('\n\n');
  }
  const here = quoteWords(quote.text);
  const lines = matches.map((m) => {
    const head = link(articles, index.label(m.ref.uri), m.ref.uri, m.quote.start);
    const other = speakerName(articles, m.ref.uri, m.quote.speaker);
    const who = other && speaker && other !== speaker ? ` · attributed to **${escapeMarkdown(other)}**` : !other && speaker ? ' · no speaker given' : '';
    if (m.identical) return `- ${head} — same words${who}`;
    const missing = m.onlyHere.length ? ` · missing there: ${m.onlyHere.slice(0, 4).map((w) => `~~${escapeMarkdown(w)}~~`).join(', ')}` : '';
    return `- ${head} — worded differently${who}${missing}\n\n  > “${markDifferences(m.quote.text, here)}”`;
  });
  sections.push(`**In ${plural(matches.length, 'other source')}** (words that differ in **bold**)\n${lines.join('\n')}`);
  return sections.join('\n\n');
}

/** The other source's words, with the words that this source does not have in bold. */
export function markDifferences(otherText: string, hereWords: string[]): string {
  const text = clip(otherText, 240);
  const tokens = [...text.matchAll(/[\p{L}\p{N}']+/gu)];
  const words = tokens.map((t) => basicFold(t[0]));
  const diff = lcsFlags(words, hereWords);
  let out = '';
  let at = 0;
  let open = false;
  tokens.forEach((t, i) => {
    const gap = text.slice(at, t.index!);
    if (open && !diff[i]) { out += '**'; open = false; }
    out += escapeMarkdown(gap);
    if (!open && diff[i]) { out += '**'; open = true; }
    out += escapeMarkdown(t[0]);
    at = t.index! + t[0].length;
  });
  if (open) out += '**';
  return out + escapeMarkdown(text.slice(at));
}

/** For each word of a: true when it is not part of the longest common subsequence with b. */
function lcsFlags(a: string[], b: string[]): boolean[] {
  const n = a.length, m = b.length;
  const dp: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const flags = new Array<boolean>(n).fill(true);
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { flags[i] = false; i++; j++; } else if (dp[i + 1][j] >= dp[i][j + 1]) i++; else j++;
  }
  return flags;
}
