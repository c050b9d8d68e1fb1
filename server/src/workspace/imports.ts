/**
 * Someone else's annotations beside Byline's: brat .ann files found for the articles (beside each, or
 * in a folder, by the article's name or its name with an annotator suffix as PolNeAR names them:
 * "NAME_ef2d.ann"). Read only; kept in memory; shown as hints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BratSpan, bratAttributions, parseBrat } from '../export/bratImport';

/** The .ann files of an article: beside it, then in each of `dirs`. */
export function findBratFiles(file: string, dirs: string[]): string[] {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  const found: string[] = [];
  const beside = file.replace(/\.[^./\\]*$/, '') + '.ann';
  if (fs.existsSync(beside)) found.push(beside);
  for (const d of dirs) {
    let names: string[] = [];
    try { names = fs.readdirSync(d); } catch { continue; }
    for (const n of names.sort()) if (n === `${base}.ann` || (n.startsWith(`${base}_`) && /^_[0-9A-Za-z]+\.ann$/.test(n.slice(base.length)))) found.push(path.join(d, n));
  }
  return [...new Set(found)];
}

export interface ImportedHint { start: number; end: number; message: string }

/** Hints for one article from its brat files: each attribution's source, cue and content, other spans by type. */
export function importedHints(files: string[], text: string): ImportedHint[] {
  const out: ImportedHint[] = [];
  for (const f of files) {
    let ann: string;
    try { ann = fs.readFileSync(f, 'utf8'); } catch { continue; }
    const b = parseBrat(ann, text);
    const name = path.basename(f);
    const inAttribution = new Set<string>();
    const clip = (s?: BratSpan): string => (s ? `“${s.text.length > 60 ? `${s.text.slice(0, 57)}…` : s.text}”` : '?');
    for (const a of bratAttributions(b)) {
      for (const s of [a.source, a.cue, a.content]) if (s) inAttribution.add(s.id);
      const what = `${clip(a.source)} ${a.cue?.text ?? '—'}: ${clip(a.content)}`;
      if (a.content) out.push({ start: a.content.start, end: a.content.end, message: `${name} (${a.id}): content attributed to ${clip(a.source)}` });
      if (a.source) out.push({ start: a.source.start, end: a.source.end, message: `${name} (${a.id}): source of ${what}` });
    }
    for (const s of b.spans) {
      if (inAttribution.has(s.id) || s.type === 'Attribution') continue;
      out.push({ start: s.start, end: s.end, message: `${name} (${s.id}): ${s.type}` });
    }
  }
  return out.filter((h) => h.start >= 0 && h.end <= text.length && h.start <= h.end);
}
