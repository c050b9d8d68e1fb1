/**
 * Different titles or ranks for one person across sources: "Maj Gen" here, "General" there.
 * Where one is only less specific (General against Major General) the severity is lower.
 * Sources are grouped by the rank they give, so the work grows with the sources, not their pairs.
 */
import { GlobalEntity } from '../linking';
import { Disagreement, Title } from '../model';
import { lessSpecific } from '../titles';
import { CheckContext, MAX_RELATED, mentionsByDoc, mergeSorted, sourcesText } from './context';

export const TITLE = 'title';

export function titleDisagreements(ctx: CheckContext, g: GlobalEntity, docs = mentionsByDoc(ctx, g)): Disagreement[] {
  if (g.type !== 'PER') return [];
  // each document's first military rank for this person
  const ranks: Array<{ uri: string; title: Title }> = [];
  for (const d of docs) {
    const title = d.mentions.map((m) => m.title).find((t): t is Title => !!t && t.rank !== undefined);
    if (title) ranks.push({ uri: d.uri, title });
  }
  if (ranks.length < 2) return [];
  // ranks grouped by normalised title (each group: a representative title and the indices of its sources)
  const groups = new Map<string, { title: Title; at: number[] }>();
  ranks.forEach((r, i) => {
    const k = `${r.title.normalized}\u0000${r.title.rank}`;
    const grp = groups.get(k);
    if (grp) grp.at.push(i); else groups.set(k, { title: r.title, at: [i] });
  });
  if (new Set(ranks.map((r) => r.title.normalized)).size < 2) return [];
  const shownFor = new Map<string, { conflict: boolean; at: number[] }>();
  const out: Disagreement[] = [];
  for (const here of ranks) {
    const hk = `${here.title.normalized}\u0000${here.title.rank}`;
    let shownGroup = shownFor.get(hk);
    if (!shownGroup) {
      const differing = [...groups.values()].filter((grp) => grp.title.normalized !== here.title.normalized);
      const conflicts = differing.filter((o) => !lessSpecific(here.title, o.title) && !lessSpecific(o.title, here.title));
      const moreSpecific = differing.filter((o) => lessSpecific(here.title, o.title));
      const shown = conflicts.length ? conflicts : moreSpecific;
      shownGroup = { conflict: conflicts.length > 0, at: shown.length ? mergeSorted(shown.map((s) => s.at)) : [] };
      shownFor.set(hk, shownGroup);
    }
    if (shownGroup.at.length === 0) continue; // here is the more specific one: the other side carries the note
    const shown = shownGroup.at.slice(0, MAX_RELATED).map((i) => ranks[i]);
    const more = shownGroup.at.length - shown.length;
    const conflict = shownGroup.conflict;
    const others = shown.map((o) => `"${o.title.text}" in ${ctx.label(o.uri)}`);
    out.push({
      uri: here.uri, start: here.title.start, end: here.title.end,
      severity: conflict ? 'warning' : 'information', code: TITLE,
      message: conflict
        ? `${g.name}: rank "${here.title.text}" here, but ${sourcesText(others, more)}.`
        : `${g.name}: "${here.title.text}" here is less specific than ${sourcesText(others, more)}.`,
      related: shown.map((o) => ({ uri: o.uri, start: o.title.start, end: o.title.end, message: `"${o.title.text}" (${o.title.normalized})` })),
      entity: g.id, key: `${TITLE}:${g.id}:${here.title.normalized}`,
    });
  }
  return out;
}
