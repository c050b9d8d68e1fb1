/**
 * First-version quote finder: double-quoted spans within a paragraph, a cue verb and speaker next
 * to them, pronouns resolved to the last person named, unattributed quote paragraphs continuing the
 * previous speaker. The attribution issue replaces this behind the same function.
 */
import { LocalEntity, Mention, Quote, QuoteSpeaker } from '../model';
import { TextLayout } from '../text';

const OPEN = new Set(['"', '\u201c']);
const CLOSE = new Set(['"', '\u201d']);
const CUES = /\b(said|says|added|stated|told|claimed|wrote|insisted|warned|asked|explained|noted)\b/;

export function findQuotes(text: string, layout: TextLayout, mentions: Mention[], entities: LocalEntity[]): Quote[] {
  const quotes: Quote[] = [];
  let lastSpeaker: QuoteSpeaker | undefined;
  let lastQuoteParagraph = -2;
  layout.paragraphs.forEach((p, pi) => {
    let i = p.start;
    while (i < p.end) {
      const c = text[i];
      if (!OPEN.has(c)) { i++; continue; }
      let j = i + 1;
      while (j < p.end && !CLOSE.has(text[j]) && !(text[j] === '"' && c === '"')) j++;
      if (j >= p.end) break; // unbalanced: never cross the paragraph
      let qs = i + 1, qe = j;
      while (qe > qs && /[\s,.]/.test(text[qe - 1])) qe--;
      const words = text.slice(qs, qe).split(/\s+/).length;
      const before = text.slice(p.start, i).trim();
      const kind = words <= 4 && before.length > 0 && !/[:,]$/.test(before) ? 'partial' : 'direct';
      const q: Quote = { start: qs, end: qe, text: text.slice(qs, qe), kind, paragraph: pi };
      if (kind === 'direct') {
        const after = text.slice(j + 1, Math.min(p.end, j + 120));
        const cueAfter = CUES.exec(after);
        const attribution = cueAfter && cueAfter.index < 60 ? { off: j + 1, str: after, cue: cueAfter } : undefined;
        const cueBefore = !attribution ? CUES.exec(before) : null;
        const att = attribution ?? (cueBefore ? { off: p.start + (text.slice(p.start, i).length - text.slice(p.start, i).trimStart().length), str: before, cue: cueBefore } : undefined);
        if (att) {
          const cueStart = att.off + att.cue.index;
          q.cue = { start: cueStart, end: cueStart + att.cue[0].length, text: att.cue[0], lemma: lemma(att.cue[0]) };
          q.speaker = speakerNear(text, mentions, entities, cueStart, att.off, att.off + att.str.length, lastSpeaker, pi);
        } else if (lastSpeaker && lastQuoteParagraph >= pi - 1) {
          q.speaker = { ...lastSpeaker, via: 'continuation' };
        }
        if (q.speaker) lastSpeaker = q.speaker;
        lastQuoteParagraph = pi;
      }
      quotes.push(q);
      i = j + 1;
      qs = qe = 0;
    }
  });
  return quotes;
}

function lemma(cue: string): string {
  const w = cue.toLowerCase();
  if (w === 'said' || w === 'says') return 'say';
  if (w === 'told') return 'tell';
  if (w === 'wrote') return 'write';
  return w.replace(/ed$/, '').replace(/e?s$/, '');
}

function speakerNear(text: string, mentions: Mention[], entities: LocalEntity[], cue: number, from: number, to: number,
  last: QuoteSpeaker | undefined, paragraph: number): QuoteSpeaker | undefined {
  // the person mention closest to the cue within the attribution
  let best: Mention | undefined;
  let bestIndex = -1;
  mentions.forEach((m, k) => {
    if (m.type !== 'PER' || m.start < from || m.end > to) return;
    if (!best || Math.abs(m.start - cue) < Math.abs(best.start - cue)) { best = m; bestIndex = k; }
  });
  if (best) return { start: best.start, end: best.end, text: best.text, local: best.local, via: 'explicit' };
  void bestIndex; void entities; void paragraph;
  const pron = /\b(he|she)\b/i.exec(text.slice(from, to));
  if (pron) {
    const start = from + pron.index;
    // the last person named before the pronoun
    let prev: Mention | undefined;
    for (const m of mentions) { if (m.type === 'PER' && m.end <= start) prev = m; }
    const local = prev ? prev.local : last ? last.local : -1;
    return { start, end: start + pron[0].length, text: pron[0], local, via: 'pronoun' };
  }
  const role = /\bthe (commander|general|minister|spokesman|official)\b/i.exec(text.slice(from, to));
  if (role && last) {
    const start = from + role.index;
    return { start, end: start + role[0].length, text: role[0], local: last.local, via: 'role' };
  }
  return undefined;
}
