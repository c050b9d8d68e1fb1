/**
 * Reading brat standoff (.ann) files, for example PolNeAR's attributions, to show someone else's
 * annotations beside Byline's. Offsets are converted from code points to UTF-16 with the article's
 * text; lines Byline does not understand are counted, not fatal.
 */
import { Offsets } from './common';

export interface BratSpan { id: string; type: string; start: number; end: number; fragments: Array<[number, number]>; text: string }
export interface BratEvent { id: string; type: string; trigger: string; args: Array<{ role: string; id: string }> }
export interface BratRelation { id: string; type: string; args: Array<{ role: string; id: string }> }

export interface BratDocument {
  spans: BratSpan[];
  events: BratEvent[];
  relations: BratRelation[];
  /** Groups of span ids declared equivalent. */
  equivalences: string[][];
  /** AnnotatorNotes by the annotated id. */
  notes: Record<string, string>;
  /** Attributes: id → attribute name → value. */
  attributes: Record<string, Record<string, string>>;
  /** Problems with single lines (line number, message). */
  problems: Array<{ line: number; message: string }>;
}

/** Parse a .ann file; with the article's text the offsets become UTF-16 and each span's text is checked. */
export function parseBrat(ann: string, text?: string): BratDocument {
  const out: BratDocument = { spans: [], events: [], relations: [], equivalences: [], notes: Object.create(null), attributes: Object.create(null), problems: [] };
  const off = text !== undefined ? new Offsets(text) : undefined;
  ann.split(/\r?\n/).forEach((line, k) => {
    if (!line.trim()) return;
    const n = k + 1;
    const cols = line.split('\t');
    const id = cols[0];
    try {
      if (/^T\d+$/.test(id)) {
        const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
        if (!m) throw new Error(`cannot read the span "${cols[1]}"`);
        const fragments = m[2].split(';').map((f) => f.split(' ').map(Number) as [number, number])
          .map(([a, b]) => (off ? [off.unit(a), off.unit(b)] : [a, b]) as [number, number]);
        const start = Math.min(...fragments.map((f) => f[0]));
        const end = Math.max(...fragments.map((f) => f[1]));
        const spanText = cols.slice(2).join('\t');
        if (text !== undefined) {
          const actual = fragments.map(([a, b]) => text.slice(a, b)).join(' ');
          if (actual !== spanText && actual.replace(/\s+/g, ' ') !== spanText.replace(/\s+/g, ' ')) {
            out.problems.push({ line: n, message: `${id}: the text "${spanText}" differs from the article's "${actual}"` });
          }
        }
        out.spans.push({ id, type: m[1], start, end, fragments, text: spanText });
      } else if (/^E\d+$/.test(id)) {
        const parts = (cols[1] ?? '').trim().split(/\s+/);
        const [type, trigger] = (parts[0] ?? '').split(':');
        if (!type || !trigger) throw new Error(`cannot read the event "${cols[1]}"`);
        out.events.push({ id, type, trigger, args: parts.slice(1).map((p) => { const [role, ref] = p.split(':'); return { role: role.replace(/\d+$/, ''), id: ref }; }) });
      } else if (/^R\d+$/.test(id)) {
        const parts = (cols[1] ?? '').trim().split(/\s+/);
        out.relations.push({ id, type: parts[0], args: parts.slice(1).map((p) => { const [role, ref] = p.split(':'); return { role, id: ref }; }) });
      } else if (id === '*') {
        const parts = (cols[1] ?? '').trim().split(/\s+/);
        if (parts[0] === 'Equiv') out.equivalences.push(parts.slice(1));
      } else if (/^#\d*$/.test(id)) {
        const ref = (cols[1] ?? '').split(' ')[1];
        if (ref) out.notes[ref] = cols.slice(2).join('\t');
      } else if (/^[AM]\d+$/.test(id)) {
        const [name, ref, value] = (cols[1] ?? '').split(' ');
        if (!ref) throw new Error(`cannot read the attribute "${cols[1]}"`);
        (out.attributes[ref] ??= Object.create(null) as Record<string, string>)[name] = value ?? 'true';
      } else {
        out.problems.push({ line: n, message: `unknown annotation "${id}"` });
      }
    } catch (e) {
      out.problems.push({ line: n, message: (e as Error).message });
    }
  });
  return out;
}

/** Attributions (PolNeAR and Byline's own export): events of type Attribution with Source, Cue and Content spans. */
export function bratAttributions(b: BratDocument): Array<{ id: string; source?: BratSpan; cue?: BratSpan; content?: BratSpan }> {
  const byId = new Map(b.spans.map((s) => [s.id, s]));
  return b.events.filter((e) => e.type === 'Attribution').map((e) => {
    const role = (r: string): BratSpan | undefined => { const a = e.args.find((x) => x.role === r); return a ? byId.get(a.id) : undefined; };
    return { id: e.id, source: role('Source'), cue: role('Cue'), content: role('Content') };
  });
}
