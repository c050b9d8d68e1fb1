/**
 * Mentions from a list of entities and their surface forms, for tests that must not depend on
 * the entity recognizer: every occurrence of a form (longest forms first, whole words) becomes a
 * mention of that entity.
 */
import type { EntityType, LocalEntity, Mention } from '../../server/src/analysis/model';

export interface EntitySpec { type: EntityType; forms: string[]; titles?: string[] }

export function mentionsFor(text: string, specs: EntitySpec[]): { mentions: Mention[]; entities: LocalEntity[] } {
  const found: Mention[] = [];
  const taken = new Uint8Array(text.length);
  const forms = specs.flatMap((s, local) => s.forms.map((form) => ({ form, local, type: s.type })))
    .sort((a, b) => b.form.length - a.form.length);
  for (const { form, local, type } of forms) {
    let i = text.indexOf(form);
    while (i >= 0) {
      const end = i + form.length;
      const wordBefore = i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]);
      const wordAfter = end < text.length && /[\p{L}\p{N}]/u.test(text[end]);
      let free = true;
      for (let k = i; k < end; k++) if (taken[k]) { free = false; break; }
      if (!wordBefore && !wordAfter && free) {
        taken.fill(1, i, end);
        found.push({ start: i, end, text: form, type, local });
      }
      i = text.indexOf(form, i + 1);
    }
  }
  found.sort((a, b) => a.start - b.start);
  const entities: LocalEntity[] = specs.map((s) => ({ type: s.type, name: s.forms[0], mentions: [], aliases: [], titles:
    (s.titles ?? []).map((t) => ({ start: 0, end: 0, text: t, normalized: t.toLowerCase() })) }));
  found.forEach((m, idx) => {
    const e = entities[m.local];
    e.mentions.push(idx);
    if (!e.aliases.includes(m.text)) e.aliases.push(m.text);
  });
  return { mentions: found, entities };
}
