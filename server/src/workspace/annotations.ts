/**
 * The annotations of the open workspace: one `.byline/annotations.json` per workspace folder, the
 * article paths they name, and the edits the user makes. Paths here are file system paths; the server
 * turns uris into paths. A broken file is kept as an error (Byline goes on without it) and every save
 * to it is refused; in an untrusted workspace every save is refused.
 */
import * as path from 'node:path';
import { DocumentAnnotations, AnnotationStore, Orphan } from '../annotations/model';
import { LinkOverrides } from '../analysis/linking';
import { annotationPath, Loaded, loadAnnotationFile, saveAnnotationFile } from './annotationFile';

export class AnnotationRefused extends Error {}

interface Folder { folder: string; file: string; state: Loaded }

export class WorkspaceAnnotations {
  /** False in an untrusted workspace: nothing is ever written. */
  trusted = true;
  private folders: Folder[] = [];
  /** Orphaned anchors by article path, as the last analysis found them. */
  readonly orphans = new Map<string, Orphan[]>();

  setFolders(folders: string[]): void {
    this.folders = folders.map((f) => ({ folder: path.resolve(f), file: annotationPath(path.resolve(f)), state: { status: 'missing', store: emptyish() } as Loaded }));
    this.reload();
  }

  /** Read every annotation file again (after a change on disk). */
  reload(): void {
    for (const f of this.folders) f.state = loadAnnotationFile(f.file);
  }

  files(): string[] {
    return this.folders.map((f) => f.file);
  }

  isAnnotationFile(file: string): boolean {
    const p = path.resolve(file);
    return this.folders.some((f) => f.file === p);
  }

  /** Broken annotation files, with the place of the problem. */
  errors(): Array<{ file: string; message: string; line: number; column: number }> {
    const out = [];
    for (const f of this.folders) if (f.state.status === 'broken') out.push({ file: f.file, message: f.state.error, line: f.state.line, column: f.state.column });
    return out;
  }

  /** The folder an article belongs to (the deepest one holding it) and its path relative to it, '/'-separated. */
  locate(file: string): { folder: Folder; rel: string } | undefined {
    const p = path.resolve(file);
    let best: Folder | undefined;
    for (const f of this.folders) {
      const rel = path.relative(f.folder, p);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.folder.length > best.folder.length)) best = f;
    }
    if (!best && this.folders.length === 0) {
      // no workspace folder (a single file opened): the article's own folder
      const folder = path.dirname(p);
      best = { folder, file: annotationPath(folder), state: loadAnnotationFile(annotationPath(folder)) };
      this.folders.push(best);
    }
    return best ? { folder: best, rel: path.relative(best.folder, p).split(path.sep).join('/') } : undefined;
  }

  /** The annotations of one article, or undefined. */
  forFile(file: string): DocumentAnnotations | undefined {
    const at = this.locate(file);
    if (!at || at.folder.state.status === 'broken') return undefined;
    return at.folder.state.store.documents[at.rel];
  }

  /** Merges and splits from every folder's file. */
  overrides(): LinkOverrides {
    const same: Array<[string, string]> = [], different: Array<[string, string]> = [];
    for (const f of this.folders) {
      if (f.state.status === 'broken') continue;
      same.push(...f.state.store.same);
      different.push(...f.state.store.different);
    }
    return { same, different };
  }

  /** Ignored disagreements as the index keys them: "key" or "key@id", where id is what `idOf` makes of an article's path. */
  ignoredKeys(idOf: (file: string) => string): string[] {
    const out: string[] = [];
    for (const f of this.folders) {
      if (f.state.status === 'broken') continue;
      for (const i of f.state.store.ignored) out.push(i.path ? `${i.key}@${idOf(path.join(f.folder, ...i.path.split('/')))}` : i.key);
    }
    return out;
  }

  /**
   * Change the annotations of the folder holding `file` and save them. Refused (AnnotationRefused,
   * with a message for the user) in an untrusted workspace, or while the file on disk is broken.
   * The file is read again first, so an edit made outside the editor is never overwritten.
   */
  edit(file: string, change: (store: AnnotationStore, rel: string) => AnnotationStore): { file: string } {
    if (!this.trusted) throw new AnnotationRefused('Byline does not write annotation files in an untrusted workspace. Trust the workspace to save annotations.');
    const at = this.locate(file);
    if (!at) throw new AnnotationRefused(`${file} is not inside a workspace folder, so Byline has nowhere to keep its annotations.`);
    at.folder.state = loadAnnotationFile(at.folder.file);
    const state = at.folder.state;
    if (state.status === 'broken') {
      throw new AnnotationRefused(`Byline did not save the annotation: ${state.error}. Fix the file (or move it away) and try again; Byline never overwrites a broken annotation file.`);
    }
    const next = change(state.store, at.rel);
    const text = saveAnnotationFile(at.folder.file, next);
    at.folder.state = loadAnnotationFile(at.folder.file);
    if (at.folder.state.status !== 'ok') at.folder.state = { status: 'ok', store: next, text };
    return { file: at.folder.file };
  }

  /** A digest of one article's annotations, to tell which articles must be analysed again after a reload. */
  digest(file: string): string {
    const d = this.forFile(file);
    return d ? JSON.stringify(d) : '';
  }
}

function emptyish(): AnnotationStore {
  return { version: 1, documents: Object.create(null), same: [], different: [], ignored: [] };
}
