/**
 * Code actions: the user's word on what Byline found. On a mention: confirm it, reject it, change its
 * type. On a selection that is no mention: add it as a mention. On a quote: set its speaker. On a
 * disagreement: ignore it; for a spelling, use the other source's spelling here, or say the two names
 * are different entities. Each action is a command the server executes (features/annotate.ts), except
 * "Use this spelling here", which is a plain text edit.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver';
import { ENTITY_TYPES } from '../analysis/model';
import { Articles } from '../workspace/articles';
import { TYPE_NAMES } from './shared';

export const ANNOTATE_COMMANDS = {
  confirm: 'byline.annotate.confirm',
  reject: 'byline.annotate.reject',
  add: 'byline.annotate.add',
  speaker: 'byline.annotate.speaker',
  ignore: 'byline.annotate.ignore',
  same: 'byline.annotate.same',
  different: 'byline.annotate.different',
  problems: 'byline.annotate.problems',
  import: 'byline.import',
  export: 'byline.export',
} as const;

const MAX_SPEAKERS = 5;

export function codeActions(articles: Articles, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const index = articles.index;
  const doc = index.doc(uri);
  const out: CodeAction[] = [];
  if (!doc) return out;
  const start = articles.offsetAt(uri, params.range.start);
  const end = articles.offsetAt(uri, params.range.end);
  const hit = index.mentionAt(uri, start);
  const kind = CodeActionKind.QuickFix;
  if (hit && (end <= hit.mention.end || start === end)) {
    const m = hit.mention;
    const args = { uri, start: m.start, end: m.end };
    if (m.annotated !== 'confirm') {
      out.push({ title: `Confirm "${m.text}" as a ${TYPE_NAMES[m.type]}`, kind, command: { title: 'Confirm', command: ANNOTATE_COMMANDS.confirm, arguments: [args] } });
    }
    out.push({ title: `Reject this mention ("${m.text}" is not a name)`, kind, command: { title: 'Reject this mention', command: ANNOTATE_COMMANDS.reject, arguments: [args] } });
    for (const t of ENTITY_TYPES) {
      if (t === m.type) continue;
      out.push({ title: `Change type to ${TYPE_NAMES[t]} (${t})`, kind, command: { title: `Change type to ${t}`, command: ANNOTATE_COMMANDS.confirm, arguments: [{ ...args, type: t }] } });
    }
  } else if (end > start && end - start <= 200) {
    for (const t of ENTITY_TYPES) {
      out.push({ title: `Add the selection as a ${TYPE_NAMES[t]} (${t})`, kind,
        command: { title: `Add as ${t}`, command: ANNOTATE_COMMANDS.add, arguments: [{ uri, start, end, type: t }] } });
    }
  }
  const quote = !hit ? index.quoteAt(uri, start) : undefined;
  if (quote && quote.quote.kind !== 'partial') {
    // the people named in the article, nearest to the quote first
    const people = doc.entities.map((e, local) => ({ e, local })).filter((x) => x.e.type === 'PER')
      .map((x) => ({ ...x, distance: Math.min(...x.e.mentions.map((k) => Math.abs(doc.mentions[k].start - quote.quote.start))) }))
      .sort((a, b) => a.distance - b.distance).slice(0, MAX_SPEAKERS);
    for (const p of people) {
      const name = index.entityFor(uri, p.local)?.name ?? p.e.name;
      if (quote.quote.speaker?.local === p.local) continue;
      out.push({ title: `The speaker of this quote is ${name}`, kind,
        command: { title: 'Set the speaker', command: ANNOTATE_COMMANDS.speaker, arguments: [{ uri, start: quote.quote.start, end: quote.quote.end, speaker: name }] } });
    }
  }
  for (const d of params.context.diagnostics) out.push(...diagnosticActions(articles, uri, d));
  return out;
}

function diagnosticActions(articles: Articles, uri: string, d: Diagnostic): CodeAction[] {
  const data = (d.data ?? {}) as { key?: string; entity?: string; here?: string; there?: string[] };
  if (d.source !== 'byline' || typeof data.key !== 'string') return [];
  const out: CodeAction[] = [];
  const kind = CodeActionKind.QuickFix;
  if (d.code === 'spelling' && Array.isArray(data.there)) {
    for (const form of data.there) {
      if (typeof form !== 'string') continue;
      out.push({ title: `Use this spelling here: "${form}"`, kind, diagnostics: [d], isPreferred: data.there.length === 1,
        edit: { changes: { [uri]: [TextEdit.replace(d.range, form)] } } });
    }
    const here = typeof data.here === 'string' ? data.here : undefined;
    const there = data.there.find((f) => typeof f === 'string');
    if (here && there) {
      out.push({ title: `These are different entities: "${here}" and "${there}"`, kind, diagnostics: [d],
        command: { title: 'These are different entities', command: ANNOTATE_COMMANDS.different, arguments: [{ uri, names: [there, here] }] } });
    }
  }
  out.push({ title: 'Ignore this disagreement', kind, diagnostics: [d],
    command: { title: 'Ignore this disagreement', command: ANNOTATE_COMMANDS.ignore, arguments: [{ uri, key: data.key, message: d.message }] } });
  void articles;
  return out;
}
