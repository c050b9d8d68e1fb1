/**
 * Hover cards. On a mention: the entity's name and type, titles per source, where it appears,
 * what it is quoted saying, and the disagreements about it. On a quote: speaker, cue, and the same
 * quote in other sources with the differences marked.
 */
import { CancellationToken, Hover, MarkupKind, Position } from 'vscode-languageserver';
import { Articles } from '../workspace/articles';
import { docsByDate, escapeMarkdown, link, TYPE_NAMES } from './shared';

const MAX_QUOTES = 4;

export function hover(articles: Articles, uri: string, position: Position, token?: CancellationToken): Hover | null {
  const index = articles.index;
  const offset = articles.offsetAt(uri, position);
  const hit = index.mentionAt(uri, offset);
  if (token?.isCancellationRequested) return null;
  if (hit) {
    const { mention, entity } = hit;
    const lines: string[] = [];
    if (mention.type === 'DATE') {
      lines.push(`**${escapeMarkdown(mention.text)}** · date${mention.value ? ` · ${mention.value}` : ''}`);
      return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: articles.range(uri, mention.start, mention.end) };
    }
    if (!entity) return null;
    lines.push(`**${escapeMarkdown(entity.name)}** · ${TYPE_NAMES[entity.type]}`);
    const uris = docsByDate(articles, entity);
    // titles as each source gives them
    const titles: string[] = [];
    for (const u of uris) {
      const doc = index.doc(u);
      const locals = entity.members.filter((m) => m.uri === u).map((m) => m.local);
      for (const l of locals) {
        const t = doc?.entities[l]?.titles[0];
        if (t) titles.push(`${escapeMarkdown(t.text)} (${escapeMarkdown(index.label(u))})`);
      }
    }
    if (titles.length) lines.push(`Titles: ${titles.join(' · ')}`);
    const mentions = index.mentionsOf(entity);
    const where = uris.map((u) => {
      const first = mentions.find((m) => m.uri === u);
      const count = mentions.filter((m) => m.uri === u).length;
      return `${link(articles, index.label(u), u, first?.mention.start ?? 0)} ×${count}`;
    });
    lines.push(`${mentions.length} mention${mentions.length === 1 ? '' : 's'} in ${uris.length} article${uris.length === 1 ? '' : 's'}: ${where.join(' · ')}`);
    if (entity.aliases.length > 1) lines.push(`Also written: ${entity.aliases.filter((a) => a !== entity.name).map(escapeMarkdown).join(', ')}`);
    const quotes = index.quotesBy(entity);
    if (quotes.length) {
      const shown = quotes.slice(0, MAX_QUOTES).map((q) => {
        const text = q.quote.text.length > 120 ? `${q.quote.text.slice(0, 117)}…` : q.quote.text;
        return `> “${escapeMarkdown(text)}” — ${link(articles, index.label(q.uri), q.uri, q.quote.start)}`;
      });
      lines.push(`Quoted ${quotes.length} time${quotes.length === 1 ? '' : 's'}:\n\n${shown.join('\n>\n')}`);
    }
    const disagreements = index.disagreementsAbout(entity);
    const own = disagreements.filter((d) => d.uri === uri);
    if (own.length) lines.push(`⚠ ${own.map((d) => escapeMarkdown(d.message)).join('  \n⚠ ')}`);
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: articles.range(uri, mention.start, mention.end) };
  }
  const q = index.quoteAt(uri, offset);
  if (!q) return null;
  const { quote } = q;
  const lines: string[] = [];
  const speaker = quote.speaker ? (quote.speaker.local >= 0 ? index.entityFor(uri, quote.speaker.local)?.name ?? quote.speaker.text : quote.speaker.text) : undefined;
  lines.push(`**${quote.kind === 'partial' ? 'Partial quote' : quote.kind === 'indirect' ? 'Reported speech' : 'Quote'}**${speaker ? ` · ${escapeMarkdown(speaker)}` : ' · speaker unknown'}${quote.cue ? ` · “${escapeMarkdown(quote.cue.text)}”` : ''}${quote.speaker && quote.speaker.via !== 'explicit' ? ` (by ${quote.speaker.via})` : ''}`);
  const matches = index.sameQuotes(uri, quote);
  for (const m of matches) {
    const head = `${link(articles, index.label(m.ref.uri), m.ref.uri, m.quote.start)}: ${m.identical ? 'same words' : 'worded differently'}`;
    const diff = m.identical ? '' : `\n\n  only here: ${m.onlyHere.map((w) => `~~${escapeMarkdown(w)}~~`).join(' … ') || '—'}\n\n  only there: ${m.onlyThere.map((w) => `**${escapeMarkdown(w)}**`).join(' … ') || '—'}`;
    lines.push(`${head}${diff}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: articles.range(uri, quote.start, quote.end) };
}
