/**
 * CoNLL IOB2: one token per line (the project tokenizer), its entity tag (B-PER, I-PER, O, ...) after a
 * tab, a blank line between sentences, and a -DOCSTART- line before each article.
 */
import { layout } from '../analysis/text';
import { ExportDoc } from './common';

export function toConll(d: ExportDoc): string {
  const { tokens, sentences } = layout(d.text);
  const mentions = d.doc.mentions;
  const lines: string[] = [`-DOCSTART-\tO\t# ${d.path}`, ''];
  let k = 0;
  for (const s of sentences) {
    const before = lines.length;
    let prev = -1;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const tok = tokens[i];
      while (k < mentions.length && mentions[k].end <= tok.start) k++;
      const m = k < mentions.length && mentions[k].start < tok.end ? mentions[k] : undefined;
      const label = m ? `${prev === k ? 'I' : 'B'}-${m.type}` : 'O';
      prev = m ? k : -1;
      const word = tok.text.replace(/\s+/g, '_');
      if (word) lines.push(`${word}\t${label}`);
    }
    if (lines.length > before) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** Read IOB2 back into spans over the token texts (for round trips): one entry per -DOCSTART- block. */
export function parseConll(content: string): Array<{ tokens: string[]; labels: string[] }> {
  const docs: Array<{ tokens: string[]; labels: string[] }> = [];
  for (const line of content.split(/\r?\n/)) {
    if (line.startsWith('-DOCSTART-')) { docs.push({ tokens: [], labels: [] }); continue; }
    if (!line.trim() || docs.length === 0) continue;
    const [token, label] = line.split('\t');
    docs[docs.length - 1].tokens.push(token);
    docs[docs.length - 1].labels.push(label ?? 'O');
  }
  return docs;
}
