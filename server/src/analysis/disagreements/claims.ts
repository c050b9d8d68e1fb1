/**
 * A claim hedged in one source and asserted in another: "is said to have been killed ... has not been
 * officially confirmed" against "was killed".
 */
import { GlobalEntity } from '../linking';
import { Claim, Disagreement } from '../model';
import { CheckContext, listText } from './context';

export const HEDGE = 'hedge';

const PREDICATE_WORDS: Record<string, string> = { killed: 'death', arrested: 'arrest', dismissed: 'dismissal' };

export function claimDisagreements(ctx: CheckContext, g: GlobalEntity): Disagreement[] {
  if (g.type !== 'PER') return [];
  const claims: Array<{ uri: string; claim: Claim }> = [];
  for (const r of g.members) {
    const doc = ctx.doc(r.uri);
    if (!doc) continue;
    for (const c of doc.claims) if (c.local === r.local) claims.push({ uri: r.uri, claim: c });
  }
  const out: Disagreement[] = [];
  const predicates = new Set(claims.map((c) => c.claim.predicate));
  for (const p of predicates) {
    const of = claims.filter((c) => c.claim.predicate === p);
    // one claim per document and stance: the first
    const firstPer = (list: typeof of): typeof of => list.filter((c, i) => list.findIndex((d) => d.uri === c.uri) === i);
    const hedged = firstPer(of.filter((c) => c.claim.hedged));
    const asserted = firstPer(of.filter((c) => !c.claim.hedged));
    const what = `${g.name}'s ${PREDICATE_WORDS[p] ?? p}`;
    for (const h of hedged) {
      const against = asserted.filter((a) => a.uri !== h.uri);
      if (against.length === 0) continue;
      const sources = [...new Set(against.map((a) => ctx.label(a.uri)))];
      out.push({
        uri: h.uri, start: h.claim.start, end: h.claim.end, severity: 'information', code: HEDGE,
        message: `${what} is hedged here ("${h.claim.hedge}") but stated as fact in ${listText(sources)}.`,
        related: against.map((a) => ({ uri: a.uri, start: a.claim.start, end: a.claim.end, message: `stated as fact in ${ctx.label(a.uri)}` })),
        entity: g.id, key: `${HEDGE}:${g.id}:${p}:hedged`,
      });
    }
    for (const a of asserted) {
      const against = hedged.filter((h) => h.uri !== a.uri);
      if (against.length === 0) continue;
      const sources = [...new Set(against.map((h) => ctx.label(h.uri)))];
      out.push({
        uri: a.uri, start: a.claim.start, end: a.claim.end, severity: 'warning', code: HEDGE,
        message: `${what} is stated as fact here, but ${listText(sources)} reports it as unconfirmed ("${against[0].claim.hedge}").`,
        related: against.map((h) => ({ uri: h.uri, start: h.claim.start, end: h.claim.end, message: `hedged in ${ctx.label(h.uri)}: "${h.claim.hedge}"` })),
        entity: g.id, key: `${HEDGE}:${g.id}:${p}:asserted`,
      });
    }
  }
  return out;
}
