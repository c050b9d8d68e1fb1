/**
 * Conflicting facts about one person across sources: a different date or place for the same event
 * ("killed on July 10" / "killed on July 11"; "in Berdyansk" / "in Melitopol"), or a different age.
 * Countries and regions are never compared as places (one contains the other too often to call it a
 * conflict), and ages one year apart are allowed (a birthday may fall between the articles).
 */
import { GlobalEntity } from '../linking';
import { Claim, Disagreement } from '../model';
import { CheckContext, MAX_RELATED, sourcesText } from './context';

export const FACT = 'fact';

const EVENT_WORDS: Record<string, string> = { killed: 'death', arrested: 'arrest', dismissed: 'dismissal' };

/** claims: every claim about the entity, member by member (claimsAbout in claims.ts), when the caller has them. */
export function factDisagreements(ctx: CheckContext, g: GlobalEntity, claims?: Array<{ uri: string; claim: Claim }>): Disagreement[] {
  if (g.type !== 'PER') return [];
  if (!claims) {
    claims = [];
    for (const r of g.members) {
      const doc = ctx.doc(r.uri);
      if (doc) for (const c of doc.claims) if (c.local === r.local) claims.push({ uri: r.uri, claim: c });
    }
  }
  if (new Set(claims.map((c) => c.uri)).size < 2) return [];
  const out: Disagreement[] = [];
  const firstPerDoc = <T>(list: Array<{ uri: string } & T>): Array<{ uri: string } & T> => {
    const seen = new Set<string>();
    return list.filter((c) => (seen.has(c.uri) ? false : (seen.add(c.uri), true)));
  };

  // ages
  const ages = firstPerDoc(claims.filter((c) => c.claim.predicate === 'age' && c.claim.value !== undefined));
  // a birthday between two articles makes one year's difference: only more is a conflict
  const ageDiffering = differingBy(ages, (c) => c.claim.value!, (a, b) => Math.abs(a - b) >= 2);
  for (const here of ages) {
    const differing = ageDiffering(here);
    if (differing.length === 0) continue;
    const shown = differing.slice(0, MAX_RELATED);
    out.push({
      uri: here.uri, start: here.claim.start, end: here.claim.end, severity: 'warning', code: FACT,
      message: `${g.name}'s age: ${here.claim.value} here, ${sourcesText(shown.map((o) => `${o.claim.value} in ${ctx.label(o.uri)}`), differing.length - shown.length)}.`,
      related: shown.map((o) => ({ uri: o.uri, start: o.claim.start, end: o.claim.end, message: `${o.claim.value} in ${ctx.label(o.uri)}` })),
      entity: g.id, key: `${FACT}:${g.id}:age`,
    });
  }

  // dates and places of the same event
  for (const predicate of new Set(claims.map((c) => c.claim.predicate).filter((p) => p !== 'age'))) {
    const of = claims.filter((c) => c.claim.predicate === predicate);
    const what = `${g.name}'s ${EVENT_WORDS[predicate] ?? predicate}`;
    const dated = firstPerDoc(of.filter((c) => c.claim.date));
    const dateDiffering = differingBy(dated, (c) => c.claim.date!.value, (a, b) => a !== b);
    for (const here of dated) {
      const differing = dateDiffering(here);
      if (differing.length === 0) continue;
      const shown = differing.slice(0, MAX_RELATED);
      out.push({
        uri: here.uri, start: here.claim.date!.start, end: here.claim.date!.end, severity: 'warning', code: FACT,
        message: `${what}: ${here.claim.date!.value} here, ${sourcesText(shown.map((o) => `${o.claim.date!.value} in ${ctx.label(o.uri)}`), differing.length - shown.length)}.`,
        related: shown.map((o) => ({ uri: o.uri, start: o.claim.date!.start, end: o.claim.date!.end, message: `${o.claim.date!.value} in ${ctx.label(o.uri)}` })),
        entity: g.id, key: `${FACT}:${g.id}:${predicate}:date`,
      });
    }
    const placed = firstPerDoc(of.filter((c) => c.claim.place));
    const placeId = (c: { uri: string; claim: Claim }): string => ctx.entityFor(c.uri, c.claim.place!.local)?.id ?? c.claim.place!.text;
    const placeDiffering = differingBy(placed, placeId, (a, b) => a !== b);
    for (const here of placed) {
      const differing = placeDiffering(here);
      if (differing.length === 0) continue;
      const shown = differing.slice(0, MAX_RELATED);
      out.push({
        uri: here.uri, start: here.claim.place!.start, end: here.claim.place!.end, severity: 'information', code: FACT,
        message: `${what}: in ${here.claim.place!.text} here, ${sourcesText(shown.map((o) => `in ${o.claim.place!.text} in ${ctx.label(o.uri)}`), differing.length - shown.length)}.`,
        related: shown.map((o) => ({ uri: o.uri, start: o.claim.place!.start, end: o.claim.place!.end, message: `${o.claim.place!.text} in ${ctx.label(o.uri)}` })),
        entity: g.id, key: `${FACT}:${g.id}:${predicate}:place`,
      });
    }
  }
  return out;
}

/**
 * For items of a list (at most one per document), the others whose key differs from theirs, in list
 * order: worked out once per distinct key, so that many sources giving few values cost no more than
 * the sources times the values.
 */
function differingBy<T, K>(list: T[], keyOf: (x: T) => K, differs: (a: K, b: K) => boolean): (here: T) => T[] {
  const keys = list.map(keyOf);
  const byKey = new Map<K, T[]>();
  return (here: T): T[] => {
    const k = keyOf(here);
    let out = byKey.get(k);
    if (!out) { out = list.filter((_, i) => differs(keys[i], k)); byKey.set(k, out); }
    return out;
  };
}
