/**
 * The server's view of the articles: analyses cached by uri and version (parse once, pass the model),
 * the line tables that turn offsets into editor positions for open and closed files alike, and the
 * workspace index kept current on every change. No LSP connection here: server.ts wires it.
 */
import * as fs from 'node:fs';
import { analyzeDocument } from '../analysis/analyze';
import { checkText, decodeBytes, DEFAULT_MAX_BYTES } from '../analysis/input';
import { LinePosition, lineStarts, offsetAt, positionAt } from '../analysis/lines';
import { DocumentAnalysis, InputProblem } from '../analysis/model';
import { WorkspaceIndex } from '../analysis/workspace';
import { Applied } from '../annotations/apply';
import { AnalysisCache } from './cache';

export interface ArticleEntry {
  uri: string;
  version: number;
  lines: Uint32Array;
  length: number;
  /** Problems with the input itself; a skipped file has no analysis in the index. */
  problems: InputProblem[];
  skipped: boolean;
}

export class Articles {
  readonly index = new WorkspaceIndex();
  private readonly entries = new Map<string, ArticleEntry>();
  maxBytes = DEFAULT_MAX_BYTES;
  /** The user's annotations applied on top of each analysis (set by the server). */
  annotate?: (uri: string, text: string, doc: DocumentAnalysis) => Applied;
  /** Analyses on disk, by content hash (see cache.ts). */
  cache = new AnalysisCache();

  /**
   * Analyse text (from an editor buffer or a file) unless this version is already analysed (`force`:
   * analyse anyway, after the annotations changed). Returns uris to republish.
   */
  setText(uri: string, text: string, version: number, problems: InputProblem[] = [], force = false): Set<string> {
    const prev = this.entries.get(uri);
    const checked = checkText(text, this.maxBytes);
    const all = [...problems, ...checked.problems];
    if (checked.skip) return this.skip(uri, version, all);
    if (!force && prev && !prev.skipped && prev.version === version && this.index.doc(uri)?.length === text.length &&
      this.index.doc(uri)?.version === version) {
      return new Set();
    }
    let doc = analyzeDocument(uri, text, version);
    if (this.annotate) {
      const applied = this.annotate(uri, text, doc);
      doc = applied.doc;
      for (const o of applied.orphans) all.push({ code: 'annotation', start: o.start, end: Math.min(text.length, o.start + o.exact.length), message: o.message });
    }
    doc.problems.push(...all);
    this.entries.set(uri, { uri, version, lines: lineStarts(text), length: text.length, problems: all, skipped: false });
    return this.index.set(doc);
  }

  /** Read a file from disk and analyse it. A file that vanished is removed. */
  setFile(uri: string, file: string, version = -1, force = false): Set<string> {
    let bytes: Uint8Array;
    try {
      const stat = fs.statSync(file);
      if (stat.size > this.maxBytes) return this.skip(uri, version, [tooLarge(stat.size, this.maxBytes)]);
      bytes = fs.readFileSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return this.remove(uri);
      return this.skip(uri, version, [{ code: 'encoding', start: 0, end: 0, message: `Byline could not read this file: ${(e as Error).message}` }]);
    }
    const decoded = decodeBytes(bytes, this.maxBytes);
    if (decoded.skip) return this.skip(uri, version, decoded.problems);
    return this.setText(uri, decoded.text, version, decoded.problems, force);
  }

  private skip(uri: string, version: number, problems: InputProblem[]): Set<string> {
    const affected = this.index.doc(uri) ? this.index.remove(uri) : new Set<string>();
    affected.add(uri);
    this.entries.set(uri, { uri, version, lines: new Uint32Array([0]), length: 0, problems, skipped: true });
    return affected;
  }

  /**
   * Many analysed articles at once (the cold index, from workers or the cache): one bulk update of
   * the workspace index. Returns uris to republish.
   */
  addAnalyzed(items: Array<{ doc: DocumentAnalysis; lines: Uint32Array; problems: InputProblem[] }>): Set<string> {
    for (const { doc, lines, problems } of items) {
      this.entries.set(doc.uri, { uri: doc.uri, version: doc.version, lines, length: doc.length, problems, skipped: false });
    }
    return this.index.setMany(items.map((i) => i.doc));
  }

  /** A file left out of the index with a message (too large, binary, unreadable). */
  skipFile(uri: string, problems: InputProblem[]): Set<string> {
    return this.skip(uri, -1, problems);
  }

  /** Remove many articles at once. */
  removeMany(uris: Iterable<string>): Set<string> {
    const known: string[] = [];
    const affected = new Set<string>();
    for (const u of uris) {
      this.entries.delete(u);
      if (this.index.doc(u)) known.push(u); else affected.add(u);
    }
    for (const a of this.index.removeMany(known)) affected.add(a);
    return affected;
  }

  remove(uri: string): Set<string> {
    this.entries.delete(uri);
    return this.index.doc(uri) ? this.index.remove(uri) : new Set([uri]);
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  entry(uri: string): ArticleEntry | undefined {
    return this.entries.get(uri);
  }

  doc(uri: string): DocumentAnalysis | undefined {
    return this.index.doc(uri);
  }

  uris(): string[] {
    return [...this.entries.keys()].sort();
  }

  positionAt(uri: string, offset: number): LinePosition {
    const e = this.entries.get(uri);
    return e ? positionAt(e.lines, offset) : { line: 0, character: 0 };
  }

  offsetAt(uri: string, pos: LinePosition): number {
    const e = this.entries.get(uri);
    return e ? offsetAt(e.lines, pos, e.length) : 0;
  }

  range(uri: string, start: number, end: number): { start: LinePosition; end: LinePosition } {
    return { start: this.positionAt(uri, start), end: this.positionAt(uri, end) };
  }
}

function tooLarge(size: number, max: number): InputProblem {
  return { code: 'too-large', start: 0, end: 0,
    message: `Byline skipped this file: it is ${(size / 1e6).toFixed(1)} MB, over the limit of ${(max / 1e6).toFixed(1)} MB (setting byline.maxFileSize).` };
}
