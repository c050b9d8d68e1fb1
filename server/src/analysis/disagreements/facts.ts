/**
 * Conflicting facts about one person across sources: a different date or place for the same event
 * ("killed on July 10" / "killed on July 11"; "in Berdyansk" / "in Melitopol"), or a different age.
 * Countries and regions are never compared as places (one contains the other too often to call it a
 * conflict), and ages one year apart are allowed (a birthday may fall between the articles).
 */
import { GlobalEntity } from '../linking';
import { Claim, Disagreement } from '../model';
import { CheckContext, listText } from './context';

export const FACT = 'fact';

const EVENT_WORDS: Record<string, string> = { killed: 'death', arrested: 'arrest', dismissed: 'dismissal' };

export function factDisagreements(ctx: CheckContext, g: GlobalEntity): Disagreement[] {
  if (g.type !== 'PER') return [];
  const claims: Array<{ uri: string; claim: Claim }> = [];
  for (const r of g.members) {
    const doc = ctx.doc(r.uri);
    if (doc) for (const c of doc.claims) if (c.local === r.local) claims.push({ uri: r.uri, claim: c });
  }
  if (new Set(claims.map((c) => c.uri)).size < 2) return [];
  const out: Disagreement[] = [];
  const firstPerDoc = <T>(list: Array<{ uri: string } & T>): Array<{ uri: string } & T> => list.filter((c, i) => list.findIndex((d) => d.uri === c.uri) === i);

  // ages
  const ages = firstPerDoc(claims.filter((c) => c.claim.predicate === 'age' && c.claim.value !== undefined));
  for (const here of ages) {
    const differing = ages.filter((o) => {
      if (o.uri === here.uri || o.claim.value === here.claim.value) return false;
      // a birthday between two articles makes one year's difference: only more is a conflict
      return Math.abs(o.claim.value! - here.claim.value!) >= 2;
    });
    if (differing.length === 0) continue;
    out.push({
      uri: here.uri, start: here.claim.start, end: here.claim.end, severity: 'warning', code: FACT,
      message: `${g.name}'s age: ${here.claim.value} here, ${listText(differing.map((o) => `${o.claim.value} in ${ctx.label(o.uri)}`))}.`,
      related: differing.map((o) => ({ uri: o.uri, start: o.claim.start, end: o.claim.end, message: `${o.claim.value} in ${ctx.label(o.uri)}` })),
      entity: g.id, key: `${FACT}:${g.id}:age`,
    });
  }

  // dates and places of the same event
  for (const predicate of new Set(claims.map((c) => c.claim.predicate).filter((p) => p !== 'age'))) {
    const of = claims.filter((c) => c.claim.predicate === predicate);
    const what = `${g.name}'s ${EVENT_WORDS[predicate] ?? predicate}`;
    const dated = firstPerDoc(of.filter((c) => c.claim.date));
    for (const here of dated) {
      const differing = dated.filter((o) => o.uri !== here.uri && o.claim.date!.value !== here.claim.date!.value);
      if (differing.length === 0) continue;
      out.push({
        uri: here.uri, start: here.claim.date!.start, end: here.claim.date!.end, severity: 'warning', code: FACT,
        message: `${what}: ${here.claim.date!.value} here, ${listText(differing.map((o) => `${o.claim.date!.value} in ${ctx.label(o.uri)}`))}.`,
        related: differing.map((o) => ({ uri: o.uri, start: o.claim.date!.start, end: o.claim.date!.end, message: `${o.claim.date!.value} in ${ctx.label(o.uri)}` })),
        entity: g.id, key: `${FACT}:${g.id}:${predicate}:date`,
      });
    }
    const placed = firstPerDoc(of.filter((c) => c.claim.place));
    const placeId = (c: { uri: string; claim: Claim }): string => ctx.entityFor(c.uri, c.claim.place!.local)?.id ?? c.claim.place!.text;
    for (const here of placed) {
      const differing = placed.filter((o) => o.uri !== here.uri && placeId(o) !== placeId(here));
      if (differing.length === 0) continue;
      out.push({
        uri: here.uri, start: here.claim.place!.start, end: here.claim.place!.end, severity: 'information', code: FACT,
        message: `${what}: in ${here.claim.place!.text} here, ${listText(differing.map((o) => `in ${o.claim.place!.text} in ${ctx.label(o.uri)}`))}.`,
        related: differing.map((o) => ({ uri: o.uri, start: o.claim.place!.start, end: o.claim.place!.end, message: `${o.claim.place!.text} in ${ctx.label(o.uri)}` })),
        entity: g.id, key: `${FACT}:${g.id}:${predicate}:place`,
      });
    }
  }
  return out;
}
