/**
 * A claim hedged in one source and asserted in another: "is said to have been killed ... has not been
 * officially confirmed" against "was killed".
 */
import { GlobalEntity } from '../linking';
import { Claim, Disagreement } from '../model';
import { CheckContext, MAX_RELATED, sourcesText } from './context';

export const HEDGE = 'hedge';

const PREDICATE_WORDS: Record<string, string> = { killed: 'death', arrested: 'arrest', dismissed: 'dismissal' };

type Ref = { uri: string; claim: Claim };

/** One claim per document and stance: the first. */
function firstPer(list: Ref[]): Ref[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.uri) ? false : (seen.add(c.uri), true)));
}

/** Every claim about an entity (a person), member by member: what the hedge and fact checks read. */
export function claimsAbout(ctx: CheckContext, g: GlobalEntity): Ref[] {
  const claims: Ref[] = [];
  for (const r of g.members) {
    const doc = ctx.doc(r.uri);
    if (!doc) continue;
    for (const c of doc.claims) if (c.local === r.local) claims.push({ uri: r.uri, claim: c });
  }
  return claims;
}

/** claims: claimsAbout(ctx, g), when the caller has them. */
export function claimDisagreements(ctx: CheckContext, g: GlobalEntity, claims?: Ref[]): Disagreement[] {
  if (g.type !== 'PER') return [];
  claims ??= claimsAbout(ctx, g);
  const out: Disagreement[] = [];
  if (claims.length < 2) return out;
  const predicates = new Set(claims.map((c) => c.claim.predicate));
  for (const p of predicates) {
    const of = claims.filter((c) => c.claim.predicate === p);
    const hedged = firstPer(of.filter((c) => c.claim.hedged));
    const asserted = firstPer(of.filter((c) => !c.claim.hedged));
    if (hedged.length === 0 || asserted.length === 0) continue;
    const what = `${g.name}'s ${PREDICATE_WORDS[p] ?? p}`;
    /** The first MAX_RELATED of list from other documents than uri, and how many more there are. */
    const othersThan = (list: Ref[], uri: string): { shown: Ref[]; more: number } => {
      const shown: Ref[] = [];
      let total = 0;
      for (const x of list) {
        if (x.uri === uri) continue;
        total++;
        if (shown.length < MAX_RELATED) shown.push(x);
      }
      return { shown, more: total - shown.length };
    };
    for (const h of hedged) {
      const { shown: against, more } = othersThan(asserted, h.uri);
      if (against.length === 0) continue;
      const sources = [...new Set(against.map((a) => ctx.label(a.uri)))];
      out.push({
        uri: h.uri, start: h.claim.start, end: h.claim.end, severity: 'information', code: HEDGE,
        message: `${what} is hedged here ("${h.claim.hedge}") but stated as fact in ${sourcesText(sources, more)}.`,
        related: against.map((a) => ({ uri: a.uri, start: a.claim.start, end: a.claim.end, message: `stated as fact in ${ctx.label(a.uri)}` })),
        entity: g.id, key: `${HEDGE}:${g.id}:${p}:hedged`,
      });
    }
    for (const a of asserted) {
      const { shown: against, more } = othersThan(hedged, a.uri);
      if (against.length === 0) continue;
      const sources = [...new Set(against.map((h) => ctx.label(h.uri)))];
      out.push({
        uri: a.uri, start: a.claim.start, end: a.claim.end, severity: 'warning', code: HEDGE,
        message: `${what} is stated as fact here, but ${sourcesText(sources, more)} reports it as unconfirmed ("${against[0].claim.hedge}").`,
        related: against.map((h) => ({ uri: h.uri, start: h.claim.start, end: h.claim.end, message: `hedged in ${ctx.label(h.uri)}: "${h.claim.hedge}"` })),
        entity: g.id, key: `${HEDGE}:${g.id}:${p}:asserted`,
      });
    }
  }
  return out;
}
