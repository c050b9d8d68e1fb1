/**
 * Within one article: which mentions name the same thing. "Maj Gen Ivan Popov", "Popov" and
 * "Popov's" are one person; "Institute for the Study of War (ISW)" and "ISW" one organisation.
 */
import { LocalEntity, Mention } from './model';
import { acronymOf, firstNamesCompatible, foldWord, isAcronym, nameKey, orgKey, wordsOf } from './normalize';

interface Draft { entity: LocalEntity; key: string; first: string; acronym: string; index: number }

/** The key that links mentions of one type: surname for people, unit or name for organisations. */
export function mentionKey(m: Pick<Mention, 'text' | 'type' | 'qualifier'>): string {
  const words = wordsOf(m.text);
  if (words.length === 0) return '';
  if (m.qualifier === 'region') return `${nameKey(m.text)} region`;
  if (m.type === 'PER') return foldWord(words[words.length - 1]);
  if (m.type === 'ORG') return orgKey(m.text);
  return nameKey(m.text);
}

/** Folded first name of a person mention with two or more words, else ''. */
export function firstName(m: Pick<Mention, 'text'>): string {
  const words = wordsOf(m.text);
  return words.length > 1 ? foldWord(words[0]) : '';
}

/**
 * Group the mentions (sorted by start) into local entities and set each mention's `local`.
 * DATE mentions each get an entity of their own per distinct value.
 */
export function resolveLocalEntities(text: string, mentions: Mention[]): LocalEntity[] {
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft[]>();
  const add = (m: Mention, index: number, key: string, first: string): Draft => {
    const d: Draft = {
      entity: { type: m.type, name: m.qualifier === 'region' ? `${cleanName(m.text)} region` : cleanName(m.text), mentions: [], aliases: [], titles: [] },
      key, first, acronym: m.type === 'ORG' ? acronymOf(m.text) : '', index: drafts.length,
    };
    drafts.push(d);
    const list = byKey.get(`${m.type}:${key}`) ?? [];
    list.push(d);
    byKey.set(`${m.type}:${key}`, list);
    void index;
    return d;
  };
  const assign = (d: Draft, m: Mention, index: number): void => {
    m.local = d.index;
    d.entity.mentions.push(index);
    const alias = cleanName(m.text);
    if (!d.entity.aliases.includes(alias)) d.entity.aliases.push(alias);
    if (m.title && !d.entity.titles.some((t) => t.normalized === m.title!.normalized && t.text === m.title!.text)) {
      d.entity.titles.push(m.title);
    }
    const words = wordsOf(alias).length;
    if (words > wordsOf(d.entity.name).length && !m.qualifier) d.entity.name = alias;
  };

  // Pass 1: people with a first name, organisations, places and others.
  const pending: number[] = [];
  mentions.forEach((m, i) => {
    const key = m.type === 'DATE' ? (m.value ?? m.text.toLowerCase()) : mentionKey(m);
    if (m.type === 'PER') {
      const first = firstName(m);
      if (!first) { pending.push(i); return; }
      const candidates = byKey.get(`PER:${key}`) ?? [];
      const match = candidates.find((d) => firstNamesCompatible(d.first, first));
      const d = match ?? add(m, i, key, first);
      if (!d.first) d.first = first;
      assign(d, m, i);
      return;
    }
    if (m.type === 'ORG' && isAcronym(m.text.trim())) { pending.push(i); return; }
    const found = (byKey.get(`${m.type}:${key}`) ?? [])[0];
    assign(found ?? add(m, i, key, ''), m, i);
  });

  // Pass 2: surnames alone join the nearest preceding full name (or the first later one);
  // acronyms join the organisation they abbreviate (defined as "Long Name (ACR)" or by their letters).
  for (const i of pending) {
    const m = mentions[i];
    if (m.type === 'PER') {
      const key = mentionKey(m);
      const candidates = byKey.get(`PER:${key}`) ?? [];
      let target: Draft | undefined;
      let bestDistance = Infinity;
      for (const d of candidates) {
        const firstMention = mentions[d.entity.mentions[0]];
        if (!firstMention) continue;
        // prefer the closest full name before this mention
        const before = d.entity.mentions.filter((k) => mentions[k].start < m.start).map((k) => mentions[k].start);
        const distance = before.length ? m.start - Math.max(...before) : 1e9 + firstMention.start - m.start;
        if (distance < bestDistance) { bestDistance = distance; target = d; }
      }
      assign(target ?? add(m, i, key, ''), m, i);
      continue;
    }
    const acr = m.text.trim().toLowerCase();
    let target = drafts.find((d) => d.entity.type === 'ORG' && d.acronym === acr && d.key !== acr);
    if (!target) {
      // "Long Name (ACR)" where the letters differ from the words (e.g. "Federal Security Service (FSB)")
      const prev = mentions[i - 1];
      const between = prev ? text.slice(prev.end, m.start) : '';
      if (prev && prev.type === 'ORG' && /^\s*\(\s*$/.test(between) && prev.local >= 0) target = drafts[prev.local];
    }
    if (target) {
      if (!target.acronym) target.acronym = acr;
      assign(target, m, i);
    } else {
      const found = (byKey.get(`ORG:${acr}`) ?? [])[0];
      assign(found ?? add(m, i, acr, ''), m, i);
    }
  }
  // Mentions must list their entity's mentions in text order.
  for (const d of drafts) d.entity.mentions.sort((a, b) => a - b);
  return drafts.map((d) => d.entity);
}

/** The acronym of a local entity, when the article defines or uses one. */
export function entityAcronym(e: LocalEntity): string {
  const short = e.aliases.find((a) => isAcronym(a));
  if (short) return short.toLowerCase();
  return '';
}

function cleanName(s: string): string {
  return s.replace(/['\u2019]s$/, '').replace(/['\u2019]$/, '').replace(/\s+/g, ' ').trim();
}
