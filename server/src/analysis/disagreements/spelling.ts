/**
 * One entity spelled differently across sources: "Andrei Gurulyov" here, "Andrey Gurulev" there.
 * Two forms disagree when a word of one and the aligned word of the other fold to the same key
 * (transliteration, doubled letter, British/American spelling) but are written differently.
 */
import { GlobalEntity } from '../linking';
import { Disagreement, Mention } from '../model';
import { basicFold, foldWord, nameWords } from '../normalize';
import { CheckContext, listText, mentionsByDoc } from './context';

export const SPELLING = 'spelling';

/** The aligned word pairs (from the end of the name) that fold alike but are spelled differently. */
export function spellingDifferences(a: string, b: string): Array<[string, string]> {
  const wa = nameWords(a), wb = nameWords(b);
  const out: Array<[string, string]> = [];
  for (let i = 1; i <= Math.min(wa.length, wb.length); i++) {
    const x = wa[wa.length - i], y = wb[wb.length - i];
    if (basicFold(x) !== basicFold(y) && foldWord(x) === foldWord(y)) out.push([x, y]);
  }
  return out;
}

export function spellingDisagreements(ctx: CheckContext, g: GlobalEntity): Disagreement[] {
  if (g.type === 'DATE') return [];
  const docs = mentionsByDoc(ctx, g);
  if (docs.length < 2) return [];
  // each document's distinct forms, with the first mention of each
  const forms = docs.map((d) => {
    const seen = new Map<string, Mention>();
    for (const m of d.mentions) {
      const form = nameWords(m.text).join(' ');
      if (!seen.has(basicFold(form))) seen.set(basicFold(form), m);
    }
    return { uri: d.uri, forms: [...seen.values()] };
  });
  const out: Disagreement[] = [];
  for (const here of forms) {
    for (const m of here.forms) {
      const related: Disagreement['related'] = [];
      const otherForms: string[] = [];
      for (const there of forms) {
        if (there.uri === here.uri) continue;
        for (const o of there.forms) {
          if (spellingDifferences(m.text, o.text).length === 0) continue;
          const form = nameWords(o.text).join(' ');
          related.push({ uri: there.uri, start: o.start, end: o.end, message: `"${form}" in ${ctx.label(there.uri)}` });
          if (!otherForms.includes(form)) otherForms.push(form);
          break;
        }
      }
      if (related.length === 0) continue;
      const form = nameWords(m.text).join(' ');
      const sources = [...new Set(related.map((r) => ctx.label(r.uri)))];
      out.push({
        uri: here.uri, start: m.start, end: m.end, severity: 'warning', code: SPELLING,
        message: `${g.name}: spelled "${form}" here, "${listText(otherForms.map((f) => f))}" in ${listText(sources)}.`,
        related, entity: g.id, key: `${SPELLING}:${g.id}:${basicFold(form)}`,
        data: { here: form, there: otherForms },
      });
    }
  }
  return out;
}
