/**
 * One entity spelled differently across sources: "Andrei Gurulyov" here, "Andrey Gurulev" there.
 * Two forms disagree when a word of one and the aligned word of the other fold to the same key
 * (transliteration, doubled letter, British/American spelling) but are written differently.
 *
 * The work grows with the entity's mentions and its few distinct spellings, not with pairs of
 * articles: documents are grouped by the spellings they use, and each diagnostic names at most
 * MAX_RELATED other places.
 */
import { foldWordMemo, GlobalEntity } from '../linking';
import { Disagreement, Mention } from '../model';
import { basicFold, nameWords } from '../normalize';
import { CheckContext, MAX_RELATED, mentionsByDoc, mergeSorted, sourcesText } from './context';

export const SPELLING = 'spelling';

/** A spelling used by at least this many sources, and this many times more sources than the other spellings, is the norm. */
const DOMINANT_MIN = 3;
const DOMINANT_RATIO = 3;

/** The aligned word pairs (from the end of the name) that fold alike but are spelled differently. */
export function spellingDifferences(a: string, b: string): Array<[string, string]> {
  const wa = nameWords(a), wb = nameWords(b);
  const out: Array<[string, string]> = [];
  for (let i = 1; i <= Math.min(wa.length, wb.length); i++) {
    const x = wa[wa.length - i], y = wb[wb.length - i];
    if (wa.length === 1 && wb.length > 1 || wb.length === 1 && wa.length > 1) break; // a surname alone proves nothing about spelling
    // "D.C." / "DC", "I.R.S." / "IRS", "S.E.C." / "SEC": a house style of abbreviations, not a spelling
    const bare = (w: string): string => basicFold(w).replace(/[.\-/]/g, '');
    if (basicFold(x) !== basicFold(y) && bare(x) !== bare(y) && foldWordMemo(x) === foldWordMemo(y)) out.push([x, y]);
  }
  return out;
}

interface Form { key: number; mention: Mention; form: string }

export function spellingDisagreements(ctx: CheckContext, g: GlobalEntity, docs = mentionsByDoc(ctx, g)): Disagreement[] {
  if (g.type === 'DATE') return [];
  if (docs.length < 2) return [];
  // distinct spellings across the entity (by folded form), and each document's, with its first mention
  const keyOf = new Map<string, number>();
  const formOfText = new Map<string, { form: string; key: number }>();
  const reps: string[] = [];
  const docsWith: number[][] = [];
  const forms: Form[][] = docs.map((d, di) => {
    const list: Form[] = [];
    for (const m of d.mentions) {
      let f = formOfText.get(m.text);
      if (!f) {
        const form = nameWords(m.text).join(' ');
        const folded = basicFold(form);
        let key = keyOf.get(folded);
        if (key === undefined) { key = reps.length; keyOf.set(folded, key); reps.push(m.text); docsWith.push([]); }
        f = { form, key };
        formOfText.set(m.text, f);
      }
      // a document uses few spellings: its list is searched
      let seen = false;
      for (let i = 0; i < list.length; i++) if (list[i].key === f.key) { seen = true; break; }
      if (seen) continue;
      list.push({ key: f.key, mention: m, form: f.form });
      docsWith[f.key].push(di);
    }
    return list;
  });
  if (reps.length < 2) return [];
  // which spellings differ from which (the comparison depends only on the folded forms)
  const differing: number[][] = reps.map((a, i) => reps.map((b, j) => (i !== j && spellingDifferences(a, b).length > 0 ? j : -1)).filter((j) => j >= 0));
  const candidates = new Map<number, number[]>();
  const docsDiffering = (key: number): number[] => {
    let c = candidates.get(key);
    if (!c) { c = differing[key].length ? mergeSorted(differing[key].map((k) => docsWith[k])) : []; candidates.set(key, c); }
    return c;
  };
  const out: Disagreement[] = [];
  forms.forEach((here, hi) => {
    const uri = docs[hi].uri;
    for (const m of here) {
      const others = docsDiffering(m.key);
      if (others.length === 0) continue;
      // a spelling most sources share is not flagged where it is used: the few sources that differ carry the note
      const using = docsWith[m.key].length;
      if (using >= DOMINANT_MIN && using >= DOMINANT_RATIO * others.length) continue;
      const diff = new Set(differing[m.key]);
      const related: Disagreement['related'] = [];
      const otherForms: string[] = [];
      // others is ascending: count this document out by search, then walk only the places shown
      const total = others.length - (includesSorted(others, hi) ? 1 : 0);
      for (const di of others) {
        if (related.length >= MAX_RELATED) break;
        if (di === hi) continue;
        const o = forms[di].find((f) => diff.has(f.key))!;
        related.push({ uri: docs[di].uri, start: o.mention.start, end: o.mention.end, message: `"${o.form}" in ${ctx.label(docs[di].uri)}` });
        if (!otherForms.includes(o.form)) otherForms.push(o.form);
      }
      if (related.length === 0) continue;
      if (total > related.length) {
        // forms used only beyond the places shown still belong in the message
        for (const k of differing[m.key]) {
          const form = nameWords(reps[k]).join(' ');
          if (!otherForms.includes(form)) otherForms.push(form);
        }
      }
      const sources = [...new Set(related.map((r) => ctx.label(r.uri)))];
      out.push({
        uri, start: m.mention.start, end: m.mention.end, severity: 'warning', code: SPELLING,
        message: `${g.name}: spelled "${m.form}" here, "${listList(otherForms)}" in ${sourcesText(sources, total - related.length)}.`,
        related, entity: g.id, key: `${SPELLING}:${g.id}:${basicFold(m.form)}`,
        data: { here: m.form, there: otherForms },
      });
    }
  });
  return out;
}

function listList(items: string[]): string {
  return sourcesText(items, 0);
}

/** Whether an ascending list holds x. */
function includesSorted(list: number[], x: number): boolean {
  let lo = 0, hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] === x) return true;
    if (list[mid] < x) lo = mid + 1; else hi = mid - 1;
  }
  return false;
}
