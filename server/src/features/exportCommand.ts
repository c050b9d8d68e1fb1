/**
 * The export command of the editor (`byline.export`, arguments { format, out? }): every article of the
 * workspace in brat, CoNLL, JSON lines or W3C Web Annotation, written below the first workspace folder in
 * `.byline/export/FORMAT/` unless `out` names a folder. Refused in an untrusted workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExportDoc } from '../export/common';
import { EXPORT_FORMATS, exportFiles, isExportFormat } from '../export/index';
import { writeFileAtomic } from '../workspace/annotationFile';
import { AnnotateContext, CommandResult } from './annotate';

export function exportWorkspace(ctx: AnnotateContext, folders: string[], args: unknown[]): CommandResult {
  const a = (args[0] && typeof args[0] === 'object' ? args[0] : { format: args[0], out: args[1] }) as { format?: unknown; out?: unknown };
  const format = typeof a.format === 'string' ? a.format : 'brat';
  if (!isExportFormat(format)) return { ok: false, message: `Byline exports ${EXPORT_FORMATS.join(', ')}; not "${format}".` };
  if (!ctx.annotations.trusted) return { ok: false, message: 'Byline does not write files in an untrusted workspace. Trust the workspace to export.' };
  const index = ctx.articles.index;
  const root = folders[0];
  const docs: ExportDoc[] = [];
  for (const uri of index.uris()) {
    const file = ctx.fileOf(uri);
    const text = ctx.textOf(uri);
    const doc = index.doc(uri);
    if (!file || text === undefined || !doc || doc.length !== text.length) continue;
    const base = folders.find((f) => !path.relative(f, file).startsWith('..')) ?? path.dirname(file);
    docs.push({ path: path.relative(base, file).split(path.sep).join('/'), text, doc, source: index.label(uri),
      entityId: (local) => index.entityFor(uri, local)?.id });
  }
  if (!root && docs.length === 0) return { ok: false, message: 'There is nothing to export.' };
  const out = typeof a.out === 'string' && a.out ? path.resolve(root ?? '.', a.out) : path.join(root ?? '.', '.byline', 'export', format);
  const files = exportFiles(format, docs, root ?? '.');
  for (const f of files) {
    const target = path.join(out, ...f.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomic(target, f.content);
  }
  return { ok: true, message: `Exported ${docs.length} article${docs.length === 1 ? '' : 's'} as ${format} to ${out} (${files.length} file${files.length === 1 ? '' : 's'}).`, file: out };
}
