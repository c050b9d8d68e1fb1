/**
 * JSON lines in the spaCy / Prodigy span style: one article per line,
 * {"text", "spans": [{"start", "end", "label", "text"}], "meta": {...}}, offsets in code points (as Python
 * counts them). Quotes ride along as "attributions" with their speaker and cue spans.
 */
import { ExportDoc, Offsets } from './common';

export interface JsonlSpan { start: number; end: number; label: string; text?: string; entity?: string }
export interface JsonlRecord {
  text: string;
  spans: JsonlSpan[];
  attributions?: Array<{ content: JsonlSpan; source?: JsonlSpan; cue?: JsonlSpan; kind: string }>;
  meta: Record<string, unknown>;
}

export function toJsonlRecord(d: ExportDoc): JsonlRecord {
  const off = new Offsets(d.text);
  const sp = (start: number, end: number, label: string, entity?: string): JsonlSpan => ({
    start: off.codePoint(start), end: off.codePoint(end), label, text: d.text.slice(start, end), ...(entity ? { entity } : {}),
  });
  return {
    text: d.text,
    spans: d.doc.mentions.map((m) => sp(m.start, m.end, m.type, m.type === 'DATE' ? undefined : d.entityId(m.local))),
    attributions: d.doc.quotes.map((q) => ({
      content: sp(q.start, q.end, 'Content'), kind: q.kind,
      ...(q.speaker && q.speaker.end > q.speaker.start ? { source: sp(q.speaker.start, q.speaker.end, 'Source', d.entityId(q.speaker.local)) } : {}),
      ...(q.cue ? { cue: sp(q.cue.start, q.cue.end, 'Cue') } : {}),
    })),
    meta: { path: d.path, source: d.source, ...d.doc.metadata, offsets: 'code points' },
  };
}

export function toJsonl(docs: ExportDoc[]): string {
  return docs.map((d) => `${JSON.stringify(toJsonlRecord(d))}\n`).join('');
}

/** Read JSON lines back, with spans converted to UTF-16 offsets into each record's text. */
export function parseJsonl(content: string): JsonlRecord[] {
  const out: JsonlRecord[] = [];
  content.split('\n').forEach((line, k) => {
    if (!line.trim()) return;
    let r: JsonlRecord;
    try { r = JSON.parse(line) as JsonlRecord; } catch (e) { throw new Error(`line ${k + 1}: ${(e as Error).message}`); }
    if (typeof r?.text !== 'string' || !Array.isArray(r.spans)) throw new Error(`line ${k + 1}: expected {"text", "spans"}`);
    const off = new Offsets(r.text);
    const conv = (s: JsonlSpan): JsonlSpan => ({ ...s, start: off.unit(s.start), end: off.unit(s.end) });
    out.push({ ...r, spans: r.spans.map(conv),
      attributions: r.attributions?.map((a) => ({ ...a, content: conv(a.content), ...(a.source ? { source: conv(a.source) } : {}), ...(a.cue ? { cue: conv(a.cue) } : {}) })) });
  });
  return out;
}
