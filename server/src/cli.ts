/**
 * The `byline` command line: the same analysis as the language server, headless.
 *   byline check PATH...            diagnostics as a compiler prints them; exit 1 if any warning or error
 *   byline analyze [--json] PATH... entities, quotes and diagnostics (one JSON object with --json)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from './analysis/analyze';
import { decodeBytes } from './analysis/input';
import { lineStarts, positionAt } from './analysis/lines';
import { Disagreement, DocumentAnalysis } from './analysis/model';
import { WorkspaceIndex } from './analysis/workspace';
import { findArticles } from './workspace/files';

const USAGE = `Usage:
  byline check PATH...             print where the sources disagree; exit 1 if anything was printed
  byline analyze [--json] PATH...  print entities, quotes and disagreements
  byline --version
Folders mean every *.txt file below them.`;

interface Loaded { index: WorkspaceIndex; lines: Map<string, Uint32Array>; problems: Array<{ path: string; message: string; skip: boolean }> }

export function collectPaths(args: string[]): string[] {
  const files: string[] = [];
  for (const a of args) {
    const stat = fs.statSync(a, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`byline: no such file or folder: ${a}`);
    if (stat.isDirectory()) files.push(...findArticles(a));
    else files.push(a);
  }
  return [...new Set(files.map((f) => path.normalize(f)))];
}

class UsageError extends Error {}

export function load(files: string[]): Loaded {
  const index = new WorkspaceIndex();
  const lines = new Map<string, Uint32Array>();
  const problems: Loaded['problems'] = [];
  for (const f of files) {
    let bytes: Uint8Array;
    try { bytes = fs.readFileSync(f); } catch (e) { problems.push({ path: f, message: `cannot read: ${(e as Error).message}`, skip: true }); continue; }
    const decoded = decodeBytes(bytes);
    for (const p of decoded.problems) problems.push({ path: f, message: p.message, skip: decoded.skip });
    if (decoded.skip) continue;
    const doc = analyzeDocument(f, decoded.text);
    doc.problems.push(...decoded.problems);
    index.set(doc);
    lines.set(f, lineStarts(decoded.text));
  }
  return { index, lines, problems };
}

function where(lines: Map<string, Uint32Array>, file: string, offset: number): string {
  const starts = lines.get(file);
  if (!starts) return `${file}:1:1`;
  const p = positionAt(starts, offset);
  return `${file}:${p.line + 1}:${p.character + 1}`;
}

export function formatDiagnostic(d: Disagreement, lines: Map<string, Uint32Array>): string {
  const out = [`${where(lines, d.uri, d.start)}: ${d.severity === 'information' ? 'note' : d.severity}: ${d.message} [${d.code}]`];
  for (const r of d.related) out.push(`    ${where(lines, r.uri, r.start)}: ${r.message}`);
  return out.join('\n');
}

function check(files: string[], out: NodeJS.WritableStream): number {
  const { index, lines, problems } = load(files);
  let serious = 0;
  for (const p of problems) { out.write(`${p.path}:1:1: warning: ${p.message} [input]\n`); serious++; }
  let total = 0;
  for (const uri of index.uris()) {
    for (const d of index.diagnostics(uri)) {
      out.write(`${formatDiagnostic(d, lines)}\n`);
      total++;
      if (d.severity === 'warning' || d.severity === 'error') serious++;
    }
  }
  out.write(`${total} disagreement${total === 1 ? '' : 's'} in ${index.size} article${index.size === 1 ? '' : 's'}.\n`);
  return serious > 0 ? 1 : 0;
}

/** The analysis as one JSON object (the shape is documented in the README). */
export function toJson(index: WorkspaceIndex): object {
  const documents = index.uris().map((uri) => {
    const doc = index.doc(uri) as DocumentAnalysis;
    const id = (local: number): string | null => (local >= 0 ? index.entityFor(uri, local)?.id ?? null : null);
    return {
      path: uri,
      source: index.label(uri),
      metadata: doc.metadata,
      mentions: doc.mentions.map((m) => ({
        start: m.start, end: m.end, text: m.text, type: m.type, entity: m.type === 'DATE' ? null : id(m.local),
        ...(m.title ? { title: m.title.text } : {}), ...(m.value ? { value: m.value } : {}),
      })),
      quotes: doc.quotes.map((q) => ({
        start: q.start, end: q.end, text: q.text, kind: q.kind,
        speaker: q.speaker ? { entity: id(q.speaker.local), start: q.speaker.start, end: q.speaker.end, text: q.speaker.text, via: q.speaker.via }
          : { entity: null, start: null, end: null },
        cue: q.cue ? { start: q.cue.start, end: q.cue.end, text: q.cue.text } : { start: null, end: null },
      })),
      claims: doc.claims.map((c) => ({ start: c.start, end: c.end, entity: id(c.local), predicate: c.predicate, hedged: c.hedged, hedge: c.hedge ?? null })),
    };
  });
  const entities = index.entities()
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((g) => ({ id: g.id, name: g.name, type: g.type, aliases: g.aliases, mentions: g.mentionCount, articles: new Set(g.members.map((m) => m.uri)).size }));
  const diagnostics = index.uris().flatMap((uri) => index.diagnostics(uri).map((d) => ({
    path: d.uri, start: d.start, end: d.end, severity: d.severity, code: d.code, message: d.message,
    related: d.related.map((r) => ({ path: r.uri, start: r.start, end: r.end, message: r.message })),
  })));
  return { version: 1, documents, entities, diagnostics };
}

