/**
 * Claims about people that sources may hedge or assert: a death, an arrest, a dismissal.
 * "Lt Gen Oleg Tsokov - is said to have been killed ... his death has not been officially confirmed"
 * is a hedged claim; "Among the casualties was Lieutenant General Oleg Tsokov" an asserted one.
 */
import { Claim, Mention } from './model';
import { COUNTRIES } from './ner/places';
import { TextLayout } from './text';

const COUNTRY_NAMES = new Set(COUNTRIES.map((c) => c.toLowerCase()));

/**
 * Predicates with the place of their subject: 'before' (the person named before the verb in the same
 * clause: "X ... was killed"), 'possessive' ("X's death"), 'after' ("Among the casualties was X", "the death of X").
 */
const PREDICATES: Array<{ re: RegExp; predicate: string; subject: 'before' | 'possessive' | 'after'; needs: string[] }> = [
  { re: /\b(?:was|were|been|be|is|being|got)\s+killed\b|\bdied\b|\b(?:is|was)\s+dead\b|\bbelieved\s+dead\b/gi, predicate: 'killed', subject: 'before',
    needs: ['killed', 'died', 'dead'] },
  { re: /^['\u2019]s?\s+(?:death|killing)\b/gi, predicate: 'killed', subject: 'possessive', needs: ['death', 'killing'] },
  { re: /\b(?:among\s+the\s+(?:casualties|dead)\s+(?:was|were)|the\s+(?:death|killing)\s+of)\s+$/gi, predicate: 'killed', subject: 'after',
    needs: ['casualties', 'dead', 'death', 'killing'] },
  { re: /\b(?:was|were|been|be|is|being|got)\s+arrested\b|\b(?:was|were|been|be|is|being)\s+detained\b/gi, predicate: 'arrested', subject: 'before',
    needs: ['arrested', 'detained'] },
  { re: /^['\u2019]s?\s+arrest\b/gi, predicate: 'arrested', subject: 'possessive', needs: ['arrest'] },
];

const HEDGES = /\b(?:is|are|was|were)\s+said\s+to\b|\breportedly\b|\ballegedly\b|\bbelieved\s+(?:to\b|dead\b)|\bis\s+believed\b|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:officially\s+|independently\s+)?(?:confirmed|verified)\b|\bunconfirmed\b|\bunverified\b|\b(?:may|might|could)\s+have\s+been\b|\brumou?red\b|\bpossibly\b|\bapparently\b|\bmedia\s+reports\s+that\b/i;

const MAX_DISTANCE = 160;

export function findClaims(text: string, layout: TextLayout, mentions: Mention[]): Claim[] {
  const claims: Claim[] = [];
  // A predicate whose pattern needs one of a few words (ASCII letters, matched case-insensitively) the
  // article does not contain cannot match anywhere in it: skip it.
  const lower = text.toLowerCase();
  const predicates = PREDICATES.filter((p) => p.needs.some((w) => lower.includes(w)));
  let mi = 0;
  for (const s of layout.sentences) {
    while (mi < mentions.length && mentions[mi].end <= s.start) mi++;
    const people: Mention[] = [];
    for (let k = mi; k < mentions.length && mentions[k].start < s.end; k++) if (mentions[k].type === 'PER') people.push(mentions[k]);
    if (people.length === 0) continue;
    if (predicates.length === 0) continue;
    const sentence = text.slice(s.start, s.end);
    let hedge: RegExpExecArray | null | undefined; // looked for once the sentence has a claim
    const found = (subject: Mention, at: number, atEnd: number, predicate: string): void => {
      if (subject.local < 0) return;
      if (claims.some((c) => c.local === subject.local && c.predicate === predicate && c.start >= s.start)) return;
      if (hedge === undefined) hedge = HEDGES.exec(sentence);
      const claim: Claim = {
        start: Math.min(subject.start, at), end: Math.max(subject.end, atEnd), local: subject.local, predicate,
        hedged: hedge !== null, hedge: hedge?.[0], text: sentence.length > 240 ? `${sentence.slice(0, 237)}...` : sentence,
      };
      // when and where, said in the same sentence
      for (let k = mi; k < mentions.length && mentions[k].start < s.end; k++) {
        const m = mentions[k];
        if (m.type === 'DATE' && m.value && /^\d{4}-\d{2}-\d{2}$/.test(m.value) && !claim.date) {
          claim.date = { start: m.start, end: m.end, value: m.value };
        }
        if (m.type === 'LOC' && !claim.place && m.start >= atEnd && !m.qualifier && !COUNTRY_NAMES.has(m.text.toLowerCase()) &&
          /\b(?:in|near|at|outside|over)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$/.test(text.slice(Math.max(s.start, m.start - 30), m.start)) && m.local >= 0) {
          claim.place = { start: m.start, end: m.end, text: m.text, local: m.local };
        }
      }
      claims.push(claim);
    };
    for (const p of predicates) {
      if (p.subject === 'before') {
        p.re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = p.re.exec(sentence)) !== null) {
          const at = s.start + m.index;
          let subject: Mention | undefined;
          for (const person of people) if (person.end <= at && at - person.end <= MAX_DISTANCE) subject = person;
          // no other clause in between: a full stop, a semicolon or "and" + new subject would break it
          if (subject && !/[;]|\b(?:but|while|whereas|he|she|they|who|which)\b/i.test(text.slice(subject.end, at))) found(subject, at, at + m[0].length, p.predicate);
        }
      } else if (p.subject === 'possessive') {
        for (const person of people) {
          p.re.lastIndex = 0;
          const m = p.re.exec(text.slice(person.end, Math.min(s.end, person.end + 20)));
          if (m) found(person, person.end, person.end + m[0].length, p.predicate);
        }
      } else {
        for (const person of people) {
          p.re.lastIndex = 0;
          const before = text.slice(Math.max(s.start, person.start - 60), person.start);
          const titleFree = before.replace(/(?:[A-Z][a-z]*\.?[\s-]+){1,3}$/, '');
          const m = p.re.exec(titleFree) ?? p.re.exec(before);
          if (m) found(person, person.start - (before.length - m.index), person.end, p.predicate);
        }
      }
    }
  }
  findAges(text, mentions, claims);
  return claims.sort((a, b) => a.start - b.start);
}

/** "Ivan Popov, 48, ...", "48-year-old Ivan Popov", "Ivan Popov, aged 48" */
function findAges(text: string, mentions: Mention[], claims: Claim[]): void {
  for (const m of mentions) {
    if (m.type !== 'PER' || m.local < 0) continue;
    const after = /^,\s+(?:aged\s+)?(\d{1,3}),/.exec(text.slice(m.end, m.end + 12));
    const before = /\b(\d{1,3})-year-old\s+(?:[A-Z][a-z]*\.?\s+){0,3}$/.exec(text.slice(Math.max(0, m.start - 50), m.start));
    const hit = after ?? before;
    if (!hit) continue;
    const age = Number(hit[1]);
    if (age < 16 || age > 110) continue; // "Sanders, 1, ..." in a list is no age
    const start = after ? m.end + after[0].indexOf(hit[1]) : m.start - (Math.min(50, m.start) - before!.index);
    claims.push({ start, end: start + hit[1].length, local: m.local, predicate: 'age', hedged: false, value: age, text: text.slice(Math.min(m.start, start), Math.max(m.end, start + hit[1].length)) });
  }
}
