/**
 * Different titles or ranks for one person across sources: "Maj Gen" here, "General" there.
 * Where one is only less specific (General against Major General) the severity is lower.
 */
import { GlobalEntity } from '../linking';
import { Disagreement, Title } from '../model';
import { lessSpecific } from '../titles';
import { CheckContext, listText, mentionsByDoc } from './context';

export const TITLE = 'title';

export function titleDisagreements(ctx: CheckContext, g: GlobalEntity): Disagreement[] {
  if (g.type !== 'PER') return [];
  const docs = mentionsByDoc(ctx, g);
  // each document's first military rank for this person
  const ranks = docs
    .map((d) => ({ uri: d.uri, title: d.mentions.map((m) => m.title).find((t): t is Title => !!t && t.rank !== undefined) }))
    .filter((x): x is { uri: string; title: Title } => !!x.title);
  if (ranks.length < 2) return [];
  const out: Disagreement[] = [];
  for (const here of ranks) {
    const differing = ranks.filter((o) => o.uri !== here.uri && o.title.normalized !== here.title.normalized);
    if (differing.length === 0) continue;
    const conflicts = differing.filter((o) => !lessSpecific(here.title, o.title) && !lessSpecific(o.title, here.title));
    const moreSpecific = differing.filter((o) => lessSpecific(here.title, o.title));
    const shown = conflicts.length ? conflicts : moreSpecific;
    if (shown.length === 0) continue; // here is the more specific one: the other side carries the note
    const conflict = conflicts.length > 0;
    const others = shown.map((o) => `"${o.title.text}" in ${ctx.label(o.uri)}`);
    out.push({
      uri: here.uri, start: here.title.start, end: here.title.end,
      severity: conflict ? 'warning' : 'information', code: TITLE,
      message: conflict
        ? `${g.name}: rank "${here.title.text}" here, but ${listText(others)}.`
        : `${g.name}: "${here.title.text}" here is less specific than ${listText(others)}.`,
      related: shown.map((o) => ({ uri: o.uri, start: o.title.start, end: o.title.end, message: `"${o.title.text}" (${o.title.normalized})` })),
      entity: g.id, key: `${TITLE}:${g.id}:${here.title.normalized}`,
    });
  }
  return out;
}
