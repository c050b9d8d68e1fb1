/**
 * The `byline` command line: the same analysis as the language server, headless.
 *   byline check PATH...            diagnostics as a compiler prints them; exit 1 if any warning or error
 *   byline analyze [--json] PATH... entities, quotes and diagnostics (one JSON object with --json)
 *   byline export --format brat|conll|jsonl|webanno [--out DIR] PATH...
 * The annotations in `.byline/annotations.json` of the nearest folder above the articles are applied.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from './analysis/analyze';
import { decodeBytes } from './analysis/input';
import { lineStarts, positionAt } from './analysis/lines';
import { Disagreement, DocumentAnalysis } from './analysis/model';
import { WorkspaceIndex } from './analysis/workspace';
import { applyAnnotations } from './annotations/apply';
import { ExportDoc } from './export/common';
import { bratAttributions, parseBrat } from './export/bratImport';
import { EXPORT_FORMATS, exportFiles, isExportFormat } from './export/index';
import { ANNOTATION_DIR, ANNOTATION_FILE, writeFileAtomic } from './workspace/annotationFile';
import { WorkspaceAnnotations } from './workspace/annotations';
import { findArticles } from './workspace/files';
import { findBratFiles } from './workspace/imports';

const USAGE = `Usage:
  byline check PATH...             print where the sources disagree; exit 1 if anything was printed
  byline analyze [--json] [--import DIR] PATH...
                                   print entities, quotes and disagreements; with --json, brat .ann files
                                   beside the articles (or in DIR) are shown under "imported"
  byline export --format brat|conll|jsonl|webanno [--out DIR] PATH...
                                   write the analysis (with your annotations) in an annotation tool's format
  byline --version
Folders mean every *.txt file below them.`;

interface Loaded {
  index: WorkspaceIndex;
  lines: Map<string, Uint32Array>;
  texts: Map<string, string>;
  problems: Array<{ path: string; message: string; skip: boolean; offset?: number; line?: number; column?: number; code?: string }>;
}

/** The folder holding `.byline/annotations.json` nearest above a file, if any. */
function annotationFolder(file: string, cache: Map<string, string | undefined>): string | undefined {
  let dir = path.dirname(path.resolve(file));
  const seen: string[] = [];
  for (;;) {
    if (cache.has(dir)) { const r = cache.get(dir); for (const d of seen) cache.set(d, r); return r; }
    seen.push(dir);
    if (fs.existsSync(path.join(dir, ANNOTATION_DIR, ANNOTATION_FILE))) { for (const d of seen) cache.set(d, dir); return dir; }
    const up = path.dirname(dir);
    if (up === dir) { for (const d of seen) cache.set(d, undefined); return undefined; }
    dir = up;
  }
}

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
  const texts = new Map<string, string>();
  const problems: Loaded['problems'] = [];
  // the user's annotations: merges, splits and ignored disagreements first, mentions and speakers per article
  const cache = new Map<string, string | undefined>();
  const folders = [...new Set(files.map((f) => annotationFolder(f, cache)).filter((d): d is string => !!d))];
  const annotations = new WorkspaceAnnotations();
  annotations.setFolders(folders);
  for (const e of annotations.errors()) {
    problems.push({ path: e.file, message: `${e.message.replace(/^.*?:\d+:\d+: /, '')}; the annotations are not applied`, skip: false, line: e.line, column: e.column, code: 'annotation-file' });
  }
  const byAbs = new Map(files.map((f) => [path.resolve(f), f]));
  index.configure({ ignored: annotations.ignoredKeys((abs) => byAbs.get(abs) ?? abs) });
  index.setOverrides(annotations.overrides());
  for (const f of files) {
    let bytes: Uint8Array;
    try { bytes = fs.readFileSync(f); } catch (e) { problems.push({ path: f, message: `cannot read: ${(e as Error).message}`, skip: true }); continue; }
    const decoded = decodeBytes(bytes);
    for (const p of decoded.problems) problems.push({ path: f, message: p.message, skip: decoded.skip });
    if (decoded.skip) continue;
    let doc = analyzeDocument(f, decoded.text);
    const at = folders.length ? annotations.locate(f) : undefined;
    if (at) {
      const applied = applyAnnotations(doc, decoded.text, annotations.forFile(f), at.rel);
      doc = applied.doc;
      for (const o of applied.orphans) problems.push({ path: f, message: o.message, skip: false, offset: o.start, code: 'annotation' });
    }
    doc.problems.push(...decoded.problems);
    index.set(doc);
    lines.set(f, lineStarts(decoded.text));
    texts.set(f, decoded.text);
  }
  return { index, lines, texts, problems };
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
  for (const p of problems) {
    const at = p.offset !== undefined ? where(lines, p.path, p.offset) : `${p.path}:${p.line ?? 1}:${p.column ?? 1}`;
    out.write(`${at}: ${p.code === 'annotation-file' ? 'error' : 'warning'}: ${p.message} [${p.code ?? 'input'}]\n`);
    serious++;
  }
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

/** Someone else's brat annotations of an article (see workspace/imports.ts), one entry per file. */
function importedFor(file: string, text: string, dirs: string[]): object[] | undefined {
  const found = findBratFiles(file, dirs);
  return found.length ? found.map((ann) => importOne(ann, text)) : undefined;
}

