/**
 * The annotation file on disk: `.byline/annotations.json` in a workspace folder. Loading validates it
 * (a broken file is reported with its line and column and never used nor overwritten); saving writes a
 * temporary file in the same folder and renames it over the old one, so that a crash or a full disk
 * never leaves half a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeStore } from '../annotations/format';
import { AnnotationStore, emptyStore } from '../annotations/model';
import { AnnotationFileError, parseStore } from '../annotations/schema';

export const ANNOTATION_DIR = '.byline';
export const ANNOTATION_FILE = 'annotations.json';

export function annotationPath(folder: string): string {
  return path.join(folder, ANNOTATION_DIR, ANNOTATION_FILE);
}

export type Loaded =
  | { status: 'missing'; store: AnnotationStore }
  | { status: 'ok'; store: AnnotationStore; text: string }
  | { status: 'broken'; error: string; line: number; column: number };

export function loadAnnotationFile(file: string): Loaded {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing', store: emptyStore() };
    return { status: 'broken', error: `${file} cannot be read: ${(e as Error).message}`, line: 1, column: 1 };
  }
  if (text.trim() === '') return { status: 'broken', error: `${file} is empty (an empty annotation file is {"version": 1})`, line: 1, column: 1 };
  try {
    return { status: 'ok', store: parseStore(text), text };
  } catch (e) {
    if (e instanceof AnnotationFileError) return { status: 'broken', error: `${file}:${e.line}:${e.column}: ${e.reason}`, line: e.line, column: e.column };
    return { status: 'broken', error: `${file}: ${(e as Error).message}`, line: 1, column: 1 };
  }
}

let counter = 0;

/** Write a file atomically: a temporary file in the same folder, flushed, then renamed over the target. */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.${counter++}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* already closed */ }
    try { fs.rmSync(tmp, { force: true }); } catch { /* nothing to clean */ }
    throw e;
  }
}

export function saveAnnotationFile(file: string, store: AnnotationStore): string {
  const text = serializeStore(store);
  writeFileAtomic(file, text);
  return text;
}
