/**
 * brat standoff (.ann): T lines for entity mentions with their types, each quote as a PolNeAR-style
 * attribution (Source, Cue and Content spans tied together by an Attribution event), `*\tEquiv` lines for
 * the mentions of one entity, and the global entity id as an AnnotatorNotes comment. Offsets are code
 * points; a span that crosses a line break is written as fragments, as brat requires.
 */
import { ExportDoc, Offsets } from './common';

export function toBrat(d: ExportDoc): string {
  const off = new Offsets(d.text);
  const lines: string[] = [];
  let t = 0, e = 0, note = 0;
  const span = (start: number, end: number, type: string): string => {
    const id = `T${++t}`;
    const frags: Array<[number, number]> = [];
    let s = start;
    for (let i = start; i <= end; i++) {
      if (i === end || d.text[i] === '\n' || d.text[i] === '\r') {
        // trim each fragment; brat fragments never hold a line break
        let a = s, b = i;
        while (a < b && /\s/.test(d.text[a])) a++;
        while (b > a && /\s/.test(d.text[b - 1])) b--;
        if (b > a) frags.push([a, b]);
        s = i + 1;
      }
    }
    if (frags.length === 0) frags.push([start, end]);
    const where = frags.map(([a, b]) => `${off.codePoint(a)} ${off.codePoint(b)}`).join(';');
    lines.push(`${id}\t${type} ${where}\t${frags.map(([a, b]) => d.text.slice(a, b)).join(' ')}`);
    return id;
  };
  const byLocal = new Map<number, string[]>();
  d.doc.mentions.forEach((m) => {
    const id = span(m.start, m.end, m.type);
    const list = byLocal.get(m.local) ?? [];
    list.push(id);
    byLocal.set(m.local, list);
    const g = m.type === 'DATE' ? undefined : d.entityId(m.local);
    if (g) lines.push(`#${++note}\tAnnotatorNotes ${id}\t${g}`);
    else if (m.value) lines.push(`#${++note}\tAnnotatorNotes ${id}\t${m.value}`);
  });
  for (const [local, ids] of [...byLocal].sort((a, b) => a[0] - b[0])) {
    if (ids.length > 1 && d.doc.entities[local]?.type !== 'DATE') lines.push(`*\tEquiv ${ids.join(' ')}`);
  }
  for (const q of d.doc.quotes) {
    if (q.end <= q.start) continue;
    const args: string[] = [];
    const content = span(q.start, q.end, 'Content');
    const cue = q.cue ? span(q.cue.start, q.cue.end, 'Cue') : undefined;
    const source = q.speaker && q.speaker.end > q.speaker.start ? span(q.speaker.start, q.speaker.end, 'Source') : undefined;
    const trigger = q.cue ? span(q.cue.start, q.cue.end, 'Attribution') : span(q.start, q.end, 'Attribution');
    args.push(`Content:${content}`);
    if (cue) args.push(`Cue:${cue}`);
    if (source) args.push(`Source:${source}`);
    const ev = `E${++e}`;
    lines.push(`${ev}\tAttribution:${trigger} ${args.join(' ')}`);
    lines.push(`#${++note}\tAnnotatorNotes ${ev}\tkind=${q.kind}${q.speaker ? ` via=${q.speaker.via}` : ''}${q.speaker && d.entityId(q.speaker.local) ? ` speaker=${d.entityId(q.speaker.local)}` : ''}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