function analyzeText(files: string[], out: NodeJS.WritableStream): void {
  const { index, lines, problems } = load(files);
  for (const p of problems) out.write(`${p.path}: ${p.message}\n`);
  for (const uri of index.uris()) {
    const doc = index.doc(uri) as DocumentAnalysis;
    out.write(`\n${uri}  —  ${index.label(uri)}${doc.metadata.title ? `\n  "${doc.metadata.title}"` : ''}\n`);
    const seen = new Set<string>();
    const byType = new Map<string, string[]>();
    doc.entities.forEach((e, local) => {
      if (e.type === 'DATE') return;
      const g = index.entityFor(uri, local);
      const key = g?.id ?? `${uri}#${local}`;
      if (seen.has(key)) return;
      seen.add(key);
      const others = g ? new Set(g.members.map((m) => m.uri)).size - 1 : 0;
      const title = e.titles.length ? `${e.titles[0].text} ` : '';
      const list = byType.get(e.type) ?? [];
      list.push(`${title}${e.name}${e.mentions.length > 1 ? ` ×${e.mentions.length}` : ''}${others > 0 ? ` (+${others} other article${others > 1 ? 's' : ''})` : ''}`);
      byType.set(e.type, list);
    });
    for (const t of ['PER', 'ORG', 'LOC', 'MISC']) if (byType.has(t)) out.write(`  ${t.padEnd(4)} ${byType.get(t)!.join('; ')}\n`);
    const dates = doc.mentions.filter((m) => m.type === 'DATE').map((m) => (m.value ? `${m.text} (${m.value})` : m.text));
    if (dates.length) out.write(`  DATE ${dates.join('; ')}\n`);
    for (const q of doc.quotes) {
      if (q.kind === 'partial') continue;
      const who = q.speaker ? (q.speaker.local >= 0 ? index.entityFor(uri, q.speaker.local)?.name ?? q.speaker.text : q.speaker.text) : 'unattributed';
      const text = q.text.length > 90 ? `${q.text.slice(0, 87)}...` : q.text;
      out.write(`  ${q.kind === 'indirect' ? '~ ' : '“'}${text}${q.kind === 'indirect' ? '' : '”'} — ${who}${q.speaker && q.speaker.via !== 'explicit' ? ` (${q.speaker.via})` : ''}\n`);
    }
  }
  out.write('\nWhere the sources disagree:\n');
  let n = 0;
  for (const uri of index.uris()) for (const d of index.diagnostics(uri)) { out.write(`${formatDiagnostic(d, lines)}\n`); n++; }
  out.write(`${n} disagreement${n === 1 ? '' : 's'}, ${index.entities().length} entities, ${index.size} articles.\n`);
}

export function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  const [command, ...rest] = argv;
  try {
    if (command === '--version' || command === '-v') { out.write('byline 0.1.0\n'); return 0; }
    if (command === '--help' || command === '-h' || command === 'help') { out.write(`${USAGE}\n`); return 0; }
    if (command === 'check') {
      if (rest.length === 0 || rest.some((a) => a.startsWith('-'))) throw new UsageError(USAGE);
      return check(collectPaths(rest), out);
    }
    if (command === 'analyze') {
      const json = rest.includes('--json');
      const paths = rest.filter((a) => a !== '--json');
      if (paths.length === 0 || paths.some((a) => a.startsWith('-'))) throw new UsageError(USAGE);
      const files = collectPaths(paths);
      if (json) out.write(`${JSON.stringify(toJson(load(files).index), null, 1)}\n`);
      else analyzeText(files, out);
      return 0;
    }
    throw new UsageError(command ? `byline: unknown command "${command}"\n${USAGE}` : USAGE);
  } catch (e) {
    if (e instanceof UsageError) { err.write(`${e.message}\n`); return 2; }
    throw e;
  }
}

/** Quietly stop when the reader of our output goes away (`byline analyze seeds | head`). */
export function exitOnBrokenPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw e; });
}

if (require.main === module) {
  exitOnBrokenPipe();
  process.exitCode = main(process.argv.slice(2));
}