function importOne(ann: string, text: string): object {
  const b = parseBrat(fs.readFileSync(ann, 'utf8'), text);
  const span = (s?: { start: number; end: number; text: string; type: string }): object | null => (s ? { start: s.start, end: s.end, text: s.text } : null);
  return {
    file: ann, format: 'brat',
    spans: b.spans.map((s) => ({ id: s.id, type: s.type, start: s.start, end: s.end, text: s.text })),
    attributions: bratAttributions(b).map((a) => ({ id: a.id, source: span(a.source), cue: span(a.cue), content: span(a.content) })),
    equivalences: b.equivalences,
    problems: b.problems,
  };
}

/** The analysis as one JSON object (the shape is documented in the README). */
export function toJson(index: WorkspaceIndex, imported?: (uri: string) => object[] | undefined): object {
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
      ...(imported?.(uri) ? { imported: imported(uri) } : {}),
    };
  });
  const entities = index.entities()
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((g) => ({ id: g.id, name: g.name, type: g.type, aliases: g.aliases, mentions: g.mentionCount, articles: new Set(g.members.map((m) => m.uri)).size }));
  const diagnostics = index.uris().flatMap((uri) => index.diagnostics(uri).map((d) => ({
    path: d.uri, start: d.start, end: d.end, severity: d.severity, code: d.code, message: d.message, key: d.key,
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
      if (q.kind === 'partial' || (q.kind === 'indirect' && !q.speaker)) continue;
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
      const { flags, paths } = options(rest, ['--json'], ['--import']);
      if (paths.length === 0) throw new UsageError(USAGE);
      const files = collectPaths(paths);
      if (flags.has('--json')) {
        const loaded = load(files);
        const dirs = flags.get('--import') ?? [];
        const imported = (uri: string): object[] | undefined => importedFor(uri, loaded.texts.get(uri) ?? '', dirs);
        out.write(`${JSON.stringify(toJson(loaded.index, imported), null, 1)}\n`);
      } else analyzeText(files, out);
      return 0;
    }
    if (command === 'export') {
      const { flags, paths } = options(rest, [], ['--format', '--out']);
      const format = flags.get('--format')?.[0];
      if (!format || !isExportFormat(format)) throw new UsageError(`byline export: --format must be one of ${EXPORT_FORMATS.join(', ')}\n${USAGE}`);
      if (paths.length === 0) throw new UsageError(USAGE);
      return exportCommand(collectPaths(paths), format, flags.get('--out')?.[0], out, err);
    }
    throw new UsageError(command ? `byline: unknown command "${command}"\n${USAGE}` : USAGE);
  } catch (e) {
    if (e instanceof UsageError) { err.write(`${e.message}\n`); return 2; }
    throw e;
  }
}

/** Flags (`--json`) and options with a value (`--out DIR`, repeatable), and the paths. */
function options(args: string[], flagNames: string[], valued: string[]): { flags: Map<string, string[]>; paths: string[] } {
  const flags = new Map<string, string[]>();
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (flagNames.includes(a)) flags.set(a, []);
    else if (valued.includes(name)) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new UsageError(`byline: ${name} needs a value\n${USAGE}`);
      flags.set(name, [...(flags.get(name) ?? []), v]);
    } else if (a.startsWith('-')) throw new UsageError(`byline: unknown option ${a}\n${USAGE}`);
    else paths.push(a);
  }
  return { flags, paths };
}

/** `byline export`: brat .ann beside each article (or in --out with the text), the other formats in --out (default: here). */
function exportCommand(files: string[], format: string, outDir: string | undefined, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  if (!isExportFormat(format)) return 2;
  const loaded = load(files);
  for (const p of loaded.problems) err.write(`${p.path}: ${p.message}\n`);
  const uris = loaded.index.uris();
  const root = commonDir(uris);
  const docs: ExportDoc[] = uris.map((uri) => ({
    path: path.relative(root, path.resolve(uri)).split(path.sep).join('/'), text: loaded.texts.get(uri) ?? '', doc: loaded.index.doc(uri)!,
    source: loaded.index.label(uri), entityId: (local: number) => loaded.index.entityFor(uri, local)?.id,
  }));
  const dir = outDir ?? (format === 'brat' ? root : '.');
  const written = exportFiles(format, docs, root, outDir !== undefined);
  for (const f of written) {
    const target = path.join(dir, ...f.path.split('/'));
    if (format === 'brat' && outDir === undefined && !target.endsWith('.ann')) continue;
    writeFileAtomic(target, f.content);
    out.write(`${target}\n`);
  }
  return 0;
}

function commonDir(files: string[]): string {
  if (files.length === 0) return process.cwd();
  let dir = path.dirname(path.resolve(files[0]));
  for (const f of files) while (path.relative(dir, path.resolve(f)).startsWith('..')) dir = path.dirname(dir);
  return dir;
}

/** Quietly stop when the reader of our output goes away (`byline analyze seeds | head`). */
export function exitOnBrokenPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw e; });
}

if (require.main === module) {
  exitOnBrokenPipe();
  process.exitCode = main(process.argv.slice(2));
}
