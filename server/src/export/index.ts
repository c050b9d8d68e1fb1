/** The export formats by name, and the files each writes. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toBrat } from './brat';
import { ExportDoc, ExportFile } from './common';
import { toConll } from './conll';
import { toJsonl } from './jsonl';
import { toWebAnnotation } from './webanno';

export const EXPORT_FORMATS = ['brat', 'conll', 'jsonl', 'webanno'] as const;
export type ExportFormat = typeof EXPORT_FORMATS[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/**
 * The files of an export: brat writes an .ann per article (and the text beside it, as brat wants),
 * webanno a .jsonld per article, conll and jsonl one file for all (byline.conll, byline.jsonl).
 * `root` is the folder article paths are made relative to.
 */
export function exportFiles(format: ExportFormat, docs: ExportDoc[], root: string, withText = true): ExportFile[] {
  const rel = (p: string, ext: string): string => p.replace(/\.[^./]*$/, '') + ext;
  if (format === 'brat') {
    return docs.flatMap((d) => [{ path: rel(d.path, '.ann'), content: toBrat(d) }, ...(withText ? [{ path: rel(d.path, '.txt'), content: d.text }] : [])]);
  }
  if (format === 'webanno') {
    return docs.map((d) => ({ path: rel(d.path, '.jsonld'),
      content: `${JSON.stringify(toWebAnnotation(d, pathToFileURL(path.resolve(root, d.path)).toString()), null, 2)}\n` }));
  }
  if (format === 'conll') return [{ path: 'byline.conll', content: docs.map(toConll).join('\n') }];
  return [{ path: 'byline.jsonl', content: toJsonl(docs) }];
}
