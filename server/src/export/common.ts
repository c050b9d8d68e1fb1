/**
 * What every exporter reads: an article's text, its analysis and the global entity of each local one.
 * Offsets in Byline are UTF-16 code units; brat, spaCy/Prodigy and the W3C selectors count Unicode
 * code points, so exporters convert (and importers convert back).
 */
import { DocumentAnalysis } from '../analysis/model';

export interface ExportDoc {
  /** The article's path as written into the export (relative where possible, '/'-separated). */
  path: string;
  text: string;
  doc: DocumentAnalysis;
  /** "CNN, 13 Jul 2023" or the file name. */
  source: string;
  /** The global entity id of a local entity, where linked. */
  entityId(local: number): string | undefined;
}

export interface ExportFile {
  /** Path relative to the output folder. */
  path: string;
  content: string;
}

/** UTF-16 offset → code point offset, for every offset of one text (built once per text). */
export class Offsets {
  private readonly toCp: Uint32Array;
  private readonly toUnit: number[];
  constructor(readonly text: string) {
    this.toCp = new Uint32Array(text.length + 1);
    this.toUnit = [];
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      this.toCp[i] = cp;
      this.toUnit[cp] = i;
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { i++; this.toCp[i] = cp; }
      }
      cp++;
    }
    this.toCp[text.length] = cp;
    this.toUnit[cp] = text.length;
  }
  codePoint(unit: number): number {
    return this.toCp[Math.max(0, Math.min(unit, this.text.length))];
  }
  unit(codePoint: number): number {
    const u = this.toUnit[codePoint];
    if (u === undefined) throw new RangeError(`offset ${codePoint} is outside the text (${this.toUnit.length - 1} characters)`);
    return u;
  }
}
